"""What the logs may hold: never a bot token, a manual code or a whole update.

PTB logs every Bot API call's parameters and answers at DEBUG (whole updates, with what people
typed), so its loggers never go below INFO; a filter on the root handlers masks the bot token
and anything shaped like a customer's manual code in every record that still gets through.
"""

from __future__ import annotations

import logging
import re
import traceback
from pathlib import Path

# Our manual codes (K7QX-4M2P) and any Bot API token (digits, a colon, 35 URL-safe characters).
_SECRETS = re.compile(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b|\b\d{5,}:[A-Za-z0-9_-]{20,}")
_CHATTY = ("telegram", "httpx", "httpcore", "apscheduler")
_OURS = ("bot", "domain", "storage")


class RedactingFilter(logging.Filter):
    """Masks tokens and manual codes in a record's message (arguments merged in first)."""

    def __init__(self, *secrets: str) -> None:
        super().__init__()
        self._exact = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        for secret in self._exact:
            message = message.replace(secret, "<secret>")
        record.msg, record.args = _SECRETS.sub("<redacted>", message), None
        return True


def configure_logging(level: str, *secrets: str) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name in _CHATTY:
        logging.getLogger(name).setLevel(max(logging.INFO, logging.getLogger().level))
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactingFilter(*secrets))


def where(error: BaseException) -> str:
    """file:line of the innermost frame of our own code in the error's traceback: a place in
    the code, never data."""
    found = "?"
    for frame in traceback.extract_tb(error.__traceback__):
        parts = Path(frame.filename).parts
        for index, part in enumerate(parts):
            if part in _OURS and index + 1 < len(parts) and "site-packages" not in parts:
                found = f"{'/'.join(parts[index:])}:{frame.lineno}"
                break
    return found


class AlertGate:
    """At most one alert per `interval` seconds; the next one says how many were held back."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._last: float | None = None
        self._held = 0

    def admit(self, now: float) -> int | None:
        """None: hold this alert back; else the number held back since the last one sent."""
        if self._last is not None and now - self._last < self.interval:
            self._held += 1
            return None
        held, self._held, self._last = self._held, 0, now
        return held
