"""What an award reads of the scan log: the customer's own scans at the business, by index.

The cooldown and the returning customer's first visit of the day each ask whether this customer
was scanned at this business lately. Through (business_id, created_at) they read every scan the
business made in that time (6,300 rows at 20:30 UTC for a shop of 100,000 customers, 26 ms on
PostgreSQL with its parallel plan), a cost that grows with the shop and with its day. Here the
statements a real scan runs are captured and their plans read.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event

from domain.commands import ScanCustomer
from domain.models import Role, ScanOutcome, Staff
from domain.scanning import scan_customer
from domain.tokens import TokenSigner
from tests.storage.builders import OWNER_TG, T0
from tests.storage.test_doctor import sql

INDEX = "ix_qr_scan_logs_business_id_customer_id_created_at"
PUBLIC_ID = "00000000000000aa"
SIGNER = TokenSigner("scan-reads-test-secret-0123456789")


async def test_an_award_reads_the_customers_own_scans_through_their_index(
    engine, db_url, world, new_uow
):
    async with new_uow() as uow:
        await uow.staff.add(Staff(world.business_id, OWNER_TG, Role.OWNER, T0))
        await uow.commit()
    await sql(db_url, "UPDATE businesses SET default_program_id = :p", p=world.program_id)
    await sql(db_url, "UPDATE customers SET public_id = :p", p=PUBLIC_ID)
    reads: list[tuple[str, object]] = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        if "FROM qr_scan_logs" in statement and "customer_id =" in statement:
            reads.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", seen)
    try:
        for key, cooldown in (("visit-1", 60), ("visit-2", 0)):
            cmd = ScanCustomer(
                world.business_id, OWNER_TG, key, token=SIGNER.sign(PUBLIC_ID, 1),
                cooldown=timedelta(seconds=cooldown),
            )  # fmt: skip
            result = await scan_customer(new_uow(), cmd, SIGNER)
            assert result.outcome is ScanOutcome.AWARDED
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", seen)
    # One read each: with a cooldown, its read of the newest award also answers whether this
    # is the day's first visit (storage/session_notes.py); without one, that is asked alone.
    assert len(reads) == 2, reads
    assert "ORDER BY" in reads[0][0] and "EXISTS" in reads[1][0]
    for statement, parameters in reads:
        searched = await _searches(engine, statement, parameters)
        # The customer is found in the index, not among the business's rows it returns.
        assert any(INDEX in index and "customer_id" in by for index, by in searched), (
            f"{statement}\n{searched}"
        )


async def _searches(engine, statement: str, parameters: object) -> list[tuple[str, str]]:
    """Each index the plan reads, with the condition it searches it by."""
    async with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            rows = await conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            # e.g. "SEARCH qr_scan_logs USING INDEX name (business_id=? AND customer_id=? ...)"
            return [(line, line.partition(" (")[2]) for line in (str(r[-1]) for r in rows)]
        # A test's table holds a row or two: without these the planner reads it whole, which
        # says nothing of the plan at size.
        await conn.exec_driver_sql("SET enable_seqscan = off")
        await conn.exec_driver_sql("SET enable_bitmapscan = off")
        rows = await conn.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {statement}", parameters)
        return list(_index_scans(rows.scalar()))


def _index_scans(plan: object):
    if isinstance(plan, list):
        for part in plan:
            yield from _index_scans(part)
    elif isinstance(plan, dict):
        if "Index Name" in plan:
            yield plan["Index Name"], plan.get("Index Cond", "")
        for part in plan.values():
            if isinstance(part, list | dict):
                yield from _index_scans(part)


async def test_an_award_is_twenty_statements_with_one_write_of_each_hour(
    engine, db_url, world, new_uow
):
    """A returning customer's award, as a busy shop's scans mostly are: its statements, each a
    round trip to the server. 29 before the hours were tallied (storage/hour_tally.py) and what
    the transaction had read was kept (storage/session_notes.py); every one added is paid by
    every scan of every shop."""
    async with new_uow() as uow:
        await uow.staff.add(Staff(world.business_id, OWNER_TG, Role.OWNER, T0))
        await uow.commit()
    await sql(db_url, "UPDATE businesses SET default_program_id = :p", p=world.program_id)
    await sql(db_url, "UPDATE customers SET public_id = :p", p=PUBLIC_ID)
    statements: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        if not statement.startswith("BEGIN"):
            statements.append(statement)

    for key in ("first", "returning"):
        if key == "returning":  # the first visit was five minutes ago, past the cooldown
            await sql(
                db_url, "UPDATE qr_scan_logs SET created_at = :t", t=T0 - timedelta(minutes=5)
            )
            event.listen(engine.sync_engine, "before_cursor_execute", seen)
        cmd = ScanCustomer(
            world.business_id, OWNER_TG, key, token=SIGNER.sign(PUBLIC_ID, 1),
            cooldown=timedelta(seconds=60),
        )  # fmt: skip
        outcome = (await scan_customer(new_uow(), cmd, SIGNER)).outcome
        assert outcome is ScanOutcome.AWARDED
    event.remove(engine.sync_engine, "before_cursor_execute", seen)
    assert len(statements) <= 20, "\n".join(s[:90] for s in statements)
    for table in ("business_hours", "business_staff_hours"):
        assert sum(s.startswith(f"INSERT INTO {table} ") for s in statements) == 1, table
