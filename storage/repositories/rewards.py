"""Repository for programs' rewards ladders (`program_rewards`)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime

from sqlalchemy import bindparam, select

from domain.models import RequestKind, RequestStatus, Reward
from storage.repositories.base import RowOf, SqlRepository, chunks
from storage.tables import ProgramRewardRow, ProgramRow, RequestRow

_REWARDS = ProgramRewardRow.__table__
# A program's active rungs: read with the program on every scan, so a Core statement built once.
_LADDER = (
    select(_REWARDS)
    .where(_REWARDS.c.program_id == bindparam("program_id"), _REWARDS.c.active.is_(True))
    .order_by(_REWARDS.c.cost, _REWARDS.c.position, _REWARDS.c.id)
)


def _reward(row: RowOf[ProgramRewardRow]) -> Reward:
    return Reward(
        id=row.id, program_id=row.program_id, name=row.name, cost=row.cost,
        position=row.position, active=row.active,
    )  # fmt: skip


reward_of_row = _reward  # for other repositories that read ladders (a customer's cards)


class SqlRewardRepository(SqlRepository):
    async def lock_ladder(self, program_id: int) -> None:
        """Hold the program's row until the transaction ends: ladder changes, and answers that
        read a rung, take turns (SQLite runs one transaction at a time anyway)."""
        stmt = select(ProgramRow.id).where(ProgramRow.id == program_id).with_for_update()
        await self._session.execute(stmt)

    async def get(self, reward_id: int) -> Reward | None:
        row = await self._get(ProgramRewardRow, reward_id)
        return _reward(row) if row else None

    async def of_program(self, program_id: int, *, removed: bool = False) -> list[Reward]:
        """The program's rewards in ladder order; with `removed`, the inactive ones too."""
        return (await self.of_programs([program_id], removed=removed)).get(program_id, [])

    async def ladder_of(self, program_id: int) -> list[Reward]:
        """The program's active rewards in ladder order (the scan path's read)."""
        result = await self._session.execute(_LADDER, {"program_id": program_id})
        return [_reward(row) for row in result]

    async def of_programs(
        self, program_ids: Iterable[int], *, removed: bool = False
    ) -> dict[int, list[Reward]]:
        ids = list(set(program_ids))
        if not ids:
            return {}
        stmt = select(ProgramRewardRow).where(ProgramRewardRow.program_id.in_(ids))
        if not removed:
            stmt = stmt.where(ProgramRewardRow.active.is_(True))
        stmt = stmt.order_by(ProgramRewardRow.cost, ProgramRewardRow.position, ProgramRewardRow.id)
        ladders: dict[int, list[Reward]] = {}
        for row in await self._all(stmt):
            ladders.setdefault(row.program_id, []).append(_reward(row))
        return ladders

    async def add(self, reward: Reward, at: datetime) -> Reward:
        row = ProgramRewardRow(
            program_id=reward.program_id, name=reward.name, cost=reward.cost,
            position=reward.position, active=reward.active, created_at=at,
        )  # fmt: skip
        return _reward(await self._add(row))

    async def update(self, reward: Reward) -> None:
        row = await self._get_or_fail(ProgramRewardRow, reward.id)
        row.name, row.cost = reward.name, reward.cost
        row.position, row.active = reward.position, reward.active
        await self._session.flush()

    async def claimed_by(self, card_id: int) -> frozenset[int]:
        """The rewards this card was given (approved redemptions), for ladders that keep
        stamps: there each reward is given once per card."""
        stmt = select(RequestRow.reward_id).where(
            RequestRow.card_id == card_id,
            RequestRow.kind == RequestKind.REDEMPTION.value,
            RequestRow.status == RequestStatus.APPROVED.value,
            RequestRow.reward_id.is_not(None),
        )
        return frozenset(r for r in (await self._session.scalars(stmt)) if r is not None)

    async def claimed_of(self, card_ids: Collection[int]) -> dict[int, frozenset[int]]:
        found: dict[int, set[int]] = {}
        for batch in chunks(card_ids):
            stmt = select(RequestRow.card_id, RequestRow.reward_id).where(
                RequestRow.card_id.in_(batch),
                RequestRow.kind == RequestKind.REDEMPTION.value,
                RequestRow.status == RequestStatus.APPROVED.value,
                RequestRow.reward_id.is_not(None),
            )
            for card_id, reward_id in await self._session.execute(stmt):
                if card_id is not None and reward_id is not None:  # the WHERE says so
                    found.setdefault(card_id, set()).add(reward_id)
        return {card_id: frozenset(rewards) for card_id, rewards in found.items()}
