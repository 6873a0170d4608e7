"""initData as Telegram signs it: accepted once and only as signed, for this bot, while fresh."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode

import pytest

from bot.webapp.initdata import InitDataRejected, sign, validate
from bot.webapp.session import Session, SessionRejected, SessionSigner

TOKEN = "424242:E2E-test-token"
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def fields(**changes: str) -> dict[str, str]:
    base = {
        "auth_date": str(int(NOW.timestamp()) - 60),
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": json.dumps({"id": 279058397, "first_name": "Ann", "language_code": "fr"}),
    }
    return {**base, **changes}


def telegram_signed(values: dict[str, str], token: str = TOKEN) -> str:
    """Signed by the documentation's recipe, written out here (not with the code under test)."""
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    check = "\n".join(f"{k}={v}" for k, v in sorted(values.items()))
    return urlencode({**values, "hash": hmac.new(secret, check.encode(), "sha256").hexdigest()})


def test_telegram_signed_data_names_its_user() -> None:
    user = validate(telegram_signed(fields()), TOKEN, NOW, HOUR)
    assert (user.telegram_id, user.first_name, user.language_code) == (279058397, "Ann", "fr")
    assert sign(fields(), TOKEN) == telegram_signed(fields())


def test_every_field_is_covered_even_ones_this_code_does_not_read() -> None:
    signed = telegram_signed(fields(chat_type="private", signature="abc"))
    validate(signed, TOKEN, NOW, HOUR)
    pairs = parse_qsl(signed)
    for index, (key, value) in enumerate(pairs):
        if key == "hash":
            continue
        altered = [*pairs[:index], (key, value + "x"), *pairs[index + 1 :]]
        with pytest.raises(InitDataRejected):
            validate(urlencode(altered), TOKEN, NOW, HOUR)
        dropped = [*pairs[:index], *pairs[index + 1 :]]
        with pytest.raises(InitDataRejected):
            validate(urlencode(dropped), TOKEN, NOW, HOUR)
    with pytest.raises(InitDataRejected):
        validate(signed + "&chat_instance=1", TOKEN, NOW, HOUR)  # a field added


@pytest.mark.parametrize(
    "data",
    [
        "",
        "hash=",
        "no-equals-sign",
        telegram_signed(fields(), token="999999:ANOTHER-BOT"),
        telegram_signed(fields(auth_date=str(int(NOW.timestamp()) - 3601))),  # too old
        telegram_signed(fields(auth_date=str(int(NOW.timestamp()) + 3600))),  # from the future
        telegram_signed(fields(user="not json")),
        telegram_signed({"auth_date": str(int(NOW.timestamp()))}),  # no user
        telegram_signed(fields()) + "&user=x",  # a field twice
        telegram_signed(fields()).replace("hash=", "hash=0"),
        "a=" + "b" * 5000,
    ],
)
def test_refused(data: str) -> None:
    with pytest.raises(InitDataRejected):
        validate(data, TOKEN, NOW, HOUR)


def test_a_session_token_is_read_back_only_unaltered_and_unexpired() -> None:
    signer = SessionSigner(b"k" * 32)
    session = Session(5, "ar", int(NOW.timestamp()) + 60, int(NOW.timestamp()))
    token = signer.issue(session)
    assert signer.read(token, NOW) == session
    flipped = token[:-1] + ("1" if token[-1] == "0" else "0")
    for bad in (token.replace("5.", "6.", 1), flipped, token + "0", "", "5.ar.1"):
        with pytest.raises(SessionRejected):
            signer.read(bad, NOW)
    with pytest.raises(SessionRejected):
        signer.read(token, NOW + timedelta(seconds=60))
    with pytest.raises(SessionRejected):
        SessionSigner(b"other" * 8).read(token, NOW)
