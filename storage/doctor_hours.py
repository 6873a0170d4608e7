"""Doctor: each business's kept hours and staff hours (/stats) against the scan log and ledger."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.business_hours import (
    FIGURES,
    Hours,
    as_hour,
    differences,
    rebuild,
    replace_stmts,
    stored,
    stored_stmt,
)
from storage.hours_compared import (
    add_local_dates,
    business_hours_off,
    staff_hours_off,
)
from storage.repositories.base import chunks
from storage.staff_hours import (
    STAFF_FIGURES,
    StaffHours,
    rebuild_staff,
    replace_staff_stmts,
    staff_differences,
    stored_staff,
    stored_staff_stmt,
)
from storage.tables import BusinessRow

SHOWN = 3  # wrong hours named in a finding's detail
# Businesses checked by one statement per table of kept hours: each statement groups only
# their scans and entries (hours_compared.py, `_within`), in memory rather than in gigabytes
# of temporary files.
BUSINESSES_AT_ONCE = 100
SCAN_FIGURES = (0, 4)  # business_hours: scans, returning_customers (read off the scan log)
STAFF_SCAN_FIGURES = (0,)  # business_staff_hours: scans


async def hours_off(
    conn: AsyncConnection, scans_from: datetime | None = None
) -> list[tuple[str, str, str, str]]:
    """(check, subject, detail, fix) for each business whose kept hours differ from the truth.

    Before `scans_from` the scan log may have been cleared by the retention sweep: there the
    kept scan figures stand (they are all that is left of those scans)."""
    wrong, staff_wrong = await _differing(conn, dict(await _businesses(conn)), scans_from)
    found = []
    for business_id in sorted(set(wrong) | set(staff_wrong)):
        for check, what, lines in (
            ("business_hours_off", "hours", wrong.get(business_id)),
            ("staff_hours_off", "staff hours", staff_wrong.get(business_id)),
        ):
            if lines:
                more = f" (and {len(lines) - SHOWN} more)" if len(lines) > SHOWN else ""
                detail = f"{len(lines)} {what} differ: " + "; ".join(lines[:SHOWN]) + more
                found.append((check, f"business {business_id}", detail, "rebuild"))
    return found


async def repair_hours(conn: AsyncConnection, scans_from: datetime | None = None) -> None:
    """Rebuild the kept hours of each business whose hours differ from the truth."""
    zones = dict(await _businesses(conn))
    wrong, staff_wrong = await _differing(conn, zones, scans_from)
    for business_id in sorted(set(wrong) | set(staff_wrong)):
        truth, _, staff, _ = await _compared(conn, business_id, zones[business_id], scans_from)
        if business_id in wrong:
            for stmt in replace_stmts(business_id, truth):
                await conn.execute(stmt)
        if business_id in staff_wrong:
            for stmt in replace_staff_stmts(business_id, staff):
                await conn.execute(stmt)


async def _differing(
    conn: AsyncConnection, zones: dict[int, str], scans_from: datetime | None
) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """The differing hours of each business, as `differences` and `staff_differences` name
    them, compared set-wise: one statement per table of kept hours and range of businesses
    (storage/hours_compared.py). `zones`: every business's time zone, by id."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        await conn.run_sync(lambda sync: add_local_dates(sync, zones))
    wrong: dict[int, list[str]] = {}
    staff_wrong: dict[int, list[str]] = {}
    width, staff_width = len(FIGURES), len(STAFF_FIGURES)
    for ids in chunks(sorted(zones), BUSINESSES_AT_ONCE):
        businesses = (ids[0], ids[-1])
        hours = business_hours_off(dialect, scans_from, businesses)
        for business_id, hour, *figures in await conn.execute(hours):
            right, have = _ints(figures[:width]), _ints(figures[width:])
            line = differences({as_hour(hour): right}, {as_hour(hour): have})
            wrong.setdefault(business_id, []).extend(line)
        staff_hours = staff_hours_off(dialect, scans_from, businesses)
        for business_id, hour, staff, *figures in await conn.execute(staff_hours):
            key = (as_hour(hour), int(staff))
            right, have = _ints(figures[:staff_width]), _ints(figures[staff_width:])
            line = staff_differences({key: right}, {key: have})
            staff_wrong.setdefault(business_id, []).extend(line)
    return wrong, staff_wrong


def _ints(values: list[Any]) -> list[int]:
    return [int(value or 0) for value in values]


async def _compared(
    conn: AsyncConnection, business_id: int, time_zone: str, scans_from: datetime | None
) -> tuple[Hours, Hours, StaffHours, StaffHours]:
    truth = await rebuild(conn, business_id, time_zone)
    kept = stored(await conn.execute(stored_stmt(business_id)))
    staff = await rebuild_staff(conn, business_id)
    staff_kept = stored_staff(await conn.execute(stored_staff_stmt(business_id)))
    if scans_from is not None:
        truth = _old_scans_kept(truth, kept, scans_from, SCAN_FIGURES)
        staff = _old_scans_kept(staff, staff_kept, scans_from, STAFF_SCAN_FIGURES)
    return truth, kept, staff, staff_kept


def _old_scans_kept(
    truth: dict[Any, list[int]],
    kept: dict[Any, list[int]],
    scans_from: datetime,
    scan_figures: tuple[int, ...],
) -> dict[Any, list[int]]:
    """The truth, with the kept scan figures of hours before `scans_from`."""
    merged = {key: list(figures) for key, figures in truth.items()}
    for key in set(truth) | set(kept):
        hour = key[0] if isinstance(key, tuple) else key
        if hour >= scans_from:
            continue
        figures = merged.setdefault(key, [0] * len(next(iter((truth | kept).values()))))
        for n in scan_figures:
            figures[n] = kept.get(key, [0] * len(figures))[n]
    return {key: figures for key, figures in merged.items() if any(figures)}


async def _businesses(conn: AsyncConnection) -> list[tuple[int, str]]:
    rows = await conn.execute(
        select(BusinessRow.id, BusinessRow.time_zone).order_by(BusinessRow.id)
    )
    return [(business_id, time_zone) for business_id, time_zone in rows]
