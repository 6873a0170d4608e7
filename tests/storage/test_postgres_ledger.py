"""PostgreSQL with several workers: one key posts once, however many workers race for it."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from domain.ledger import post_entry
from domain.models import EntryKind, LedgerReason
from storage.engine import make_engine, make_session_factory
from storage.tables import CardRow, LedgerRow
from storage.uow import uow_factory
from tests.storage.builders import T0

BACKENDS = ("postgresql",)
WORKERS = 4
KEYS = 15


async def test_workers_posting_the_same_keys_at_once_move_points_once_per_key(db_url, world):
    # Each worker has its own engine and pool, as separate processes would.
    engines = [make_engine(db_url) for _ in range(WORKERS)]
    factories = [uow_factory(make_session_factory(engine), lambda: T0) for engine in engines]

    async def post(new_uow, key: str) -> bool:
        async with new_uow() as uow:
            card = await uow.cards.get(world.card_id)
            posted = await post_entry(uow, card, 3, EntryKind.AWARD, key, LedgerReason.SCAN)
            await uow.commit()
            return posted.duplicate

    try:
        results = await asyncio.gather(
            *(post(new_uow, f"scan:{k}") for k in range(KEYS) for new_uow in factories)
        )
    finally:
        for engine in engines:
            await engine.dispose()

    assert results.count(False) == KEYS  # one worker per key moved points, the rest saw it
    async with make_session_factory(engine := make_engine(db_url))() as session:
        balance = await session.scalar(select(CardRow.balance).where(CardRow.id == world.card_id))
        rows = await session.scalar(select(func.count()).select_from(LedgerRow))
    await engine.dispose()
    assert balance == 3 * KEYS and rows == KEYS
