"""The doctor's ladder checks: a program without a reward and repeated costs are reported for a
person; rungs whose distinct costs are out of position order are renumbered by cost."""

from __future__ import annotations

from tests.storage.builders import T0
from tests.storage.test_doctor import check, checks, healthy, sql

__all__ = ["healthy"]  # the fixture: a whole storage world with a one-reward ladder


async def add_reward(url: str, program_id: int, name: str, cost: int, position: int) -> None:
    await sql(
        url,
        "INSERT INTO program_rewards (program_id, name, cost, position, active, created_at)"
        " VALUES (:p, :n, :c, :pos, :yes, :t)",
        p=program_id, n=name, c=cost, pos=position, yes=True, t=T0,
    )  # fmt: skip


async def test_rungs_out_of_order_are_renumbered_by_cost(db_url, healthy):
    await add_reward(db_url, healthy.program_id, "T-shirt", 50, 1)
    await add_reward(db_url, healthy.program_id, "Tea", 20, 2)
    found = (await check(db_url)).found
    assert checks(found) == [("ladder_order", f"program {healthy.program_id}")]
    assert "costs by position [10, 50, 20]" in found[0].detail
    checkup = await check(db_url, repair=True)
    assert checkup.left == []
    rows = await sql(db_url, "SELECT name, position FROM program_rewards ORDER BY position")
    assert rows == [("Free coffee", 0), ("Tea", 1), ("T-shirt", 2)]


async def test_repeated_costs_an_empty_ladder_and_kept_points_are_left_to_a_person(
    db_url, healthy
):
    await add_reward(db_url, healthy.program_id, "Tea", 10, 1)
    await sql(
        db_url,
        "INSERT INTO loyalty_programs (business_id, name, kind, points_per_scan, join_code,"
        " max_per_scan, active, created_at, redeem_keeps) VALUES"
        " (:b, 'Bare', 'points', 1, 'join-bare', 10, :yes, :t, :yes)",
        b=healthy.business_id, yes=True, t=T0,
    )  # fmt: skip
    [(bare,)] = await sql(db_url, "SELECT id FROM loyalty_programs WHERE name = 'Bare'")
    checkup = await check(db_url, repair=True)
    assert checks(checkup.left) == [
        ("ladder_order", f"program {healthy.program_id}"),
        ("ladder_empty", f"program {bare}"),
        ("ladder_keeps_points", f"program {bare}"),
    ]
    assert all(f.fix is None for f in checkup.left)
    rows = await sql(db_url, "SELECT name, cost, position FROM program_rewards ORDER BY id")
    assert rows == [("Free coffee", 10, 0), ("Tea", 10, 1)]  # nothing guessed
