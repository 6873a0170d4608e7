"""Birthday handlers: 🎂 in Settings or /birthday DD.MM, the customer's birthday for gifts."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import steps
from bot.callbacks import Prefix, pattern, pressed
from bot.i18n import t
from bot.services import BotApp, Context
from bot.updates import message_of, text_of, user_of
from domain.growth.birthdays import SetBirthday, my_birthday, set_birthday
from domain.models import ChatState

BIRTHDAY = "birthday"  # the step: the customer types their birthday


async def on_birthday_button(update: Update, context: Context) -> None:
    """🎂 in Settings: the birthday as it is, and the question."""
    button = pressed(update, 0)
    await button.query.answer()
    await steps.go_to(update, context, BIRTHDAY)
    await button.message.reply_text(await _ask(context, button.query.from_user.id))


async def on_birthday(update: Update, context: Context) -> None:
    """/birthday DD.MM sets it; /birthday alone asks."""
    line = text_of(update).partition(" ")[2]
    if line.strip():
        await _save(update, context, line)
        return
    await steps.go_to(update, context, BIRTHDAY)
    await message_of(update).reply_text(await _ask(context, user_of(update).id))


@steps.step(BIRTHDAY)
async def on_birthday_text(update: Update, context: Context, state: ChatState) -> None:
    """The birthday typed in answer."""
    await _save(update, context, text_of(update))


async def _ask(context: Context, telegram_id: int) -> str:
    current = await my_birthday(context.services.uow(), telegram_id)
    shown = f"{current.day:02d}.{current.month:02d}" if current else t("birthday_not_set")
    return t("birthday_ask", current=shown)


async def _save(update: Update, context: Context, text: str) -> None:
    birthday = await set_birthday(context.services.uow(), SetBirthday(user_of(update).id, text))
    await steps.leave(update, context)
    await message_of(update).reply_text(
        t("birthday_saved", date=f"{birthday.day:02d}.{birthday.month:02d}")
    )


def register(app: BotApp) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("birthday", on_birthday, filters=private))
    app.add_handler(CallbackQueryHandler(on_birthday_button, pattern=pattern(Prefix.BIRTHDAY)))
