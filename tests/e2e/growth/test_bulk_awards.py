"""Bulk awards end to end: a live progress message, each customer told once, 0 points and an
empty segment refused with nothing changed, and a job resumed after a restart without
awarding anyone twice."""

from __future__ import annotations

from datetime import timedelta

from domain.commands import AwardPoints
from domain.growth.bulk import StartBulkAward, award_bulk_batch, start_bulk_award
from domain.growth.owner_ports import Segment, SegmentKind
from domain.ledger import award_points
from tests.e2e.growth.conftest import count, run, settle_then_move, uow
from tests.e2e.helpers import (
    balance_of,
    customer,
    enrolled,
    join_staff_by_link,
    open_shop,
    settled,
)

BACKENDS = ("sqlite", "postgresql")  # its SQL (upserts, locks, selects into) runs on both

GIFT = "🎁 Café Lumen gave you +20 in Coffee club: Thanks for a great year"


async def test_an_owner_awards_everyone_and_watches_one_message_fill_up(harness):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    people = [await customer(harness, name, shop) for name in ("Ann", "Ben", "Cleo")]
    await owner.send_text("/bhelp")
    assert "/bulkaward <program id>" in (await owner.wait_for_text("Growth tools")).content
    await owner.send_text(f"/bulkaward {shop.program.id} 20 all Thanks for a great year")
    done = await owner.wait_for_text("is complete: 3 of 3 done")
    assert done.content.startswith("✅ Bulk award #1 (+20, Thanks for a great year)")
    for person in people:
        await person.wait_for_text(f"{GIFT}. Balance: 20.")
        assert await balance_of(harness, person) == 20
        assert await count(harness, person, "🎁") == 1
    # One progress message, edited in place: no second message for the job.
    assert await count(harness, owner, "Bulk award #1") == 1
    # Written by the thousand, they wait behind pushes and requests (priority 1, not 0).
    assert await harness.query(
        "SELECT DISTINCT priority FROM customer_notifications WHERE template = 'bulk_award'"
    ) == [(1,)]


async def test_a_segment_reaches_only_its_customers(harness, clock):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    await settle_then_move(harness, clock, days=31)
    ben = await customer(harness, "Ben", shop)  # joined today: not idle
    await owner.send_text(f"/bulkaward {shop.program.id} 20 idle Thanks for a great year")
    await owner.wait_for_text("is complete: 1 of 1 done")
    await ann.wait_for_text(GIFT)
    assert await balance_of(harness, ann) == 20
    assert await balance_of(harness, ben) == 0


async def test_zero_points_and_an_empty_segment_change_nothing(harness):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    await customer(harness, "Ann", shop)
    await owner.send_text(f"/bulkaward {shop.program.id} 0 all Thanks")
    await owner.wait_for_text("The amount must be more than zero.")
    await owner.send_text(f"/bulkaward {shop.program.id} 20 balance:1000 Thanks")
    await owner.wait_for_text("No customer is in this segment: nothing was awarded.")
    await owner.send_text(f"/bulkaward {shop.program.id} 20 vip Thanks")
    await owner.wait_for_text("Unknown segment.")
    rival = await harness.user("Rita")
    other = await open_shop(harness, rival, "Rival Café")
    await owner.send_text(f"/bulkaward {other.program.id} 20 all Thanks")
    await owner.wait_for_text("That program doesn't exist (or belongs to another business).")
    await owner.send_text(f"/bulkaward {shop.program.id} 20 all")
    await owner.wait_for_text("Use: /bulkaward <program id>")
    assert await harness.query("SELECT count(*) FROM bulk_awards") == [(0,)]
    assert await harness.query("SELECT count(*) FROM bulk_award_targets") == [(0,)]
    assert await harness.query("SELECT count(*) FROM point_transactions") == [(0,)]


async def test_staff_who_are_not_the_owner_cannot_award_in_bulk(harness):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    await customer(harness, "Ann", shop)
    sam = await join_staff_by_link(harness, owner, "Sam")
    await sam.send_text(f"/bulkaward {shop.program.id} 20 all Thanks")
    await sam.wait_for_text("Only the business owner can do that.")
    assert await harness.query("SELECT count(*) FROM bulk_awards") == [(0,)]


async def test_a_job_cut_off_by_a_crash_is_finished_after_a_restart_awarding_nobody_twice(
    harness, clock, tmp_path
):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    people = await enrolled(harness, shop, 5)
    cmd = StartBulkAward(
        shop.business.id, owner.id, shop.program.id, 20, Segment(SegmentKind.ALL), "Thanks"
    )
    job = await start_bulk_award(uow(harness), cmd)
    # A worker awards the first two, then dies holding the job's lease.
    lease = timedelta(seconds=60)
    await award_bulk_batch(uow(harness), job.id, "worker-that-died", lease, 2)
    assert [await balance_of(harness, p) for p in people] == [20, 20, 0, 0, 0]

    await harness.restart(tmp_path, clock)
    assert await run(harness, "bulk_awards") == 0  # its lease still holds: nobody takes it
    await settle_then_move(harness, clock, seconds=61)
    assert await run(harness, "bulk_awards") == 1
    assert [await balance_of(harness, p) for p in people] == [20] * 5
    assert await harness.query("SELECT status, done, total FROM bulk_awards") == [("done", 5, 5)]

    # Even a job sent back to its start (a cursor lost) moves no point twice: the keys hold.
    async with uow(harness) as work:
        rewound = await work.bulk_awards.lock(job.id)
        rewound.status, rewound.last_card_id, rewound.done = rewound.status.RUNNING, 0, 0
        await work.bulk_awards.update(rewound)
        await work.commit()
    assert await run(harness, "bulk_awards") == 1
    assert [await balance_of(harness, p) for p in people] == [20] * 5
    rows = await harness.query(
        "SELECT count(*), count(DISTINCT card_id) FROM point_transactions WHERE reason = 'bulk'"
    )
    assert rows == [(5, 5)]
    await settled(harness)
    for person in people:
        assert await count(harness, person, "🎁") == 1


async def test_a_tier_segment_reaches_only_that_tiers_customers(harness):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    for line in ("Silver 20 1.5", "Gold 60 2"):
        await owner.send_text(f"/tiers {shop.program.id} {line}")
        await owner.wait_for_text(f"Tier {line.split()[0]} saved")
    ann, ben, cleo = [await customer(harness, name, shop) for name in ("Ann", "Ben", "Cleo")]
    for person, points in ((ann, 80), (ben, 30)):  # Ann reaches Gold, Ben Silver, Cleo none
        await give(harness, shop, owner, person, points)
    assert sorted(
        await harness.query(
            "SELECT c.lifetime_points, t.name FROM loyalty_cards c"
            " JOIN program_tiers t ON t.id = c.tier_id"
        )
    ) == [(30, "Silver"), (80, "Gold")]

    await owner.send_text(f"/bulkaward {shop.program.id} 15 tier:gold Gold members' thanks")
    await owner.wait_for_text("is complete: 1 of 1 done")
    await ann.wait_for_text("🎁 Café Lumen gave you +15 in Coffee club: Gold members' thanks")
    assert [await balance_of(harness, p) for p in (ann, ben, cleo)] == [95, 30, 0]
    assert await harness.query("SELECT segment, total FROM bulk_awards") == [("tier", 1)]


async def test_an_unknown_tier_is_refused_with_the_tiers_there_are_and_nothing_stored(harness):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    await owner.send_text(f"/bulkaward {shop.program.id} 15 tier:Gold Thanks")
    await owner.wait_for_text("This program has no tiers, so no customer holds Gold.")
    await owner.send_text(f"/tiers {shop.program.id} Silver 20 1.5")
    await owner.wait_for_text("Tier Silver saved")
    await give(harness, shop, owner, ann, 30)
    await owner.send_text(f"/bulkaward {shop.program.id} 15 tier:Platinum Thanks")
    refusal = await owner.wait_for_text("This program has no tier called Platinum.")
    assert "Its tiers: Silver. Nothing was awarded." in refusal.content
    await owner.send_text(f"/bulkaward {shop.program.id} 15 tier: Thanks")
    await owner.wait_for_text("Unknown segment.")
    assert await harness.query("SELECT count(*) FROM bulk_awards") == [(0,)]
    assert await harness.query("SELECT count(*) FROM bulk_award_targets") == [(0,)]
    assert await balance_of(harness, ann) == 30
    assert await harness.query("SELECT count(*) FROM point_transactions") == [(1,)]


async def give(harness, shop, owner, person, points: int) -> None:
    """An award by hand (the domain's own use case): it moves the card's tier at once."""
    [(card,)] = await harness.query(
        "SELECT c.id FROM loyalty_cards c JOIN customers u ON u.id = c.customer_id"
        " WHERE u.telegram_id = :tid",
        tid=person.id,
    )
    cmd = AwardPoints(shop.business.id, owner.id, card, points, f"gift-{card}")
    await award_points(uow(harness), cmd)
    await person.wait_for_text(f"+{points} points")
