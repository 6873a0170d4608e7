"""What a sandbox user can do: send text, photos and documents, and press inline buttons."""

from __future__ import annotations

import re
import secrets
import time
from typing import Any

from sandbox.files import MAX_DOCUMENT_UPLOAD, MAX_PHOTO_UPLOAD, document_object, photo_sizes
from sandbox.keyboards import inline_buttons
from sandbox.markup import command_entities
from sandbox.params import Upload
from sandbox.state import CallbackRec, ChatRec, Store, UserRec


class ActionError(Exception):
    """A user action that cannot happen (unknown message, no such button, ...)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


MAX_NAME = 64  # Telegram's limit on a first name
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")


def _language(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _LANGUAGE.match(value):
        raise ActionError(400, f"language_code must look like 'en' or 'pt-BR', not {value!r}")
    return value


def profile(body: dict[str, Any]) -> dict[str, Any]:
    """The fields of a new user from a request body; names are kept as typed, markup and all."""
    name = body.get("first_name")
    if name is None or name == "":
        name = "User"
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
        raise ActionError(400, f"first_name must be 1 to {MAX_NAME} characters")
    return {
        "first_name": name,
        "language_code": _language(body.get("language_code")),
        "is_premium": body.get("is_premium"),
    }


def set_language(user: UserRec, value: Any) -> UserRec:
    """What the user's Telegram app reports as its language from now on (None: nothing)."""
    language = _language(value)
    if language is None:
        user.data.pop("language_code", None)
    else:
        user.data["language_code"] = language
    return user


def _chat(store: Store, user: UserRec) -> ChatRec:
    # Writing to a bot one has blocked means pressing "Restart" first, which unblocks it.
    store.set_blocked(user, False)
    return store.chats[user.id]


def _post(store: Store, user: UserRec, fields: dict[str, Any]) -> dict[str, Any]:
    chat = _chat(store, user)
    rec = store.add_message(chat, user.data, fields, from_bot=False)
    update_id = store.push_update("message", rec.data)
    return {"message": rec.data, "update_id": update_id, "version": store.version}


def _reply(chat: ChatRec, reply_to: int | None) -> dict[str, Any]:
    if reply_to is None:
        return {}
    rec = chat.messages.get(reply_to)
    if rec is None or rec.deleted:
        raise ActionError(404, f"message {reply_to} not found in chat {chat.id}")
    return {"reply_to_message": {k: v for k, v in rec.data.items() if k != "reply_to_message"}}


def send_text(
    store: Store, user: UserRec, text: str, reply_to: int | None = None
) -> dict[str, Any]:
    if not text.strip():
        raise ActionError(400, "text is empty")
    fields: dict[str, Any] = {"text": text, **_reply(store.chats[user.id], reply_to)}
    entities = command_entities(text)
    if entities:
        fields["entities"] = entities
    return _post(store, user, fields)


def edit_text(store: Store, user: UserRec, message_id: int, text: str) -> dict[str, Any]:
    """The user edits a text message they sent: Telegram sends `edited_message` (if asked for)."""
    chat = _chat(store, user)
    rec = chat.messages.get(message_id)
    if rec is None or rec.deleted or rec.from_bot or "text" not in rec.data:
        raise ActionError(404, f"no text message {message_id} of the user in chat {chat.id}")
    if not text.strip():
        raise ActionError(400, "text is empty")
    data = {k: v for k, v in rec.data.items() if k != "entities"}
    data.update(text=text, edit_date=int(time.time()))
    entities = command_entities(text)
    if entities:
        data["entities"] = entities
    store.edit_message(rec, data)
    update_id = store.push_update("edited_message", rec.data)
    return {"message": rec.data, "update_id": update_id, "version": store.version}


def send_photo(
    store: Store, user: UserRec, data: bytes, caption: str | None = None
) -> dict[str, Any]:
    if len(data) > MAX_PHOTO_UPLOAD:
        raise ActionError(400, f"a photo may be at most {MAX_PHOTO_UPLOAD // 2**20} MB")
    try:
        sizes = photo_sizes(store, data)
    except Exception as exc:
        raise ActionError(400, f"not an image Telegram could process: {exc}") from None
    fields: dict[str, Any] = {"photo": sizes}
    if caption:
        fields["caption"] = caption
        entities = command_entities(caption)
        if entities:
            fields["caption_entities"] = entities
    return _post(store, user, fields)


def send_document(
    store: Store,
    user: UserRec,
    data: bytes,
    filename: str,
    mime_type: str | None,
    caption: str | None = None,
) -> dict[str, Any]:
    if len(data) > MAX_DOCUMENT_UPLOAD:
        raise ActionError(400, f"a file may be at most {MAX_DOCUMENT_UPLOAD // 2**20} MB")
    fields: dict[str, Any] = {
        "document": document_object(store, Upload(data, filename, mime_type))
    }
    if caption:
        fields["caption"] = caption
    return _post(store, user, fields)


def press(
    store: Store,
    user: UserRec,
    message_id: int,
    label: str | None = None,
    data: str | None = None,
    forged: bool = False,
) -> dict[str, Any]:
    """Queue a callback_query for a button of a bot message (or, if forged, any data at all)."""
    chat = _chat(store, user)
    rec = chat.messages.get(message_id)
    if rec is None or rec.deleted or not rec.from_bot:
        raise ActionError(404, f"no bot message {message_id} in chat {chat.id}")
    if not forged:
        buttons = inline_buttons(rec.data.get("reply_markup"))
        match = [
            b
            for b in buttons
            if "callback_data" in b
            and (label is None or b["text"] == label)
            and (data is None or b["callback_data"] == data)
        ]
        if (label is None and data is None) or not match:
            shown = [(b["text"], b.get("callback_data")) for b in buttons]
            raise ActionError(
                404, f"no button label={label!r} data={data!r} on message {message_id}: {shown}"
            )
        data = match[0]["callback_data"]
    if not data:
        raise ActionError(400, "callback data is empty")
    query = CallbackRec(
        id=str(secrets.randbits(62)),
        user_id=user.id,
        chat_id=chat.id,
        message_id=message_id,
        data=data,
    )
    store.callbacks[query.id] = query
    payload = {
        "id": query.id,
        "from": user.data,
        "message": rec.data,
        "chat_instance": str(chat.id * 2654435761 % 2**62),
        "data": data,
    }
    update_id = store.push_update("callback_query", payload)
    return {"callback_query_id": query.id, "update_id": update_id, "version": store.version}
