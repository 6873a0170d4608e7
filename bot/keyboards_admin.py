"""Keyboards of the operators' /admin screens and of the consent and privacy commands."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import Prefix, encode
from bot.i18n import t
from domain.operators import OperatorPage
from domain.queries import CardView


def approve_business(business_id: int, page: int = 0) -> InlineKeyboardMarkup:
    data = encode(Prefix.ADMIN_ACT, "a", business_id, page)
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(t("btn_admin_approve"), callback_data=data)]]
    )


def businesses(page: OperatorPage) -> InlineKeyboardMarkup:
    """Per business: Approve (if waiting) and Suspend or Resume; then the page arrows."""
    rows = []
    for line in page.lines:
        row = line.overview
        buttons = []
        if row.awaiting_approval:
            data = encode(Prefix.ADMIN_ACT, "a", row.business_id, page.page)
            buttons.append(InlineKeyboardButton(t("btn_admin_approve_n", id=row.business_id),
                                                callback_data=data))  # fmt: skip
        action, key = ("r", "btn_admin_resume") if row.suspended else ("s", "btn_admin_suspend")
        data = encode(Prefix.ADMIN_ACT, action, row.business_id, page.page)
        buttons.append(InlineKeyboardButton(t(key, id=row.business_id), callback_data=data))
        rows.append(buttons)
    arrows = []
    if page.page > 0:
        arrows.append(
            InlineKeyboardButton("◀", callback_data=encode(Prefix.ADMIN_PAGE, page.page - 1))
        )
    if page.page + 1 < page.pages:
        arrows.append(
            InlineKeyboardButton("▶", callback_data=encode(Prefix.ADMIN_PAGE, page.page + 1))
        )
    if arrows:
        rows.append(arrows)
    return InlineKeyboardMarkup(rows)


def leave_choice(cards: list[CardView]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t("btn_leave_card", business=view.business, program=view.program.name),
                    callback_data=encode(Prefix.LEAVE, view.card.id),
                )
            ]
            for view in cards
        ]
    )


def forget_confirm() -> InlineKeyboardMarkup:
    button = InlineKeyboardButton(t("btn_forget_confirm"), callback_data=encode(Prefix.FORGET))
    return InlineKeyboardMarkup([[button]])
