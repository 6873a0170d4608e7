"""What a sandbox user sees: bot messages as they stand, and answers to button presses."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sandbox.client import SandboxClient


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
