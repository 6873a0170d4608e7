"""The expiry sweep: expire what is due on every card of programs with expiry, warn ahead.

Batched: one transaction per batch of cards, so a sweep over many cards never holds the
database (or the event loop) long, and a restart goes on where the marks say. Idempotent: a
card's ledger is read after the card is locked, already expired lots are consumed by their
`expire` entry, and each entry's key names the newest lot it empties; two workers sweeping at
once expire each point once. A warning is written once per (card, expiry day).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from domain.events import ExpiryWarned, PointsExpired
from domain.expiry import Expiry, expiring, upcoming, warning_horizon
from domain.models import Business, Card, LedgerEntry, Program
from domain.ports import CardToSweep, UnitOfWork

BATCH = 50  # cards looked at per transaction: on SQLite every other transaction waits for it
SLICE = 20  # cards handled between two turns of the event loop


@dataclass(frozen=True)
class Swept:
    expired_cards: int = 0
    expired_points: int = 0
    warnings: int = 0

    def __add__(self, other: Swept) -> Swept:
        return Swept(
            self.expired_cards + other.expired_cards,
            self.expired_points + other.expired_points,
            self.warnings + other.warnings,
        )

    def __bool__(self) -> bool:
        return bool(self.expired_cards or self.warnings)


async def expire_points(make_uow: Callable[[], UnitOfWork], batch: int = BATCH) -> Swept:
    """Run the sweep over every program whose points expire, a batch per transaction."""
    uow = make_uow()
    async with uow:
        programs = await uow.expiry.programs()
    total = Swept()
    for program in programs:
        after = 0
        while True:
            done = await _sweep_batch(make_uow(), program, after, batch)
            if done is None:
                break
            after, swept = done
            total += swept
    return total


async def _sweep_batch(
    uow: UnitOfWork, program: Program, after: int, limit: int
) -> tuple[int, Swept] | None:
    """One window of the program's cards above `after`: (the last card id, what it did)."""
    days = program.expiry_days
    if days is None:
        return None
    async with uow:
        now = uow.now()
        cutoff = now - timedelta(days=days)
        ahead = warning_horizon(days, program.expiry_warning_days)
        ids, last = await uow.expiry.due_cards(
            program.id, cutoff, cutoff + timedelta(days=ahead), after, limit
        )
        if not last:
            return None  # no cards left in this program
        business = await uow.businesses.get(program.business_id)
        swept = Swept()
        for start in range(0, len(ids), SLICE):
            part = ids[start : start + SLICE]
            cards = await uow.expiry.lock(part)
            ledgers = await uow.expiry.ledgers(part)
            plans = [
                plan
                for c in cards
                if (plan := expiring(c.card.id, ledgers[c.card.id], days, now, c.card.balance))
            ]
            after_expiry = await uow.expiry.post(plans, now)
            swept += await _tell(
                uow, program, business, cards, plans, after_expiry, ledgers, ahead
            )
            await asyncio.sleep(0)  # SQLite runs on the loop's thread: let other work in
        if ids:
            await uow.expiry.mark(ids, cutoff, cutoff + timedelta(days=ahead))
            await uow.commit()
        return last, swept


async def _tell(
    uow: UnitOfWork,
    program: Program,
    business: Business | None,
    cards: list[CardToSweep],
    plans: list[Expiry],
    after: dict[int, Card],
    ledgers: dict[int, list[LedgerEntry]],
    ahead: int,
) -> Swept:
    """Tell each holder what expired now and, once per day, what expires within `ahead` days."""
    swept = Swept(len(plans), sum(plan.points for plan in plans))
    if business is None or business.suspended_at is not None:
        return swept  # the points still expire; a suspended business sends nothing
    holders = await uow.expiry.holders([c.card.id for c in cards])
    now, days = uow.now(), program.expiry_days or 0
    for plan in plans:
        card = after[plan.card_id]
        if card.left_at is None and (holder := holders.get(card.id)) is not None:
            uow.record(PointsExpired(holder, card, program, business.name, plan.points))
    warned = 0
    for item in cards if ahead > 0 else []:
        card = after.get(item.card.id, item.card)
        holder = holders.get(card.id)
        if card.left_at is not None or holder is None:
            continue
        soon = upcoming(ledgers.get(card.id, []), days, now, business.time_zone, ahead)
        fresh = [u for u in soon if item.warned_for is None or u.on > item.warned_for]
        for notice in fresh:
            uow.record(
                ExpiryWarned(holder, card, program, business.name, notice.points, notice.on)
            )
        if fresh:
            await uow.expiry.mark_warned(card.id, fresh[-1].on)
            warned += len(fresh)
    return Swept(swept.expired_cards, swept.expired_points, warned)
