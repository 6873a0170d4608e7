"""Birthday gifts end to end: set in Settings, given on the day in the business's time zone,
once a year; 31 February refused; a birthday changed once a year; 29 February in 2026."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.e2e.growth.conftest import card_of, count, run, set_time_zone, settle_then_move
from tests.e2e.helpers import customer, open_shop

BACKENDS = ("sqlite", "postgresql")  # its SQL (upserts, locks, selects into) runs on both

GIFT = "Happy birthday from Café Lumen!"


async def birthday_gift_on(harness, owner, shop, points: int = 25) -> None:
    await owner.send_text(f"/editprogram {shop.program.id} birthday_gift {points}")
    await owner.wait_for_text(f"birthday_gift is now {points}")


async def set_birthday(ann, text: str) -> None:
    """Ann sets her birthday the way a customer does: Settings, 🎂, then the date."""
    await ann.send_text("/settings")
    settings = await ann.wait_for_text("Messages you get")
    await ann.press(settings, label="🎂 Birthday")
    await ann.wait_for_text("Send it as day.month")
    await ann.send_text(text)


async def test_the_gift_comes_once_on_the_birthday_with_a_message(harness, clock):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    await birthday_gift_on(harness, owner, shop)
    await owner.send_text("/programs")
    await owner.wait_for_text("🎂 Birthday gift: 25")
    await set_birthday(ann, "03.06")
    await ann.wait_for_text("Saved: your birthday is 03.06")

    assert await run(harness, "birthday_gifts") == 0  # 2 June: not yet
    await settle_then_move(harness, clock, days=1)
    assert await run(harness, "birthday_gifts") == 1
    assert await run(harness, "birthday_gifts") == 0  # the sweep again, the same day
    await ann.wait_for_text(f"{GIFT} Your gift in Coffee club: +25. Balance: 25.")
    assert await count(harness, ann, GIFT) == 1
    card = await card_of(harness, ann)
    assert await harness.query(
        "SELECT idempotency_key, delta, reason FROM point_transactions"
    ) == [(f"birthday:{card}:2025", 25, "birthday")]


async def test_the_day_is_the_business_s_own_day(harness, clock):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    await set_time_zone(harness, shop.business.id, "Pacific/Auckland")  # UTC+12 in June
    ann = await customer(harness, "Ann", shop)
    await birthday_gift_on(harness, owner, shop)
    await set_birthday(ann, "3/6")
    await ann.wait_for_text("Saved: your birthday is 03.06")

    await settle_then_move(harness, clock, hours=1)  # 11:00 UTC: 23:00 on 2 June in Auckland
    assert await run(harness, "birthday_gifts") == 0
    await settle_then_move(harness, clock, hours=1)  # 12:00 UTC: midnight, 3 June in Auckland
    assert await run(harness, "birthday_gifts") == 1
    await ann.wait_for_text(GIFT)


async def test_31_february_is_refused_clearly_and_nothing_is_stored(harness):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    await set_birthday(ann, "31.02")
    await ann.wait_for_text("There is no 31.2 in the calendar")
    await ann.send_text("/birthday 14.13")
    await ann.wait_for_text("Please send your birthday as day.month")
    assert await harness.query("SELECT count(*) FROM customer_birthdays") == [(0,)]


async def test_a_birthday_is_changed_once_a_year_and_gifted_once_a_year(harness, clock):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    await birthday_gift_on(harness, owner, shop)
    await ann.send_text("/birthday 03.06")
    await ann.wait_for_text("Saved: your birthday is 03.06")
    await settle_then_move(harness, clock, days=1)
    assert await run(harness, "birthday_gifts") == 1

    # The day after, Ann moves her birthday to today for a second gift: refused.
    await settle_then_move(harness, clock, days=1)
    await ann.send_text("/birthday 04.06")
    await ann.wait_for_text("once a year: next time from 2026-06-02")
    assert await run(harness, "birthday_gifts") == 0
    assert await harness.query("SELECT day, month FROM customer_birthdays") == [(3, 6)]

    # A year on she may change it; the same year's gift is not given twice.
    await settle_then_move(harness, clock, days=364)  # 3 June 2026
    await ann.send_text("/birthday 05.06")
    await ann.wait_for_text("Saved: your birthday is 05.06")
    await settle_then_move(harness, clock, days=2)  # 5 June 2026
    assert await run(harness, "birthday_gifts") == 1
    assert await count(harness, ann, GIFT) == 2
    card = await card_of(harness, ann)
    keys = await harness.query("SELECT idempotency_key FROM point_transactions ORDER BY id")
    assert keys == [(f"birthday:{card}:2025",), (f"birthday:{card}:2026",)]


async def test_29_february_is_celebrated_on_28_february_in_a_common_year(harness, clock):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    await birthday_gift_on(harness, owner, shop)
    await ann.send_text("/birthday 29.02")
    await ann.wait_for_text("Saved: your birthday is 29.02")

    moment = clock()
    await settle_then_move(
        harness, clock, seconds=(datetime(2026, 2, 27, 12, tzinfo=UTC) - moment).total_seconds()
    )
    assert await run(harness, "birthday_gifts") == 0
    await settle_then_move(harness, clock, days=1)  # 28 February 2026: no 29th this year
    assert await run(harness, "birthday_gifts") == 1
    await settle_then_move(harness, clock, days=1)  # 1 March
    assert await run(harness, "birthday_gifts") == 0
    await ann.wait_for_text(GIFT)
