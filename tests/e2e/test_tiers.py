"""Tiers through the real bot: the owner sets them, a scan promotes and earns the multiplier,
the window lapses and the sweep demotes, bad edits change nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import build_application, start_application, stop_application
from domain.commands import AwardPoints
from domain.ledger import award_points
from sandbox.client import SandboxClient, SandboxUser
from sandbox.server import SandboxServer
from tests.e2e.conftest import TOKEN, Harness, e2e_settings
from tests.e2e.helpers import Shop, customer, join_staff_by_link, open_shop, qr_photo, settled
from tests.e2e.test_scheduler import DAY_ONE, MovableClock

BACKENDS = ("sqlite", "postgresql")  # the tier queries and the sweep's guarded moves on both
TIERS_SQL = "SELECT name, threshold, percent FROM program_tiers WHERE removed_at IS NULL"


def uow(harness: Harness):
    return harness.app.bot_data["services"].uow()


async def card_id(harness: Harness, user: SandboxUser) -> int:
    [(found,)] = await harness.query(
        "SELECT c.id FROM loyalty_cards c JOIN customers u ON u.id = c.customer_id "
        "WHERE u.telegram_id = :tid",
        tid=user.id,
    )
    return found


async def give(harness: Harness, shop: Shop, owner: SandboxUser, user: SandboxUser, points: int):
    """An award by hand (the domain's own use case), seen by the customer."""
    card = await card_id(harness, user)
    cmd = AwardPoints(shop.business.id, owner.id, card, points, f"gift-{card}-{points}")
    await award_points(uow(harness), cmd)
    await user.wait_for_text(f"+{points} points")


async def set_tiers(owner: SandboxUser, shop: Shop, *lines: str) -> None:
    for line in lines:
        await owner.send_text(f"/tiers {shop.program.id} {line}")
        await owner.wait_for_text(f"Tier {line.split()[0]} saved")


async def test_a_scan_that_promotes_to_a_tier_earns_its_multiplier_and_is_told(harness):
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)
    await set_tiers(olga, shop, "Silver 20 1.5", "Gold 100 2")
    ann = await customer(harness, "Ann", shop)
    await give(harness, shop, olga, ann, 12)  # 12 earned: no tier yet

    await olga.send_photo(await qr_photo(ann))  # 12 + 10 reaches Silver: 10 × 1.5
    reply = await olga.wait_for_text("Ann: +15 points")
    assert "🏅 Silver · ×1.5" in reply.content
    await ann.wait_for_text("you are now Silver in Coffee club! Every visit now earns 50% more.")
    await ann.send_text("💳 My cards")
    cards = await ann.wait_for_text("Your cards")
    assert "🏅 Silver · ×1.5" in cards.content
    assert await harness.query(
        "SELECT c.balance, c.lifetime_points, t.name FROM loyalty_cards c"
        " JOIN program_tiers t ON t.id = c.tier_id"
    ) == [(27, 27, "Silver")]


async def test_the_owner_sets_removes_tiers_and_the_window_with_buttons(harness):
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)
    await olga.send_text("/programs")
    listing = await olga.wait_for_text("Join link")
    await olga.press(listing, label=f"🏅 Tiers #{shop.program.id}")
    screen = await olga.wait_for_text("No tiers yet")
    await olga.press(screen, label="➕ Add or change a tier")
    await olga.wait_for_text("Send the tier in one line")
    await olga.send_text("Silver 500 1.25")
    saved = await olga.wait_for_text("✅ Tier Silver saved.")
    assert "• Silver: from 500 earned, ×1.25" in saved.content
    await olga.press(saved, label="🗓 Window")
    await olga.wait_for_text("How many months")
    await olga.send_text("12")
    window = await olga.wait_for_text("✅ Window saved.")
    assert "in the last 12 months" in window.content
    await olga.press(window, label="🗑 Silver")
    await olga.wait_for_text("✅ Tier Silver removed.")
    assert await harness.query(TIERS_SQL) == []
    assert await harness.query("SELECT tier_window_months FROM loyalty_programs") == [(12,)]


async def test_bad_tier_edits_get_a_clear_answer_and_change_nothing(harness):
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)
    await set_tiers(olga, shop, "Silver 500 1.25", "Gold 2000 1.5")
    pid = shop.program.id
    for line, answer in (
        (f"{pid} Bronze 500 1.1", "Another tier already starts at 500"),
        (f"{pid} Gold 400 1.5", "Silver needs more points than Gold, so its multiplier"),
        (f"{pid} Platinum 5000 0", "“0” is not a multiplier"),
        (f"{pid} Platinum 5000 7", "“7” is not a multiplier"),
        (f"{pid} Platinum 5000 1.333", "“1.333” is not a multiplier"),
        (f"{pid} Platinum lots 2", "A tier's points must be a whole number"),
        (f"{pid} window 500", "The window is a number of months from 1 to 120"),
        (f"{pid} remove Bronze", "There is no tier named “Bronze”"),
        (f"{pid} Platinum", "Send a name, the points earned and the multiplier"),
    ):
        await olga.send_text(f"/tiers {line}")
        await olga.wait_for_text(answer)
    assert sorted(await harness.query(TIERS_SQL)) == [("Gold", 2000, 150), ("Silver", 500, 125)]
    assert await harness.query("SELECT tier_window_months FROM loyalty_programs") == [(None,)]

    sam = await join_staff_by_link(harness, olga, "Sam")  # staff, not the owner
    await sam.send_text(f"/tiers {pid} Platinum 5000 2")
    await sam.wait_for_text("Only the business owner can do that")
    assert len(await harness.query(TIERS_SQL)) == 2


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(DAY_ONE)


@pytest.fixture
async def timed(tmp_path: Path, e2e_db_url: str, clock: MovableClock) -> AsyncIterator[Harness]:
    """The bot on a clock the test moves (as tests/e2e/test_scheduler.py runs it)."""
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


async def test_the_sweep_demotes_once_when_points_leave_the_window(timed, clock):
    harness = timed
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)
    await set_tiers(olga, shop, "Silver 20 1.5")
    await olga.send_text(f"/tiers {shop.program.id} window 1")
    await olga.wait_for_text("✅ Window saved.")
    ann = await customer(harness, "Ann", shop)
    await give(harness, shop, olga, ann, 25)
    await ann.wait_for_text("you are now Silver in Coffee club")
    sweep = harness.app.bot_data["scheduler"]

    await settled(harness)
    clock.move(days=27)
    assert await sweep.run("tiers") == 0  # still within the month
    await settled(harness)
    clock.move(days=5)
    assert await sweep.run("tiers") == 1
    assert await sweep.run("tiers") == 0
    await ann.wait_for_text("your Silver level in Coffee club has ended")
    await settled(harness)
    ended = [m for m in await ann.transcript() if "level in Coffee club has ended" in m.content]
    assert len(ended) == 1
    assert await harness.query("SELECT balance, tier_id FROM loyalty_cards") == [(25, None)]
