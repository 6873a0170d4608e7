"""The expiry sweep on a real database: FIFO expiry through the ledger, a warning once per day,
batches, reruns, and two sweeps at once on PostgreSQL expiring each point once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker

from domain.expiry_sweep import expire_points
from domain.ledger import post_entry
from domain.models import EntryKind, LedgerReason
from storage.uow import SqlUnitOfWork
from tests.storage.builders import T0, World, card, customer, user


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


async def move(
    new_uow: Callable[[], SqlUnitOfWork], card_id: int, delta: int, key: str, kind: EntryKind
) -> None:
    async with new_uow() as uow:
        found = await uow.cards.get(card_id)
        assert found is not None
        await post_entry(uow, found, delta, kind, key, LedgerReason.MANUAL)
        await uow.commit()


async def set_expiry(new_uow: Callable[[], SqlUnitOfWork], program_id: int, days: int) -> None:
    async with new_uow() as uow:
        program = await uow.programs.get(program_id)
        assert program is not None
        program.expiry_days, program.expiry_warning_days = days, 7
        await uow.programs.update(program)
        await uow.commit()


async def rows(sessions: async_sessionmaker[Any], sql: str) -> list[tuple[Any, ...]]:
    async with sessions() as session:
        return [tuple(r) for r in await session.execute(text(sql))]


async def test_old_points_expire_oldest_first_once_after_a_warning(
    new_uow, world: World, clock: Clock, session_factory
):
    await set_expiry(new_uow, world.program_id, 30)
    await move(new_uow, world.card_id, 10, "a1", EntryKind.AWARD)
    clock.now = T0 + timedelta(days=10)
    await move(new_uow, world.card_id, 5, "a2", EntryKind.AWARD)
    clock.now = T0 + timedelta(days=12)
    await move(new_uow, world.card_id, -4, "d1", EntryKind.DEDUCT)  # takes 4 of the first 10

    clock.now = T0 + timedelta(days=24)
    warned = await expire_points(new_uow)
    assert (warned.warnings, warned.expired_points) == (1, 0)
    assert (await expire_points(new_uow)).warnings == 0  # once per (card, day)
    notes = await rows(session_factory, "SELECT template, params FROM customer_notifications")
    assert [n[0] for n in notes] == ["expiry_warning"]
    assert '"points": 6' in str(notes[0][1]) or "'points': 6" in str(notes[0][1])

    clock.now = T0 + timedelta(days=30, minutes=1)
    swept = await expire_points(new_uow)
    assert (swept.expired_cards, swept.expired_points) == (1, 6)
    assert not await expire_points(new_uow)  # a rerun expires nothing more
    [(balance, total)] = await rows(
        session_factory,
        "SELECT c.balance, (SELECT SUM(delta) FROM point_transactions WHERE card_id = c.id) "
        "FROM loyalty_cards c",
    )
    assert (balance, total) == (5, 5)
    links = await rows(
        session_factory,
        "SELECT t.idempotency_key, e.idempotency_key, l.points FROM point_expiries l "
        "JOIN point_transactions t ON t.id = l.expire_entry_id "
        "JOIN point_transactions e ON e.id = l.earned_entry_id",
    )
    assert [(link[1], link[2]) for link in links] == [("a1", 6)]
    assert links[0][0].startswith(f"expire:{world.card_id}:")

    clock.now = T0 + timedelta(days=40, minutes=1)
    assert (await expire_points(new_uow)).expired_points == 5
    assert await rows(session_factory, "SELECT balance, lifetime_points FROM loyalty_cards") == [
        (0, 15)  # lifetime points count what was earned: expiry takes nothing from them
    ]


async def test_redeemed_and_undone_points_never_expire(
    new_uow, world: World, clock: Clock, session_factory
):
    await set_expiry(new_uow, world.program_id, 30)
    await move(new_uow, world.card_id, 10, "a1", EntryKind.AWARD)
    await move(new_uow, world.card_id, 3, "a2", EntryKind.AWARD)
    async with new_uow() as uow:
        award = await uow.ledger.by_key("a2")
        found = await uow.cards.get(world.card_id)
        assert award is not None and found is not None
        await post_entry(
            uow, found, -3, EntryKind.UNDO, "undo-a2", LedgerReason.UNDO,
            reverses_entry_id=award.id,
        )  # fmt: skip
        await uow.commit()
    await move(new_uow, world.card_id, -10, "r1", EntryKind.REDEEM)
    clock.now = T0 + timedelta(days=31)
    assert not await expire_points(new_uow)
    assert await rows(session_factory, "SELECT COUNT(*) FROM point_expiries") == [(0,)]


async def test_a_program_without_expiry_keeps_its_points(new_uow, world: World, clock: Clock):
    await move(new_uow, world.card_id, 10, "a1", EntryKind.AWARD)
    clock.now = T0 + timedelta(days=4000)
    assert not await expire_points(new_uow)


async def add_cards(new_uow: Callable[[], SqlUnitOfWork], world: World, count: int) -> list[int]:
    ids = []
    async with new_uow() as uow:
        for n in range(count):
            await uow.users.upsert(user(5000 + n))
            holder = await uow.customers.add(customer(5000 + n, f"x{n}"))
            added = await uow.cards.add(
                card(holder.id, world.program_id, world.business_id, f"N-{n}")
            )
            ids.append(added.id)
        await uow.commit()
    for card_id in ids:
        await move(new_uow, card_id, 7, f"early-{card_id}", EntryKind.AWARD)
    return ids


async def test_the_sweep_goes_batch_by_batch_and_goes_on_after_a_stop(
    new_uow, world: World, clock: Clock, session_factory
):
    await set_expiry(new_uow, world.program_id, 30)
    ids = await add_cards(new_uow, world, 12)
    clock.now = T0 + timedelta(days=31)
    async with new_uow() as uow:  # as if a sweep stopped after its first batch of 5
        program = await uow.programs.get(world.program_id)
    from domain.expiry_sweep import _sweep_batch

    assert program is not None
    first = await _sweep_batch(new_uow(), program, 0, 5)
    # The window is five cards: the world's own (nothing earned) and four of the new ones.
    assert first is not None and first[1].expired_cards == 4
    rest = await expire_points(new_uow, batch=5)
    assert rest.expired_cards == len(ids) - 4
    assert await rows(
        session_factory,
        "SELECT COUNT(*), COUNT(DISTINCT card_id) FROM point_transactions WHERE kind = 'expire'",
    ) == [(len(ids), len(ids))]


async def test_a_suspended_business_points_expire_without_messages(
    new_uow, world: World, clock: Clock, session_factory
):
    await set_expiry(new_uow, world.program_id, 30)
    await move(new_uow, world.card_id, 10, "a1", EntryKind.AWARD)
    async with new_uow() as uow:
        business = await uow.businesses.get(world.business_id)
        assert business is not None
        business.suspended_at = T0
        await uow.businesses.update(business)
        await uow.commit()
    clock.now = T0 + timedelta(days=25)
    assert not await expire_points(new_uow)  # no warning
    clock.now = T0 + timedelta(days=31)
    assert (await expire_points(new_uow)).expired_points == 10
    assert await rows(session_factory, "SELECT COUNT(*) FROM customer_notifications") == [(0,)]
