"""Customer button presses: answering requests and switching notification categories."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot import keyboards, menus
from bot.callbacks import Prefix, pattern, pressed
from bot.i18n import LOCALES, set_locale, t
from bot.services import BotApp, Context
from domain.approvals import Answered, answer_request
from domain.commands import AnswerRequest, ChooseLanguage, SetPreference
from domain.errors import InvalidInput
from domain.models import Category, RequestKind, RequestOutcome, RequestStatus
from domain.preferences import choose_language, get_preferences, set_preference
from domain.queries import staff_memberships


async def on_request_answer(update: Update, context: Context) -> None:
    """Accept / Reject / Approve pressed under a request: the use case checks who and when."""
    button = pressed(update, 2)
    approve = button.choice(1, "y", "n") == "y"
    days = context.services.settings.invite_cooldown_days
    cmd = AnswerRequest(button.number(0), button.query.from_user.id, approve=approve,
                        invite_cooldown=timedelta(days=days))  # fmt: skip
    answered = await answer_request(context.services.uow(), cmd)
    context.services.dispatcher.wake()
    await button.query.answer()
    await button.query.edit_message_text(_outcome_text(answered))


def _outcome_text(answered: Answered) -> str:
    request = answered.request
    names = {"business": answered.business, "program": answered.program}
    if request.kind is RequestKind.ENROLLMENT:
        key = "answer_accepted" if request.status is RequestStatus.APPROVED else "answer_rejected"
        return t(key, **names)
    balance = answered.card.balance if answered.card else 0
    redemption = request.kind is RequestKind.REDEMPTION
    if request.status is RequestStatus.APPROVED and redemption:
        return t("answer_reward_redeemed", reward=request.reason, balance=balance, **names)
    if request.status is RequestStatus.APPROVED:
        return t("answer_approved", amount=request.amount, balance=balance, **names)
    if request.outcome is RequestOutcome.REWARD_REMOVED:
        return t("answer_reward_removed", reward=request.reason, **names)
    if request.status is RequestStatus.CANCELLED:
        return t("answer_insufficient", **names)
    return t("answer_refused", **names)


async def on_preference_toggle(update: Update, context: Context) -> None:
    """A category button in Settings: flip it and redraw the buttons."""
    button = pressed(update, 1)
    query = button.query
    try:
        category = Category(button.text(0))
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


async def on_languages(update: Update, context: Context) -> None:
    """🌐 Language in Settings: the languages, each named in its own."""
    button = pressed(update, 0)
    await button.query.answer()
    await button.message.reply_text(t("language_header"), reply_markup=keyboards.languages())


async def on_language(update: Update, context: Context) -> None:
    """A language button: speak it from now on, menus and keyboard included."""
    button = pressed(update, 1)
    locale = button.choice(0, *LOCALES)
    user_id = button.query.from_user.id
    await choose_language(context.services.uow(), ChooseLanguage(user_id, locale))
    set_locale(locale)
    await button.query.answer()
    chat_id = button.message.chat_id
    operator = context.services.is_operator(user_id)
    if await staff_memberships(context.services.view_uow(), user_id):
        await menus.set_staff_commands(context.bot, chat_id, locale, operator=operator)
    else:
        await menus.set_customer_commands(context.bot, chat_id, locale, operator=operator)
    await button.message.reply_text(
        t("language_chosen"), reply_markup=keyboards.customer_menu(context.services.webapp_url)
    )


def register(app: BotApp) -> None:
    app.add_handler(CallbackQueryHandler(on_request_answer, pattern=pattern(Prefix.ANSWER)))
    app.add_handler(CallbackQueryHandler(on_preference_toggle, pattern=pattern(Prefix.PREF)))
    app.add_handler(CallbackQueryHandler(on_languages, pattern=pattern(Prefix.LANGUAGES)))
    app.add_handler(CallbackQueryHandler(on_language, pattern=pattern(Prefix.LANGUAGE)))
