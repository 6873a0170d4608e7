"""Two workers' expiry sweeps at once on PostgreSQL: the card locks and the keys expire each
point once (SQLite is one process: its sweeps never overlap)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from domain.expiry_sweep import expire_points
from storage.engine import make_engine, make_session_factory
from storage.uow import uow_factory
from tests.storage.builders import T0, World
from tests.storage.test_expiry_sweep import Clock, add_cards, clock, rows, set_expiry

BACKENDS = ("postgresql",)
__all__ = ["clock"]  # the movable clock fixture, shared with the sweep's other tests


async def test_two_workers_sweeping_at_once_expire_each_point_once(
    new_uow, world: World, clock: Clock, db_url: str, session_factory
):
    await set_expiry(new_uow, world.program_id, 30)
    ids = await add_cards(new_uow, world, 60)
    clock.now = T0 + timedelta(days=31)
    engines = [make_engine(db_url) for _ in range(2)]
    try:
        factories = [uow_factory(make_session_factory(e), clock) for e in engines]
        results = await asyncio.gather(*(expire_points(f, batch=7) for f in factories))
    finally:
        for e in engines:
            await e.dispose()
    assert sum(r.expired_cards for r in results) == len(ids)
    assert sum(r.expired_points for r in results) == 7 * len(ids)
    assert await rows(
        session_factory,
        "SELECT COUNT(*), COUNT(DISTINCT card_id), -SUM(delta) FROM point_transactions "
        "WHERE kind = 'expire'",
    ) == [(len(ids), len(ids), 7 * len(ids))]
    assert await rows(
        session_factory,
        "SELECT COUNT(*) FROM loyalty_cards WHERE balance <> 0 AND number <> 'C-1'",
    ) == [(0,)]
