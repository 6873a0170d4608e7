"""Repository for programs' tiers and the tier each card holds."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import ColumnElement, bindparam, exists, func, or_, select, update

from domain.models import Card, EntryKind
from domain.tiers import Tier
from storage.repositories.base import RowOf, SqlRepository, changed_rows
from storage.repositories.cards import card_of_row
from storage.tables import CardRow, LedgerRow, ProgramRow, TierRow, UTCDateTime


def _tier(row: RowOf[TierRow]) -> Tier:
    return Tier(row.program_id, row.name, row.threshold, row.percent, row.id)


tier_of_row = _tier  # for other repositories that read tiers (a customer's cards)
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
        rows = await self._session.execute(_EARNED_SINCE, {"ids": ids, "since": since})
        earned = {int(card_id): int(total or 0) for card_id, total in rows}
        return {card_id: earned.get(card_id, 0) for card_id in ids}

    async def set_card_tier(self, card_id: int, before: int | None, after: int | None) -> bool:
        if before is None:
            result = await self._session.execute(
                _MOVE_FROM_NONE, {"card": card_id, "after": after}
            )
        else:
            params = {"card": card_id, "before": before, "after": after}
            result = await self._session.execute(_MOVE_FROM, params)
        return changed_rows(result) == 1


# Prebuilt (the sweep runs them for every card it moves): statements cost more to build than
# to run.
_CARDS = CardRow.__table__
_MOVE = update(_CARDS).values(tier_id=bindparam("after"))
_MOVE_FROM_NONE = _MOVE.where(_CARDS.c.id == bindparam("card"), _CARDS.c.tier_id.is_(None))
_MOVE_FROM = _MOVE.where(_CARDS.c.id == bindparam("card"), _CARDS.c.tier_id == bindparam("before"))
_AWARD, _UNDO = LedgerRow.__table__.alias("award"), LedgerRow.__table__.alias("undo")
_EARNED_SINCE = (
    select(_AWARD.c.card_id, func.sum(_AWARD.c.delta + func.coalesce(_UNDO.c.delta, 0)))
    .select_from(
        _AWARD.outerjoin(
            _UNDO,
            (_UNDO.c.reverses_entry_id == _AWARD.c.id) & (_UNDO.c.kind == EntryKind.UNDO.value),
        )
    )
    .where(
        _AWARD.c.card_id.in_(bindparam("ids", expanding=True)),
        _AWARD.c.kind == EntryKind.AWARD.value,
        _AWARD.c.created_at >= bindparam("since", type_=UTCDateTime()),
    )
    .group_by(_AWARD.c.card_id)
)
