"""Each staff member's figures over a period, for the /stats chart, from the kept staff hours
(storage/staff_hours.py): one grouped read of at most 24 rows a day per staff member."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.ports import StaffFigures
from storage.business_hours import hour_of
from storage.staff_hours import STAFF_FIGURES
from storage.tables import BusinessStaffHourRow, TelegramUserRow


async def per_staff(
    session: AsyncSession, business_id: int, since: datetime
) -> list[StaffFigures]:
    """What each staff member did from the hour of `since` on, busiest first."""
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
