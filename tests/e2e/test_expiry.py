"""Points expiry end to end: the owner sets it in /programs, the customer is warned once, sees
it in My cards, and the points expire when the clock gets there."""

from __future__ import annotations

from domain.commands import AwardPoints
from domain.ledger import award_points
from tests.e2e.helpers import customer, join_staff_by_link, open_shop
from tests.e2e.test_business import NOT_STAFF, open_business, open_program
from tests.e2e.test_scheduler import (  # the movable clock and the harness that runs on it
    card_of,
    clock,
    count,
    harness,
    run,
    settle_then_move,
    uow,
)

__all__ = ["clock", "harness"]
EXPIRY = "SELECT expiry_days, expiry_warning_days FROM loyalty_programs ORDER BY id"


async def give(harness, shop, owner, user, points: int, key: str) -> None:
    card_id = await card_of(harness, user)
    cmd = AwardPoints(shop.business.id, owner.id, card_id, points, key)
    await award_points(uow(harness), cmd)
    await user.wait_for_text(f"+{points} points")


async def test_a_warning_comes_once_then_the_oldest_points_expire(harness, clock):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    await owner.send_text(f"/expiry {shop.program.id} 30 7")
    await owner.wait_for_text("points now expire after 30 days, warning 7 days ahead")
    ann = await customer(harness, "Ann", shop)
    await give(harness, shop, owner, ann, 30, "first")  # 2 Jun: expires 2 Jul
    await settle_then_move(harness, clock, days=10)
    await give(harness, shop, owner, ann, 5, "second")  # 12 Jun: expires 12 Jul

    await settle_then_move(harness, clock, days=13)  # 25 Jun: 2 Jul is 7 days off
    assert await run(harness, "expire_points")
    await ann.wait_for_text("Café Lumen · Coffee club: 30 points expire on Jul 2")
    assert not await run(harness, "expire_points")  # warned once per (card, day)
    assert await count(harness, ann, "expire on Jul 2") == 1
    await ann.send_text("/cards")
    await ann.wait_for_text("⏳ 30 points expire on Jul 2")

    await settle_then_move(harness, clock, days=8)  # 3 Jul
    swept = await run(harness, "expire_points")
    assert (swept.expired_cards, swept.expired_points) == (1, 30)
    await ann.wait_for_text("30 points expired. Balance: 5.")
    assert not await run(harness, "expire_points")
    assert await harness.query(
        "SELECT balance, lifetime_points, (SELECT SUM(delta) FROM point_transactions) "
        "FROM loyalty_cards"
    ) == [(5, 35, 5)]
    await ann.send_text("/cards")
    await ann.wait_for_text("⏳ 5 points expire on Jul 12")
    await ann.send_text("/history")
    await ann.wait_for_text("expired")


async def test_a_customer_who_switched_reminders_off_gets_no_warning(harness, clock):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    await owner.send_text(f"/expiry {shop.program.id} 30 7")
    await owner.wait_for_text("points now expire")
    ann = await customer(harness, "Ann", shop)
    await ann.send_text("/settings")
    settings = await ann.wait_for_text("Messages you get")
    await ann.press(settings, label="✅ Reminders")
    await ann.wait_for(lambda m: "🔕 Reminders" in str(m.buttons))
    await give(harness, shop, owner, ann, 30, "first")
    await settle_then_move(harness, clock, days=25)
    assert (await run(harness, "expire_points")).warnings == 1
    assert await count(harness, ann, "expire on") == 0
    assert await harness.query(
        "SELECT status FROM customer_notifications WHERE template = 'expiry_warning'"
    ) == [("suppressed",)]


async def test_the_owner_sets_expiry_with_buttons_and_is_told_each_change(harness):
    olga = await open_business(harness)
    await open_program(olga)
    [(program_id,)] = await harness.query("SELECT id FROM loyalty_programs")
    await olga.send_text("/programs")
    listing = await olga.wait_for_text("⏳ Expiry: off (points never expire)")
    await olga.press(listing, label=f"⏳ Expiry #{program_id}")
    settings = await olga.wait_for_text("Points expiry of Coffee club")
    await olga.press(settings, label="90 days")
    await olga.wait_for_text("points now expire after 90 days, warning 7 days ahead")
    await olga.press(settings, label="⚠️ warn 14 days ahead")
    await olga.wait_for_text("after 90 days, warning 14 days ahead")
    assert await harness.query(EXPIRY) == [(90, 14)]
    await olga.press(settings, label="🚫 Off")
    await olga.wait_for_text("Coffee club (#1): points no longer expire")
    assert await harness.query(EXPIRY) == [(None, 14)]


async def test_expiry_days_out_of_range_are_refused_and_nothing_changes(harness):
    olga = await open_business(harness)
    await open_program(olga)
    [(program_id,)] = await harness.query("SELECT id FROM loyalty_programs")
    await olga.send_text(f"/expiry {program_id} 60 5")
    await olga.wait_for_text("after 60 days, warning 5 days ahead")
    for command, answer in (
        (f"/expiry {program_id} 0", "Expiry must be from 1 to 3,650 days. Nothing was changed."),
        (f"/expiry {program_id} 100000", "Expiry must be from 1 to 3,650 days"),
        (f"/expiry {program_id} 30 30", "The warning must come fewer than 30 days ahead"),
        (f"/expiry {program_id} 30 -1", "The warning must be from 0 to 3,649 days ahead"),
        (f"/expiry {program_id} soon", "Send /expiry <program id> <days>"),
        ("/expiry", "Send /expiry <program id> <days>"),
    ):
        await olga.send_text(command)
        await olga.wait_for_text(answer)
    assert await harness.query(EXPIRY) == [(60, 5)]
    await olga.send_text(f"/expiry {program_id}")
    settings = await olga.wait_for_text("Points expiry of Coffee club (#1): after 60 days")
    press = await olga.press_data(settings, f"ex:{program_id}:d:100000")
    assert "from 1 to 3,650" in await press.answer()
    assert await harness.query(EXPIRY) == [(60, 5)]


async def test_only_the_owner_of_the_program_sets_its_expiry(harness):
    olga = await open_business(harness, business="Bean There")
    await open_program(olga, "Coffee club | points | 10 | 100 | Free coffee")
    max_ = await open_business(harness, owner="Max", business="Rival")
    await open_program(max_, "Rival club | points | 5 | 50 | Free tea")
    [(rival_id,)] = await harness.query(
        "SELECT id FROM loyalty_programs WHERE name = 'Rival club'"
    )
    await olga.send_text("/programs")
    listing = await olga.wait_for_text("Join link")
    for data in (f"ex:{rival_id}:d:30", f"ex:{rival_id}:w:3", f"ex:{rival_id}:v:0"):
        press = await olga.press_data(listing, data)
        assert await press.answer() == NOT_STAFF
    await olga.send_text(f"/expiry {rival_id} 30")
    await olga.wait_for_text(NOT_STAFF)
    bob = await join_staff_by_link(harness, olga, "Bob")
    [(own_id,)] = await harness.query("SELECT id FROM loyalty_programs WHERE name = 'Coffee club'")
    await bob.send_text(f"/expiry {own_id} 30")
    await bob.wait_for_text("Only the business owner can do that.")
    assert await harness.query(EXPIRY) == [(None, 7), (None, 7)]
