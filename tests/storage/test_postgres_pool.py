"""PostgreSQL's pool: a connection the server closed is replaced before a statement runs on it,
without a ping's round trips on every checkout (storage/engine.py)."""

from __future__ import annotations

import asyncio

from sqlalchemy import event, make_url, text

from storage.engine import POOL_WARM, make_engine, open_pool
from tests.storage.conftest import admin
from tests.waiting import eventually

BACKENDS = ("postgresql",)


async def test_a_pooled_connection_the_server_closed_is_replaced_unseen(db_url):
    engine = make_engine(db_url)
    try:
        async with engine.connect() as conn:
            raw = (await conn.get_raw_connection()).driver_connection
            pid = raw.get_server_pid()
            assert (await conn.scalar(text("SELECT 1"))) == 1
        admin(db_url, f"SELECT pg_terminate_backend({pid})")
        await eventually(raw.is_closed)  # the pool's idle connection, closed by the server

        async with engine.connect() as conn:
            assert (await conn.scalar(text("SELECT 2"))) == 2
            assert (await conn.get_raw_connection()).driver_connection.get_server_pid() != pid
    finally:
        await engine.dispose()


async def test_a_worker_opens_its_connections_as_it_starts_not_under_the_load(db_url):
    """`open_pool` (bot/app.py runs it at start): the server holds the connections before any
    request, and as many requests at once then open none (no handshake inside a heavy path)."""
    engine = make_engine(db_url)
    opened = []
    event.listen(engine.sync_engine, "connect", lambda *_: opened.append(1))
    try:
        await open_pool(engine, POOL_WARM)
        assert len(opened) == POOL_WARM
        database = make_url(db_url).database
        count = (
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = :name AND pid <> pg_backend_pid()"
        )
        async with engine.connect() as conn:  # one of the kept ones
            assert await conn.scalar(text(count), {"name": database}) == POOL_WARM - 1

        async def request(seconds: float) -> None:
            async with engine.connect() as conn:
                await conn.execute(text("SELECT pg_sleep(:s)"), {"s": seconds})

        await asyncio.gather(*(request(0.2) for _ in range(POOL_WARM)))
        assert len(opened) == POOL_WARM  # every request found an open connection
        await request(0)
        await asyncio.gather(*(request(0.2) for _ in range(POOL_WARM + 1)))
        assert len(opened) == POOL_WARM + 1  # one more than were opened: the pool grows
    finally:
        await engine.dispose()
