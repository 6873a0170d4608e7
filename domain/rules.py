"""Validation rules and generated codes shared by the use cases."""

from __future__ import annotations

import secrets
import zoneinfo
from datetime import datetime

from domain.errors import InvalidAmount, InvalidInput

MAX_NAME = 64
MAX_REASON = 200
MAX_AMOUNT = 1_000_000
MANUAL_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud safely
MANUAL_CODE_LENGTH = 8


def validate_amount(amount: object, maximum: int = MAX_AMOUNT) -> int:
    """A whole, positive amount no larger than `maximum`."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise InvalidAmount("amount_not_integer")
    if amount <= 0:
        raise InvalidAmount("amount_not_positive")
    if amount > maximum:
        raise InvalidAmount("amount_too_large", maximum=maximum)
    return amount


def validate_name(name: str, what: str = "name") -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidInput("name_empty", what=what)
    if len(cleaned) > MAX_NAME:
        raise InvalidInput("name_too_long", what=what, maximum=MAX_NAME)
    return cleaned


def valid_time_zone(name: str) -> str:
    """An IANA time zone name as tzdata spells it ("europe/madrid" -> "Europe/Madrid")."""
    wanted = name.strip().replace(" ", "_")
    matches = [z for z in zoneinfo.available_timezones() if z.lower() == wanted.lower()]
    if not wanted or not matches:
        raise InvalidInput("bad_time_zone", zone=name.strip()[:64])
    return matches[0]


def validate_reason(reason: str) -> str:
    cleaned = " ".join(reason.split())
    if len(cleaned) > MAX_REASON:
        raise InvalidInput("reason_too_long", maximum=MAX_REASON)
    return cleaned


def new_manual_code() -> str:
    """A short code staff can type when the camera fails, e.g. `K7QX-4M2P` (40 random bits)."""
    raw = "".join(secrets.choice(MANUAL_CODE_ALPHABET) for _ in range(MANUAL_CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalize_manual_code(text: str) -> str | None:
    """The canonical form of a typed manual code, or None when it cannot be one."""
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    raw = raw.replace("O", "0").replace("I", "1")
    if len(raw) != MANUAL_CODE_LENGTH or any(ch not in MANUAL_CODE_ALPHABET for ch in raw):
        return None
    return f"{raw[:4]}-{raw[4:]}"


def new_invite_code() -> str:
    """A link-safe code for staff invitations and program join links."""
    return secrets.token_urlsafe(9)


def new_card_number() -> str:
    return "-".join(f"{secrets.randbelow(10_000):04d}" for _ in range(3))


def start_of_day(moment: datetime, time_zone: str | None = None) -> datetime:
    """Midnight that began the day of `moment`: in `time_zone` if given, else in its own zone."""
    if time_zone is None:
        return moment.replace(hour=0, minute=0, second=0, microsecond=0)
    local = moment.astimezone(zoneinfo.ZoneInfo(time_zone))
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(moment.tzinfo)
