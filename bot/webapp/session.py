"""The Mini App's session: a short-lived token the server signs once initData checked out.

`<telegram id>.<locale>.<expiry>.<opened>.<hex HMAC-SHA256>` (unix times), under a key derived
from the bot's secret key, so every worker reads every worker's tokens. Nothing is kept on the
server; a token dies at its expiry. An open page renews it before then, but only for
MAX_SESSION_HOURS after the initData opened it: a token that leaked is not good for ever.

initData itself opens one session only (storage/webapp_logins.py, shared by every worker): a
copy taken from a log or a proxy opens none.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime

MAX_SESSION_HOURS = 12


class SessionRejected(Exception):
    pass


@dataclass(frozen=True)
class Session:
    telegram_id: int
    locale: str
    expires_at: int  # unix seconds
    opened_at: int = 0  # when initData opened the session (renewals keep it)


class SessionSigner:
    def __init__(self, secret: bytes) -> None:
        self._key = hmac.new(secret, b"loyalty-webapp-session", hashlib.sha256).digest()

    def _mac(self, body: str) -> str:
        return hmac.new(self._key, body.encode(), hashlib.sha256).hexdigest()

    def issue(self, session: Session) -> str:
        body = f"{session.telegram_id}.{session.locale}.{session.expires_at}.{session.opened_at}"
        return f"{body}.{self._mac(body)}"

    def read(self, token: str, now: datetime) -> Session:
        body, _, mac = token.rpartition(".")
        if not body or not hmac.compare_digest(mac.encode(), self._mac(body).encode()):
            raise SessionRejected("bad signature")
        try:
            telegram_id, locale, expires_at, opened_at = body.split(".")
            session = Session(int(telegram_id), locale, int(expires_at), int(opened_at))
        except ValueError:
            raise SessionRejected("malformed") from None
        if now.timestamp() >= session.expires_at:
            raise SessionRejected("expired")
        return session
