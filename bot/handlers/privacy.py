"""The customer's consent and data: "don't invite me again", /leave, /forgetme."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.callbacks import Prefix, pattern, pressed
from bot.handlers.common import forget_user
from bot.i18n import t
from bot.keyboards_admin import forget_confirm, leave_choice
from bot.services import BotApp, Context
from bot.updates import message_of, user_of
from domain.approvals import answer_request
from domain.commands import AnswerRequest
from domain.privacy import ForgetMe, LeaveProgram, forget_me, leave_program
from domain.queries import list_customer_cards


async def on_never_invite(update: Update, context: Context) -> None:
    """ "Don't invite me again" under an invitation: reject it, and block the business for good."""
    button = pressed(update, 1)
    cmd = AnswerRequest(button.number(0), button.query.from_user.id, approve=False,
                        never_again=True)  # fmt: skip
    answered = await answer_request(context.services.uow(), cmd)
    context.services.dispatcher.wake()
    await button.query.answer()
    await button.query.edit_message_text(t("never_invite_done", business=answered.business))


async def on_leave(update: Update, context: Context) -> None:
    """/leave: a button per card in use; the card pressed is left."""
    cards = await list_customer_cards(context.services.view_uow(), user_of(update).id)
    if not cards:
        await message_of(update).reply_text(t("leave_nothing"))
        return
    await message_of(update).reply_text(t("leave_pick"), reply_markup=leave_choice(cards))


async def on_leave_card(update: Update, context: Context) -> None:
    """A card's button under /leave."""
    button = pressed(update, 1)
    cmd = LeaveProgram(button.query.from_user.id, button.number(0))
    await leave_program(context.services.uow(), cmd)
    await button.query.answer()
    await button.query.edit_message_text(t("leave_done"))


async def on_forgetme(update: Update, context: Context) -> None:
    """/forgetme: what will be erased and kept, with a button to confirm."""
    await message_of(update).reply_text(t("forget_ask"), reply_markup=forget_confirm())


async def on_forget_confirm(update: Update, context: Context) -> None:
    """The confirmation button: erase now."""
    button = pressed(update, 0)
    await forget_me(context.services.uow(), ForgetMe(button.query.from_user.id))
    # Registration is cached per process: the next update must see the erasure.
    forget_user(context.bot_data, button.query.from_user.id)
    await button.query.answer()
    await button.query.edit_message_text(t("forget_done"))


def register(app: BotApp) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("leave", on_leave, filters=private))
    app.add_handler(CommandHandler("forgetme", on_forgetme, filters=private))
    app.add_handler(CallbackQueryHandler(on_never_invite, pattern=pattern(Prefix.NEVER_INVITE)))
    app.add_handler(CallbackQueryHandler(on_leave_card, pattern=pattern(Prefix.LEAVE)))
    app.add_handler(CallbackQueryHandler(on_forget_confirm, pattern=pattern(Prefix.FORGET)))
