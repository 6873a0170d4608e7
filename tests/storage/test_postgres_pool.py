"""PostgreSQL's pool: a connection the server closed is replaced before a statement runs on it,
without a ping's round trips on every checkout (storage/engine.py)."""

from __future__ import annotations

from sqlalchemy import text

from storage.engine import make_engine
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
