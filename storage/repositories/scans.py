"""Repository for the QR scan log: every attempt, counted or refused."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, exists, func, select

from domain.models import ScanLog, ScanOutcome
from storage.repositories.base import RowOf, SqlRepository
from storage.tables import ScanLogRow

# Outcomes that mean "this key was already handled": a retry must find these, not a refusal.
_COUNTED = (ScanOutcome.AWARDED.value, ScanOutcome.DUPLICATE.value)
_SCANS = ScanLogRow.__table__
_BY_KEY = (
    select(_SCANS)
    .where(_SCANS.c.idempotency_key == bindparam("key"), _SCANS.c.outcome.in_(_COUNTED))
    .order_by(_SCANS.c.id)
    .limit(1)
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
        return _scan(row)

    async def by_key(self, idempotency_key: str) -> ScanLog | None:
        row = await self._row(_BY_KEY, key=idempotency_key)
        return _scan(row) if row else None

    async def awarded_since(self, business_id: int, customer_id: int, since: datetime) -> bool:
        awarded = exists().where(
            ScanLogRow.business_id == business_id,
            ScanLogRow.customer_id == customer_id,
            ScanLogRow.outcome == ScanOutcome.AWARDED.value,
            ScanLogRow.created_at >= since,
        )
        return bool(await self._session.scalar(select(awarded)))

    async def count(self, business_id: int, outcome: ScanOutcome | None = None) -> int:
        stmt = select(func.count()).where(ScanLogRow.business_id == business_id)
        if outcome is not None:
            stmt = stmt.where(ScanLogRow.outcome == outcome.value)
        return int((await self._session.scalar(stmt)) or 0)
