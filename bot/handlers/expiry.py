"""Expiry handlers: a program's points expiry, set by its owner with buttons or in one line."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.callbacks import Prefix, pattern, pressed
from bot.handlers.common import whole_number
from bot.i18n import t
from bot.keyboards_expiry import DAYS, SHOW, WARNING, expiry_choices
from bot.services import BotApp, Context
from bot.updates import message_of, user_of
from domain.commands import SetExpiry
from domain.errors import InvalidInput
from domain.expiry_settings import program_for_expiry, set_expiry
from domain.models import Program

log = logging.getLogger(__name__)
OFF = ("off", "none", "-")  # never "0": zero days is a mistake to answer, not "off"


def expiry_state(program: Program) -> str:
    """ "after 90 days, warning 7 days ahead", or "off"."""
    if program.expiry_days is None:
        return t("expiry_state_off")
    return t("expiry_state_on", days=program.expiry_days, warning=program.expiry_warning_days)


def expiry_summary(program: Program) -> str:
    """The line about expiry under a program in /programs."""
    return t("prog_expiry_line", state=expiry_state(program))


def _settings_text(program: Program) -> str:
    return t("expiry_settings", program=program.name, id=program.id, state=expiry_state(program))


async def on_expiry(update: Update, context: Context) -> None:
    """/expiry <id> [<days>|off [<warning days>]]: show a program's expiry, or set it."""
    args = context.args or []
    if not args or len(args) > 3:
        await message_of(update).reply_text(t("expiry_usage"))
        return
    program_id = whole_number(args[0], InvalidInput("expiry_usage"))
    telegram_id = user_of(update).id
    if len(args) == 1:
        program = await program_for_expiry(context.services.uow(), program_id, telegram_id)
        await message_of(update).reply_text(
            _settings_text(program), reply_markup=expiry_choices(program)
        )
        return
    days = None if args[1].lower() in OFF else whole_number(args[1], InvalidInput("expiry_usage"))
    warning = whole_number(args[2], InvalidInput("expiry_usage")) if len(args) == 3 else None
    program = await _set(context, SetExpiry(program_id, telegram_id, days, warning))
    await message_of(update).reply_text(_confirmation(program))


async def on_expiry_button(update: Update, context: Context) -> None:
    """⏳ Expiry under /programs (show the choices), or one of the choices (set it)."""
    button = pressed(update, 3)
    program_id, action = button.number(0), button.choice(1, SHOW, DAYS, WARNING)
    value, telegram_id = button.number(2), button.query.from_user.id
    if action == SHOW:
        program = await program_for_expiry(context.services.uow(), program_id, telegram_id)
        await button.query.answer()
        await button.message.reply_text(
            _settings_text(program), reply_markup=expiry_choices(program)
        )
        return
    if action == DAYS:
        cmd = SetExpiry(program_id, telegram_id, value or None)
    else:
        current = await program_for_expiry(context.services.uow(), program_id, telegram_id)
        cmd = SetExpiry(program_id, telegram_id, current.expiry_days, value)
    program = await _set(context, cmd)
    await button.query.answer()
    await button.message.reply_text(_confirmation(program))


async def _set(context: Context, cmd: SetExpiry) -> Program:
    program = await set_expiry(context.services.uow(), cmd)
    log.info(
        "program %s expiry set by %s: days %s, warning %s",
        program.id, cmd.by_telegram_id, program.expiry_days, program.expiry_warning_days,
    )  # fmt: skip
    return program


def _confirmation(program: Program) -> str:
    if program.expiry_days is None:
        return t("expiry_turned_off", program=program.name, id=program.id)
    return t("expiry_set", program=program.name, id=program.id, state=expiry_state(program))


def register(app: BotApp) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("expiry", on_expiry, filters=private))
    app.add_handler(CallbackQueryHandler(on_expiry_button, pattern=pattern(Prefix.EXPIRY)))
