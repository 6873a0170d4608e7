"""Cards moving between tiers: on points earned (in the earning transaction) and in the sweep.

A card's tier is the one its points earned reach: lifetime points ever, or, with a
requalification window, the points earned in the last N months. An earning transaction (a
scan, an award, an undo) puts the card in its tier at once; the sweep catches cards whose
points left the window, or whose program's tiers the owner changed. Both move a card with a
guarded update (it must still hold the tier read), so two workers never tell a customer twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from domain.errors import NotFound
from domain.events import TierChanged
from domain.models import Card, Customer, Program
from domain.ports import UnitOfWork
from domain.tiers import Tier, promoted, tier_for, window_start

# A batch looks at up to BATCH cards and moves at most MOVES of them: each move writes a
# message, and on SQLite a batch holds the event loop for as long as it runs. Between batches
# the sweep pauses PAUSE seconds, so everything else waiting on the loop runs first.
BATCH = 100
MOVES = 8
PAUSE = 0.001


def earning_since(program: Program, now: datetime) -> datetime | None:
    """Where the program's window starts now (None: no window, lifetime points count)."""
    months = program.tier_window_months
    return window_start(now, months) if months else None


async def earned_now(uow: UnitOfWork, card: Card, program: Program) -> int:
    """The points earned that the card's tier stands on, now."""
    since = earning_since(program, uow.now())
    if since is None:
        return card.lifetime_points
    return (await uow.tiers.earned_since([card.id], since)).get(card.id, 0)


async def requalify(
    uow: UnitOfWork,
    card: Card,
    program: Program,
    business: str,
    tiers: Sequence[Tier],
    customer: Customer | None = None,
) -> Tier | None:
    """Put the card in the tier its points earned reach now; the tier it is in afterwards."""
    if not tiers and card.tier_id is None:
        return None
    reached = tier_for(await earned_now(uow, card, program), tiers)
    await _move(uow, card, program, business, reached, customer)
    return reached


async def _move(
    uow: UnitOfWork,
    card: Card,
    program: Program,
    business: str,
    reached: Tier | None,
    customer: Customer | None,
    known: dict[int, Tier] | None = None,
) -> bool:
    after = reached.id if reached else None
    if card.tier_id == after:
        return False
    if not await uow.tiers.set_card_tier(card.id, card.tier_id, after):
        return False  # moved meanwhile by another worker: it told the customer
    previous = await _tier(uow, card.tier_id, known if known is not None else {})
    holder = customer or await uow.customers.get(card.customer_id)
    if holder is None:
        raise NotFound("customer_not_found")
    moved = replace(card, tier_id=after)
    up = promoted(previous, reached)
    uow.record(TierChanged(holder, moved, program, business, reached, previous, up))
    return True


async def _tier(uow: UnitOfWork, tier_id: int | None, known: dict[int, Tier]) -> Tier | None:
    """The tier of that id (a removed one too), read once per batch."""
    if tier_id is None:
        return None
    if tier_id not in known:
        found = await uow.tiers.get(tier_id)
        if found is None:
            return None
        known[tier_id] = found
    return known[tier_id]


@dataclass(frozen=True)
class SweepStep:
    """Where a tier sweep stands: the program and the last card looked at."""

    program_id: int = 0
    after_card_id: int = 0


async def requalify_batch(
    uow: UnitOfWork, step: SweepStep, limit: int = BATCH
) -> tuple[int, SweepStep | None]:
    """One transaction: up to `limit` cards from `step` on, each put in its tier.

    Returns how many cards moved and where the next batch starts (None: the sweep is done).
    """
    async with uow:
        programs = [p for p in await uow.tiers.tiered_programs() if p >= step.program_id]
        if not programs:
            return 0, None
        program_id = programs[0]
        after = step.after_card_id if program_id == step.program_id else 0
        moved, last = await _requalify_cards(uow, program_id, after, limit)
        await uow.commit()
    if last is not None:
        return moved, SweepStep(program_id, last)
    return moved, SweepStep(program_id + 1, 0) if len(programs) > 1 else None


async def _requalify_cards(
    uow: UnitOfWork, program_id: int, after: int, limit: int
) -> tuple[int, int | None]:
    program = await uow.programs.get(program_id)
    business = await uow.businesses.get(program.business_id) if program else None
    if program is None or business is None or business.suspended_at is not None:
        return 0, None  # a suspended business sends nothing; its cards move when it resumes
    tiers = await uow.tiers.of_program(program_id)
    floor = tiers[0].threshold if tiers else None
    cards = await uow.tiers.candidates(program_id, floor, after, limit)
    since = earning_since(program, uow.now())
    earned = (
        await uow.tiers.earned_since([c.id for c in cards], since)
        if since is not None
        else {c.id: c.lifetime_points for c in cards}
    )
    moved, known = 0, {tier.id: tier for tier in tiers}
    for card in cards:
        reached = tier_for(earned[card.id], tiers)
        if await _move(uow, card, program, business.name, reached, None, known):
            moved += 1
            if moved == MOVES and card is not cards[-1]:
                return moved, card.id  # the rest of the batch next time: the loop breathes
    return moved, cards[-1].id if len(cards) == limit else None


async def requalify_tiers(uow: UnitOfWork, limit: int = BATCH) -> int:
    """The tier sweep: every tiered program's cards, one transaction per batch (the unit of
    work is used once per batch); how many cards moved."""
    step: SweepStep | None = SweepStep()
    moved = 0
    while step is not None:
        count, step = await requalify_batch(uow, step, limit)
        moved += count
        if step is not None:
            await asyncio.sleep(PAUSE)
    return moved
