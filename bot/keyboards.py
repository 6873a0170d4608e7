"""Keyboard factories: the customer menu and the inline buttons of each message kind."""

from __future__ import annotations

from functools import cache

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    WebAppInfo,
)

from bot.callbacks import Prefix, encode
from bot.i18n import LANGUAGE_NAMES, LOCALES, current_locale, t
from domain.models import Category

# The customer menu's buttons by meaning: a label in any language maps back to its key, so a
# person who switches language (or whose old keyboard is still on screen) keeps a working menu.
MENU_ROWS = (
    ("btn_qr", "btn_cards"),
    ("btn_history", "btn_requests"),
    ("btn_settings", "btn_help"),
)
MENU_KEYS = tuple(key for row in MENU_ROWS for key in row)


def customer_menu(webapp_url: str = "") -> ReplyKeyboardMarkup:
    """The menu; with the Mini App's address, a first key that opens it."""
    rows: list[list[str | KeyboardButton]] = [[t(key) for key in row] for row in MENU_ROWS]
    if webapp_url:
        rows.insert(0, [KeyboardButton(t("webapp_open"), web_app=WebAppInfo(webapp_url))])
    return ReplyKeyboardMarkup(rows, resize_keyboard=True, is_persistent=True)


@cache
def menu_labels() -> dict[str, str]:
    """Every menu label in every language, to the button's key."""
    return {t(key, locale): key for locale in LOCALES for key in MENU_KEYS}


def request_answer(request_id: int, kind: str) -> InlineKeyboardMarkup:
    yes = t("btn_accept") if kind == "enrollment" else t("btn_approve")
    no = t("btn_reject")
    rows = [
        [
            InlineKeyboardButton(yes, callback_data=encode(Prefix.ANSWER, request_id, "y")),
            InlineKeyboardButton(no, callback_data=encode(Prefix.ANSWER, request_id, "n")),
        ]
    ]
    if kind == "enrollment":  # consent: a way to say no to this business for good
        never = encode(Prefix.NEVER_INVITE, request_id)
        rows.append([InlineKeyboardButton(t("btn_never_invite"), callback_data=never)])
    return InlineKeyboardMarkup(rows)


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
    language = LANGUAGE_NAMES[current_locale()]
    rows.append(
        [
            InlineKeyboardButton(
                t("btn_language", language=language), callback_data=encode(Prefix.LANGUAGES)
            )
        ]
    )
    rows.append([InlineKeyboardButton(t("btn_birthday"), callback_data=encode(Prefix.BIRTHDAY))])
    return InlineKeyboardMarkup(rows)


def languages() -> InlineKeyboardMarkup:
    """One button per language, each named in its own language."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(name, callback_data=encode(Prefix.LANGUAGE, locale))]
            for locale, name in LANGUAGE_NAMES.items()
        ]
    )


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
    first = [InlineKeyboardButton(t("btn_undo"), callback_data=encode(Prefix.UNDO, entry_id))]
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
                InlineKeyboardButton(
                    t("btn_other_amount"), callback_data=encode(Prefix.OTHER, card_id)
                ),
            ],
            [
                InlineKeyboardButton(
                    t("btn_redeem"), callback_data=encode(Prefix.REDEEM, card_id)
                ),
                InlineKeyboardButton(
                    t("btn_deduct"), callback_data=encode(Prefix.DEDUCT, card_id)
                ),
            ],
        ]
    )
