"""Every word a person sees: Fluent catalogs under bot/locales/<locale>/, one function `t`.

Fluent (Mozilla's localization system, `fluent.runtime`) rather than gettext: plurals are chosen
by CLDR categories inside each sentence (Arabic's six forms, Russian's three), so a translator
writes whole sentences with their own selectors instead of our code gluing words; and Fluent
isolates every placeable with U+2068 ... U+2069, which keeps "+10", "3/8" and "K7QX-4M2P" reading
correctly inside Arabic text. Numbers and dates go through Babel (CLDR) in the person's locale.

The locale of the update being handled is a context variable set once per update
(`use_locale`); `t` takes an explicit locale where there is no update (the outbox dispatcher
renders a notification in its recipient's language when it is sent).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from babel.dates import format_date, format_skeleton, format_time, get_datetime_format
from babel.numbers import format_decimal
from fluent.runtime import FluentBundle, FluentResource

log = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).with_name("locales")
DEFAULT = "en"
LOCALES = ("en", "ar", "es", "fr", "ru")
RIGHT_TO_LEFT = frozenset({"ar"})
LANGUAGE_NAMES = {  # each in its own language, as a language menu shows them
    "en": "English",
    "ar": "العربية",
    "es": "Español",
    "fr": "Français",
    "ru": "Русский",
}

_current: ContextVar[str] = ContextVar("locale", default=DEFAULT)


def pick_locale(code: str | None) -> str:
    """Our locale for an IETF tag from Telegram ("pt-br", "ar", None): English when unknown."""
    base = (code or "").strip().lower().replace("_", "-").split("-")[0]
    return base if base in LOCALES else DEFAULT


def is_rtl(locale: str | None = None) -> bool:
    return (locale or _current.get()) in RIGHT_TO_LEFT


def current_locale() -> str:
    return _current.get()


def set_locale(locale: str) -> None:
    """The locale of the update being handled (its task's context)."""
    _current.set(pick_locale(locale))


@contextmanager
def use_locale(locale: str) -> Iterator[None]:
    token = _current.set(pick_locale(locale))
    try:
        yield
    finally:
        _current.reset(token)


def t(key: str, locale: str | None = None, /, **params: Any) -> str:
    """The text `key` in `locale` (default: the current update's), with its parameters."""
    loc = pick_locale(locale) if locale else _current.get()
    bundle = bundle_for(loc)
    if not bundle.has_message(key):
        if loc != DEFAULT:
            log.warning("no %s text for %r; using English", loc, key)
            return t(key, DEFAULT, **params)
        log.error("no text for key %r", key)
        key = "error"
    message = bundle.get_message(key)
    if message.value is None:
        raise KeyError(f"text {key!r} has no value")
    text, errors = bundle.format_pattern(message.value, _fluent_args(params))
    if errors:
        log.error("text %r in %s: %s", key, loc, errors)
    if loc in RIGHT_TO_LEFT:  # a link keeps no isolate marks: Telegram would link them too
        return _ISOLATED_LINK.sub(r"\1", str(text))
    return str(text)


def has(key: str) -> bool:
    return bundle_for(DEFAULT).has_message(key)


def keys(locale: str) -> set[str]:
    """Every message id of a locale's catalog (for tests and tools)."""
    return set(_messages(locale))


def _fluent_args(params: Mapping[str, Any]) -> dict[str, Any]:
    # Fluent takes str, int, float, Decimal, date and datetime; anything else is shown as text.
    args: dict[str, Any] = {}
    for name, value in params.items():
        if value is None:
            args[name] = ""
        elif isinstance(value, bool):
            args[name] = str(value)
        elif isinstance(value, str | int | float | date | datetime):
            args[name] = value
        else:
            args[name] = str(value)
    return args


@cache
def bundle_for(locale: str) -> FluentBundle:
    bundle = FluentBundle([locale], use_isolating=locale in RIGHT_TO_LEFT)
    for text in _sources(locale):
        bundle.add_resource(FluentResource(text))
    return bundle


def _sources(locale: str) -> list[str]:
    folder = LOCALES_DIR / locale
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.ftl"))]
    return [_keep_left_to_right(text) for text in texts] if locale in RIGHT_TO_LEFT else texts


# In right-to-left text a sign or a slash between two isolated numbers is laid out right to left
# too: "+10" would show as "10+" and "3/8" as "8/3". Such runs are wrapped in a left-to-right
# isolate (U+2066 ... U+2069) when the catalog is loaded, so translators write them plainly.
_SIGNED = re.compile(r"([+−])(\{ *\$\w+ *\})")
_FRACTION = re.compile(r"(\{ *\$\w+ *\})/(\{ *\$\w+ *\})")
LRI, PDI = "\u2066", "\u2069"
_ISOLATED_LINK = re.compile("\u2068(https?://[^\u2069\\s]*)\u2069")


def _keep_left_to_right(text: str) -> str:
    text = _SIGNED.sub(lambda m: f"{LRI}{m[1]}{m[2]}{PDI}", text)
    return _FRACTION.sub(lambda m: f"{LRI}{m[1]}/{m[2]}{PDI}", text)


@cache
def _messages(locale: str) -> tuple[str, ...]:
    from fluent.syntax import FluentParser, ast

    found: list[str] = []
    for text in _sources(locale):
        for entry in FluentParser().parse(text).body:
            if isinstance(entry, ast.Message):
                found.append(entry.id.name)
    return tuple(found)


def number(value: int | float, locale: str | None = None) -> str:
    """A number as the locale writes it (12,345 / 12 345 / ١٢٬٣٤٥ per CLDR's default digits)."""
    return format_decimal(value, locale=_babel(locale))


def signed(value: int, locale: str | None = None) -> str:
    """+5 / −3, for ledger lines; the sign stays with the number in right-to-left text."""
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{number(abs(value), locale)}"


def when(moment: datetime, locale: str | None = None, tz: str | None = None) -> str:
    """A short date and time as the locale writes it, in the given time zone (default UTC)."""
    from zoneinfo import ZoneInfo

    local = moment.astimezone(ZoneInfo(tz or "UTC"))
    loc = _babel(locale)
    pattern = str(get_datetime_format("short", locale=loc))  # e.g. "{1}, {0}": date, then time
    return pattern.format(
        format_time(local, "short", locale=loc), format_skeleton("MMMd", local, locale=loc)
    )


def short_day(value: date, locale: str | None = None) -> str:
    """A day and month as the locale writes them briefly ("3 Jan", "3 янв.")."""
    return format_skeleton("MMMd", value, locale=_babel(locale))


def day(value: date, locale: str | None = None, tz: str | None = None) -> str:
    """A date as the locale writes it; a moment is first put in the given time zone."""
    if isinstance(value, datetime):
        from zoneinfo import ZoneInfo

        value = value.astimezone(ZoneInfo(tz or "UTC"))
    return format_date(value, "medium", locale=_babel(locale))


def _babel(locale: str | None) -> str:
    return pick_locale(locale) if locale else _current.get()
