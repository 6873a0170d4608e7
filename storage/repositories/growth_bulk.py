"""Repository of bulk awards and their targets (domain.growth.bulk)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, insert, or_, select, update

from domain.growth.owner_ports import BulkAward, BulkStatus, Segment, SegmentKind
from storage.repositories.base import RowOf, SqlRepository
from storage.tables import BusinessCustomerRow, CardRow
from storage.tables_growth import BulkAwardRow, BulkTargetRow


def _job(row: RowOf[BulkAwardRow]) -> BulkAward:
    return BulkAward(
        business_id=row.business_id, program_id=row.program_id, created_by=row.created_by,
        points=row.points, note=row.note,
        segment=Segment(SegmentKind(row.segment), row.segment_value), created_at=row.created_at,
        total=row.total, done=row.done, last_card_id=row.last_card_id,
        status=BulkStatus(row.status), chat_id=row.chat_id, message_id=row.message_id,
        lease_owner=row.lease_owner, lease_until=row.lease_until, finished_at=row.finished_at,
        id=row.id,
    )  # fmt: skip


def _segment_cards(program_id: int, segment: Segment, now: datetime) -> Any:
    """SELECT the ids of the program's active cards in the segment."""
    cards = select(CardRow.id).where(CardRow.program_id == program_id, CardRow.left_at.is_(None))
    match segment.kind:
        case SegmentKind.ALL:
            return cards
        case SegmentKind.MIN_BALANCE:
            return cards.where(CardRow.balance >= (segment.value or 0))
        case SegmentKind.IDLE:
            seen_before = now - timedelta(days=segment.value or 0)
            return cards.join(
                BusinessCustomerRow,
                and_(
                    BusinessCustomerRow.business_id == CardRow.business_id,
                    BusinessCustomerRow.customer_id == CardRow.customer_id,
                ),
            ).where(BusinessCustomerRow.last_seen <= seen_before)
        case SegmentKind.TIER:
            return cards.where(CardRow.tier_id == segment.value)
    raise NotImplementedError(f"no filter for segment {segment.kind}")


class SqlBulkAwardRepository(SqlRepository):
    async def add(self, job: BulkAward, now: datetime) -> BulkAward:
        row = await self._add(
            BulkAwardRow(
                business_id=job.business_id, program_id=job.program_id,
                created_by=job.created_by, points=job.points, note=job.note,
                segment=job.segment.kind.value, segment_value=job.segment.value,
                status=job.status.value, created_at=job.created_at,
            )
        )  # fmt: skip
        chosen = _segment_cards(job.program_id, job.segment, now).add_columns(
            func.cast(row.id, BulkTargetRow.job_id.type)
        )
        targets = insert(BulkTargetRow).from_select(
            [BulkTargetRow.card_id, BulkTargetRow.job_id], chosen
        )
        await self._session.execute(targets)
        total = await self._session.scalar(
            select(func.count()).where(BulkTargetRow.job_id == row.id)
        )
        await self._session.execute(
            update(BulkAwardRow).where(BulkAwardRow.id == row.id).values(total=total or 0)
        )
        found = await self.lock(row.id)
        assert found is not None
        return found

    async def lock(self, job_id: int) -> BulkAward | None:
        row = await self._first(
            select(BulkAwardRow).where(BulkAwardRow.id == job_id).with_for_update()
        )
        return _job(row) if row is not None else None

    async def update(self, job: BulkAward) -> None:
        await self._session.execute(
            update(BulkAwardRow)
            .where(BulkAwardRow.id == job.id)
            .values(
                done=job.done, last_card_id=job.last_card_id, status=job.status.value,
                chat_id=job.chat_id, message_id=job.message_id, lease_owner=job.lease_owner,
                lease_until=job.lease_until, finished_at=job.finished_at,
            )
        )  # fmt: skip

    async def runnable(self, now: datetime, limit: int = 100) -> list[int]:
        rows = await self._session.scalars(
            select(BulkAwardRow.id)
            .where(
                BulkAwardRow.status == BulkStatus.RUNNING.value,
                or_(BulkAwardRow.lease_until.is_(None), BulkAwardRow.lease_until <= now),
            )
            .order_by(BulkAwardRow.id)
            .limit(limit)
        )
        return list(rows)

    async def targets(self, job_id: int, after_card_id: int, limit: int) -> list[int]:
        rows = await self._session.scalars(
            select(BulkTargetRow.card_id)
            .where(BulkTargetRow.job_id == job_id, BulkTargetRow.card_id > after_card_id)
            .order_by(BulkTargetRow.card_id)
            .limit(limit)
        )
        return list(rows)
