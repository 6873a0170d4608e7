"""Keyboard factories: the customer menu and the inline buttons of each message kind."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardMarkup

from bot.callbacks import Prefix, encode
from bot.texts import t
from bot.texts.customer import BTN_CARDS, BTN_HELP, BTN_HISTORY, BTN_QR, BTN_REQUESTS, BTN_SETTINGS
from domain.models import Category


def customer_menu() -> ReplyKeyboardMarkup:
    rows = [[BTN_QR, BTN_CARDS], [BTN_HISTORY, BTN_REQUESTS], [BTN_SETTINGS, BTN_HELP]]
    return ReplyKeyboardMarkup(rows, resize_keyboard=True, is_persistent=True)


def request_answer(request_id: int, kind: str) -> InlineKeyboardMarkup:
    yes, no = ("✅ Accept", "❌ Reject") if kind == "enrollment" else ("✅ Approve", "❌ Reject")
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(yes, callback_data=encode(Prefix.ANSWER, request_id, "y")),
                InlineKeyboardButton(no, callback_data=encode(Prefix.ANSWER, request_id, "n")),
            ]
        ]
    )


def preferences(prefs: dict[Category, bool]) -> InlineKeyboardMarkup:
    rows = [
        [
            InlineKeyboardButton(
                f"{'✅' if on else '🔕'} {t('cat_' + category.value)}",
                callback_data=encode(Prefix.PREF, category.value),
            )
        ]
        for category, on in prefs.items()
    ]
    return InlineKeyboardMarkup(rows)


def pick_code(tokens: list[str]) -> InlineKeyboardMarkup:
    """A button per customer code found in one photo, in reading order (top to bottom)."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(t("qr_pick", n=n), callback_data=encode(Prefix.QR_PICK, tok))]
            for n, tok in enumerate(tokens, start=1)
        ]
    )


def scan_result(card_id: int, entry_id: int | None) -> InlineKeyboardMarkup:
    """Buttons under a staff member's scan confirmation."""
    first = [InlineKeyboardButton("↩️ Undo", callback_data=encode(Prefix.UNDO, entry_id))]
    if entry_id is None:
        first = []
    return InlineKeyboardMarkup(
        [
            [
                *first,
                InlineKeyboardButton("+1", callback_data=encode(Prefix.ADD, card_id, 1)),
                InlineKeyboardButton("+5", callback_data=encode(Prefix.ADD, card_id, 5)),
            ],
            [
                InlineKeyboardButton("Other amount", callback_data=encode(Prefix.OTHER, card_id)),
            ],
            [
                InlineKeyboardButton(
                    "🎁 Redeem reward", callback_data=encode(Prefix.REDEEM, card_id)
                ),
                InlineKeyboardButton("➖ Deduct", callback_data=encode(Prefix.DEDUCT, card_id)),
            ],
        ]
    )
