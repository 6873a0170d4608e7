"""Use cases of rewards ladders: owners change the rungs; staff see what a card can redeem."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from domain.access import program_of, require_owner, staff_business
from domain.commands import ChangeReward, KeepStamps
from domain.errors import DomainError, InvalidInput, NotFound
from domain.models import Card, Program, ProgramKind, Reward
from domain.ports import UnitOfWork
from domain.rewards import affordable, check_ladder, ladder, next_reward, placed


@dataclass(frozen=True)
class LadderChange:
    """What an owner's change did: `action` (added, renamed, recosted, removed, kept,
    consumed), the reward it touched (as it is now), and the program with its new ladder."""

    action: str
    program: Program
    reward: Reward | None = None
    before: Reward | None = None  # the reward as it was, for a rename or a new cost


@dataclass(frozen=True)
class Redeemable:
    """A card as staff about to redeem see it: the rewards it pays for, and the next one."""

    card: Card
    program: Program
    rewards: tuple[Reward, ...]
    upcoming: Reward | None


async def change_reward(uow: UnitOfWork, cmd: ChangeReward) -> LadderChange:
    """Add, rename, re-cost or remove one reward; the whole ladder is checked before any write,
    so a refused change (a repeated or falling cost, the last reward removed) changes nothing."""
    async with uow:
        program = await _owned(uow, cmd.program_id, cmd.by_telegram_id)
        rungs = list(ladder(await uow.rewards.of_program(program.id)))
        if cmd.reward_id is None:
            if cmd.name is None or cmd.cost is None:
                raise InvalidInput("reward_line_usage")
            new = Reward(program.id, cmd.name, cmd.cost)
            proposed = list(placed(rungs, new))
            check_ladder(proposed)
            for rung in proposed:
                if rung.id and rung != _by_id(rungs, rung.id):
                    await uow.rewards.update(rung)
            stored = next(r for r in proposed if r.id == 0)
            reward = await uow.rewards.add(check_ladder([stored])[0], uow.now())
            return await _done(uow, "added", program, reward)
        before = _by_id(rungs, cmd.reward_id)
        if before is None:
            raise NotFound("reward_not_found")
        if cmd.remove:
            changed = replace(before, active=False)
            action = "removed"
        else:
            name = before.name if cmd.name is None else cmd.name
            changed = replace(
                before, name=name, cost=before.cost if cmd.cost is None else cmd.cost
            )
            action = "renamed" if cmd.name is not None else "recosted"
        proposed = [changed if r.id == before.id else r for r in rungs]
        checked = check_ladder(proposed)
        if changed.active:
            changed = next(r for r in checked if r.id == changed.id)  # its name, cleaned
        await uow.rewards.update(changed)
        return await _done(uow, action, program, changed, before)


async def keep_stamps(uow: UnitOfWork, cmd: KeepStamps) -> LadderChange:
    """A stamps program keeps or consumes the stamps of a redemption (points are always spent)."""
    async with uow:
        program = await _owned(uow, cmd.program_id, cmd.by_telegram_id)
        if program.kind is not ProgramKind.STAMPS:
            raise InvalidInput("keep_stamps_only")
        program.redeem_keeps = cmd.keep
        await uow.programs.update(program)
        return await _done(uow, "kept" if cmd.keep else "consumed", program)


async def owned_program(uow: UnitOfWork, program_id: int, telegram_id: int) -> Program:
    """A program with its ladder, for its business's owner to change."""
    async with uow:
        return await _owned(uow, program_id, telegram_id, lock=False)


async def redeemable(
    uow: UnitOfWork, business_id: int, staff_telegram_id: int, card_id: int
) -> Redeemable:
    """The rewards a card of this business can be redeemed for now, cheapest first."""
    async with uow:
        await staff_business(uow, business_id, staff_telegram_id)
        card = await uow.cards.get(card_id)
        if card is None or card.business_id != business_id:
            raise NotFound("card_not_found")
        if card.left_at is not None:
            raise DomainError("card_left")
        program = await program_of(uow, business_id, card.program_id)
        claimed = await claimed_rewards(uow, program, card)
        return Redeemable(
            card, program, affordable(program.rewards, card.balance, claimed),
            next_reward(program.rewards, card.balance, claimed),
        )  # fmt: skip


async def claimed_rewards(uow: UnitOfWork, program: Program, card: Card) -> frozenset[int]:
    """Rewards this card already had, where that matters: a ladder that keeps the stamps
    gives each reward once per card; one that spends them gives it again when paid again."""
    if not program.redeem_keeps:
        return frozenset()
    return await uow.rewards.claimed_by(card.id)


async def claimed_of_cards(
    uow: UnitOfWork, cards: Iterable[tuple[Program, Card]]
) -> dict[int, frozenset[int]]:
    """`claimed_rewards` of many cards (card id -> rewards), in one read at most."""
    keeping = [card.id for program, card in cards if program.redeem_keeps]
    return await uow.rewards.claimed_of(keeping) if keeping else {}


async def _owned(
    uow: UnitOfWork, program_id: int, telegram_id: int, *, lock: bool = True
) -> Program:
    if lock:
        await uow.rewards.lock_ladder(program_id)  # two taps at once cannot both add "10 Tea"
    program = await uow.programs.get(program_id)
    if program is None:
        raise NotFound("program_not_found")
    await require_owner(uow, program.business_id, telegram_id)
    return program


async def _done(
    uow: UnitOfWork,
    action: str,
    program: Program,
    reward: Reward | None = None,
    before: Reward | None = None,
) -> LadderChange:
    program.rewards = ladder(await uow.rewards.of_program(program.id))
    await uow.commit()
    return LadderChange(action, program, reward, before)


def _by_id(rewards: list[Reward], reward_id: int) -> Reward | None:
    return next((r for r in rewards if r.id == reward_id), None)
