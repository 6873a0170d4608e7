"""What each staff member did per UTC hour (the /stats chart's staff figures).

Kept like storage/business_hours.py: the scan and ledger repositories add to the hour of what
they write, in the same transaction; migration 0018 and `doctor --repair` rebuild the rows from
the scan log and the ledger.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, case, delete, func, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.elements import ColumnElement

from domain.models import EntryKind, LedgerReason, ScanOutcome
from storage.business_hours import as_hour, sql_hour
from storage.tables import BusinessStaffHourRow, CardRow, LedgerRow, ScanLogRow
from storage.upsert import upsert_for

STAFF_FIGURES = ("scans", "manual_awards", "manual_points", "undos", "redemptions")
StaffHours = dict[tuple[datetime, int], list[int]]  # (hour, staff) -> STAFF_FIGURES


@cache
def staff_hours_upsert(dialect: str) -> Any:
    table = BusinessStaffHourRow.__table__
    stmt = upsert_for(dialect)(table)
    return stmt.on_conflict_do_update(
        index_elements=["business_id", "hour", "staff_telegram_id"],
        set_={name: table.c[name] + stmt.excluded[name] for name in STAFF_FIGURES},
    )


def entry_figures(kind: EntryKind, reason: LedgerReason, delta: int) -> dict[str, int]:
    """What a ledger entry made by (or asked for by) a staff member adds to their hour."""
    figures: dict[str, int] = {}
    if reason is LedgerReason.MANUAL:
        figures |= {"manual_awards": 1, "manual_points": delta}
    if kind is EntryKind.UNDO:
        figures["undos"] = 1
    if kind is EntryKind.REDEEM:
        figures["redemptions"] = 1
    return figures


def staff_ledger_figures() -> tuple[list[Any], ColumnElement[bool]]:
    """The ledger's staff figures (STAFF_FIGURES after scans) as sums, and what they count."""
    manual = LedgerRow.reason == LedgerReason.MANUAL.value
    undo = LedgerRow.kind == EntryKind.UNDO.value
    redeem = LedgerRow.kind == EntryKind.REDEEM.value
    sums = [
        func.sum(case((manual, 1), else_=0)),
        func.sum(case((manual, LedgerRow.delta), else_=0)),
        func.sum(case((undo, 1), else_=0)),
        func.sum(case((redeem, 1), else_=0)),
    ]
    return sums, or_(manual, undo, redeem)


def _grouped(dialect: str, business_id: int) -> list[tuple[int, Select[Any]]]:
    scan_hour = sql_hour(dialect, ScanLogRow.created_at)
    ledger_hour = sql_hour(dialect, LedgerRow.created_at)
    sums, counted = staff_ledger_figures()
    return [
        (0, select(scan_hour, ScanLogRow.staff_telegram_id, func.count()).where(
            ScanLogRow.business_id == business_id,
            ScanLogRow.outcome == ScanOutcome.AWARDED.value,
        ).group_by(scan_hour, ScanLogRow.staff_telegram_id)),
        (1, select(ledger_hour, LedgerRow.staff_telegram_id, *sums)
            .join(CardRow, CardRow.id == LedgerRow.card_id).where(
            CardRow.business_id == business_id,
            LedgerRow.staff_telegram_id.is_not(None),
            counted,
        ).group_by(ledger_hour, LedgerRow.staff_telegram_id)),
    ]  # fmt: skip


def _add(hours: StaffHours, start: int, rows: Iterable[Any]) -> None:
    for hour, staff, *values in rows:
        figures = hours.setdefault((as_hour(hour), int(staff)), [0] * len(STAFF_FIGURES))
        for n, value in enumerate(values):
            figures[start + n] += int(value or 0)


def _nonzero(hours: StaffHours) -> StaffHours:
    return {key: figures for key, figures in hours.items() if any(figures)}


async def rebuild_staff(conn: AsyncConnection, business_id: int) -> StaffHours:
    hours: StaffHours = {}
    for start, stmt in _grouped(conn.dialect.name, business_id):
        _add(hours, start, await conn.execute(stmt))
    return _nonzero(hours)


def stored_staff_stmt(business_id: int) -> Select[Any]:
    table = BusinessStaffHourRow
    columns = [getattr(table, name) for name in STAFF_FIGURES]
    return select(table.hour, table.staff_telegram_id, *columns).where(
        table.business_id == business_id
    )


def stored_staff(rows: Iterable[Any]) -> StaffHours:
    return _nonzero(
        {(as_hour(hour), int(staff)): [int(v) for v in values] for hour, staff, *values in rows}
    )


def replace_staff_stmts(business_id: int, hours: StaffHours) -> list[Any]:
    table = BusinessStaffHourRow
    stmts: list[Any] = [delete(table).where(table.business_id == business_id)]
    rows = [
        {"business_id": business_id, "hour": hour, "staff_telegram_id": staff,
         **dict(zip(STAFF_FIGURES, figures, strict=True))}
        for (hour, staff), figures in sorted(hours.items())
    ]  # fmt: skip
    for start in range(0, len(rows), 1000):
        stmts.append(insert(table).values(rows[start : start + 1000]))
    return stmts


def staff_differences(truth: StaffHours, kept: StaffHours) -> list[str]:
    empty = [0] * len(STAFF_FIGURES)
    return [
        f"{hour:%Y-%m-%d %H:00} staff {staff}: {kept.get((hour, staff), empty)} -> "
        f"{truth.get((hour, staff), empty)}"
        for hour, staff in sorted(set(truth) | set(kept))
        if truth.get((hour, staff), empty) != kept.get((hour, staff), empty)
    ]
