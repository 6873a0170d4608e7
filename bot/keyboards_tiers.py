"""Keyboards of the owner's tier screen, and the Tiers buttons under /programs."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import Prefix, encode
from bot.i18n import t
from domain.models import Program
from domain.tier_settings import TierSettings

MAX_LABEL = 40


def _button(label: str, prefix: str, *args: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(label[:MAX_LABEL], callback_data=encode(prefix, *args))


def tier_screen(settings: TierSettings) -> InlineKeyboardMarkup:
    """Add or change, Window, then a Remove button per tier."""
    program_id = settings.program.id
    rows = [
        [
            _button(t("tier_add_button"), Prefix.TIERS, program_id, "a"),
            _button(t("tier_window_button"), Prefix.TIERS, program_id, "w"),
        ]
    ]
    removes = [
        _button(t("tier_remove_button", tier=tier.name), Prefix.TIER_REMOVE, program_id, tier.id)
        for tier in settings.tiers
    ]
    rows += [removes[i : i + 2] for i in range(0, len(removes), 2)]
    return InlineKeyboardMarkup(rows)


def with_tier_buttons(
    markup: InlineKeyboardMarkup | None, shown: Sequence[Program], has_nav: bool
) -> InlineKeyboardMarkup | None:
    """/programs' buttons with a Tiers button per active program shown, before ◀ / ▶."""
    tiers = [
        _button(t("prog_tiers_button", id=p.id), Prefix.TIERS, p.id, "s")
        for p in shown
        if p.active
    ]
    if not tiers:
        return markup
    rows = [list(row) for row in markup.inline_keyboard] if markup else []
    nav = [rows.pop()] if has_nav and rows else []
    rows += [tiers[i : i + 3] for i in range(0, len(tiers), 3)]
    return InlineKeyboardMarkup(rows + nav)
