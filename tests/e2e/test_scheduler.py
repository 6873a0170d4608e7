"""The scheduler's sweeps end to end: the bot runs on a movable clock, each job is run by hand."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import build_application, start_application, stop_application
from domain.approvals import invite_to_program, request_deduction
from domain.commands import AwardPoints, InviteToProgram, RequestDeduction
from domain.ledger import award_points
from sandbox.client import SandboxClient, SandboxUser
from sandbox.server import SandboxServer
from tests.e2e.conftest import TOKEN, Harness, e2e_settings
from tests.e2e.helpers import Shop, customer, open_shop, settled

DAY_ONE = datetime(2025, 6, 2, 10, 0, tzinfo=UTC)


class MovableClock:
    """Real time shifted by what the test moved it: retries booked "in a second" still come."""

    def __init__(self, start: datetime) -> None:
        self.offset = start - datetime.now(UTC)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def move(self, **delta: float) -> None:
        self.offset += timedelta(**delta)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(DAY_ONE)


@pytest.fixture
async def harness(tmp_path: Path, e2e_db_url: str, clock: MovableClock) -> AsyncIterator[Harness]:
    server = SandboxServer(token=TOKEN, rate_limits=None)
    await server.start(host="127.0.0.1", port=0)
    app = build_application(e2e_settings(tmp_path, server, e2e_db_url), clock=clock)
    await start_application(app)
    try:
        async with SandboxClient(server.url) as sb:
            yield Harness(server, sb, app, e2e_db_url)
    finally:
        await stop_application(app)
        await server.stop()


async def run(harness, job: str) -> object:
    return await harness.app.bot_data["scheduler"].run(job)


async def settle_then_move(harness, clock: MovableClock, **delta: float) -> None:
    """Move the clock once every row is marked sent: a jump past a lease resends the row."""
    await settled(harness)
    clock.move(**delta)


def uow(harness):
    return harness.app.bot_data["services"].uow()


async def card_of(harness, user: SandboxUser) -> int:
    rows = await harness.query(
        "SELECT c.id FROM loyalty_cards c JOIN customers u ON u.id = c.customer_id "
        "WHERE u.telegram_id = :tid",
        tid=user.id,
    )
    return rows[0][0]


async def award(harness, shop: Shop, owner: SandboxUser, user: SandboxUser, points: int) -> None:
    card_id = await card_of(harness, user)
    cmd = AwardPoints(shop.business.id, owner.id, card_id, points, f"award-{card_id}-{points}")
    await award_points(uow(harness), cmd)
    await user.wait_for_text(f"+{points} points")


async def count(harness, user: SandboxUser, needle: str) -> int:
    """Messages in the user's chat containing `needle`, once everything queued was sent."""
    await settled(harness)  # a second message, were one wrongly queued, has arrived by now
    return sum(needle in m.content for m in await user.transcript())


async def test_the_scheduler_runs_every_sweep_as_an_apscheduler_job(harness):
    scheduler = harness.app.bot_data["scheduler"]
    assert {job.id for job in scheduler._aps.get_jobs()} == set(scheduler.jobs)


async def test_an_expired_request_is_closed_once_and_both_sides_are_told(harness, clock):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    await award(harness, shop, owner, ann, 30)
    card_id = await card_of(harness, ann)
    await request_deduction(
        uow(harness), RequestDeduction(shop.business.id, owner.id, card_id, amount=5)
    )
    await ann.wait_for_text("asks to deduct 5 points")

    await settle_then_move(harness, clock, minutes=14)
    assert await run(harness, "expire_requests") == []
    await settle_then_move(harness, clock, minutes=2)
    assert len(await run(harness, "expire_requests")) == 1
    assert await run(harness, "expire_requests") == []

    await ann.wait_for_text("has expired")
    await owner.wait_for_text("deduct 5 points has expired")
    assert await count(harness, ann, "has expired") == 1
    assert await harness.query("SELECT status FROM customer_approval_requests") == [("expired",)]


async def test_a_pending_invitation_is_reminded_once_after_a_day(harness, clock):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    bob = await customer(harness, "Bob")
    [(bob_id,)] = await harness.query("SELECT id FROM customers WHERE telegram_id = :t", t=bob.id)
    cmd = InviteToProgram(shop.business.id, owner.id, bob_id, shop.program.id)
    await invite_to_program(uow(harness), cmd)
    await bob.wait_for_text("invites you to Coffee club")

    await settle_then_move(harness, clock, hours=23)
    assert await run(harness, "remind_enrollments") == 0
    await settle_then_move(harness, clock, hours=2)
    assert await run(harness, "remind_enrollments") == 1
    assert await run(harness, "remind_enrollments") == 0

    reminder = await bob.wait_for_text("Reminder: Café Lumen invited you")
    assert await count(harness, bob, "Reminder:") == 1
    await bob.press(reminder, label="✅ Accept")
    await bob.wait_for_text("You joined Coffee club")


async def test_a_customer_who_switched_reminders_off_is_not_reminded_of_an_invitation(
    harness, clock
):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    bob = await customer(harness, "Bob")
    await bob.send_text("/settings")
    settings = await bob.wait_for_text("Messages you get")
    await bob.press(settings, label="✅ Reminders")
    await bob.wait_for(lambda m: "🔕 Reminders" in str(m.buttons))
    [(bob_id,)] = await harness.query("SELECT id FROM customers WHERE telegram_id = :t", t=bob.id)
    cmd = InviteToProgram(shop.business.id, owner.id, bob_id, shop.program.id)
    await invite_to_program(uow(harness), cmd)
    await bob.wait_for_text("invites you to Coffee club")  # the invitation itself always goes

    await settle_then_move(harness, clock, hours=25)
    assert await run(harness, "remind_enrollments") == 1
    assert await harness.query(
        "SELECT status FROM customer_notifications WHERE template = 'enrollment_reminder'"
    ) == [("suppressed",)]
    await bob.send_text("/requests")
    await bob.wait_for_text("Coffee club")  # still there to answer
    assert await count(harness, bob, "Reminder:") == 0


async def test_a_customer_hears_once_that_the_reward_is_one_visit_away(harness, clock):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)  # 10 points a scan, reward at 50
    ann = await customer(harness, "Ann", shop)
    await award(harness, shop, owner, ann, 30)
    assert await run(harness, "reward_in_reach") == 0

    await award(harness, shop, owner, ann, 10)
    assert await run(harness, "reward_in_reach") == 1
    assert await run(harness, "reward_in_reach") == 0
    await ann.wait_for_text("Just one more visit to Café Lumen for Free coffee!")

    await award(harness, shop, owner, ann, 5)  # still one visit away: no second message
    assert await run(harness, "reward_in_reach") == 0
    assert await count(harness, ann, "Just one more visit") == 1


async def test_the_owner_gets_yesterdays_figures_once_from_the_digest_hour(harness, clock):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    await award(harness, shop, owner, ann, 20)

    await settle_then_move(harness, clock, hours=21)  # 07:00 next day: before the digest hour
    assert await run(harness, "owner_digest") == 0
    await settle_then_move(harness, clock, hours=2)
    assert await run(harness, "owner_digest") == 1
    assert await run(harness, "owner_digest") == 0

    digest = await owner.wait_for_text("📊 Café Lumen yesterday")
    assert "20 issued, 0 rewards redeemed, 1 new customer." in digest.text
    assert await count(harness, owner, "📊") == 1


async def test_we_miss_you_is_off_by_default_and_sent_once_per_absence_when_on(harness, clock):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    await settle_then_move(harness, clock, days=30)
    assert await run(harness, "we_miss_you") == 0

    async with uow(harness) as work:
        program = await work.programs.get(shop.program.id)
        program.miss_you_days = 14
        await work.programs.update(program)
        await work.commit()
    assert await run(harness, "we_miss_you") == 1
    assert await run(harness, "we_miss_you") == 0
    await ann.wait_for_text("We miss you at Café Lumen!")
