"""The hours' figures a transaction adds, summed and written once, just before it commits.

A scan used to upsert its business's hour row two or three times (the ledger entry, the scan,
a new customer) and its staff member's once, each a statement, and held the hour row's lock
from the first of them to the commit: every other scan of that shop in that hour queued behind
it. The repositories now add to a tally kept on the session (`tally`, `tally_staff`), and the
unit of work's commit writes one upsert per hour row (`write_tallies`), in key order so two
transactions touching the same rows take their locks in the same order. A read of the hours in
the same transaction writes them first (storage/repositories/reports.py), as an ORM autoflush.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from storage.business_hours import FIGURES, hour_of, hours_upsert
from storage.staff_hours import STAFF_FIGURES, staff_hours_upsert

_HOURS = "hour_tally"
_STAFF_HOURS = "staff_hour_tally"


def tally(session: AsyncSession, business_id: int, at: datetime, **figures: int) -> None:
    """Add `figures` (business_hours' columns) to the business's hour of `at`, at commit."""
    _add(session, _HOURS, (business_id, hour_of(at)), figures)


def tally_staff(
    session: AsyncSession, business_id: int, staff_telegram_id: int, at: datetime, **figures: int
) -> None:
    """Add `figures` (business_staff_hours' columns) to the staff member's hour, at commit."""
    _add(session, _STAFF_HOURS, (business_id, hour_of(at), staff_telegram_id), figures)


def _add(session: AsyncSession, name: str, key: tuple[Any, ...], figures: dict[str, int]) -> None:
    kept: dict[tuple[Any, ...], Counter[str]] = session.info.setdefault(name, {})
    kept.setdefault(key, Counter()).update(figures)


async def write_tallies(session: AsyncSession) -> None:
    """One upsert per hour row the transaction added to (prebuilt, its values bound); the
    tally is then empty."""
    dialect = session.get_bind().dialect.name
    for name, upsert, keys, figures in (
        (_HOURS, hours_upsert, ("business_id", "hour"), FIGURES),
        (_STAFF_HOURS, staff_hours_upsert, ("business_id", "hour", "staff_telegram_id"),
         STAFF_FIGURES),
    ):  # fmt: skip
        kept: dict[tuple[Any, ...], Counter[str]] = session.info.pop(name, {})
        for key, added in sorted(kept.items()):
            if any(added.values()):
                values = dict(zip(keys, key, strict=True))
                values |= {figure: added[figure] for figure in figures}
                await session.execute(upsert(dialect), values)


def drop_tallies(session: AsyncSession) -> None:
    """A rolled-back transaction's figures go with it."""
    session.info.pop(_HOURS, None)
    session.info.pop(_STAFF_HOURS, None)
