"""The doctor's checks of rewards ladders (see storage/doctor.py for the others).

A ladder's invariants (domain.rewards): an active program offers at least one reward, and its
active rewards' costs rise strictly with their positions; only stamps programs keep stamps on
redemption. The one repair the data determines is the order: distinct costs whose positions
disagree are renumbered by cost. A program with no reward, or two rungs of one cost, needs a
person (which reward, at what cost, is the owner's choice); so does a points program marked
as keeping stamps (requests made under that mark took nothing).
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.models import ProgramKind, Reward
from domain.rewards import ladder, ladder_problems
from storage.tables import ProgramRewardRow, ProgramRow

# (check, subject, detail, fix): storage.doctor makes its Findings of them.
Problem = tuple[str, str, str, str | None]


async def ladders_off(conn: AsyncConnection) -> list[Problem]:
    found: list[Problem] = []
    programs = await conn.execute(
        select(ProgramRow.id, ProgramRow.active, ProgramRow.kind, ProgramRow.redeem_keeps)
    )
    rungs = await _active_rewards(conn)
    for program_id, active, kind, keeps in programs:
        subject = f"program {program_id}"
        rewards = rungs.get(program_id, [])
        problems = ladder_problems(rewards, active_program=active)
        if "no_active_reward" in problems:
            found.append(("ladder_empty", subject, "active, with no active reward", None))
        if "costs_not_increasing" in problems:
            costs = [r.cost for r in sorted(rewards, key=lambda r: (r.position, r.id))]
            fix = "renumber the positions by cost" if _distinct(rewards) else None
            found.append(("ladder_order", subject, f"costs by position {costs}", fix))
        if keeps and kind != ProgramKind.STAMPS.value:
            found.append(("ladder_keeps_points", subject, "a points program keeps stamps", None))
    return found


async def repair_ladders(conn: AsyncConnection) -> None:
    """Renumber the positions of ladders whose distinct costs are out of order."""
    for rewards in (await _active_rewards(conn)).values():
        if "costs_not_increasing" not in ladder_problems(rewards, active_program=False):
            continue
        if not _distinct(rewards):
            continue
        for position, reward in enumerate(ladder(rewards)):
            await conn.execute(
                update(ProgramRewardRow)
                .where(ProgramRewardRow.id == reward.id)
                .values(position=position)
            )


def _distinct(rewards: list[Reward]) -> bool:
    return len({r.cost for r in rewards}) == len(rewards)


async def _active_rewards(conn: AsyncConnection) -> dict[int, list[Reward]]:
    rows = await conn.execute(
        select(
            ProgramRewardRow.id, ProgramRewardRow.program_id, ProgramRewardRow.name,
            ProgramRewardRow.cost, ProgramRewardRow.position,
        ).where(ProgramRewardRow.active.is_(True))
    )  # fmt: skip
    found: dict[int, list[Reward]] = {}
    for reward_id, program_id, name, cost, position in rows:
        found.setdefault(program_id, []).append(Reward(program_id, name, cost, position, True,
                                                       reward_id))  # fmt: skip
    return found
