"""Async client of the control API: create users, act as them, and read what the bot sent."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import aiohttp


class SandboxError(RuntimeError):
    """The control API refused a request (unknown user, no such button, ...)."""


class CallbackAnswer(str):
    """The text of an answerCallbackQuery; ``show_alert``, ``url`` and ``data`` ride along."""

    query_id: str
    data: str
    show_alert: bool
    url: str | None

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> CallbackAnswer:
        answer = cls(raw.get("text") or "")
        answer.query_id = raw.get("callback_query_id", "")
        answer.data = raw.get("data", "")
        answer.show_alert = bool(raw.get("show_alert"))
        answer.url = raw.get("url")
        return answer


@dataclass
class SandboxMessage:
    """One message in a chat as it stands now, with its earlier versions in ``edit_history``."""

    raw: dict[str, Any]
    from_bot: bool = True
    version: int = 0
    reply_markup: dict[str, Any] | None = None  # as sent: inline or reply keyboard, or removal
    edit_history: list[dict[str, Any]] = field(default_factory=list)
    deleted: bool = False
    file_bytes: bytes | None = None
    client: SandboxClient | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_json(cls, raw: dict[str, Any], client: SandboxClient | None) -> SandboxMessage:
        data = raw.get("file_bytes")
        return cls(
            raw=raw["message"],
            from_bot=raw.get("from_bot", True),
            version=raw.get("version", 0),
            reply_markup=raw.get("reply_markup"),
            edit_history=raw.get("history") or [],
            deleted=raw.get("deleted", False),
            file_bytes=base64.b64decode(data) if data else None,
            client=client,
        )

    message_id = property(lambda self: self.raw["message_id"])
    chat_id = property(lambda self: self.raw["chat"]["id"])
    date = property(lambda self: self.raw["date"])
    text = property(lambda self: self.raw.get("text"))
    caption = property(lambda self: self.raw.get("caption"))
    entities = property(lambda self: self.raw.get("entities") or self.raw.get("caption_entities"))
    photo = property(lambda self: self.raw.get("photo"))
    document = property(lambda self: self.raw.get("document"))
    edited = property(lambda self: bool(self.edit_history))

    @property
    def content(self) -> str:
        """Text or caption, whichever the message has."""
        return self.text or self.caption or ""

    @property
    def photo_bytes(self) -> bytes | None:
        """Bytes of the largest PhotoSize (the bytes the bot uploaded)."""
        return self.file_bytes if self.photo else None

    @property
    def document_bytes(self) -> bytes | None:
        return self.file_bytes if self.document else None

    @property
    def buttons(self) -> list[list[tuple[str, str | None]]]:
        """Inline keyboard as rows of (label, callback_data or the button's url)."""
        rows = (self.raw.get("reply_markup") or {}).get("inline_keyboard") or []
        return [[(b["text"], b.get("callback_data", b.get("url"))) for b in row] for row in rows]

    @property
    def button_labels(self) -> list[str]:
        return [label for row in self.buttons for label, _ in row]

    async def fetch_photo(self) -> bytes:
        """Download the largest photo size again through the control API."""
        if not self.photo or self.client is None:
            raise SandboxError(f"message {self.message_id} has no photo")
        return await self.client.file_bytes(self.photo[-1]["file_id"])

    def __str__(self) -> str:
        flags = " (edited)" * self.edited + " (deleted)" * self.deleted
        media = "[photo] " * bool(self.photo) + "[document] " * bool(self.document)
        keys = f" buttons={self.buttons}" if self.buttons else ""
        return f"#{self.message_id}{flags}: {media}{self.content!r}{keys}"


@dataclass
class Press:
    """A queued callback_query; ``await answer()`` waits for the bot's answerCallbackQuery."""

    callback_query_id: str
    update_id: int | None
    client: SandboxClient = field(repr=False)

    async def answer(self, timeout: float = 5.0) -> CallbackAnswer | None:
        body = await self.client.request(
            "GET", f"/sandbox/callbacks/{self.callback_query_id}", params={"wait": timeout}
        )
        if body["answer"] is None:
            return None
        return CallbackAnswer.from_json({"data": body["data"], **body["answer"]})


class SandboxUser:
    """A Telegram user in the sandbox; their private chat with the bot has ``chat_id == id``."""

    def __init__(self, client: SandboxClient, raw: dict[str, Any]) -> None:
        self.client = client
        self.data: dict[str, Any] = raw["user"]
        self.id: int = self.data["id"]
        self.chat_id: int = raw["chat_id"]
        self.first_name: str = self.data["first_name"]
        self.username: str | None = self.data.get("username")
        # wait_for looks at bot messages changed after this user's latest action.
        self.mark: int = raw.get("version", 0)

    def __repr__(self) -> str:
        return f"SandboxUser(id={self.id}, username={self.username!r})"

    def _path(self, suffix: str) -> str:
        return f"/sandbox/users/{self.id}/{suffix}"

    async def _acted(self, body: dict[str, Any]) -> dict[str, Any]:
        self.mark = max(self.mark, body.get("version", 0))
        return body

    async def send_text(self, text: str, reply_to: int | None = None) -> SandboxMessage:
        body = {"text": text, "reply_to_message_id": reply_to}
        res = await self._acted(await self.client.request("POST", self._path("messages"), body))
        return SandboxMessage(res["message"], from_bot=False, client=self.client)

    async def start(self, payload: str | None = None) -> SandboxMessage:
        """Open the bot as a deep link ``t.me/<bot>?start=<payload>`` does."""
        return await self.send_text(f"/start {payload}" if payload else "/start")

    async def send_photo(
        self, data: bytes, caption: str | None = None, filename: str = "photo.jpg"
    ) -> SandboxMessage:
        form = aiohttp.FormData()
        form.add_field("photo", data, filename=filename, content_type="image/jpeg")
        if caption:
            form.add_field("caption", caption)
        res = await self._acted(await self.client.request("POST", self._path("photos"), form=form))
        return SandboxMessage(res["message"], from_bot=False, client=self.client)

    async def send_document(
        self,
        data: bytes,
        filename: str = "file.bin",
        mime_type: str | None = None,
        caption: str | None = None,
    ) -> SandboxMessage:
        form = aiohttp.FormData()
        form.add_field(
            "document",
            data,
            filename=filename,
            content_type=mime_type or "application/octet-stream",
        )
        if caption:
            form.add_field("caption", caption)
        path = self._path("documents")
        res = await self._acted(await self.client.request("POST", path, form=form))
        return SandboxMessage(res["message"], from_bot=False, client=self.client)

    async def press(
        self, message: SandboxMessage | int, label: str | None = None, data: str | None = None
    ) -> Press:
        """Press the inline button with this label (or callback data) on a bot message."""
        message_id = message if isinstance(message, int) else message.message_id
        body = {"message_id": message_id, "label": label, "data": data}
        res = await self._acted(await self.client.request("POST", self._path("press"), body))
        return Press(res["callback_query_id"], res["update_id"], self.client)

    async def press_data(self, message: SandboxMessage | int, data: str) -> Press:
        """Send a callback with arbitrary data on a bot message, as a forged button would."""
        message_id = message if isinstance(message, int) else message.message_id
        body = {"message_id": message_id, "data": data, "forged": True}
        res = await self._acted(await self.client.request("POST", self._path("press"), body))
        return Press(res["callback_query_id"], res["update_id"], self.client)

    async def changes(
        self, since: int = 0, timeout: float = 0, include_user: bool = False
    ) -> tuple[int, list[SandboxMessage]]:
        """Messages changed after version ``since``, long-polling up to ``timeout`` seconds."""
        params = {"since": since, "wait": timeout, "all": "1" if include_user else "0"}
        path = f"/sandbox/chats/{self.chat_id}/messages"
        body = await self.client.request("GET", path, params=params)
        found = [SandboxMessage.from_json(m, self.client) for m in body["messages"]]
        return body["version"], found

    async def transcript(self, include_user: bool = False) -> list[SandboxMessage]:
        """Every bot message in this chat, oldest first, deleted ones flagged."""
        _, found = await self.changes(0, 0, include_user)
        return found

    async def last_message(self) -> SandboxMessage | None:
        alive = [m for m in await self.transcript() if not m.deleted]
        return alive[-1] if alive else None

    async def wait_for(
        self,
        predicate: Callable[[SandboxMessage], bool],
        timeout: float = 5.0,
        since: int | None = None,
    ) -> SandboxMessage:
        """First bot message, new or edited after this user's latest action, that matches.

        Pass ``since=0`` to consider the whole transcript.
        """
        cursor = self.mark if since is None else since
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            cursor, found = await self.changes(cursor, max(left, 0))
            for message in found:
                if not message.deleted and predicate(message):
                    return message
            if deadline - time.monotonic() <= 0:
                shown = "\n".join(f"  {m}" for m in await self.transcript()) or "  (empty)"
                raise TimeoutError(
                    f"no matching bot message for {self.username or self.id} within "
                    f"{timeout}s; transcript:\n{shown}"
                )

    async def wait_for_text(self, needle: str, timeout: float = 5.0) -> SandboxMessage:
        return await self.wait_for(lambda m: needle in m.content, timeout)

    async def callback_answers(self) -> list[CallbackAnswer]:
        found = await self.client.request("GET", self._path("callback_answers"))
        return [CallbackAnswer.from_json(raw) for raw in found]


class SandboxClient:
    """``async with SandboxClient(server.url) as sb:`` — works from any process."""

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        self.url = url.rstrip("/")
        self._timeout = timeout
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> SandboxClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def request(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        *,
        params: dict[str, Any] | None = None,
        form: aiohttp.FormData | None = None,
    ) -> Any:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        wait = float((params or {}).get("wait", 0))
        timeout = aiohttp.ClientTimeout(total=self._timeout + wait)
        query = {k: str(v) for k, v in (params or {}).items()}
        async with self._session.request(
            method, self.url + path, json=body, data=form, params=query, timeout=timeout
        ) as resp:
            raw = await resp.read()
            if resp.status >= 400:
                raise SandboxError(
                    f"{method} {path}: {resp.status} {raw.decode(errors='replace')}"
                )
            return json.loads(raw) if resp.content_type == "application/json" else raw

    async def create_user(
        self,
        first_name: str = "User",
        last_name: str = "",
        username: str | None = None,
        language_code: str | None = "en",
        is_premium: bool | None = None,
    ) -> SandboxUser:
        """Create a user; with a username already taken, return that user instead."""
        body = {
            "first_name": first_name,
            "last_name": last_name,
            "username": username,
            "language_code": language_code,
            "is_premium": is_premium,
        }
        return SandboxUser(self, await self.request("POST", "/sandbox/users", body))

    async def find_user(self, username: str) -> SandboxUser | None:
        found = await self.request("GET", "/sandbox/users", params={"username": username})
        return SandboxUser(self, found[0]) if found else None

    async def user(self, user_id: int) -> SandboxUser:
        return SandboxUser(self, await self.request("GET", f"/sandbox/users/{user_id}"))

    async def block(self, user: SandboxUser | int) -> None:
        """The user blocks the bot: sends to them answer 403 until unblocked or they write."""
        user_id = user if isinstance(user, int) else user.id
        await self.request("POST", f"/sandbox/users/{user_id}/block")

    async def unblock(self, user: SandboxUser | int) -> None:
        user_id = user if isinstance(user, int) else user.id
        await self.request("POST", f"/sandbox/users/{user_id}/unblock")

    async def set_faults(
        self,
        rate_429: float = 0.0,
        rate_5xx: float = 0.0,
        rate_drop: float = 0.0,
        delay_ms: int = 0,
        methods: Iterable[str] | None = None,
        seed: int | None = None,
        retry_after: int = 1,
    ) -> dict[str, Any]:
        """Answer this share of Bot API calls (of ``methods``, or all) with faults."""
        body = {
            "rate_429": rate_429,
            "rate_5xx": rate_5xx,
            "rate_drop": rate_drop,
            "delay_ms": delay_ms,
            "methods": None if methods is None else list(methods),
            "seed": seed,
            "retry_after": retry_after,
        }
        return await self.request("POST", "/sandbox/faults", body)

    async def set_rate_limits(
        self,
        global_per_second: float = 30.0,
        per_chat_per_second: float = 1.0,
        per_chat_burst: int = 3,
        enabled: bool = True,
    ) -> dict[str, Any]:
        body = {
            "global_per_second": global_per_second,
            "per_chat_per_second": per_chat_per_second,
            "per_chat_burst": per_chat_burst,
            "enabled": enabled,
        }
        return await self.request("POST", "/sandbox/rate_limits", body)

    async def stats(self) -> dict[str, Any]:
        return await self.request("GET", "/sandbox/stats")

    async def reset_stats(self) -> dict[str, Any]:
        return await self.request("POST", "/sandbox/stats/reset")

    async def commands(
        self, scope: dict[str, Any] | None = None, language_code: str = ""
    ) -> list[dict[str, str]]:
        """The commands setMyCommands set for exactly this scope and language."""
        params = {
            "scope": json.dumps(scope or {"type": "default"}),
            "language_code": language_code,
        }
        return await self.request("GET", "/sandbox/commands", params=params)

    async def file_bytes(self, file_id: str) -> bytes:
        return await self.request("GET", f"/sandbox/files/{file_id}")

    async def bot_info(self) -> dict[str, Any]:
        return (await self.request("GET", "/sandbox/info"))["bot"]
