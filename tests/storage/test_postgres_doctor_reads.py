"""The doctor's snapshot on PostgreSQL runs on one core and sorts in memory: a check of every
ledger row must not take every core from the bot's statements, nor fill temporary files on the
disk their commits wait for (storage/engine.py, `read_snapshot`)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from storage.engine import SNAPSHOT_WORK_MEM, make_engine, read_snapshot

BACKENDS = ("postgresql",)
# The whole ledger summed per card, as the doctor's balance check reads it.
CHECK = "EXPLAIN SELECT card_id, sum(delta) FROM point_transactions GROUP BY card_id"


async def plan(conn: AsyncConnection) -> str:
    # The test's ledger is small: make a parallel plan as cheap as it is on a big one.
    for setting in ("parallel_setup_cost", "parallel_tuple_cost", "min_parallel_table_scan_size"):
        await conn.exec_driver_sql(f"SET LOCAL {setting} = 0")
    return "\n".join(row[0] for row in await conn.exec_driver_sql(CHECK))


async def test_the_doctors_snapshot_plans_no_parallel_workers(db_url):
    engine = make_engine(db_url)
    try:
        async with engine.begin() as conn:
            assert "Gather" in await plan(conn)  # a bot's connection may: the server's default
    finally:
        await engine.dispose()
    async with read_snapshot(db_url) as reading:
        assert "Gather" not in await plan(reading)


async def test_the_doctors_snapshot_sorts_in_memory(db_url):
    async with read_snapshot(db_url) as reading:
        assert (await reading.exec_driver_sql("SHOW work_mem")).scalar() == SNAPSHOT_WORK_MEM
