"""Turns an outbox notification into the message a chat sees: text and buttons."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from telegram import InlineKeyboardMarkup

from bot.i18n import short_day, t, use_locale
from bot.keyboards import request_answer
from bot.keyboards_admin import approve_business
from domain.models import Category, Notification

REQUESTS = {Category.ENROLLMENT_REQUEST: "enrollment", Category.DEDUCTION_REQUEST: "deduction"}
ASKING_AGAIN = {"enrollment_reminder": "enrollment"}  # reminders that carry the request's buttons


def reason_suffix(reason: object) -> str:
    """ " (birthday treat)" after a request's amount, when staff gave a reason."""
    return t("reason_suffix", reason=str(reason)) if reason else ""


def render_notification(note: Notification) -> tuple[str, InlineKeyboardMarkup | None]:
    """The message in its recipient's language as it is now, whoever caused it."""
    with use_locale(note.locale):
        params = {**note.params, **_days(note.params)}
        text = t(note.key, **params, reason_suffix=reason_suffix(note.params.get("reason")))
        if note.key == "admin_new_business":  # the operator's Approve button
            return text, approve_business(int(note.params["business_id"] or 0))
        kind = REQUESTS.get(note.category) or ASKING_AGAIN.get(note.key)
        if kind and note.request_id is not None:
            return text, request_answer(note.request_id, kind)
        return text, None


def _days(params: Mapping[str, object]) -> dict[str, str]:
    """A day stored as an ISO date (`on`: the business's local day) as the reader writes it."""
    on = params.get("on")
    return {"on": short_day(date.fromisoformat(on))} if isinstance(on, str) else {}
