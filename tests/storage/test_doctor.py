"""The doctor: each kind of damage, seeded with raw SQL, is reported and repaired only if safe."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest
from sqlalchemy import bindparam, text

from bot.doctor import REST, examine, report
from storage.doctor_hours import repair_hours
from storage.engine import make_engine, read_snapshot
from storage.paced import PacedConnection
from storage.tables import UTCDateTime
from tests.storage.builders import CUSTOMER_TG, OWNER_TG, T0

NOW = T0 + timedelta(days=1)
LEASE = timedelta(seconds=30)


async def sql(url: str, statement: str, *, fk: bool = True, **params) -> list[tuple]:
    """Run raw SQL; fk=False lets it leave dangling references, as a broken tool might."""
    typed = [bindparam(k, type_=UTCDateTime()) for k, v in params.items() if _is_time(v)]
    engine = make_engine(url, foreign_keys=fk)
    try:
        async with engine.begin() as conn:
            if not fk and conn.dialect.name == "postgresql":
                await conn.execute(text("SET LOCAL session_replication_role = replica"))
            result = await conn.execute(text(statement).bindparams(*typed), params)
            return [tuple(row) for row in result] if result.returns_rows else []
    finally:
        await engine.dispose()


def _is_time(value: object) -> bool:
    return isinstance(value, datetime)


async def check(url: str, *, repair: bool = False):
    return await examine(url, repair=repair, lease=LEASE, clock=lambda: NOW)


def checks(findings) -> list[tuple[str, str]]:
    return [(f.check, f.subject) for f in findings]


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


async def keep_hours(url: str) -> None:
    """/stats's hours as the repositories keep them, after rows written here by hand."""
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            await repair_hours(conn)
    finally:
        await engine.dispose()


async def add_ledger(url: str, card_id: int, delta: int, key: str) -> None:
    await sql(
        url,
        "INSERT INTO point_transactions (card_id, delta, kind, idempotency_key, reason,"
        " created_at) VALUES (:card, :delta, 'award', :key, '', :t)",
        card=card_id, delta=delta, key=key, t=T0,
    )  # fmt: skip
    # An award is earned: lifetime points follow it (the balance is what these tests break).
    await sql(
        url, "UPDATE loyalty_cards SET lifetime_points = lifetime_points + :d WHERE id = :id",
        d=delta, id=card_id,
    )  # fmt: skip
    await keep_hours(url)


async def test_a_healthy_database_has_nothing_to_report(db_url, healthy):
    checkup = await check(db_url, repair=True)
    assert checkup.found == [] and checkup.repaired is False
    assert report(checkup) == "no problems found"


async def test_a_balance_off_its_ledger_is_set_to_the_ledger_sum_without_new_rows(db_url, healthy):
    await add_ledger(db_url, healthy.card_id, 5, "a")
    await add_ledger(db_url, healthy.card_id, 3, "b")
    await sql(db_url, "UPDATE loyalty_cards SET balance = 2 WHERE id = :id", id=healthy.card_id)

    found = (await check(db_url)).found
    assert checks(found) == [("balance_mismatch", f"card {healthy.card_id}")]
    assert "balance 2, ledger sum 8" in found[0].detail
    checkup = await check(db_url, repair=True)
    assert checkup.left == []
    assert await sql(db_url, "SELECT balance FROM loyalty_cards") == [(8,)]
    assert await sql(db_url, "SELECT count(*) FROM point_transactions") == [(2,)]


async def test_a_negative_ledger_sum_is_reported_and_left_alone(db_url, healthy):
    await add_ledger(db_url, healthy.card_id, -4, "odd")
    checkup = await check(db_url, repair=True)
    assert checks(checkup.left) == [("balance_mismatch", f"card {healthy.card_id}")]
    assert checkup.left[0].fix is None and "left to a person" in report(checkup)
    assert await sql(db_url, "SELECT balance FROM loyalty_cards") == [(0,)]


async def test_a_customer_with_a_card_but_no_business_row_is_added(db_url, world):
    found = (await check(db_url)).found
    subject = f"business {world.business_id}, customer {world.customer_id}"
    assert checks(found) == [("business_customer_missing", subject)]
    await check(db_url, repair=True)
    rows = await sql(db_url, "SELECT business_id, customer_id, visits FROM business_customers")
    assert rows == [(world.business_id, world.customer_id, 0)]


async def test_a_scan_alone_lists_nobody_and_a_listed_customer_without_a_card_is_removed(
    db_url, healthy
):
    await sql(db_url, "DELETE FROM point_transactions")
    await sql(db_url, "DELETE FROM loyalty_cards")
    await sql(
        db_url,
        "INSERT INTO qr_scan_logs (business_id, staff_telegram_id, customer_id, outcome, points,"
        " idempotency_key, created_at) VALUES (:b, :staff, :c, 'not_enrolled', 0, 'k', :t)",
        b=healthy.business_id, staff=OWNER_TG, c=healthy.customer_id, t=T0,
    )  # fmt: skip
    found = [c for c, _ in checks((await check(db_url)).found)]
    assert "business_customer_without_card" in found
    assert "business_customer_missing" not in found
    await check(db_url, repair=True)
    assert await sql(db_url, "SELECT count(*) FROM business_customers") == [(0,)]


async def enroll_in_a_second_program(url: str, world) -> int:
    await sql(
        url,
        "INSERT INTO loyalty_programs (business_id, name, kind, points_per_scan,"
        " join_code, max_per_scan, active, created_at, redeem_keeps)"
        " VALUES (:b, 'Tea', 'points', 1, 'join-tea', 10, :yes, :t, :no)",
        b=world.business_id, t=T0, yes=True, no=False,
    )  # fmt: skip
    [(program_id,)] = await sql(url, "SELECT id FROM loyalty_programs WHERE name = 'Tea'")
    await sql(
        url,
        "INSERT INTO program_rewards (program_id, name, cost, position, active, created_at)"
        " VALUES (:p, 'Tea', 5, 0, :yes, :t)",
        p=program_id, t=T0, yes=True,
    )  # fmt: skip
    await sql(
        url,
        "INSERT INTO customer_programs (customer_id, program_id, status, created_at)"
        " VALUES (:c, :p, 'active', :t)",
        c=world.customer_id, p=program_id, t=T0,
    )  # fmt: skip
    return program_id


async def test_an_active_enrollment_without_a_card_gets_an_empty_card(db_url, healthy):
    program_id = await enroll_in_a_second_program(db_url, healthy)
    assert [c for c, _ in checks((await check(db_url)).found)] == ["card_missing"]
    assert (await check(db_url, repair=True)).left == []
    query = "SELECT customer_id, business_id, balance FROM loyalty_cards WHERE program_id = :p"
    cards = await sql(db_url, query, p=program_id)
    assert cards == [(healthy.customer_id, healthy.business_id, 0)]


async def test_no_card_is_made_while_ledger_rows_point_at_a_vanished_card(db_url, healthy):
    await add_ledger(db_url, healthy.card_id, 7, "lost")
    await sql(
        db_url,
        "INSERT INTO customer_programs (customer_id, program_id, status, created_at)"
        " VALUES (:c, :p, 'active', :t)",
        c=healthy.customer_id, p=healthy.program_id, t=T0,
    )  # fmt: skip
    await sql(db_url, "DELETE FROM loyalty_cards", fk=False)

    checkup = await check(db_url, repair=True)
    assert [(f.check, f.fix) for f in checkup.left] == [("card_missing", None)]
    assert "ledger rows point at missing cards" in checkup.left[0].detail
    assert await sql(db_url, "SELECT count(*) FROM loyalty_cards") == [(0,)]


async def add_notification(url: str, status: str, due: datetime | None, created: datetime):
    await sql(
        url,
        "INSERT INTO customer_notifications (chat_id, category, template, params, status,"
        " attempts, next_attempt_at, last_error, created_at)"
        " VALUES (:chat, 'points_added', 'points_added', '{}', :status, 1, :due, '', :t)",
        chat=CUSTOMER_TG, status=status, due=due, t=created,
    )  # fmt: skip


async def test_a_notification_sending_past_its_lease_is_released(db_url, healthy):
    await add_notification(db_url, "sending", NOW - timedelta(minutes=5), T0)
    await add_notification(db_url, "sending", NOW + timedelta(seconds=10), T0)  # still leased
    found = (await check(db_url)).found
    assert [f.detail for f in found] == ["sending past its lease"]
    await check(db_url, repair=True)
    rows = await sql(db_url, "SELECT status FROM customer_notifications ORDER BY id")
    assert rows == [("pending",), ("sending",)]


async def test_a_notification_pending_for_long_is_reported_but_not_changed(db_url, healthy):
    await add_notification(db_url, "pending", None, NOW - timedelta(hours=1))
    checkup = await check(db_url, repair=True)
    assert [f.fix for f in checkup.left] == [None] and checkup.repaired is False
    assert "dispatcher" in checkup.left[0].detail


async def test_a_request_past_its_expiry_is_expired_through_the_domain(db_url, healthy):
    await sql(
        db_url,
        "INSERT INTO customer_approval_requests (kind, customer_id, business_id, program_id,"
        " requested_by, amount, reason, status, created_at, expires_at)"
        " VALUES ('deduction', :c, :b, :p, :staff, 5, '', 'pending', :t, :t)",
        c=healthy.customer_id, b=healthy.business_id, p=healthy.program_id,
        staff=OWNER_TG, t=T0,
    )  # fmt: skip
    assert [c for c, _ in checks((await check(db_url)).found)] == ["request_overdue"]
    assert (await check(db_url, repair=True)).left == []
    assert await sql(db_url, "SELECT status FROM customer_approval_requests") == [("expired",)]
    told = await sql(db_url, "SELECT chat_id FROM customer_notifications ORDER BY chat_id")
    assert told == [(OWNER_TG,), (CUSTOMER_TG,)]  # both sides, as the scheduler would


SNAPSHOT = [
    "SELECT id, customer_id, program_id, balance FROM loyalty_cards ORDER BY id",
    "SELECT count(*) FROM point_transactions",
    "SELECT business_id, customer_id FROM business_customers ORDER BY id",
    "SELECT id, status, next_attempt_at FROM customer_notifications ORDER BY id",
    "SELECT id, status FROM customer_approval_requests ORDER BY id",
]


async def test_repairing_twice_changes_nothing_the_second_time(db_url, world):
    await enroll_in_a_second_program(db_url, world)
    await add_ledger(db_url, world.card_id, 4, "x")
    await add_notification(db_url, "sending", NOW - timedelta(minutes=5), T0)
    first = await check(db_url, repair=True)
    assert first.left == [] and len(first.found) == 4
    before = [await sql(db_url, query) for query in SNAPSHOT]
    second = await check(db_url, repair=True)
    assert second.found == [] and [await sql(db_url, query) for query in SNAPSHOT] == before


async def test_the_doctors_checks_find_the_same_when_they_rest(db_url, healthy):
    await add_ledger(db_url, healthy.card_id, 5, "a")
    await sql(db_url, "UPDATE loyalty_cards SET balance = 2 WHERE id = :id", id=healthy.card_id)
    plain = await check(db_url)
    paced = await examine(db_url, lease=LEASE, clock=lambda: NOW, rest=REST)
    assert (
        checks(paced.found)
        == checks(plain.found)
        == [("balance_mismatch", f"card {healthy.card_id}")]
    )


async def test_a_paced_connection_rests_after_each_statement_as_long_as_it_ran(db_url):
    """What the CLI's checks read through (`REST`, storage/paced.py): a live platform's
    database server then gives them at most half a core, `nice` not reaching it."""
    slow = {  # about 50 ms of the server's work
        "postgresql": "SELECT pg_sleep(0.05)",
        "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
        " WHERE i < 300000) SELECT count(*) FROM n",
    }
    async with read_snapshot(db_url) as reading:
        paced = PacedConnection(reading, REST)
        began = time.monotonic()
        await paced.execute(text(slow[reading.dialect.name]))
        ran = time.monotonic() - began - paced.rested
        await paced.scalar(text("SELECT 1"))
        took = time.monotonic() - began
    assert REST >= 1.0 and ran > 0.01
    assert paced.rested >= REST * ran * 0.9
    assert took >= ran * (1 + REST) * 0.9
