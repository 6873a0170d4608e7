"""Repository of broadcasts (domain/broadcast_ports.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, or_, select, update

from domain.broadcast_ports import Broadcast
from storage.repositories.base import RowOf, SqlRepository
from storage.tables import CardRow
from storage.tables_broadcasts import BroadcastRow


def _broadcast(row: RowOf[BroadcastRow]) -> Broadcast:
    return Broadcast(
        id=row.id, business_id=row.business_id, created_by=row.created_by,
        business_name=row.business_name, text=row.text, created_at=row.created_at,
        total=row.total, written=row.written, last_customer_id=row.last_customer_id,
        finished_at=row.finished_at, lease_owner=row.lease_owner, lease_until=row.lease_until,
    )  # fmt: skip


class SqlBroadcastRepository(SqlRepository):
    async def add(self, broadcast: Broadcast) -> bool:
        if await self.get(broadcast.id) is not None:
            return False
        await self._add(
            BroadcastRow(
                id=broadcast.id, business_id=broadcast.business_id,
                created_by=broadcast.created_by, business_name=broadcast.business_name,
                text=broadcast.text, total=broadcast.total, written=broadcast.written,
                last_customer_id=broadcast.last_customer_id, lease_owner=broadcast.lease_owner,
                lease_until=broadcast.lease_until, created_at=broadcast.created_at,
                finished_at=broadcast.finished_at,
            )
        )  # fmt: skip
        return True

    async def get(self, broadcast_id: str) -> Broadcast | None:
        row = await self._first(select(BroadcastRow).where(BroadcastRow.id == broadcast_id))
        return _broadcast(row) if row is not None else None

    async def lock(self, broadcast_id: str) -> Broadcast | None:
        row = await self._first(
            select(BroadcastRow).where(BroadcastRow.id == broadcast_id).with_for_update()
        )
        return _broadcast(row) if row is not None else None

    async def update(self, broadcast: Broadcast) -> None:
        await self._session.execute(
            update(BroadcastRow)
            .where(BroadcastRow.id == broadcast.id)
            .values(
                written=broadcast.written, last_customer_id=broadcast.last_customer_id,
                lease_owner=broadcast.lease_owner, lease_until=broadcast.lease_until,
                finished_at=broadcast.finished_at,
            )
        )  # fmt: skip

    async def unfinished(self, now: datetime, limit: int = 100) -> list[str]:
        rows = await self._session.scalars(
            select(BroadcastRow.id)
            .where(
                BroadcastRow.finished_at.is_(None),
                or_(BroadcastRow.lease_until.is_(None), BroadcastRow.lease_until <= now),
            )
            .order_by(BroadcastRow.created_at)
            .limit(limit)
        )
        return list(rows)

    async def holders(self, business_id: int) -> int:
        count = await self._session.scalar(
            select(func.count(func.distinct(CardRow.customer_id))).where(
                CardRow.business_id == business_id, CardRow.left_at.is_(None)
            )
        )
        return count or 0
