"""Staff buttons under a scan: Undo, +1, +5, Other amount, Redeem reward, Deduct.

Other amount and Deduct ask for a number: the chat goes to the AMOUNT step (bot.steps) with
the card and the action, and the next text is the amount.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot import steps
from bot.callbacks import Prefix, pattern, pressed
from bot.handlers.common import current_staff
from bot.handlers.rewards import offer_rewards
from bot.i18n import t
from bot.keyboards_staff import undo_by_request
from bot.services import BotApp, Context
from bot.updates import chat_id_of, message_of, text_of
from domain.approvals import request_deduction
from domain.commands import AwardPoints, RequestDeduction, UndoAward
from domain.errors import InvalidAmount, UndoRefused
from domain.ledger import Posted, award_points, undo_award
from domain.models import ChatState, RequestKind

AMOUNT = "amount"  # step data: {"action": "add" | "deduct", "card_id": int}


async def on_undo(update: Update, context: Context) -> None:
    """↩️ Undo: reverse the scan's award (once), only from its own reply and only for a while.

    Refused later or elsewhere, with a button that asks the customer to approve a deduction.
    """
    button = pressed(update, 1)
    staff = await current_staff(update, context)
    cmd = UndoAward(
        staff.business_id, staff.telegram_id, button.number(0),
        chat_id=button.message.chat_id, message_id=button.message.message_id,
        window=context.services.undo_window,
    )  # fmt: skip
    try:
        posted = await undo_award(context.services.uow(), cmd)
    except UndoRefused as refused:
        await button.query.answer(t(refused.key, **refused.params), show_alert=True)
        await button.message.reply_text(
            t("undo_ask_instead", points=refused.points),
            reply_markup=undo_by_request(refused.card_id, refused.points),
        )
        return
    context.services.dispatcher.wake()
    if posted.duplicate:
        await button.query.answer(t("undo_already"), show_alert=True)
        return
    await button.query.answer()
    await button.message.reply_text(
        t("undone", points=-posted.entry.delta, kind=posted.kind.value,
          balance=posted.card.balance)
    )  # fmt: skip


async def on_undo_by_request(update: Update, context: Context) -> None:
    """Too late to undo: ask the customer to approve taking the points back."""
    button = pressed(update, 2)
    amount = button.number(1)
    text = await _request(update, context, button.number(0), RequestKind.DEDUCTION, amount)
    await button.query.answer()
    await button.message.reply_text(text)


async def on_add(update: Update, context: Context) -> None:
    """+1 / +5: each button of a message adds its points once, however often it is pressed."""
    button = pressed(update, 2)
    key = f"cb:{button.message.chat_id}:{button.message.message_id}:{button.query.data}"
    posted = await _award(update, context, button.number(0), button.number(1), key)
    if posted.duplicate:
        await button.query.answer(t("already_done"), show_alert=True)
        return
    await button.query.answer()
    await button.message.reply_text(_added(posted))


async def _award(update: Update, context: Context, card_id: int, points: int, key: str) -> Posted:
    staff = await current_staff(update, context)
    cmd = AwardPoints(staff.business_id, staff.telegram_id, card_id, points, key)
    posted = await award_points(context.services.uow(), cmd)
    context.services.dispatcher.wake()
    return posted


def _added(posted: Posted) -> str:
    return t(
        "added", points=posted.entry.delta, kind=posted.kind.value, balance=posted.card.balance
    )


async def on_ask_amount(update: Update, context: Context) -> None:
    """Other amount / Deduct: store the card and the action, then ask staff for a number."""
    button = pressed(update, 1)
    await current_staff(update, context)
    action = "add" if button.prefix == Prefix.OTHER else "deduct"
    await steps.go_to(update, context, AMOUNT, {"action": action, "card_id": button.number(0)})
    await button.query.answer()
    await button.message.reply_text(t(f"ask_amount_{action}"))


async def on_redeem(update: Update, context: Context) -> None:
    """🎁 Redeem: the rewards the card pays for, as buttons; the one pressed is asked for."""
    await offer_rewards(update, context)


async def _request(
    update: Update, context: Context, card_id: int, kind: RequestKind, amount: int
) -> str:
    """Ask the customer to approve; the text that tells staff it was sent."""
    staff = await current_staff(update, context)
    settings = context.services.settings
    cmd = RequestDeduction(
        staff.business_id, staff.telegram_id, card_id, kind, amount,
        ttl=timedelta(minutes=settings.deduction_ttl_minutes),
    )  # fmt: skip
    request = await request_deduction(context.services.uow(), cmd)
    context.services.dispatcher.wake()
    return t(f"request_sent_{kind.value}", amount=request.amount)


@steps.step(AMOUNT)
async def on_amount_text(update: Update, context: Context, state: ChatState) -> None:
    """The number typed after Other amount / Deduct; a refused one keeps the step for another."""
    try:
        amount = int(text_of(update).strip())
    except ValueError:
        raise InvalidAmount("amount_not_integer") from None
    card_id = int(state.data["card_id"])
    message = message_of(update)
    if state.data.get("action") == "add":
        key = f"msg:{chat_id_of(update)}:{message.message_id}"
        text = _added(await _award(update, context, card_id, amount, key))
    else:
        text = await _request(update, context, card_id, RequestKind.DEDUCTION, amount)
    # Left before the reply: the chat's next message may reach another worker at once.
    await steps.leave(update, context)
    await message.reply_text(text)


def register(app: BotApp) -> None:
    app.add_handler(CallbackQueryHandler(on_undo, pattern=pattern(Prefix.UNDO)))
    app.add_handler(CallbackQueryHandler(on_add, pattern=pattern(Prefix.ADD)))
    app.add_handler(CallbackQueryHandler(on_ask_amount, pattern=pattern(Prefix.OTHER)))
    app.add_handler(CallbackQueryHandler(on_ask_amount, pattern=pattern(Prefix.DEDUCT)))
    app.add_handler(CallbackQueryHandler(on_redeem, pattern=pattern(Prefix.REDEEM)))
    app.add_handler(
        CallbackQueryHandler(on_undo_by_request, pattern=pattern(Prefix.UNDO_BY_REQUEST))
    )
