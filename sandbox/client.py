"""Async client of the control API: create users, act as them, and read what the bot sent."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable, Iterable
from typing import Any

import aiohttp

from sandbox.transcript import CallbackAnswer, Press, SandboxError, SandboxMessage

__all__ = [
    "CallbackAnswer",
    "Press",
    "SandboxClient",
    "SandboxError",
    "SandboxMessage",
    "SandboxUser",
]


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

    async def edit_text(self, message: SandboxMessage | int, text: str) -> int | None:
        """Edit a text message this user sent; the update's id, or None when the bot's
        allowed_updates leave out edited_message (Telegram then sends nothing)."""
        message_id = message if isinstance(message, int) else message.message_id
        path = self._path(f"messages/{message_id}/edit")
        res = await self._acted(await self.client.request("POST", path, {"text": text}))
        return res["update_id"]

    async def start(self, payload: str | None = None) -> SandboxMessage:
        """Open the bot as a deep link ``t.me/<bot>?start=<payload>`` does."""
        return await self.send_text(f"/start {payload}" if payload else "/start")

    async def send_photo(
        self, data: bytes, caption: str | None = None, filename: str = "photo.jpg"
    ) -> SandboxMessage:
        form = aiohttp.FormData()
        form.add_field("photo", io.BytesIO(data), filename=filename, content_type="image/jpeg")
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
            io.BytesIO(data),
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
        self,
        since: int = 0,
        timeout: float = 0,
        include_user: bool = False,
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
        """The user blocks the bot: the bot gets my_chat_member (kicked), and sends to them
        answer 403 until they unblock it or write (my_chat_member: member again)."""
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
