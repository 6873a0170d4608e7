"""Expiry on a real database over random card lives: awards, redemptions, undos and the sweep
at random times, each through the ledger. After every step the balance is the ledger's sum and
never negative, lifetime points are what the ledger earned (awards less their undos: an expiry
or a redemption spends earned points, it does not unearn them), no earned point is expired twice
(nor an undone one at all), and each sweep expires what the naive token model says."""

from __future__ import annotations

import itertools
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from sqlalchemy import text

from domain.expiry_sweep import expire_points
from domain.ledger import post_entry
from domain.models import EntryKind, LedgerReason
from tests.expiry_model import BASE, UNDO_WINDOW, Tokens, expiry_days, steps
from tests.storage.builders import card, customer, program, user
from tests.storage.test_expiry_sweep import Clock, clock

BACKENDS = ("sqlite",)  # the same SQL runs on PostgreSQL in the sweep's other tests
__all__ = ["clock"]
LIVES = itertools.count()
# Each example's card lives in its own years (a life spans at most 40 steps of 12 days, then
# its expiry); two years apart leave room for thousands of examples, shrinking included.
YEARS_APART = timedelta(days=2 * 365)
INVARIANTS = text(
    """
    SELECT c.balance, c.lifetime_points,
           (SELECT COALESCE(SUM(delta), 0) FROM point_transactions WHERE card_id = c.id),
           (SELECT COALESCE(SUM(delta), 0) FROM point_transactions
             WHERE card_id = c.id AND kind IN ('award', 'undo')),
           (SELECT COUNT(*) FROM point_transactions t
             WHERE t.card_id = c.id AND t.delta > 0
               AND (SELECT COALESCE(SUM(points), 0) FROM point_expiries
                     WHERE earned_entry_id = t.id) > t.delta),
           (SELECT COUNT(*) FROM point_expiries l JOIN point_transactions u
               ON u.reverses_entry_id = l.earned_entry_id AND u.kind = 'undo'
             WHERE l.points > 0 AND u.card_id = c.id)
    FROM loyalty_cards c WHERE c.id = :card
    """
)


async def new_life(new_uow, world, days: int) -> tuple[int, int]:
    """A new customer's card in a new program whose points expire after `days`."""
    n = next(LIVES)
    async with new_uow() as uow:
        await uow.users.upsert(user(9000 + n))
        holder = await uow.customers.add(customer(9000 + n, f"p{n}"))
        plan = program(world.business_id, f"join-p{n}")
        plan.expiry_days, plan.expiry_warning_days = days, 1
        added = await uow.programs.add(plan)
        held = await uow.cards.add(card(holder.id, added.id, world.business_id, f"P-{n}"))
        await uow.commit()
    return added.id, held.id


async def move(new_uow, card_id: int, delta: int, kind: EntryKind, key: str, undoes=None):
    async with new_uow() as uow:
        found = await uow.cards.get(card_id)
        posted = await post_entry(
            uow, found, delta, kind, key, LedgerReason.MANUAL, reverses_entry_id=undoes
        )
        await uow.commit()
        return posted.entry


async def expired_so_far(new_uow, card_id: int) -> int:
    async with new_uow() as uow:
        ledger = (await uow.expiry.ledgers([card_id]))[card_id]
    return -sum(e.delta for e in ledger if e.kind is EntryKind.EXPIRE)


async def spent(session_factory, card_id: int) -> int:
    """Points that left the card other than by expiry: redeemed and undone."""
    async with session_factory() as session:
        found = await session.scalar(
            text(
                "SELECT COALESCE(-SUM(delta), 0) FROM point_transactions"
                " WHERE card_id = :card AND kind IN ('redeem', 'undo')"
            ),
            {"card": card_id},
        )
    return int(found or 0)


@settings(
    max_examples=40, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)  # fmt: skip
@given(life=steps, days=expiry_days)
async def test_random_lives_keep_the_ledger_whole_and_expire_each_point_once(
    new_uow, session_factory, world, clock: Clock, life, days
):
    program_id, card_id = await new_life(new_uow, world, days)
    clock.now = BASE + YEARS_APART * next(LIVES)
    tokens, awards, undone = Tokens(), {}, set()
    for step, (what, amount, hours) in enumerate(life):
        clock.now += timedelta(hours=hours)
        balance = len(tokens.held)
        key = f"{card_id}-{step}"
        if what == "award":
            entry = await move(new_uow, card_id, amount, EntryKind.AWARD, key)
            awards[entry.id] = entry
            tokens.earn(clock.now, entry.id, amount)
        elif what == "spend" and amount <= balance:
            await move(new_uow, card_id, -amount, EntryKind.REDEEM, key)
            tokens.spend(amount)
        elif what == "undo":
            recent = [
                a for a in awards.values()
                if a.id not in undone and clock.now - a.created_at <= UNDO_WINDOW
                and a.delta <= balance
            ]  # fmt: skip
            if recent:
                undone.add(recent[-1].id)
                await move(new_uow, card_id, -recent[-1].delta, EntryKind.UNDO, key, recent[-1].id)
                tokens.undo(recent[-1].id, recent[-1].delta)
        elif what == "sweep":
            before = await expired_so_far(new_uow, card_id)
            await expire_points(new_uow, batch=3)
            expected = tokens.expire(clock.now - timedelta(days=days))
            assert await expired_so_far(new_uow, card_id) - before == expected
        async with session_factory() as session:
            row = (await session.execute(INVARIANTS, {"card": card_id})).one()
        balance, lifetime, total, earned, expired_twice, undone_expired = row
        assert balance == total == len(tokens.held) >= 0
        assert lifetime == earned
        assert (expired_twice, undone_expired) == (0, 0)
    # Then sweep just as each remaining award comes of age: the lots' edges, one by one.
    for earned_at in sorted({at for at, _ in tokens.held}):
        clock.now = max(clock.now, earned_at + timedelta(days=days, seconds=1))
        before = await expired_so_far(new_uow, card_id)
        await expire_points(new_uow, batch=3)
        expected = tokens.expire(clock.now - timedelta(days=days))
        assert await expired_so_far(new_uow, card_id) - before == expected
    assert await expired_so_far(new_uow, card_id) == sum(e.delta for e in awards.values()) - (
        await spent(session_factory, card_id)
    )
    async with new_uow() as uow:  # the next example's sweeps leave this card alone
        done = await uow.programs.get(program_id)
        done.expiry_days = None
        await uow.programs.update(done)
        await uow.commit()
