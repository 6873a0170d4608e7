"""Win-back offers end to end: "we miss you" carries the program's bonus, credited once at the
first visit within its days, and not at all after them."""

from __future__ import annotations

from tests.e2e.growth.conftest import card_of, count, run, settle_then_move, uow
from tests.e2e.helpers import balance_of, customer, open_shop, qr_photo

WELCOME = "Welcome back to Café Lumen! Your bonus in Coffee club: +15."


async def offering_winback(harness, owner, shop) -> None:
    """Olga turns on "we miss you" after 14 days, with a bonus of 15 for a visit within 7."""
    await owner.send_text(f"/editprogram {shop.program.id} winback_bonus 15")
    await owner.wait_for_text("winback_bonus is now 15")
    await owner.send_text(f"/editprogram {shop.program.id} winback_days 7")
    await owner.wait_for_text("winback_days is now 7")
    await owner.send_text("/programs")
    await owner.wait_for_text("👋 Win-back bonus: 15 (within 7 days)")
    async with uow(harness) as work:
        program = await work.programs.get(shop.program.id)
        program.miss_you_days = 14
        await work.programs.update(program)
        await work.commit()


async def scan(owner, ann, expect: str) -> None:
    await owner.send_photo(await qr_photo(ann))
    await owner.wait_for_text(expect)


async def test_a_visit_within_the_days_credits_the_bonus_once(harness, clock):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    await offering_winback(harness, owner, shop)
    await settle_then_move(harness, clock, days=15)
    assert await run(harness, "we_miss_you") == 1
    await ann.wait_for_text("Visit within 7 days and get a bonus of +15 in Coffee club.")

    await settle_then_move(harness, clock, days=3)
    await scan(owner, ann, "Ann: +10")
    await ann.wait_for_text(f"{WELCOME} Balance: 25.")
    assert await balance_of(harness, ann) == 25

    await settle_then_move(harness, clock, days=1)  # the next visit: points, no second bonus
    await scan(owner, ann, "Ann: +10")
    await ann.wait_for_text("Balance: 35")
    assert await count(harness, ann, "Welcome back") == 1
    card = await card_of(harness, ann)
    rows = await harness.query(
        "SELECT w.id, t.idempotency_key FROM winback_offers w "
        "JOIN point_transactions t ON t.reason = 'winback' WHERE w.card_id = :card",
        card=card,
    )
    assert [key for _, key in rows] == [f"winback:{rows[0][0]}"]


async def test_a_visit_after_the_days_gets_no_bonus(harness, clock):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    await offering_winback(harness, owner, shop)
    await settle_then_move(harness, clock, days=15)
    assert await run(harness, "we_miss_you") == 1
    await ann.wait_for_text("get a bonus of +15")

    await settle_then_move(harness, clock, days=8)
    await scan(owner, ann, "Ann: +10")
    await ann.wait_for_text("Balance: 10")
    assert await balance_of(harness, ann) == 10
    assert await count(harness, ann, "Welcome back") == 0
    assert await harness.query("SELECT credited_at FROM winback_offers") == [(None,)]


async def test_without_a_bonus_the_nudge_is_the_plain_we_miss_you(harness, clock):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    async with uow(harness) as work:
        program = await work.programs.get(shop.program.id)
        program.miss_you_days = 14
        await work.programs.update(program)
        await work.commit()
    await settle_then_move(harness, clock, days=15)
    assert await run(harness, "we_miss_you") == 1
    await ann.wait_for_text("We miss you at Café Lumen! Your balance in Coffee club is 0.")
    assert await harness.query("SELECT count(*) FROM winback_offers") == [(0,)]
