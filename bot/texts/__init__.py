"""Every text the bot shows, by key, in one place (ready for translation): `t(key, **params)`."""

from __future__ import annotations

import logging
from typing import Any

from bot.texts.business import BUSINESS
from bot.texts.customer import CUSTOMER
from bot.texts.errors import ERRORS
from bot.texts.ledger import LEDGER
from bot.texts.notifications import NOTIFICATIONS
from bot.texts.scanning import SCANNING

log = logging.getLogger(__name__)


def _merge(*tables: dict[str, str]) -> dict[str, str]:
    """One table of texts; a key defined twice would silently show the wrong text, so refuse."""
    merged: dict[str, str] = {}
    for table in tables:
        clash = merged.keys() & table.keys()
        if clash:
            raise ValueError(f"text keys defined twice: {sorted(clash)}")
        merged.update(table)
    return merged


TEXTS: dict[str, str] = _merge(CUSTOMER, BUSINESS, SCANNING, ERRORS, NOTIFICATIONS, LEDGER)


class _Lenient(dict):
    """Missing parameters show as empty rather than breaking a message."""

    def __missing__(self, key: str) -> str:
        return ""


def t(key: str, **params: Any) -> str:
    template = TEXTS.get(key)
    if template is None:
        log.warning("no text for key %r", key)
        template = TEXTS["error"]
    return template.format_map(_Lenient(params))


def has(key: str) -> bool:
    return key in TEXTS
