"""The growth tools end to end: the bot on a movable clock (as tests/e2e/test_scheduler.py),
with helpers to run a sweep by hand, restart the bot on the same database, and read cards."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import build_application, start_application, stop_application
from sandbox.client import SandboxClient, SandboxUser
from sandbox.server import SandboxServer
from tests.e2e.conftest import TOKEN, Harness, e2e_settings
from tests.e2e.helpers import settled
from tests.e2e.test_scheduler import DAY_ONE, MovableClock


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(DAY_ONE)


class GrowthHarness(Harness):
    """A harness whose bot can be stopped and started again on the same database."""

    async def restart(self, tmp_path: Path, clock: MovableClock) -> None:
        await stop_application(self.app)
        self.app = build_application(e2e_settings(tmp_path, self.server, self.db_url), clock=clock)
        await start_application(self.app)


@pytest.fixture
async def harness(
    tmp_path: Path, e2e_db_url: str, clock: MovableClock
) -> AsyncIterator[GrowthHarness]:
    server = SandboxServer(token=TOKEN, rate_limits=None)
    await server.start(host="127.0.0.1", port=0)
    app = build_application(e2e_settings(tmp_path, server, e2e_db_url), clock=clock)
    await start_application(app)
    bot = None
    try:
        async with SandboxClient(server.url) as sb:
            bot = GrowthHarness(server, sb, app, e2e_db_url)
            yield bot
    finally:
        await stop_application(bot.app if bot else app)
        await server.stop()


async def run(harness: Harness, job: str) -> object:
    return await harness.app.bot_data["scheduler"].run(job)


async def settle_then_move(harness: Harness, clock: MovableClock, **delta: float) -> None:
    """Move the clock once every row is marked sent: a jump past a lease resends the row."""
    await settled(harness)
    clock.move(**delta)


def uow(harness: Harness):
    return harness.app.bot_data["services"].uow()


async def card_of(harness: Harness, user: SandboxUser) -> int:
    rows = await harness.query(
        "SELECT c.id FROM loyalty_cards c JOIN customers u ON u.id = c.customer_id "
        "WHERE u.telegram_id = :tid",
        tid=user.id,
    )
    return rows[0][0]


async def count(harness: Harness, user: SandboxUser, needle: str) -> int:
    """Messages in the user's chat containing `needle`, once everything queued was sent."""
    await settled(harness)
    return sum(needle in m.content for m in await user.transcript())


async def set_time_zone(harness: Harness, business_id: int, time_zone: str) -> None:
    async with uow(harness) as work:
        business = await work.businesses.get(business_id)
        business.time_zone = time_zone
        await work.businesses.update(business)
        await work.commit()
