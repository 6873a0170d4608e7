"""initData used once: the second use is refused on any worker, until the data is too old."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.engine import make_engine
from storage.webapp_logins import WebAppLogins

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


async def test_a_signature_opens_one_session_until_it_is_forgotten(db_url: str) -> None:
    first, second = make_engine(db_url), make_engine(db_url)  # two workers
    try:
        one, other = WebAppLogins(first), WebAppLogins(second)
        later = NOW + timedelta(hours=1)
        assert await one.first_use("a" * 64, later, NOW)
        assert not await other.first_use("a" * 64, later, NOW)
        assert not await one.first_use("a" * 64, later, NOW + timedelta(minutes=59))
        assert await other.first_use("b" * 64, later, NOW)
        # Past forget_after the row goes (initData that old fails its age check anyway).
        assert await one.first_use("a" * 64, later + timedelta(hours=1), later + timedelta(1))
    finally:
        await first.dispose()
        await second.dispose()
