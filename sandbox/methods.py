"""Bot API methods that send, edit and delete messages and answer callback queries."""

from __future__ import annotations

import time
from typing import Any

from sandbox.files import input_document, input_photo
from sandbox.keyboards import check_reply_markup
from sandbox.markup import parse_text
from sandbox.params import ApiError, Params, bad_request, retry_after
from sandbox.state import ChatRec, MessageRec, Store

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_TEXT = 200
CHAT_ACTIONS = frozenset(
    "typing upload_photo record_video upload_video record_voice upload_voice upload_document "
    "choose_sticker find_location record_video_note upload_video_note".split()
)
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)


def target_chat(store: Store, p: Params) -> ChatRec:
    chat = store.chats.get(p.chat_id())
    if chat is None:
        raise bad_request("chat not found")
    user = store.users.get(chat.id)
    if user is not None and user.blocked:
        raise ApiError(403, "Forbidden: bot was blocked by the user")
    return chat


def _text(p: Params) -> tuple[str, list[dict[str, Any]]]:
    text = p.str("text")
    if text is None or not text.strip():
        raise bad_request("message text is empty")
    plain, entities = parse_text(text, p.str("parse_mode"), p.json("entities"))
    if not plain.strip():
        raise bad_request("message text is empty")
    if len(plain) > MAX_TEXT:
        raise bad_request("message is too long")
    return plain, entities


def _caption(p: Params) -> dict[str, Any]:
    caption = p.str("caption")
    if not caption:
        return {}
    plain, entities = parse_text(caption, p.str("parse_mode"), p.json("caption_entities"))
    if len(plain) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    fields: dict[str, Any] = {"caption": plain} if plain else {}
    if entities:
        fields["caption_entities"] = entities
    return fields


def _markup(p: Params, inline_only: bool = False) -> tuple[dict[str, Any] | None, str | None]:
    markup = p.json("reply_markup", "reply keyboard markup")
    kind = check_reply_markup(markup)
    if inline_only and kind not in (None, "inline"):
        raise bad_request("inline keyboard expected")
    return markup, kind


def _reply_to(chat: ChatRec, p: Params) -> dict[str, Any] | None:
    params = p.json("reply_parameters", "reply parameters") or {}
    message_id = params.get("message_id") or p.int("reply_to_message_id")
    if not message_id:
        return None
    allow = params.get("allow_sending_without_reply") or p.bool("allow_sending_without_reply")
    rec = chat.messages.get(int(message_id))
    if rec is None or rec.deleted:
        if allow:
            return None
        raise bad_request("message to be replied not found")
    return {k: v for k, v in rec.data.items() if k != "reply_to_message"}


def _deliver(store: Store, chat: ChatRec, p: Params, fields: dict[str, Any]) -> dict[str, Any]:
    """Validate the common parts, apply flood limits, and record the bot's new message."""
    markup, kind = _markup(p)
    reply = _reply_to(chat, p)
    wait = store.limiter.check(chat.id)
    if wait is not None:
        store.stats.rate_limited += 1
        raise retry_after(wait)
    if reply is not None:
        fields["reply_to_message"] = reply
    if kind == "inline" and markup and markup["inline_keyboard"]:
        fields["reply_markup"] = markup
    rec = store.add_message(chat, store.bot, fields, from_bot=True)
    rec.markup = markup
    store.stats.messages_sent += 1
    return rec.data


async def send_message(store: Store, p: Params) -> dict[str, Any]:
    chat = target_chat(store, p)
    text, entities = _text(p)
    fields: dict[str, Any] = {"text": text}
    if entities:
        fields["entities"] = entities
    return _deliver(store, chat, p, fields)


async def send_photo(store: Store, p: Params) -> dict[str, Any]:
    chat = target_chat(store, p)
    fields = _caption(p)
    _markup(p)  # fail on a bad keyboard before storing any file
    return _deliver(store, chat, p, {"photo": input_photo(store, p), **fields})


async def send_document(store: Store, p: Params) -> dict[str, Any]:
    chat = target_chat(store, p)
    fields = _caption(p)
    _markup(p)
    return _deliver(store, chat, p, {"document": input_document(store, p), **fields})


def _editable(store: Store, p: Params) -> MessageRec:
    if p.has("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    chat = target_chat(store, p)
    message_id = p.int("message_id", required="message identifier is not specified")
    rec = chat.messages.get(message_id)  # type: ignore[arg-type]
    if rec is None or rec.deleted:
        raise bad_request("message to edit not found")
    if not rec.from_bot:
        raise bad_request("message can't be edited")
    return rec


def _apply_edit(
    store: Store, rec: MessageRec, changes: dict[str, Any], markup: dict[str, Any] | None
) -> dict[str, Any]:
    """Replace content keys and the inline keyboard; refuse an edit that changes nothing."""
    new = {k: v for k, v in rec.data.items() if k not in changes and k != "edit_date"}
    new.pop("reply_markup", None)
    new.update({k: v for k, v in changes.items() if v})
    if markup and markup.get("inline_keyboard"):
        new["reply_markup"] = markup
    keys = (*changes, "reply_markup")
    if all(new.get(k) == rec.data.get(k) for k in keys):
        raise bad_request(NOT_MODIFIED)
    new["edit_date"] = int(time.time())
    store.edit_message(rec, new)
    rec.markup = markup
    return new


async def edit_message_text(store: Store, p: Params) -> dict[str, Any]:
    rec = _editable(store, p)
    if "text" not in rec.data:
        raise bad_request("there is no text in the message to edit")
    text, entities = _text(p)
    markup, _ = _markup(p, inline_only=True)
    return _apply_edit(store, rec, {"text": text, "entities": entities}, markup)


async def edit_message_caption(store: Store, p: Params) -> dict[str, Any]:
    rec = _editable(store, p)
    if "text" in rec.data:
        raise bad_request("there is no caption in the message to edit")
    fields = _caption(p)
    markup, _ = _markup(p, inline_only=True)
    changes = {
        "caption": fields.get("caption"),
        "caption_entities": fields.get("caption_entities"),
    }
    return _apply_edit(store, rec, changes, markup)


async def edit_message_reply_markup(store: Store, p: Params) -> dict[str, Any]:
    rec = _editable(store, p)
    markup, _ = _markup(p, inline_only=True)
    return _apply_edit(store, rec, {}, markup)


async def delete_message(store: Store, p: Params) -> bool:
    chat = target_chat(store, p)
    message_id = p.int("message_id", required="message identifier is not specified")
    rec = chat.messages.get(message_id)  # type: ignore[arg-type]
    if rec is None or rec.deleted:
        raise bad_request("message to delete not found")
    store.delete_message(rec)
    return True


async def answer_callback_query(store: Store, p: Params) -> bool:
    query_id = p.str("callback_query_id")
    if not query_id:
        raise bad_request("query_id is empty")
    rec = store.callbacks.get(query_id)
    if rec is None or rec.answer is not None:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    text = p.str("text") or ""
    if len(text) > MAX_CALLBACK_TEXT:
        raise bad_request("MESSAGE_TOO_LONG")
    rec.answer = {
        "text": text,
        "show_alert": p.bool("show_alert"),
        "url": p.str("url"),
        "cache_time": p.int("cache_time", 0),
    }
    store.bump()
    return True


async def send_chat_action(store: Store, p: Params) -> bool:
    target_chat(store, p)
    if p.str("action") not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True
