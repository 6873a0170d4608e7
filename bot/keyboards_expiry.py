"""Keyboards of a program's points expiry: the button under /programs and the choices."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import Prefix, encode
from bot.i18n import t
from domain.models import Program

PRESET_DAYS = (30, 90, 180, 365)
PRESET_WARNINGS = (3, 7, 14)
SHOW, DAYS, WARNING = "v", "d", "w"


def _button(label: str, program_id: int, action: str, days: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        label, callback_data=encode(Prefix.EXPIRY, program_id, action, days)
    )


def expiry_button_row(program: Program) -> list[InlineKeyboardButton]:
    """The row under a program in /programs that opens its expiry settings."""
    return [_button(t("expiry_button", id=program.id), program.id, SHOW, 0)]


def expiry_choices(program: Program) -> InlineKeyboardMarkup:
    """Expiry after 30, 90, 180 or 365 days; a warning 3, 7 or 14 days ahead; or off."""
    days = [_button(t("expiry_days_button", days=d), program.id, DAYS, d) for d in PRESET_DAYS]
    warnings = [
        _button(t("expiry_warning_button", days=d), program.id, WARNING, d)
        for d in PRESET_WARNINGS
    ]
    off = [_button(t("expiry_off_button"), program.id, DAYS, 0)]
    return InlineKeyboardMarkup([days, warnings, off])
