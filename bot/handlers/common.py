"""Shared handler pieces: registering whoever writes, the error handler, staff's business."""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from typing import Any

from telegram import Update
from telegram.constants import ChatMemberStatus
from telegram.error import BadRequest
from telegram.ext import ApplicationHandlerStop

from bot.i18n import DEFAULT, has, set_locale, t
from bot.logsafety import AlertGate, where
from bot.lru import LruCache
from bot.services import BotData, Context
from bot.steps import state_of
from bot.updates import message_of, user_of
from domain.commands import RegisterCustomer, SetBotBlocked
from domain.conversations import Acting, acting_staff
from domain.errors import DomainError, InvalidInput
from domain.events import ErrorAlerted
from domain.operators import alert_operators
from domain.people import register_customer, set_bot_blocked
from domain.preferences import chosen_language

log = logging.getLogger(__name__)
SEEN_TTL = 300.0  # seconds a registration is trusted before the next update refreshes it
SEEN_KEPT = 10_000  # users remembered as registered; one forgotten is registered again


async def on_any_update(update: Update, context: Context) -> None:
    """Register the person behind every update and speak their language for the rest of it.

    Writing again lifts a 'blocked' mark. The language is the one chosen in Settings, read from
    the database for every update (another worker may have stored it), else the app's.
    """
    user = update.effective_user
    chat = update.effective_chat
    if user is None or user.is_bot:
        return
    chosen = await chosen_language(context.services.uow(), user.id)
    set_locale(chosen or user.language_code or DEFAULT)
    if chat is None or chat.type != chat.PRIVATE:
        return  # a group's id must never become where a customer's messages go
    seen = _seen(context.bot_data)
    fingerprint = (chat.id, user.first_name, user.last_name, user.username, user.language_code)
    last = seen.get(user.id)
    if last and last[0] == fingerprint and time.monotonic() - last[1] < SEEN_TTL:
        return
    await register_customer(
        context.services.uow(),
        RegisterCustomer(
            telegram_id=user.id,
            chat_id=chat.id,
            first_name=user.first_name or "",
            last_name=user.last_name or "",
            username=user.username or "",
            language=user.language_code or "",
        ),
    )
    seen[user.id] = (fingerprint, time.monotonic())


async def on_my_chat_member(update: Update, context: Context) -> None:
    """The user blocked the bot ("kicked") or unblocked it: messages to them wait or go on.

    Telegram sends this to whichever process gets the update, so every worker learns of it;
    unblocking needs no message from the user, and no send is refused first to learn of a block.
    """
    change = update.my_chat_member
    if change is None:
        return
    if change.chat.type != change.chat.PRIVATE or change.from_user.is_bot:
        return
    blocked = change.new_chat_member.status == ChatMemberStatus.BANNED
    if blocked:
        forget_chat(context.bot_data, change.chat.id)
    await set_bot_blocked(
        context.services.uow(), SetBotBlocked(telegram_id=change.from_user.id, blocked=blocked)
    )


def forget_chat(bot_data: BotData, chat_id: int) -> None:
    """Forget whoever wrote from this chat; the dispatcher calls it when the chat blocks the bot.

    Without it a user seen minutes before blocking would skip registration when they write
    again, and the 'blocked' mark (and every message waiting for them) would stay.
    """
    seen = _seen(bot_data)
    for telegram_id, (fingerprint, _) in seen.items():
        if fingerprint[0] == chat_id:
            seen.pop(telegram_id)


def forget_user(bot_data: BotData, telegram_id: int) -> None:
    """Register this person afresh on their next update (their stored profile changed)."""
    _seen(bot_data).pop(telegram_id)


def _seen(bot_data: BotData) -> LruCache[int, tuple[Any, float]]:
    """Who wrote lately and as what; only the most recent are kept (bot.app sets how many)."""
    seen: LruCache[int, tuple[Any, float]] | None = bot_data.get("seen_users")
    if seen is None:
        seen = bot_data["seen_users"] = LruCache(SEEN_KEPT)
    return seen


async def on_error(update: object, context: Context) -> None:
    """Turn domain errors into a friendly answer; log everything else."""
    error = context.error
    if isinstance(error, DomainError):
        params = dict(error.params)
        if "what" in params:  # the domain names the thing as a code: program, reward, business
            params["what"] = t(f"thing_{params['what']}")
        text = t(error.key, **params) if has(error.key) else t(type(error).key)
    else:
        # Never the update itself: it holds what people typed (manual codes, QR tokens, names).
        update_id = update.update_id if isinstance(update, Update) else None
        log.error("update %s failed", update_id, exc_info=error)
        if error is not None:
            await _alert_operators(context, error)
        text = t("error")
    if isinstance(update, Update):
        await answer(update, text)


async def _alert_operators(context: Context, error: BaseException) -> None:
    """An outbox row to each operator, at most one per alert interval in this process."""
    services = context.services
    gate: AlertGate = context.bot_data.setdefault(
        "alert_gate", AlertGate(services.settings.alert_interval_seconds)
    )
    if not services.operators or (held := gate.admit(time.monotonic())) is None:
        return
    alert = ErrorAlerted(services.operators, type(error).__name__, where(error), held)
    try:
        await alert_operators(services.uow(), alert)
    except Exception:  # the alert must never hide the error it reports
        log.exception("could not alert operators")


async def answer(update: Update, text: str) -> None:
    """Answer a button press with an alert, or a message with a reply.

    A press already answered (the handler acknowledged it before failing) or answered too late
    cannot show an alert any more: the words go to its chat instead.
    """
    try:
        if update.callback_query is not None:
            try:
                await update.callback_query.answer(text[:200], show_alert=True)
                return
            except BadRequest as error:
                log.info("could not answer the button: %s", error.message)
        if update.effective_message is not None:
            await update.effective_message.reply_text(text)
    except BadRequest as error:  # e.g. the chat's message is gone: nothing left to tell
        log.info("could not answer update: %s", error.message)


async def current_staff(update: Update, context: Context) -> Acting:
    """The business this chat acts for: the one chosen, else the one the user owns (or the first).

    Read from the chat's stored state (one small read per update, no cache in the process);
    every use case checks again, in its own transaction, that the user is staff there.
    """
    state = await state_of(update, context)
    acting = await acting_staff(context.services.uow(), state, user_of(update).id)
    context.chat_state = replace(state, business_id=acting.business_id)
    return acting


def whole_number(text: str, error: DomainError) -> int:
    """The integer typed in `text`, or `error` raised."""
    try:
        return int(text.strip())
    except ValueError:
        raise error from None


async def on_edited(update: Update, context: Context) -> None:
    """An edited message: never a new command, scan or answer; nothing else sees it."""
    raise ApplicationHandlerStop


async def on_stale_button(update: Update, context: Context) -> None:
    """A button this bot no longer knows: answered, so the client stops waiting."""
    raise InvalidInput("stale_button")


async def on_unknown_command(update: Update, context: Context) -> None:
    """A command this bot does not have."""
    await message_of(update).reply_text(t("unknown_command"))
