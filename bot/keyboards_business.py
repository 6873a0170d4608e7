"""Keyboard factories of the business side: businesses, staff, programs, customer pages."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import Prefix, encode
from bot.i18n import t
from bot.keyboards_expiry import expiry_button_row
from bot.keyboards_rewards import ladder_button_row
from domain.models import Program
from domain.queries import CustomerPage
from domain.reports import Membership, ProgramsOverview

MAX_LABEL = 40  # long names would make buttons unreadable on a phone


def _button(label: str, prefix: str, *args: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(label[:MAX_LABEL], callback_data=encode(prefix, *args))


def business_choice(memberships: list[Membership]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button(m.business.name, Prefix.BUSINESS, m.business.id)] for m in memberships]
    )


def program_kinds() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                _button(t("prog_kind_points"), Prefix.PROGRAM_KIND, "points"),
                _button(t("prog_kind_stamps"), Prefix.PROGRAM_KIND, "stamps"),
            ]
        ]
    )


def program_actions(
    overview: ProgramsOverview, shown: list[Program], nav: list[InlineKeyboardButton]
) -> InlineKeyboardMarkup | None:
    """Make default / Deactivate for each active program shown, then the page buttons."""
    rows = []
    for program in shown:
        if not program.active:
            continue
        label = t("prog_deactivate_button", id=program.id)
        row = [_button(label, Prefix.PROGRAM, program.id, "x")]
        if program.id != overview.business.default_program_id:
            label = t("prog_make_default_button", id=program.id)
            row.insert(0, _button(label, Prefix.PROGRAM, program.id, "d"))
        rows.append(row)
        rows.append(ladder_button_row(program))
        rows.append(expiry_button_row(program))
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(rows) if rows else None


def customers_page(page: CustomerPage) -> InlineKeyboardMarkup | None:
    """A history button per customer, then Prev / Next when there are other pages."""
    label = "customer_history_button"
    rows = [
        [_button(t(label, name=r.name), Prefix.CUSTOMER_HISTORY, r.customer_id)] for r in page.rows
    ]
    nav = []
    if page.page > 0:
        nav.append(_button(t("customers_prev"), Prefix.CUSTOMERS, page.page - 1))
    if page.page < page.pages - 1:
        nav.append(_button(t("customers_next"), Prefix.CUSTOMERS, page.page + 1))
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(rows) if rows else None
