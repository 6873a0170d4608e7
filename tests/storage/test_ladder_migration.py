"""Data migration 0010: each program's single reward becomes a one-step ladder on a database
filled by 0009, redemption requests name that reward, and a downgrade gives the columns back."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text

from storage.engine import make_engine
from storage.migrate import downgrade, upgrade
from tests.storage.test_data_migrations import below, empty_url

__all__ = ["empty_url"]  # the fixture: an empty SQLite file, or a fresh PostgreSQL database

LADDER = "0010"
T = datetime(2026, 1, 2, 10, 0, tzinfo=UTC)

FILL = [
    "INSERT INTO telegram_users (telegram_id, chat_id, first_name, last_name, username,"
    " language) VALUES (1, 1, 'Olga', '', '', ''), (2, 2, 'Ann', '', '', '')",
    "INSERT INTO customers (id, telegram_id, public_id, manual_code, display_name, created_at,"
    " qr_key_version) VALUES (1, 2, 'pub', 'K7QX4M2P', 'Ann', :t, 1)",
    "INSERT INTO businesses (id, name, owner_telegram_id, staff_invite_code, created_at)"
    " VALUES (1, 'Café', 1, 'inv', :t)",
    "INSERT INTO loyalty_programs (id, business_id, name, kind, points_per_scan,"
    " reward_threshold, reward_name, join_code, created_at, max_per_scan, active) VALUES"
    " (1, 1, 'Club', 'points', 10, 100, 'Coffee', 'jc', :t, 100, :yes),"
    " (2, 1, 'Stamps', 'stamps', 1, 8, 'Cake', 'js', :t, 100, :no)",
    "INSERT INTO loyalty_cards (id, customer_id, program_id, business_id, number, balance,"
    " lifetime_points, created_at) VALUES (1, 1, 1, 1, 'C-1', 140, 240, :t),"
    " (2, 1, 2, 1, 'C-2', 3, 3, :t)",
    "INSERT INTO point_transactions (id, card_id, delta, kind, idempotency_key, reason, note,"
    " created_at) VALUES (1, 1, 240, 'award', 'scan:m1', 'scan', '', :t),"
    " (2, 1, -100, 'redeem', 'request:1', 'redemption', 'Coffee', :t),"
    " (3, 2, 3, 'award', 'scan:m2', 'scan', '', :t)",
    "INSERT INTO customer_approval_requests (id, kind, customer_id, business_id, program_id,"
    " card_id, requested_by, amount, reason, status, created_at, expires_at) VALUES"
    " (1, 'redemption', 1, 1, 1, 1, 1, 100, 'Coffee', 'approved', :t, :t),"
    " (2, 'redemption', 1, 1, 1, 1, 1, 100, 'Coffee', 'pending', :t, :t),"
    " (3, 'deduction', 1, 1, 1, 1, 1, 5, '', 'pending', :t, :t)",
]


async def run(url: str, *statements: str) -> list[list[tuple]]:
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            results = []
            for statement in statements:
                values = {"t": T, "yes": True, "no": False}
                used = {k: v for k, v in values.items() if f":{k}" in statement}
                result = await conn.execute(text(statement), used)
                results.append([tuple(r) for r in result] if result.returns_rows else [])
            return results
    finally:
        await engine.dispose()


async def test_each_single_reward_becomes_a_one_step_ladder_and_comes_back_on_downgrade(
    empty_url,
):
    before = below(LADDER)
    upgrade(empty_url, before)
    await run(empty_url, *FILL)
    upgrade(empty_url, LADDER)
    rewards, requests, programs, balances = await run(
        empty_url,
        "SELECT program_id, name, cost, position, active FROM program_rewards ORDER BY id",
        "SELECT r.id, w.name FROM customer_approval_requests r"
        " LEFT JOIN program_rewards w ON w.id = r.reward_id ORDER BY r.id",
        "SELECT id, redeem_keeps FROM loyalty_programs ORDER BY id",
        "SELECT id, balance FROM loyalty_cards ORDER BY id",
    )
    assert [(p, n, c, pos, bool(a)) for p, n, c, pos, a in rewards] == [
        (1, "Coffee", 100, 0, True),
        (2, "Cake", 8, 0, True),
    ]
    # Redemptions, the answered and the waiting, name the reward; a deduction names none.
    assert requests == [(1, "Coffee"), (2, "Coffee"), (3, None)]
    assert [(i, bool(k)) for i, k in programs] == [(1, False), (2, False)]  # stamps are spent
    assert balances == [(1, 140), (2, 3)]  # no point moved

    await run(  # the owner adds a rung and removes the first before going back
        empty_url,
        "INSERT INTO program_rewards (program_id, name, cost, position, active, created_at)"
        " VALUES (1, 'Cake', 200, 1, :yes, :t)",
        "UPDATE program_rewards SET active = :no WHERE program_id = 1 AND cost = 100",
    )
    downgrade(empty_url, before)
    [programs] = await run(
        empty_url,
        "SELECT id, reward_threshold, reward_name FROM loyalty_programs ORDER BY id",
    )
    # The cheapest active reward is what a one-reward program offers.
    assert programs == [(1, 200, "Cake"), (2, 8, "Cake")]
