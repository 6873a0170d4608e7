"""Doctor: each business's kept hours and staff hours (/stats) against the scan log and ledger."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.business_hours import differences, rebuild, replace_stmts, stored, stored_stmt
from storage.staff_hours import (
    rebuild_staff,
    replace_staff_stmts,
    staff_differences,
    stored_staff,
    stored_staff_stmt,
)
from storage.tables import BusinessRow

SHOWN = 3  # wrong hours named in a finding's detail


async def hours_off(conn: AsyncConnection) -> list[tuple[str, str, str, str]]:
    """(check, subject, detail, fix) for each business whose kept hours differ from the truth."""
    found = []
    for business_id, time_zone in await _businesses(conn):
        truth = await rebuild(conn, business_id, time_zone)
        wrong = differences(truth, stored(await conn.execute(stored_stmt(business_id))))
        if wrong:
            more = f" (and {len(wrong) - SHOWN} more)" if len(wrong) > SHOWN else ""
            detail = f"{len(wrong)} hours differ: " + "; ".join(wrong[:SHOWN]) + more
            found.append(("business_hours_off", f"business {business_id}", detail, "rebuild"))
        kept = stored_staff(await conn.execute(stored_staff_stmt(business_id)))
        wrong = staff_differences(await rebuild_staff(conn, business_id), kept)
        if wrong:
            more = f" (and {len(wrong) - SHOWN} more)" if len(wrong) > SHOWN else ""
            detail = f"{len(wrong)} staff hours differ: " + "; ".join(wrong[:SHOWN]) + more
            found.append(("staff_hours_off", f"business {business_id}", detail, "rebuild"))
    return found


async def repair_hours(conn: AsyncConnection) -> None:
    """Rebuild the kept hours of each business whose hours differ from the truth."""
    for business_id, time_zone in await _businesses(conn):
        truth = await rebuild(conn, business_id, time_zone)
        if differences(truth, stored(await conn.execute(stored_stmt(business_id)))):
            for stmt in replace_stmts(business_id, truth):
                await conn.execute(stmt)
        staff = await rebuild_staff(conn, business_id)
        kept = stored_staff(await conn.execute(stored_staff_stmt(business_id)))
        if staff_differences(staff, kept):
            for stmt in replace_staff_stmts(business_id, staff):
                await conn.execute(stmt)


async def _businesses(conn: AsyncConnection) -> list[tuple[int, str]]:
    rows = await conn.execute(
        select(BusinessRow.id, BusinessRow.time_zone).order_by(BusinessRow.id)
    )
    return [(business_id, time_zone) for business_id, time_zone in rows]
