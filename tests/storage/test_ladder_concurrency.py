"""Ladder changes at once take turns on the program's row: taps adding rewards of one cost at
the same moment leave one of them (on PostgreSQL this fails without the row lock)."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from domain.commands import ChangeReward
from domain.errors import InvalidInput
from domain.models import Role, Staff
from domain.reward_ladder import change_reward
from storage.tables import ProgramRewardRow
from tests.storage.builders import OWNER_TG, T0

TAPS = 8


async def test_rewards_of_one_cost_added_at_once_leave_one_and_refuse_the_rest(
    new_uow, session_factory, world
):
    async with new_uow() as uow:  # the world's program has an owner to ask
        await uow.staff.add(Staff(world.business_id, OWNER_TG, Role.OWNER, T0))
        await uow.commit()

    async def add(n: int) -> object:
        cmd = ChangeReward(world.program_id, OWNER_TG, name=f"Tea {n}", cost=20)
        return await change_reward(new_uow(), cmd)

    results = await asyncio.gather(*(add(n) for n in range(TAPS)), return_exceptions=True)
    refused = [r for r in results if isinstance(r, InvalidInput)]
    assert len(refused) == TAPS - 1, results
    assert {r.key for r in refused} == {"ladder_costs_not_increasing"}
    async with session_factory() as session:
        rows = (
            await session.execute(
                select(ProgramRewardRow.cost, ProgramRewardRow.position)
                .where(ProgramRewardRow.program_id == world.program_id)
                .order_by(ProgramRewardRow.position)
            )
        ).all()
    assert [tuple(r) for r in rows] == [(10, 0), (20, 1)]
