"""Repository for staff reports: a business's figures, customer list and ledger."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import func, select

from domain.ports import BusinessStats, CustomerSummary, DayFigures, LedgerLine, StaffFigures
from storage.business_hours import FIGURES, by_day, hour_of, stored_stmt
from storage.hour_tally import write_tallies
from storage.repositories import daily
from storage.repositories.base import SqlRepository
from storage.repositories.businesses import customer_summaries, summaries
from storage.tables import (
    BusinessCustomerRow,
    BusinessHourRow,
    CardRow,
    CustomerRow,
    LedgerRow,
    ProgramRow,
)

# Undos count against what was issued, so a scan taken back is not a point given.

# The kept figures the /stats chart draws, in the order of DayFigures' fields.
CHART = ("scans", "issued", "redeemed", "new_customers", "returning_customers")


class SqlReportRepository(SqlRepository):
    async def stats(self, business_id: int, since: datetime) -> BusinessStats:
        """The kept hours from the hour of `since` on; active customers (a distinct count) off
        the (business_id, last_seen) index."""
        active = await self._session.scalar(
            select(func.count()).where(
                BusinessCustomerRow.business_id == business_id,
                BusinessCustomerRow.last_seen >= since,
            )
        )
        kept = await self.kept_figures(business_id, since)
        return replace(kept, active_customers=int(active or 0))

    async def kept_figures(
        self, business_id: int, start: datetime, end: datetime | None = None
    ) -> BusinessStats:
        """The kept hours (storage/business_hours.py) from the hour of `start` to `end`;
        active customers, a distinct count that hours cannot add up, are left at 0."""
        await write_tallies(self._session)  # this transaction's own figures read too
        hours = BusinessHourRow.__table__.c
        stmt = select(*[func.coalesce(func.sum(hours[name]), 0) for name in FIGURES]).where(
            hours.business_id == business_id, hours.hour >= hour_of(start)
        )
        if end is not None:
            stmt = stmt.where(hours.hour < end)
        sums = dict(zip(FIGURES, (await self._session.execute(stmt)).one(), strict=True))
        return BusinessStats(
            int(sums["scans"]), int(sums["issued"]), int(sums["redeemed"]),
            int(sums["new_customers"]), 0, int(sums["rewards"]),
        )  # fmt: skip

    async def daily(self, business_id: int, since: datetime, time_zone: str) -> list[DayFigures]:
        """The kept hours since `since`, summed per local day of `time_zone`."""
        await write_tallies(self._session)
        rows = await self._session.execute(
            stored_stmt(business_id, CHART).where(BusinessHourRow.hour >= hour_of(since))
        )
        return [
            DayFigures(day, *figures) for day, figures in sorted(by_day(rows, time_zone).items())
        ]

    async def per_staff(self, business_id: int, since: datetime) -> list[StaffFigures]:
        await write_tallies(self._session)
        return await daily.per_staff(self._session, business_id, since)

    async def customers(self, business_id: int) -> list[CustomerSummary]:
        stmt = customer_summaries(business_id).order_by(BusinessCustomerRow.id)
        return summaries(await self._session.execute(stmt))

    async def ledger(
        self, business_id: int, customer_id: int | None = None, limit: int | None = None
    ) -> list[LedgerLine]:
        # Columns, not ORM objects: an export reads every row of the business's ledger.
        columns = (
            LedgerRow.id, LedgerRow.created_at, CardRow.customer_id, CustomerRow.display_name,
            CardRow.number, ProgramRow.name, LedgerRow.delta, LedgerRow.kind, LedgerRow.reason,
            LedgerRow.note, LedgerRow.staff_telegram_id,
        )  # fmt: skip
        stmt = (
            select(*columns)
            .select_from(LedgerRow)
            .join(CardRow, CardRow.id == LedgerRow.card_id)
            .join(CustomerRow, CustomerRow.id == CardRow.customer_id)
            .join(ProgramRow, ProgramRow.id == CardRow.program_id)
            .where(CardRow.business_id == business_id)
            .order_by(LedgerRow.created_at.desc(), LedgerRow.id.desc())
        )
        if customer_id is not None:
            stmt = stmt.where(CardRow.customer_id == customer_id)
        if limit is not None:
            stmt = stmt.limit(limit)
        return [
            LedgerLine(
                entry_id=entry_id, created_at=at, customer_id=cid, customer=name,
                card_number=number, program=program, delta=delta, kind=kind, reason=reason,
                note=note, staff_telegram_id=staff,
            )
            for entry_id, at, cid, name, number, program, delta, kind, reason, note, staff
            in await self._session.execute(stmt)
        ]  # fmt: skip
