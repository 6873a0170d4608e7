"""In-memory state of the sandbox: users, chats, messages, files and pending updates."""

from __future__ import annotations

import asyncio
import copy
import itertools
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from sandbox.limits import Faults, RateLimiter, RateLimits, Stats

# Telegram leaves these out unless a bot asks for them in allowed_updates.
OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class Signal:
    """Wakes every current waiter at once; waiters re-check their condition afterwards."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, seconds: float | None) -> bool:
        try:
            await asyncio.wait_for(self._event.wait(), seconds)
        except TimeoutError:
            return False
        return True


@dataclass
class UserRec:
    data: dict[str, Any]
    blocked: bool = False

    @property
    def id(self) -> int:
        return self.data["id"]


@dataclass
class MessageRec:
    """One message; ``data`` is its current Bot API form, ``history`` its earlier forms."""

    data: dict[str, Any]
    from_bot: bool
    version: int
    markup: dict[str, Any] | None = None  # as sent, including reply keyboards
    history: list[dict[str, Any]] = field(default_factory=list)
    deleted: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "message": self.data,
            "from_bot": self.from_bot,
            "version": self.version,
            "reply_markup": self.markup,
            "history": self.history,
            "edited": bool(self.history),
            "deleted": self.deleted,
        }


@dataclass
class ChatRec:
    data: dict[str, Any]
    messages: dict[int, MessageRec] = field(default_factory=dict)
    next_message_id: int = 1

    @property
    def id(self) -> int:
        return self.data["id"]


@dataclass
class FileRec:
    file_id: str
    file_unique_id: str
    data: bytes
    kind: str  # "photo" or "document"
    file_path: str
    mime_type: str | None = None
    file_name: str | None = None


@dataclass
class CallbackRec:
    id: str
    user_id: int
    chat_id: int
    message_id: int
    data: str
    answer: dict[str, Any] | None = None


@dataclass
class WebhookConfig:
    url: str
    secret_token: str | None = None
    max_connections: int = 40
    last_error_date: int | None = None
    last_error_message: str | None = None


class Store:
    """Everything the sandbox knows; mutated only from the event loop, so no locks."""

    def __init__(self, token: str, bot_username: str, bot_name: str, limits: RateLimits | None):
        self.token = token
        bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 1
        self.bot: dict[str, Any] = {
            "id": bot_id,
            "is_bot": True,
            "first_name": bot_name,
            "username": bot_username,
        }
        self.users: dict[int, UserRec] = {}
        self.chats: dict[int, ChatRec] = {}
        self.files: dict[str, FileRec] = {}
        self.files_by_path: dict[str, FileRec] = {}
        self.callbacks: dict[str, CallbackRec] = {}
        self.commands: dict[tuple[Any, ...], list[dict[str, str]]] = {}
        self.menu_buttons: dict[int, dict[str, Any]] = {}  # chat id (0: every chat) -> MenuButton
        self.updates: list[dict[str, Any]] = []
        self.allowed_updates: frozenset[str] | None = None
        self.webhook: WebhookConfig | None = None
        self.poll_generation = 0
        self.closing = False
        self.version = 0  # bumped on every change a user could see
        self.changed = Signal()  # chat messages and callback answers
        self.updates_signal = Signal()  # update queue and webhook configuration
        self.poll_waiting = Signal()  # a long poll found nothing and began to wait
        self.limiter = RateLimiter(limits)
        self.faults = Faults()
        self.stats = Stats()
        self._user_ids = itertools.count(700_000_001)
        self._update_ids = itertools.count(10_001)
        self._file_numbers = itertools.count(1)

    # users and chats -------------------------------------------------------------------------

    def add_user(
        self, first_name: str, last_name: str = "", username: str | None = None, **extra: Any
    ) -> UserRec:
        """Create a user and their private chat; re-use an existing user with that username."""
        if username:
            found = self.find_user(username)
            if found is not None:
                return found
        data: dict[str, Any] = {"id": next(self._user_ids), "is_bot": False}
        data["first_name"] = first_name
        if last_name:
            data["last_name"] = last_name
        if username:
            data["username"] = username
        data.update({k: v for k, v in extra.items() if v is not None})
        user = UserRec(data)
        self.users[user.id] = user
        chat = {"id": user.id, "type": "private", "first_name": first_name}
        chat.update({k: data[k] for k in ("last_name", "username") if k in data})
        self.chats[user.id] = ChatRec(chat)
        return user

    def find_user(self, username: str) -> UserRec | None:
        wanted = username.lstrip("@").lower()
        for user in self.users.values():
            if (user.data.get("username") or "").lower() == wanted:
                return user
        return None

    # messages --------------------------------------------------------------------------------

    def bump(self) -> int:
        self.version += 1
        self.changed.notify()
        return self.version

    def add_message(
        self, chat: ChatRec, sender: dict[str, Any], fields: dict[str, Any], from_bot: bool
    ) -> MessageRec:
        message_id = chat.next_message_id
        chat.next_message_id += 1
        data = {"message_id": message_id, "from": sender, "chat": chat.data}
        data["date"] = int(time.time())
        data.update(fields)
        rec = MessageRec(data=data, from_bot=from_bot, version=self.bump())
        chat.messages[message_id] = rec
        return rec

    def edit_message(self, rec: MessageRec, data: dict[str, Any]) -> None:
        rec.history.append(rec.data)
        rec.data = data
        rec.version = self.bump()

    def delete_message(self, rec: MessageRec) -> None:
        rec.deleted = True
        rec.version = self.bump()

    # files -----------------------------------------------------------------------------------

    def add_file(
        self,
        data: bytes,
        kind: str,
        extension: str,
        mime_type: str | None = None,
        file_name: str | None = None,
    ) -> FileRec:
        # Telegram's ids are opaque base64 strings; these merely look similar.
        prefix = "AgAC" if kind == "photo" else "BQAC"
        folder = "photos" if kind == "photo" else "documents"
        number = next(self._file_numbers)
        rec = FileRec(
            file_id=prefix + secrets.token_urlsafe(36),
            file_unique_id="AQAD" + secrets.token_urlsafe(9),
            data=data,
            kind=kind,
            file_path=f"{folder}/file_{number}.{extension}",
            mime_type=mime_type,
            file_name=file_name,
        )
        self.files[rec.file_id] = rec
        self.files_by_path[rec.file_path] = rec
        return rec

    # updates ---------------------------------------------------------------------------------

    def push_update(self, kind: str, payload: dict[str, Any]) -> int | None:
        """Queue an update unless the bot's allowed_updates excludes its kind."""
        allowed = self.allowed_updates
        if (allowed and kind not in allowed) or (not allowed and kind in OPT_IN_UPDATES):
            return None
        update_id = next(self._update_ids)
        self.updates.append({"update_id": update_id, kind: copy.deepcopy(payload)})
        self.updates_signal.notify()
        return update_id

    def set_blocked(self, user: UserRec, blocked: bool) -> None:
        """The user blocks or unblocks the bot; Telegram tells the bot with my_chat_member."""
        if user.blocked == blocked:
            return
        user.blocked = blocked
        before, after = ("member", "kicked") if blocked else ("kicked", "member")
        self.push_update(
            "my_chat_member",
            {
                "chat": self.chats[user.id].data,
                "from": user.data,
                "date": int(time.time()),
                "old_chat_member": self._bot_member(before),
                "new_chat_member": self._bot_member(after),
            },
        )

    def _bot_member(self, status: str) -> dict[str, Any]:
        member: dict[str, Any] = {"user": self.bot, "status": status}
        if status == "kicked":
            member["until_date"] = 0  # banned for good, as a block is
        return member

    def confirm(self, offset: int) -> None:
        """Forget updates below ``offset``; a negative offset keeps only the last -offset."""
        if offset < 0:
            self.updates = self.updates[offset:]
        else:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]

    def drop_pending(self) -> None:
        self.updates.clear()
