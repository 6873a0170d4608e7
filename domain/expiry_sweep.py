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
            # Also between batches with nothing due: a program's cards looked at one window
            # after another, on SQLite (the loop's thread), would otherwise never let it go.
            await asyncio.sleep(0)
    return total


@dataclass(frozen=True)
class _Slice:
    """Some locked cards of one batch: their ledgers, what expired and the cards after it."""

    cards: list[CardToSweep]
    ledgers: dict[int, list[LedgerEntry]]
    expired: list[Expiry]
    after: dict[int, Card]


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
        horizon = cutoff + timedelta(days=ahead)
        ids, last = await uow.expiry.due_cards(program.id, cutoff, horizon, after, limit)
        if not last:
            return None  # no cards left in this program
        business = await uow.businesses.get(program.business_id)
        swept = Swept()
        for start in range(0, len(ids), SLICE):
            part = await _expire(uow, ids[start : start + SLICE], days)
            swept += Swept(len(part.expired), sum(plan.points for plan in part.expired))
            if business is not None and business.suspended_at is None:
                swept += await _tell(uow, program, business, part, ahead)
            await asyncio.sleep(0)  # SQLite runs on the loop's thread: let other work in
        if ids:
            await uow.expiry.mark(ids, cutoff, horizon)
            await uow.commit()
        return last, swept


async def _expire(uow: UnitOfWork, card_ids: list[int], days: int) -> _Slice:
    """Lock the cards, then read their ledgers and write what expires now."""
    cards = await uow.expiry.lock(card_ids)
    ledgers = await uow.expiry.ledgers(card_ids)
    now = uow.now()
    plans = [
        plan
        for c in cards
        if (plan := expiring(c.card.id, ledgers[c.card.id], days, now, c.card.balance))
    ]
    return _Slice(cards, ledgers, plans, await uow.expiry.post(plans, now))


async def _tell(
    uow: UnitOfWork, program: Program, business: Business, part: _Slice, ahead: int
) -> Swept:
    """Tell each holder what expired now and, once per day, what expires within `ahead` days.

    A suspended business sends nothing (its points still expire); a card its holder left
    neither.
    """
    holders = await uow.expiry.holders([c.card.id for c in part.cards])
    for plan in part.expired:
        card = part.after[plan.card_id]
        if card.left_at is None and (holder := holders.get(card.id)) is not None:
            uow.record(PointsExpired(holder, card, program, business.name, plan.points))
    warned = 0
    for item in part.cards if ahead > 0 else []:
        card = part.after.get(item.card.id, item.card)
        holder = holders.get(card.id)
        if card.left_at is not None or holder is None:
            continue
        soon = upcoming(
            part.ledgers[card.id], program.expiry_days or 0, uow.now(), business.time_zone, ahead
        )
        fresh = [u for u in soon if item.warned_for is None or u.on > item.warned_for]
        for notice in fresh:
            uow.record(
                ExpiryWarned(holder, card, program, business.name, notice.points, notice.on)
            )
        if fresh:
            await uow.expiry.mark_warned(card.id, fresh[-1].on)
            warned += len(fresh)
    return Swept(warnings=warned)
