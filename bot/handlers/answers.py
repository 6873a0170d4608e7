"""Customer button presses: answering requests and switching notification categories."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler

from bot import keyboards
from bot.callbacks import Prefix, decode, pattern
from bot.services import Context
from bot.texts import t
from domain.approvals import answer_request
from domain.commands import AnswerRequest, SetPreference
from domain.errors import InvalidInput
from domain.models import Category, RequestKind, RequestStatus
from domain.preferences import get_preferences, set_preference


async def on_request_answer(update: Update, context: Context) -> None:
    """Accept / Reject / Approve pressed under a request: the use case checks who and when."""
    query = update.callback_query
    callback = decode(query.data)
    if callback is None or len(callback.args) != 2 or callback.args[1] not in ("y", "n"):
        raise InvalidInput("stale_button")
    cmd = AnswerRequest(callback.int(0), query.from_user.id, approve=callback.args[1] == "y")
    answered = await answer_request(context.services.uow(), cmd)
    context.services.dispatcher.wake()
    await query.answer()
    await query.edit_message_text(_outcome_text(answered))


def _outcome_text(answered) -> str:
    request = answered.request
    names = {"business": answered.business, "program": answered.program}
    if request.kind is RequestKind.ENROLLMENT:
        key = "answer_accepted" if request.status is RequestStatus.APPROVED else "answer_rejected"
        return t(key, **names)
    if request.status is RequestStatus.APPROVED:
        return t("answer_approved", amount=request.amount, balance=answered.card.balance, **names)
    if request.status is RequestStatus.CANCELLED:
        return t("answer_insufficient", **names)
    return t("answer_refused", **names)


async def on_preference_toggle(update: Update, context: Context) -> None:
    """A category button in Settings: flip it and redraw the buttons."""
    query = update.callback_query
    callback = decode(query.data)
    if callback is None or len(callback.args) != 1:
        raise InvalidInput("stale_button")
    try:
        category = Category(callback.args[0])
    except ValueError:
        raise InvalidInput("unknown_category") from None
    uow = context.services.uow
    current = await get_preferences(uow(), query.from_user.id)
    if category not in current:
        raise InvalidInput("category_always_on")
    prefs = await set_preference(
        uow(), SetPreference(query.from_user.id, category, not current[category])
    )
    await query.answer(t("settings_saved"))
    await query.edit_message_reply_markup(keyboards.preferences(prefs))


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(on_request_answer, pattern=pattern(Prefix.ANSWER)))
    app.add_handler(CallbackQueryHandler(on_preference_toggle, pattern=pattern(Prefix.PREF)))
