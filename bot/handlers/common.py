"""Shared handler pieces: registering whoever writes, the error handler, staff's business."""

from __future__ import annotations

import logging
import time

from telegram import Update
from telegram.constants import ChatMemberStatus
from telegram.error import BadRequest

from bot.services import Context
from bot.texts import has, t
from domain.commands import RegisterCustomer, SetBotBlocked
from domain.errors import DomainError, NotAllowed
from domain.models import Role, Staff
from domain.people import register_customer, set_bot_blocked
from domain.queries import staff_memberships

log = logging.getLogger(__name__)
SEEN_TTL = 300.0
STAFF_CACHE, STAFF_TTL = (
    "staff_membership",
    30.0,
)  # seconds a registration is trusted before the next update refreshes it


async def on_any_update(update: Update, context: Context) -> None:
    """Register the person behind every update; writing again lifts a 'blocked' mark."""
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None or user.is_bot or chat.type != chat.PRIVATE:
        return  # a group's id must never become where a customer's messages go
    seen: dict = context.bot_data.setdefault("seen_users", {})
    fingerprint = (chat.id, user.first_name, user.last_name, user.username)
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
    if change.chat.type != change.chat.PRIVATE or change.from_user.is_bot:
        return
    blocked = change.new_chat_member.status == ChatMemberStatus.BANNED
    if blocked:
        forget_chat(context.bot_data, change.chat.id)
    await set_bot_blocked(
        context.services.uow(), SetBotBlocked(telegram_id=change.from_user.id, blocked=blocked)
    )


def forget_chat(bot_data: dict, chat_id: int) -> None:
    """Forget whoever wrote from this chat; the dispatcher calls it when the chat blocks the bot.

    Without it a user seen minutes before blocking would skip registration when they write
    again, and the 'blocked' mark (and every message waiting for them) would stay.
    """
    seen: dict = bot_data.setdefault("seen_users", {})
    for telegram_id, (fingerprint, _) in list(seen.items()):
        if fingerprint[0] == chat_id:
            seen.pop(telegram_id, None)


async def on_error(update: object, context: Context) -> None:
    """Turn domain errors into a friendly answer; log everything else."""
    error = context.error
    if isinstance(error, DomainError):
        text = t(error.key, **error.params) if has(error.key) else t(type(error).key)
    else:
        log.error("update %s failed", update, exc_info=error)
        text = t("error")
    if isinstance(update, Update):
        await answer(update, text)


async def answer(update: Update, text: str, **kwargs) -> None:
    """Answer a button press with an alert, or a message with a reply."""
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text[:200], show_alert=True)
        elif update.effective_message is not None:
            await update.effective_message.reply_text(text, **kwargs)
    except BadRequest as error:  # e.g. a callback answered too late: nothing left to tell
        log.info("could not answer update: %s", error.message)


async def current_staff(update: Update, context: Context) -> Staff:
    """The staff membership this user acts in: the chosen business, else the one they own.

    Remembered for a short while: it only picks which business a command is for, and every
    use case checks again, in its own transaction, that the user is staff there.
    """
    chosen = context.user_data.get("business_id")
    cached = context.user_data.get(STAFF_CACHE)
    if (
        cached
        and cached[1] > time.monotonic()
        and cached[0].business_id == (chosen or cached[0].business_id)
    ):
        return cached[0]
    memberships = await staff_memberships(context.services.uow(), update.effective_user.id)
    if not memberships:
        raise NotAllowed("not_staff")
    found = [s for s in memberships if s.business_id == chosen]
    owned = [s for s in memberships if s.role is Role.OWNER]
    staff = (found or owned or memberships)[0]
    context.user_data[STAFF_CACHE] = (staff, time.monotonic() + STAFF_TTL)
    return staff
