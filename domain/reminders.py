"""Sweeps the scheduler runs: invitation reminders, reward in reach, "we miss you", digests.

Each sweep (the digest: each batch of it) is one transaction over database state and safe to
run twice or after a restart: a message is written only by the sweep that manages to set its
mark (a guarded update).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, time, timedelta

from domain.events import CustomerMissed, DigestCompiled, InvitationReminded, RewardInReach
from domain.growth.winback import offer_winback
from domain.models import Card, Program
from domain.pacing import Pace
from domain.ports import UnitOfWork

BATCH = 500
DIGEST_BATCH = 10  # businesses a transaction: a scan waits behind one (20 took about 15 ms)
Mark = Callable[[int, datetime], Awaitable[bool]]  # sets a card's mark; False: already set


async def remind_pending_enrollments(
    uow: UnitOfWork, after: timedelta = timedelta(days=1), limit: int = BATCH
) -> int:
    """Remind a customer once of an invitation left unanswered for `after`."""
    async with uow:
        reminded = 0
        for request in await uow.requests.unreminded_invitations(uow.now() - after, limit):
            if request.expires_at <= uow.now():
                continue  # the expiry sweep tells them it is over instead
            customer = await uow.customers.get(request.customer_id)
            program = await uow.programs.get(request.program_id)
            business = await uow.businesses.get(request.business_id)
            if customer is None or program is None or business is None:
                continue
            if not await uow.requests.mark_reminded(request.id, uow.now()):
                continue
            uow.record(InvitationReminded(customer, request, program, business.name))
            reminded += 1
        await uow.commit()
        return reminded


async def announce_rewards_in_reach(uow: UnitOfWork, limit: int = BATCH) -> int:
    """Tell a customer their reward is one visit away, once each time a card gets there."""
    async with uow:
        await uow.cards.clear_near_reward()
        told = 0
        for card in await uow.cards.near_reward(limit):
            if await _tell_card(uow, card, RewardInReach, uow.cards.mark_near_reward):
                told += 1
        await uow.commit()
        return told


async def nudge_idle_customers(uow: UnitOfWork, limit: int = BATCH) -> int:
    """ "We miss you" to customers absent for the program's number of days, once per absence."""
    async with uow:
        nudged = 0
        for program in await uow.programs.with_nudges():
            since = uow.now() - timedelta(days=program.miss_you_days or 0)
            for card in await uow.cards.idle_in(program.id, since, limit):
                if await _nudge(uow, card, program):
                    nudged += 1
        await uow.commit()
        return nudged


async def send_owner_digests(
    make_uow: Callable[[], UnitOfWork], hour: int = 8, batch: int = DIGEST_BATCH
) -> int:
    """From `hour` (UTC) on, give each owner yesterday's figures once: `batch` businesses a
    transaction (on SQLite a transaction holds the database's one writer: scans and views wait
    behind it, so it stays short), until none is due."""
    sent, pace = 0, Pace()
    while True:
        looked_at, told = await _digest_batch(make_uow(), hour, batch)
        sent += told
        if looked_at < batch:
            return sent
        await pace.rest()  # scans go between two batches, and meet half as many


async def _digest_batch(uow: UnitOfWork, hour: int, limit: int) -> tuple[int, int]:
    """(businesses due that this batch looked at, digests written)."""
    async with uow:
        day = (uow.now() - timedelta(hours=hour)).date() - timedelta(days=1)
        start = datetime.combine(day, time(0), UTC)
        end = start + timedelta(days=1)
        due = await uow.businesses.digest_due(day.isoformat(), limit)
        sent = 0
        for business in due:
            if not await uow.businesses.mark_digest(business.id, day.isoformat()):
                continue
            if business.created_at >= end:
                continue  # it did not exist yet that day
            figures = await uow.reports.kept_figures(business.id, start, end)
            uow.record(
                DigestCompiled(
                    business.owner_telegram_id, business.name, day, figures.scans,
                    figures.points_issued, figures.rewards_redeemed, figures.new_customers,
                )
            )  # fmt: skip
            sent += 1
        await uow.commit()
        return len(due), sent


async def _nudge(uow: UnitOfWork, card: Card, program: Program) -> bool:
    """ "We miss you", with the program's win-back bonus if it has one."""
    business = await uow.businesses.get(card.business_id)
    customer = await uow.customers.get(card.customer_id)
    if business is None or customer is None:
        return False
    if business.suspended_at is not None or not await uow.cards.mark_nudged(card.id, uow.now()):
        return False
    bonus, days = await offer_winback(uow, card, program)
    uow.record(CustomerMissed(customer, card, program, business.name, bonus, days))
    return True


async def _tell_card(uow: UnitOfWork, card: Card, event: type[RewardInReach], mark: Mark) -> bool:
    """Write a reminder about a card if this sweep is the one that sets its mark."""
    program = await uow.programs.get(card.program_id)
    business = await uow.businesses.get(card.business_id)
    customer = await uow.customers.get(card.customer_id)
    if program is None or business is None or customer is None:
        return False
    if business.suspended_at is not None or not await mark(card.id, uow.now()):
        return False
    uow.record(event(customer, card, program, business.name))
    return True
