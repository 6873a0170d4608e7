"""Repository for the QR scan log: every attempt, counted or refused."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, exists, func, select

from domain.models import ScanLog, ScanOutcome
from storage.business_hours import local_day
from storage.hour_tally import tally, tally_staff
from storage.repositories.base import RowOf, SqlRepository
from storage.session_notes import UNKNOWN, note, noted, noted_or_read
from storage.tables import BusinessCustomerRow, BusinessRow, ScanLogRow

# Outcomes that mean "this key was already handled": a retry must find these, not a refusal.
_COUNTED = (ScanOutcome.AWARDED.value, ScanOutcome.DUPLICATE.value)
_SCANS = ScanLogRow.__table__
_BY_KEY = (
    select(_SCANS)
    .where(_SCANS.c.idempotency_key == bindparam("key"), _SCANS.c.outcome.in_(_COUNTED))
    .order_by(_SCANS.c.id)
    .limit(1)
)

_FIRST_SEEN = select(BusinessCustomerRow.first_seen).where(
    BusinessCustomerRow.business_id == bindparam("business_id"),
    BusinessCustomerRow.customer_id == bindparam("customer_id"),
)
_TIME_ZONE = select(BusinessRow.time_zone).where(BusinessRow.id == bindparam("id"))
_LAST_AWARDED = (
    select(_SCANS.c.created_at)
    .where(
        _SCANS.c.business_id == bindparam("business_id"),
        _SCANS.c.customer_id == bindparam("customer_id"),
        _SCANS.c.outcome == ScanOutcome.AWARDED.value,
    )
    .order_by(_SCANS.c.created_at.desc())
    .limit(1)
)
_EARLIER = select(
    exists().where(
        _SCANS.c.business_id == bindparam("business_id"),
        _SCANS.c.customer_id == bindparam("customer_id"),
        _SCANS.c.outcome == ScanOutcome.AWARDED.value,
        _SCANS.c.created_at >= bindparam("since", type_=ScanLogRow.created_at.type),
        _SCANS.c.id < bindparam("id"),
    )
)


def _scan(row: RowOf[ScanLogRow]) -> ScanLog:
    return ScanLog(
        id=row.id,
        business_id=row.business_id,
        staff_telegram_id=row.staff_telegram_id,
        outcome=ScanOutcome(row.outcome),
        created_at=row.created_at,
        customer_id=row.customer_id,
        program_id=row.program_id,
        points=row.points,
        idempotency_key=row.idempotency_key,
    )


class SqlScanRepository(SqlRepository):
    async def add(self, log: ScanLog) -> ScanLog:
        row = await self._add(
            ScanLogRow(
                business_id=log.business_id,
                staff_telegram_id=log.staff_telegram_id,
                customer_id=log.customer_id,
                program_id=log.program_id,
                outcome=log.outcome.value,
                points=log.points,
                idempotency_key=log.idempotency_key,
                created_at=log.created_at,
            )
        )
        if log.outcome is ScanOutcome.AWARDED:
            await self._count_visit(log, row.id)
        return _scan(row)

    async def _count_visit(self, log: ScanLog, row_id: int) -> None:
        """The scan's hour for /stats; a returning customer's first visit of the local day.

        What the award already read in this transaction (the business's time zone, the
        customer's first contact, their newest awarded scan: storage/session_notes.py) is not
        read again; the figures are written at commit (storage/hour_tally.py)."""
        returning = 0
        if log.customer_id is not None:
            key = (log.business_id, log.customer_id)
            first_seen = await noted_or_read(self._session, "first_seen", key, _FIRST_SEEN, {
                "business_id": log.business_id, "customer_id": log.customer_id
            })  # fmt: skip
            time_zone = str(await noted_or_read(
                self._session, "time_zone", log.business_id, _TIME_ZONE, {"id": log.business_id}
            ) or "UTC")  # fmt: skip
            if first_seen is not None:
                day = local_day(log.created_at, time_zone)
                midnight = datetime.combine(day, time(), ZoneInfo(time_zone))
                last = noted(self._session, "last_awarded", key)
                if last is UNKNOWN:
                    earlier = await self._session.scalar(_EARLIER, {
                        "business_id": log.business_id, "customer_id": log.customer_id,
                        "since": midnight, "id": row_id,
                    })  # fmt: skip
                else:  # read before this scan was logged, the card locked since
                    earlier = last is not None and last >= midnight
                returning = int(local_day(first_seen, time_zone) < day and not earlier)
        tally(self._session, log.business_id, log.created_at, scans=1,
              returning_customers=returning)  # fmt: skip
        tally_staff(self._session, log.business_id, log.staff_telegram_id, log.created_at,
                    scans=1)  # fmt: skip

    async def by_key(self, idempotency_key: str) -> ScanLog | None:
        row = await self._row(_BY_KEY, key=idempotency_key)
        return _scan(row) if row else None

    async def awarded_since(self, business_id: int, customer_id: int, since: datetime) -> bool:
        """Whether the customer's newest awarded scan here is `since` or later (the cooldown);
        noted for the returning-customer figure of the scan that follows (_count_visit)."""
        last = await self._session.scalar(
            _LAST_AWARDED, {"business_id": business_id, "customer_id": customer_id}
        )
        note(self._session, "last_awarded", (business_id, customer_id), last)
        return last is not None and last >= since

    async def count(self, business_id: int, outcome: ScanOutcome | None = None) -> int:
        stmt = select(func.count()).where(ScanLogRow.business_id == business_id)
        if outcome is not None:
            stmt = stmt.where(ScanLogRow.outcome == outcome.value)
        return int((await self._session.scalar(stmt)) or 0)
