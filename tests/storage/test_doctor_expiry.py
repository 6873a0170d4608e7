"""The doctor's expiry checks: an expiry that took more than was earned and not yet spent is
given back once; links that do not add up are reported and left to a person."""

from __future__ import annotations

from datetime import timedelta

from bot.doctor import report
from tests.storage.builders import T0
from tests.storage.test_doctor import check, checks, healthy, keep_hours, sql

__all__ = ["healthy"]


async def add(url: str, card_id: int, delta: int, key: str, kind: str, days: float) -> int:
    await sql(
        url,
        "INSERT INTO point_transactions (card_id, delta, kind, idempotency_key, reason,"
        " created_at) VALUES (:card, :delta, :kind, :key, 'manual', :t)",
        card=card_id, delta=delta, kind=kind, key=key, t=T0 + timedelta(days=days),
    )  # fmt: skip
    await keep_hours(url)
    [(entry_id,)] = await sql(
        url, "SELECT id FROM point_transactions WHERE idempotency_key = :k", k=key
    )
    return entry_id


async def link(url: str, expire_id: int, earned_id: int, points: int) -> None:
    await sql(
        url,
        "INSERT INTO point_expiries (expire_entry_id, earned_entry_id, points)"
        " VALUES (:e, :a, :p)",
        e=expire_id, a=earned_id, p=points,
    )  # fmt: skip


async def test_an_expiry_of_more_than_was_left_is_given_back_once(db_url, healthy):
    card = healthy.card_id
    first = await add(db_url, card, 5, "a1", "award", 0)
    expired = await add(db_url, card, -8, "x1", "expire", 1)  # only 5 were there
    await add(db_url, card, 10, "a2", "award", 2)
    await link(db_url, expired, first, 8)
    await sql(
        db_url,
        "UPDATE loyalty_cards SET balance = 7, lifetime_points = 15 WHERE id = :id",
        id=card,
    )

    found = (await check(db_url)).found
    assert checks(found) == [("expired_more_than_left", f"entry {expired}")]
    assert "expired 3 points more than were earned and not yet spent" in found[0].detail
    checkup = await check(db_url, repair=True)
    assert checkup.left == []
    assert await sql(db_url, "SELECT balance FROM loyalty_cards") == [(10,)]
    assert await sql(
        db_url, "SELECT delta, kind FROM point_transactions WHERE idempotency_key LIKE 'doctor:%'"
    ) == [(3, "adjust")]
    assert (await check(db_url, repair=True)).found == []  # given back once


async def test_expiry_links_that_do_not_add_up_are_left_to_a_person(db_url, healthy):
    card = healthy.card_id
    first = await add(db_url, card, 5, "a1", "award", 0)
    expired = await add(db_url, card, -5, "x1", "expire", 40)
    await link(db_url, expired, first, 3)
    checkup = await check(db_url, repair=True)
    assert checks(checkup.left) == [("expiry_links_off", f"entry {expired}")]
    assert "links add up to 3" in checkup.left[0].detail
    assert "left to a person" in report(checkup)
    assert await sql(db_url, "SELECT COUNT(*) FROM point_transactions") == [(2,)]
