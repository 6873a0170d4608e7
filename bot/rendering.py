"""Turns an outbox notification into the message a chat sees: text and buttons."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.keyboards import request_answer
from bot.texts import t
from domain.models import Category, Notification

REQUESTS = {Category.ENROLLMENT_REQUEST: "enrollment", Category.DEDUCTION_REQUEST: "deduction"}
ASKING_AGAIN = {"enrollment_reminder": "enrollment"}  # reminders that carry the request's buttons


def render_notification(note: Notification) -> tuple[str, InlineKeyboardMarkup | None]:
    params = dict(note.params)
    reason = params.get("reason") or ""
    params["reason_suffix"] = f" ({reason})" if reason else ""
    text = t(note.key, **params)
    kind = REQUESTS.get(note.category) or ASKING_AGAIN.get(note.key)
    if kind and note.request_id is not None:
        return text, request_answer(note.request_id, kind)
    return text, None
