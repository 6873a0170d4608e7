"""Repository for programs' tiers and the tier each card holds."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import ColumnElement, bindparam, exists, func, or_, select, update
from sqlalchemy.orm import aliased

from domain.models import Card, EntryKind
from domain.tiers import Tier
from storage.repositories.base import RowOf, SqlRepository
from storage.repositories.cards import card_of_row
from storage.tables import CardRow, LedgerRow, ProgramRow, TierRow


def _tier(row: RowOf[TierRow]) -> Tier:
    return Tier(row.program_id, row.name, row.threshold, row.percent, row.id)


_TIERS = TierRow.__table__
_OF_PROGRAM = (
    select(_TIERS)
    .where(_TIERS.c.program_id == bindparam("program_id"), _TIERS.c.removed_at.is_(None))
    .order_by(_TIERS.c.threshold)
)


class SqlTierRepository(SqlRepository):
    async def of_program(self, program_id: int) -> list[Tier]:
        result = await self._session.execute(_OF_PROGRAM, {"program_id": program_id})
        return [_tier(row) for row in result]

    async def get(self, tier_id: int) -> Tier | None:
        row = await self._get(TierRow, tier_id)
        return _tier(row) if row else None

    async def lock_program(self, program_id: int) -> None:
        # FOR UPDATE on PostgreSQL; SQLite's transactions are serial already.
        await self._session.execute(
            select(ProgramRow.id).where(ProgramRow.id == program_id).with_for_update()
        )

    async def add(self, tier: Tier, at: datetime) -> Tier:
        row = TierRow(
            program_id=tier.program_id, name=tier.name, threshold=tier.threshold,
            percent=tier.percent, created_at=at,
        )  # fmt: skip
        return _tier(await self._add(row))

    async def update(self, tier: Tier) -> None:
        await self._changed(
            update(TierRow)
            .where(TierRow.id == tier.id)
            .values(name=tier.name, threshold=tier.threshold, percent=tier.percent)
            .execution_options(synchronize_session=False)
        )

    async def remove(self, tier_id: int, at: datetime) -> None:
        await self._changed(
            update(TierRow)
            .where(TierRow.id == tier_id, TierRow.removed_at.is_(None))
            .values(removed_at=at)
            .execution_options(synchronize_session=False)
        )

    async def set_window(self, program_id: int, months: int | None) -> None:
        await self._changed(
            update(ProgramRow)
            .where(ProgramRow.id == program_id)
            .values(tier_window_months=months)
            .execution_options(synchronize_session=False)
        )

    async def tiered_programs(self) -> list[int]:
        tiered = exists(select(TierRow.id).where(TierRow.program_id == ProgramRow.id))
        stmt = select(ProgramRow.id).where(ProgramRow.active.is_(True), tiered)
        return list(await self._session.scalars(stmt.order_by(ProgramRow.id)))

    async def candidates(
        self, program_id: int, floor: int | None, after_card_id: int, limit: int
    ) -> list[Card]:
        may_move: ColumnElement[bool] = CardRow.tier_id.is_not(None)
        if floor is not None:
            may_move = or_(may_move, CardRow.lifetime_points >= floor)
        stmt = (
            select(CardRow.__table__)
            .where(
                CardRow.program_id == program_id,
                CardRow.id > after_card_id,
                CardRow.left_at.is_(None),
                may_move,
            )
            .order_by(CardRow.id)
            .limit(limit)
        )
        return [card_of_row(row) for row in await self._session.execute(stmt)]

    async def earned_since(self, card_ids: Iterable[int], since: datetime) -> dict[int, int]:
        """Awards since `since`, less the undos of those awards (an earlier award's undo takes
        back points earned before the window, which it does not count)."""
        ids = list(card_ids)
        if not ids:
            return {}
        award, undo = aliased(LedgerRow), aliased(LedgerRow)
        recent = (
            award.card_id.in_(ids),
            award.kind == EntryKind.AWARD.value,
            award.created_at >= since,
        )
        undone = (
            select(undo.delta)
            .where(undo.reverses_entry_id == award.id, undo.kind == EntryKind.UNDO.value)
            .correlate(award)
            .scalar_subquery()
        )
        stmt = (
            select(award.card_id, func.sum(award.delta + func.coalesce(undone, 0)))
            .where(*recent)
            .group_by(award.card_id)
        )
        earned = {
            int(card_id): int(total or 0) for card_id, total in await self._session.execute(stmt)
        }
        return {card_id: earned.get(card_id, 0) for card_id in ids}

    async def set_card_tier(self, card_id: int, before: int | None, after: int | None) -> bool:
        held = CardRow.tier_id.is_(None) if before is None else CardRow.tier_id == before
        changed = await self._changed(
            update(CardRow)
            .where(CardRow.id == card_id, held)
            .values(tier_id=after)
            .execution_options(synchronize_session=False)
        )
        return changed == 1
