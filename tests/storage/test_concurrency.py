"""Many writers on one SQLite file: no lost update, no negative balance, no "locked" error."""

from __future__ import annotations

import asyncio
import random
import uuid

from sqlalchemy import func, select

from domain.models import EntryKind, LedgerEntry
from storage.tables import CardRow, LedgerRow
from tests.storage.builders import REASON_OF, T0

TASKS = 200


async def test_concurrent_awards_and_deductions_keep_balance_equal_to_the_ledger(
    new_uow, session_factory, world
):
    rng = random.Random(20250301)
    # Deductions slightly outnumber awards, so the balance keeps hitting the floor and the
    # refused path is exercised whatever order the tasks happen to run in.
    deltas = [(-1 if rng.random() < 0.6 else 1) * rng.randint(1, 10) for _ in range(TASKS)]
    low_points: list[int] = []

    async def move(delta: int) -> bool:
        async with new_uow() as uow:
            # Read first, as use cases do: a deferred transaction would now hold only a read
            # lock and could fail on upgrading it; BEGIN IMMEDIATE makes it wait instead.
            await uow.cards.get(world.card_id)
            card = await uow.cards.apply_delta(world.card_id, delta, earned=max(delta, 0))
            if card is None:
                return False
            low_points.append(card.balance)
            kind = EntryKind.AWARD if delta > 0 else EntryKind.DEDUCT
            key = uuid.uuid4().hex
            await uow.ledger.add(
                LedgerEntry(world.card_id, delta, kind, key, T0, REASON_OF[kind]),
                world.business_id,
            )
            await uow.commit()
            return True

    results = await asyncio.gather(*(move(d) for d in deltas), return_exceptions=True)

    errors = [r for r in results if isinstance(r, BaseException)]
    assert errors == [], errors[:3]
    committed = sum(1 for r in results if r is True)
    async with session_factory() as session:
        balance = await session.scalar(select(CardRow.balance).where(CardRow.id == world.card_id))
        total = await session.scalar(select(func.coalesce(func.sum(LedgerRow.delta), 0)))
        rows = await session.scalar(select(func.count()).select_from(LedgerRow))
    assert balance == total
    assert rows == committed
    assert min(low_points) >= 0 and balance >= 0
    assert 0 < committed < TASKS  # both paths were exercised


async def test_concurrent_first_contacts_make_one_business_customer_row(new_uow, world):
    async def visit() -> None:
        async with new_uow() as uow:
            await uow.business_customers.touch(
                world.business_id, world.customer_id, T0, visit=True
            )
            await uow.commit()

    await asyncio.gather(*(visit() for _ in range(20)))
    async with new_uow() as uow:
        row = await uow.business_customers.get(world.business_id, world.customer_id)
        count = await uow.business_customers.count(world.business_id)
    assert count == 1 and row is not None and row.visits == 20
