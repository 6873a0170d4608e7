"""Migration 0018 on a database filled at the previous head: /stats's hours (and each staff
member's) are built from the scan log, the ledger and business_customers, 0020 adds the
rewards redeemed from the ledger, and they go on down."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from storage.engine import make_engine, make_session_factory
from storage.hour_tally import tally, write_tallies
from storage.migrate import downgrade, upgrade
from tests.storage.test_data_migrations import FILL, LINKS, T, below, empty_url, run

__all__ = ["empty_url"]
HOURS = "0018"
MORE = [  # at the previous head: a scan by the owner, the customer first seen two days before
    "INSERT INTO qr_scan_logs (business_id, staff_telegram_id, customer_id, program_id, outcome,"
    " points, idempotency_key, created_at) VALUES (1, 1, 1, 1, 'awarded', 10, 'scan:m1', :t)",
    "INSERT INTO qr_scan_logs (business_id, staff_telegram_id, customer_id, program_id, outcome,"
    " points, idempotency_key, created_at) VALUES (1, 1, 1, 1, 'forged', 0, 'x', :t)",
    "INSERT INTO business_customers (business_id, customer_id, first_seen, last_seen, visits,"
    " status) VALUES (1, 1, :first, :t, 1, 'active')",
    "UPDATE point_transactions SET staff_telegram_id = 1 WHERE id IN (2, 3)",
]


async def fill_more(url: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            for statement in MORE:
                await conn.execute(text(statement), {"t": T, "first": T - timedelta(days=2)})
    finally:
        await engine.dispose()


async def test_hours_are_built_from_the_ledger_and_dropped_on_downgrade(empty_url):
    before = below(HOURS)
    upgrade(empty_url, below(LINKS))  # the revision FILL is written for
    await run(empty_url, *FILL)
    upgrade(empty_url, before)
    await fill_more(empty_url)
    upgrade(empty_url)
    hours, staff = await run(
        empty_url,
        "SELECT business_id, scans, issued, redeemed, new_customers, returning_customers,"
        " rewards FROM business_hours ORDER BY hour",
        "SELECT staff_telegram_id, scans, manual_awards, manual_points, undos, redemptions"
        " FROM business_staff_hours",
    )
    # ledger: awards 10 + 5 + 5, an undo of 5, a redemption of 2 (its reward: 0020)
    assert hours == [(1, 0, 0, 0, 1, 0, 0), (1, 1, 15, 2, 0, 1, 1)]
    assert staff == [(1, 1, 1, 5, 1, 0)]
    # A scan counted now by the repositories lands in the hour the migration wrote (the same
    # key as stored: on SQLite, the same text), not in a second row for that hour.
    engine = make_engine(empty_url)
    try:
        async with make_session_factory(engine)() as session:
            tally(session, 1, T, scans=1)
            await write_tallies(session)
            await session.commit()
    finally:
        await engine.dispose()
    assert await run(empty_url, "SELECT scans FROM business_hours ORDER BY hour") == [[(0,), (2,)]]
    downgrade(empty_url, before)
    assert await run(empty_url, "SELECT COUNT(*) FROM point_transactions") == [[(5,)]]
