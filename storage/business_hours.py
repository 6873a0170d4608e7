"""A business's figures per UTC hour: kept as points move, rebuilt from the truth on demand.

The scan repository, the ledger repository and `business_customers.touch` add to the hour of
what they write, in the same transaction (a tally written at commit: storage/hour_tally.py).
/stats, its chart and the owner's digest read these rows only. `rebuild` recomputes them from
the scan log, the ledger and business_customers: migration 0018 fills the table with it, and
`doctor` compares and, with --repair, replaces a business's rows.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Sequence
from datetime import UTC, date, datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, case, delete, func, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.elements import ColumnElement

from domain.models import EntryKind, ScanOutcome
from storage.tables import BusinessCustomerRow, BusinessHourRow, CardRow, LedgerRow, ScanLogRow
from storage.upsert import upsert_for

FIGURES = ("scans", "issued", "redeemed", "new_customers", "returning_customers", "rewards")
ISSUED = (EntryKind.AWARD.value, EntryKind.UNDO.value)  # undone awards are not issued
SPENT = (EntryKind.REDEEM.value, EntryKind.DEDUCT.value)
REWARD = EntryKind.REDEEM.value  # an approved redemption, a kept-stamps one (0 points) included
Hours = dict[datetime, list[int]]  # hour (UTC) -> figures in the order of FIGURES


def hour_of(at: datetime) -> datetime:
    return at.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def local_day(at: datetime, time_zone: str) -> date:
    return at.astimezone(ZoneInfo(time_zone)).date()


@cache
def hours_upsert(dialect: str) -> Any:
    table = BusinessHourRow.__table__
    stmt = upsert_for(dialect)(table)
    return stmt.on_conflict_do_update(
        index_elements=["business_id", "hour"],
        set_={name: table.c[name] + stmt.excluded[name] for name in FIGURES},
    )


# --- the truth: recomputed from the scan log, the ledger and business_customers -------------


def sql_hour(dialect: str, column: Any) -> ColumnElement[Any]:
    if dialect == "postgresql":
        return func.date_trunc("hour", func.timezone("UTC", column))
    return func.strftime("%Y-%m-%d %H:00:00", column)


def as_hour(value: object) -> datetime:
    at = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def _grouped(dialect: str, business_id: int) -> list[tuple[tuple[int, ...], Select[Any]]]:
    """(figures' indexes in FIGURES, grouped query) for the figures SQL can sum per hour."""
    scan_hour = sql_hour(dialect, ScanLogRow.created_at)
    ledger_hour = sql_hour(dialect, LedgerRow.created_at)
    first_hour = sql_hour(dialect, BusinessCustomerRow.first_seen)
    issued = func.sum(case((LedgerRow.kind.in_(ISSUED), LedgerRow.delta), else_=0))
    spent = func.sum(case((LedgerRow.kind.in_(SPENT), -LedgerRow.delta), else_=0))
    rewards = func.sum(case((LedgerRow.kind == REWARD, 1), else_=0))
    return [
        ((0,), select(scan_hour, func.count()).where(
            ScanLogRow.business_id == business_id,
            ScanLogRow.outcome == ScanOutcome.AWARDED.value,
        ).group_by(scan_hour)),
        ((1, 2, 5), select(ledger_hour, issued, spent, rewards)
            .join(CardRow, CardRow.id == LedgerRow.card_id)
            .where(CardRow.business_id == business_id, LedgerRow.kind.in_(ISSUED + SPENT))
            .group_by(ledger_hour)),
        ((3,), select(first_hour, func.count())
            .where(BusinessCustomerRow.business_id == business_id)
            .group_by(first_hour)),
    ]  # fmt: skip


def _visits(business_id: int) -> Select[int | None, datetime, datetime]:
    """Awarded scans with the customer's first contact, per customer in time order."""
    return (
        select(ScanLogRow.customer_id, ScanLogRow.created_at, BusinessCustomerRow.first_seen)
        .join(
            BusinessCustomerRow,
            and_(
                BusinessCustomerRow.business_id == ScanLogRow.business_id,
                BusinessCustomerRow.customer_id == ScanLogRow.customer_id,
            ),
        )
        .where(
            ScanLogRow.business_id == business_id,
            ScanLogRow.outcome == ScanOutcome.AWARDED.value,
        )
        .order_by(ScanLogRow.customer_id, ScanLogRow.created_at, ScanLogRow.id)
    )


def _add_grouped(hours: Hours, indexes: tuple[int, ...], rows: Iterable[Any]) -> None:
    for hour, *values in rows:
        figures = hours.setdefault(as_hour(hour), [0] * len(FIGURES))
        for n, value in zip(indexes, values, strict=True):
            figures[n] += int(value or 0)


class _Returning:
    """Counts each customer's first awarded scan of a local day, if first seen before it."""

    def __init__(self, hours: Hours, time_zone: str) -> None:
        self.hours, self.time_zone = hours, time_zone
        self.last: tuple[int | None, date] | None = None

    def add(self, customer_id: int | None, at: datetime, first_seen: datetime) -> None:
        day = local_day(at, self.time_zone)
        if self.last == (customer_id, day):
            return
        self.last = (customer_id, day)
        if local_day(first_seen, self.time_zone) < day:
            self.hours.setdefault(hour_of(at), [0] * len(FIGURES))[4] += 1


async def rebuild(conn: AsyncConnection, business_id: int, time_zone: str) -> Hours:
    """The business's hours as its scan log, ledger and customers say (doctor)."""
    dialect = conn.dialect.name
    hours: Hours = {}
    for indexes, stmt in _grouped(dialect, business_id):
        _add_grouped(hours, indexes, await conn.execute(stmt))
    returning = _Returning(hours, time_zone)
    if dialect == "postgresql":  # a server-side cursor; SQLite's rows come from the file
        rows: AsyncIterator[Any] = await conn.stream(_visits(business_id))
        async for customer_id, at, first_seen in rows:
            returning.add(customer_id, at, first_seen)
    else:
        for customer_id, at, first_seen in await conn.execute(_visits(business_id)):
            returning.add(customer_id, at, first_seen)
    return _nonzero(hours)


def add_rewards_sync(conn: Connection) -> None:
    """Migration 0020: add each hour's approved redemptions, as the ledger says, to every
    business's kept hours (making the hour's row where they are all it has)."""
    dialect = conn.dialect.name
    ledger_hour = sql_hour(dialect, LedgerRow.created_at)
    rows = conn.execute(
        select(CardRow.business_id, ledger_hour, func.count())
        .select_from(LedgerRow)
        .join(CardRow, CardRow.id == LedgerRow.card_id)
        .where(LedgerRow.kind == REWARD)
        .group_by(CardRow.business_id, ledger_hour)
    )
    zeros = dict.fromkeys(FIGURES, 0)
    values = [
        {**zeros, "business_id": business_id, "hour": as_hour(hour), "rewards": int(count)}
        for business_id, hour, count in rows
    ]
    for start in range(0, len(values), 1000):
        conn.execute(hours_upsert(dialect), values[start : start + 1000])


def _nonzero(hours: Hours) -> Hours:
    return {hour: figures for hour, figures in hours.items() if any(figures)}


def stored_stmt(business_id: int, names: Sequence[str] = FIGURES) -> Select[Any]:
    table = BusinessHourRow
    columns = [getattr(table, name) for name in names]
    return select(table.hour, *columns).where(table.business_id == business_id)


def stored(rows: Iterable[Any]) -> Hours:
    return _nonzero({as_hour(hour): [int(v) for v in values] for hour, *values in rows})


def replace_stmts(business_id: int, hours: Hours) -> list[Any]:
    """Statements that make the business's stored hours `hours` (doctor --repair)."""
    stmts: list[Any] = [delete(BusinessHourRow).where(BusinessHourRow.business_id == business_id)]
    rows = [
        {"business_id": business_id, "hour": hour, **dict(zip(FIGURES, figures, strict=True))}
        for hour, figures in sorted(hours.items())
        if any(figures)
    ]
    for start in range(0, len(rows), 1000):
        stmts.append(insert(BusinessHourRow).values(rows[start : start + 1000]))
    return stmts


def differences(truth: Hours, kept: Hours) -> list[str]:
    """Hours whose kept figures differ from the truth, as `hour: kept -> truth`."""
    wrong = []
    for hour in sorted(set(truth) | set(kept)):
        right, have = truth.get(hour, [0] * len(FIGURES)), kept.get(hour, [0] * len(FIGURES))
        if right != have:
            wrong.append(f"{hour:%Y-%m-%d %H:00}: {have} -> {right}")
    return wrong


def by_day(rows: Iterable[Any], time_zone: str) -> dict[date, list[int]]:
    """Stored hour rows (hour, *figures) summed per local day of `time_zone`."""
    days: dict[date, list[int]] = {}
    for hour, *values in rows:
        figures = days.setdefault(local_day(as_hour(hour), time_zone), [0] * len(values))
        for n, value in enumerate(values):
            figures[n] += int(value or 0)
    return days
