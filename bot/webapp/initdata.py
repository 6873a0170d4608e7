"""Telegram's `initData`: the signed query string a Mini App is opened with.

Checked as Telegram documents ("Validating data received via the Mini App"):
secret = HMAC_SHA256(key="WebAppData", msg=bot_token); the data-check string is every received
field but `hash`, as `key=value` lines sorted by key; valid when the hex HMAC_SHA256 of that
string under the secret equals `hash` (compared in constant time) and `auth_date` is recent.
Every field received is hashed (clients send different sets), so no field can be added,
dropped or altered; a token of another bot gives another secret, so its data never checks.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode

MAX_LENGTH = 4096  # Telegram's initData is well under a kilobyte; more is not one


class InitDataRejected(Exception):
    """Not Telegram's initData for this bot, or too old; the message says why (for logs)."""


@dataclass(frozen=True)
class WebAppUser:
    telegram_id: int
    first_name: str
    language_code: str | None
    auth_date: datetime
    signature: str  # the `hash` field: what a replay would present again


def secret_for(bot_token: str) -> bytes:
    return hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()


def _check_string(fields: list[tuple[str, str]]) -> str:
    return "\n".join(f"{key}={value}" for key, value in sorted(fields))


def sign(fields: dict[str, str], bot_token: str) -> str:
    """initData for these fields, signed as Telegram signs it (the sandbox and tests use it)."""
    pairs = sorted(fields.items())
    digest = hmac.new(secret_for(bot_token), _check_string(pairs).encode(), hashlib.sha256)
    return urlencode([*pairs, ("hash", digest.hexdigest())])


def validate(init_data: str, bot_token: str, now: datetime, max_age: timedelta) -> WebAppUser:
    """The user the initData names, once its signature and age check out."""
    if not init_data or len(init_data) > MAX_LENGTH:
        raise InitDataRejected("empty or oversized")
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise InitDataRejected("not a query string") from None
    keys = [key for key, _ in pairs]
    if len(keys) != len(set(keys)):
        raise InitDataRejected("a field given twice")  # which one would the hash cover?
    fields = dict(pairs)
    given = fields.pop("hash", "")
    expected = hmac.new(
        secret_for(bot_token), _check_string(list(fields.items())).encode(), hashlib.sha256
    ).hexdigest()
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise InitDataRejected("bad signature")
    try:
        auth_date = datetime.fromtimestamp(int(fields["auth_date"]), tz=now.tzinfo)
        user = json.loads(fields["user"])
        telegram_id = int(user["id"])
    except (KeyError, ValueError, TypeError):
        raise InitDataRejected("auth_date or user missing or malformed") from None
    if not timedelta(seconds=-30) <= now - auth_date <= max_age:
        raise InitDataRejected("too old, or from the future")
    language = user.get("language_code")
    return WebAppUser(
        telegram_id=telegram_id,
        first_name=str(user.get("first_name") or ""),
        language_code=language if isinstance(language, str) else None,
        auth_date=auth_date,
        signature=given,
    )
