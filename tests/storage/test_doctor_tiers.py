"""The doctor's tier checks: lifetime points earned match the ledger, each card holds the tier
its points earned in the window reach; a repair fixes both and tells the customer of a move."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.storage.builders import CUSTOMER_TG, T0
from tests.storage.test_doctor import check, checks, keep_hours, sql


@pytest.fixture
async def healthy(db_url, world):
    """The storage world made whole: the customer is listed by the business."""
    await sql(
        db_url,
        "INSERT INTO business_customers (business_id, customer_id, first_seen, last_seen,"
        " visits, status) VALUES (:b, :c, :t, :t, 1, 'active')",
        b=world.business_id, c=world.customer_id, t=T0,
    )  # fmt: skip
    await keep_hours(db_url)
    return world


async def ledger(url, card_id, delta, key, kind="award", at=T0, reverses=None):
    await sql(
        url,
        "INSERT INTO point_transactions (card_id, delta, kind, idempotency_key, reason,"
        " reverses_entry_id, created_at) VALUES (:card, :delta, :kind, :key, 'manual', :rev, :t)",
        card=card_id, delta=delta, kind=kind, key=key, rev=reverses, t=at,
    )  # fmt: skip
    await keep_hours(url)
    [(entry_id,)] = await sql(
        url, "SELECT id FROM point_transactions WHERE idempotency_key = :k", k=key
    )
    return entry_id


async def card_state(url, card_id):
    [row] = await sql(
        url,
        "SELECT c.balance, c.lifetime_points, t.name FROM loyalty_cards c"
        " LEFT JOIN program_tiers t ON t.id = c.tier_id WHERE c.id = :id",
        id=card_id,
    )
    return row


async def add_tiers(url, program_id, *tiers, window=None):
    for name, threshold, percent in tiers:
        await sql(
            url,
            "INSERT INTO program_tiers (program_id, name, threshold, percent, created_at)"
            " VALUES (:p, :n, :th, :pc, :t)",
            p=program_id, n=name, th=threshold, pc=percent, t=T0,
        )  # fmt: skip
    await sql(
        url, "UPDATE loyalty_programs SET tier_window_months = :w WHERE id = :p",
        w=window, p=program_id,
    )  # fmt: skip


async def test_lifetime_points_off_the_ledger_are_set_to_what_was_earned(db_url, healthy):
    award = await ledger(db_url, healthy.card_id, 10, "a")
    await ledger(db_url, healthy.card_id, -10, "undo:a", kind="undo", reverses=award)
    await ledger(db_url, healthy.card_id, 7, "b")
    await ledger(db_url, healthy.card_id, -3, "spend", kind="deduct")
    await sql(
        db_url, "UPDATE loyalty_cards SET balance = 4, lifetime_points = 17 WHERE id = :id",
        id=healthy.card_id,
    )  # fmt: skip
    found = (await check(db_url)).found
    assert checks(found) == [("lifetime_mismatch", f"card {healthy.card_id}")]
    checkup = await check(db_url, repair=True)
    assert checkup.left == []
    assert await card_state(db_url, healthy.card_id) == (4, 7, None)


async def test_a_card_in_the_wrong_tier_is_moved_by_the_sweep_and_told(db_url, healthy):
    await add_tiers(db_url, healthy.program_id, ("Silver", 5, 125), ("Gold", 20, 150))
    await ledger(db_url, healthy.card_id, 8, "a")
    await sql(
        db_url, "UPDATE loyalty_cards SET balance = 8, lifetime_points = 8 WHERE id = :id",
        id=healthy.card_id,
    )  # fmt: skip
    found = (await check(db_url)).found
    assert checks(found) == [("tier_mismatch", f"card {healthy.card_id}")]
    assert "reach Silver" in found[0].detail
    checkup = await check(db_url, repair=True)
    assert checkup.left == []
    assert await card_state(db_url, healthy.card_id) == (8, 8, "Silver")
    notes = await sql(
        db_url, "SELECT template, chat_id FROM customer_notifications WHERE category = :c",
        c="tier_changed",
    )  # fmt: skip
    assert notes == [("tier_promoted", CUSTOMER_TG)]


async def test_points_earned_before_the_window_no_longer_hold_the_tier(db_url, healthy):
    await add_tiers(db_url, healthy.program_id, ("Silver", 5, 125), window=1)
    await ledger(db_url, healthy.card_id, 8, "old", at=T0 - timedelta(days=40))
    await ledger(db_url, healthy.card_id, 2, "new", at=T0)
    [(silver,)] = await sql(db_url, "SELECT id FROM program_tiers")
    await sql(
        db_url,
        "UPDATE loyalty_cards SET balance = 10, lifetime_points = 10, tier_id = :s WHERE id = :id",
        s=silver, id=healthy.card_id,
    )  # fmt: skip
    assert checks((await check(db_url)).found) == [("tier_mismatch", f"card {healthy.card_id}")]
    await check(db_url, repair=True)
    assert await card_state(db_url, healthy.card_id) == (10, 10, None)
    assert (await check(db_url)).found == []
