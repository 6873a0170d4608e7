"""Staff buttons under a scan: Undo, +1, +5, Other amount, Redeem reward, Deduct."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from bot.callbacks import Prefix, decode, pattern
from bot.handlers.common import current_staff
from bot.services import Context
from bot.texts import t
from domain.approvals import request_deduction
from domain.commands import AwardPoints, RequestDeduction, UndoAward
from domain.errors import InvalidAmount, InvalidInput
from domain.ledger import award_points, undo_award
from domain.models import RequestKind

PENDING = "pending_amount"  # user_data key: ("add" | "deduct", card_id)


def _args(update: Update, count: int) -> list[int]:
    callback = decode(update.callback_query.data)
    if callback is None or len(callback.args) != count:
        raise InvalidInput("stale_button")
    try:
        return [int(arg) for arg in callback.args]
    except ValueError:
        raise InvalidInput("stale_button") from None


async def on_undo(update: Update, context: Context) -> None:
    """↩️ Undo: reverse the scan's award (once)."""
    (entry_id,) = _args(update, 1)
    staff = await current_staff(update, context)
    posted = await undo_award(
        context.services.uow(), UndoAward(staff.business_id, staff.telegram_id, entry_id)
    )
    context.services.dispatcher.wake()
    query = update.callback_query
    if posted.duplicate:
        await query.answer(t("undo_already"), show_alert=True)
        return
    await query.answer()
    await query.message.reply_text(
        t("undone", points=-posted.entry.delta, customer="", balance=posted.card.balance)
    )


async def on_add(update: Update, context: Context) -> None:
    """+1 / +5: each button of a message adds its points once, however often it is pressed."""
    card_id, points = _args(update, 2)
    query = update.callback_query
    key = f"cb:{query.message.chat_id}:{query.message.message_id}:{query.data}"
    await _award(update, context, card_id, points, key)


async def _award(update: Update, context: Context, card_id: int, points: int, key: str) -> None:
    staff = await current_staff(update, context)
    cmd = AwardPoints(staff.business_id, staff.telegram_id, card_id, points, key)
    posted = await award_points(context.services.uow(), cmd)
    context.services.dispatcher.wake()
    if update.callback_query is not None:
        if posted.duplicate:
            await update.callback_query.answer(t("already_done"), show_alert=True)
            return
        await update.callback_query.answer()
    text = t("added", points=posted.entry.delta, customer="", balance=posted.card.balance)
    await update.effective_message.reply_text(text)


async def on_ask_amount(update: Update, context: Context) -> None:
    """Other amount / Deduct: remember the card and ask staff to type a number."""
    query = update.callback_query
    (card_id,) = _args(update, 1)
    await current_staff(update, context)
    action = "add" if query.data.startswith(Prefix.OTHER) else "deduct"
    context.user_data[PENDING] = (action, card_id)
    await query.answer()
    await query.message.reply_text(t(f"ask_amount_{action}", customer="the customer"))


async def on_redeem(update: Update, context: Context) -> None:
    """🎁 Redeem: ask the customer to approve the reward's redemption."""
    (card_id,) = _args(update, 1)
    await update.callback_query.answer()
    await _request(update, context, card_id, RequestKind.REDEMPTION, 0)


async def _request(update: Update, context: Context, card_id: int, kind, amount: int) -> None:
    staff = await current_staff(update, context)
    settings = context.services.settings
    cmd = RequestDeduction(
        staff.business_id, staff.telegram_id, card_id, kind, amount,
        ttl=timedelta(minutes=settings.deduction_ttl_minutes),
    )  # fmt: skip
    request = await request_deduction(context.services.uow(), cmd)
    context.services.dispatcher.wake()
    text = t("request_sent", customer="the customer", amount=request.amount, kind=kind.value)
    await update.effective_message.reply_text(text)


async def on_amount_text(update: Update, context: Context) -> None:
    """A number typed after Other amount / Deduct; anything else is an unknown message."""
    pending = context.user_data.get(PENDING)
    text = update.message.text or ""
    if pending is None:
        key = "text_too_long" if len(text) > 1000 else "unknown_command"
        await update.message.reply_text(t(key))
        return
    if text.strip().lower() in ("cancel", "/cancel"):
        context.user_data.pop(PENDING, None)
        await update.message.reply_text(t("amount_cancelled"))
        return
    try:
        amount = int(text.strip())
    except ValueError:
        raise InvalidAmount("amount_not_integer") from None
    action, card_id = pending
    context.user_data.pop(PENDING, None)
    if action == "add":
        key = f"msg:{update.message.chat_id}:{update.message.message_id}"
        await _award(update, context, card_id, amount, key)
    else:
        await _request(update, context, card_id, RequestKind.DEDUCTION, amount)


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(on_undo, pattern=pattern(Prefix.UNDO)))
    app.add_handler(CallbackQueryHandler(on_add, pattern=pattern(Prefix.ADD)))
    app.add_handler(CallbackQueryHandler(on_ask_amount, pattern=pattern(Prefix.OTHER)))
    app.add_handler(CallbackQueryHandler(on_ask_amount, pattern=pattern(Prefix.DEDUCT)))
    app.add_handler(CallbackQueryHandler(on_redeem, pattern=pattern(Prefix.REDEEM)))


def register_fallbacks(app: Application) -> None:
    """Last in the chain: typed amounts, then unknown text and commands."""
    private = filters.ChatType.PRIVATE
    app.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, on_amount_text))
    app.add_handler(MessageHandler(private & filters.COMMAND, on_unknown_command))


async def on_unknown_command(update: Update, context: Context) -> None:
    """A command this bot does not have."""
    await update.message.reply_text(t("unknown_command"))
