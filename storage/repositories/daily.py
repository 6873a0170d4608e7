"""A business's figures per local day and per staff member, for the /stats chart.

Days are cut in the business's time zone by the database: PostgreSQL converts with the zone
itself (`AT TIME ZONE`, daylight saving included); SQLite has no time zones, so it shifts by the
zone's offset at the start of the period (a day may then be off by the hour a clock changes).
Each series is one grouped query: at most one row per day, whatever the number of rows.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Date, and_, cast, distinct, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from domain.models import EntryKind, LedgerReason, ScanOutcome
from domain.ports import DayFigures, StaffFigures
from storage.business_hours import hour_of
from storage.repositories.businesses import ISSUED, SPENT
from storage.staff_hours import STAFF_FIGURES
from storage.tables import (
    BusinessCustomerRow,
    BusinessStaffHourRow,
    CardRow,
    LedgerRow,
    ScanLogRow,
    TelegramUserRow,
)


def local_day(
    session: AsyncSession, column: Any, time_zone: str, since: datetime
) -> ColumnElement[Any]:
    """The local calendar day of a UTC timestamp column, as the database computes it."""
    if session.get_bind().dialect.name == "postgresql":
        return cast(func.timezone(time_zone, column), Date)
    offset = since.astimezone(ZoneInfo(time_zone)).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    return func.date(column, literal(f"{minutes:+d} minutes"))


async def daily(
    session: AsyncSession, business_id: int, since: datetime, time_zone: str
) -> list[DayFigures]:
    days: dict[date, dict[str, int]] = defaultdict(dict)
    for name, stmt in _series(session, business_id, since, time_zone).items():
        for day, value in await session.execute(stmt):
            days[_as_date(day)][name] = int(value or 0)
    return [DayFigures(day, **figures) for day, figures in sorted(days.items())]


def _series(
    session: AsyncSession, business_id: int, since: datetime, time_zone: str
) -> dict[str, Any]:
    scan_day = local_day(session, ScanLogRow.created_at, time_zone, since)
    ledger_day = local_day(session, LedgerRow.created_at, time_zone, since)
    first_day = local_day(session, BusinessCustomerRow.first_seen, time_zone, since)
    awarded = and_(
        ScanLogRow.business_id == business_id,
        ScanLogRow.outcome == ScanOutcome.AWARDED.value,
        ScanLogRow.created_at >= since,
    )
    ledger = (
        select(ledger_day, func.sum(LedgerRow.delta))
        .join(CardRow, CardRow.id == LedgerRow.card_id)
        .where(CardRow.business_id == business_id, LedgerRow.created_at >= since)
        .group_by(ledger_day)
    )
    returning = (
        select(scan_day, func.count(distinct(ScanLogRow.customer_id)))
        .join(
            BusinessCustomerRow,
            and_(
                BusinessCustomerRow.business_id == ScanLogRow.business_id,
                BusinessCustomerRow.customer_id == ScanLogRow.customer_id,
            ),
        )
        .where(awarded, first_day < scan_day)
        .group_by(scan_day)
    )
    return {
        "visits": select(scan_day, func.count()).where(awarded).group_by(scan_day),
        "issued": ledger.where(LedgerRow.kind.in_(ISSUED)),
        "redeemed": ledger.where(LedgerRow.kind.in_(SPENT)).with_only_columns(
            ledger_day, -func.sum(LedgerRow.delta)
        ),
        "new_customers": select(first_day, func.count())
        .where(
            BusinessCustomerRow.business_id == business_id,
            BusinessCustomerRow.first_seen >= since,
        )
        .group_by(first_day),
        "returning": returning,
    }


async def per_staff(
    session: AsyncSession, business_id: int, since: datetime
) -> list[StaffFigures]:
    scans = await session.execute(
        select(ScanLogRow.staff_telegram_id, func.count())
        .where(
            ScanLogRow.business_id == business_id,
            ScanLogRow.outcome == ScanOutcome.AWARDED.value,
            ScanLogRow.created_at >= since,
        )
        .group_by(ScanLogRow.staff_telegram_id)
    )
    manual = await session.execute(
        select(LedgerRow.staff_telegram_id, func.count(), func.sum(LedgerRow.delta))
        .join(CardRow, CardRow.id == LedgerRow.card_id)
        .where(
            CardRow.business_id == business_id,
            LedgerRow.reason == LedgerReason.MANUAL.value,
            LedgerRow.created_at >= since,
            LedgerRow.staff_telegram_id.is_not(None),
        )
        .group_by(LedgerRow.staff_telegram_id)
    )
    figures: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for staff, count in scans:
        figures[staff][0] = int(count)
    for manual_staff, count, points in manual:
        if manual_staff is not None:
            figures[manual_staff][1:3] = [int(count), int(points or 0)]
    for column, kinds in ((3, (EntryKind.UNDO,)), (4, (EntryKind.REDEEM,))):
        for by, count in await session.execute(_entries_by_staff(business_id, since, kinds)):
            figures[by][column] = int(count)
    names = await _names(session, list(figures))
    return sorted(
        (StaffFigures(tid, names.get(tid, str(tid)), *values) for tid, values in figures.items()),
        key=lambda s: (-s.scans, -s.manual_awards, s.name),
    )


async def per_staff_hours(
    session: AsyncSession, business_id: int, since: datetime
) -> list[StaffFigures]:
    """`per_staff` from the kept staff hours (storage/staff_hours.py), from the hour of since."""
    table = BusinessStaffHourRow
    sums = [func.sum(getattr(table, name)) for name in STAFF_FIGURES]
    rows = await session.execute(
        select(table.staff_telegram_id, *sums)
        .where(table.business_id == business_id, table.hour >= hour_of(since))
        .group_by(table.staff_telegram_id)
    )
    figures = {int(tid): [int(v or 0) for v in values] for tid, *values in rows}
    names = await _names(session, list(figures))
    return sorted(
        (StaffFigures(tid, names.get(tid, str(tid)), *values) for tid, values in figures.items()),
        key=lambda s: (-s.scans, -s.manual_awards, s.name),
    )


def _entries_by_staff(business_id: int, since: datetime, kinds: tuple[EntryKind, ...]) -> Any:
    """Ledger entries of these kinds per staff member who made (or asked for) them."""
    return (
        select(LedgerRow.staff_telegram_id, func.count())
        .join(CardRow, CardRow.id == LedgerRow.card_id)
        .where(
            CardRow.business_id == business_id,
            LedgerRow.kind.in_([kind.value for kind in kinds]),
            LedgerRow.created_at >= since,
            LedgerRow.staff_telegram_id.is_not(None),
        )
        .group_by(LedgerRow.staff_telegram_id)
    )


async def _names(session: AsyncSession, telegram_ids: list[int]) -> dict[int, str]:
    if not telegram_ids:
        return {}
    users = TelegramUserRow
    rows = await session.execute(
        select(users.telegram_id, users.first_name, users.last_name, users.username).where(
            users.telegram_id.in_(telegram_ids)
        )
    )
    return {
        tid: (f"{first} {last}".strip() or (f"@{username}" if username else str(tid)))
        for tid, first, last, username in rows
    }


def _as_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
