"""The SQLite engine: pragmas in force, immediate transactions, and its own folder."""

from __future__ import annotations

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError, OperationalError

from storage.engine import BUSY_TIMEOUT_MS, make_engine
from tests.storage.builders import T0


async def pragma(engine, name: str):
    async with engine.connect() as conn:
        return (await conn.execute(text(f"PRAGMA {name}"))).scalar()


async def test_wal_foreign_keys_busy_timeout_and_synchronous_are_set(engine):
    assert await pragma(engine, "journal_mode") == "wal"
    assert await pragma(engine, "foreign_keys") == 1
    assert await pragma(engine, "busy_timeout") == BUSY_TIMEOUT_MS
    assert await pragma(engine, "synchronous") == 1  # NORMAL


async def test_a_row_with_a_dangling_foreign_key_is_refused(engine):
    with pytest.raises(IntegrityError, match="FOREIGN KEY"):
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO loyalty_cards (customer_id, program_id, business_id, number,"
                    " balance, lifetime_points, created_at) VALUES (404, 404, 404, 'X', 0, 0, :t)"
                ),
                {"t": T0.replace(tzinfo=None)},
            )


async def test_every_transaction_begins_immediate(engine):
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("SELECT 1"))
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)
    assert statements[0] == "BEGIN IMMEDIATE"


async def test_a_write_lock_is_taken_at_begin_not_at_first_write(engine):
    # With a deferred BEGIN a second transaction would start fine and fail only when it tried
    # to write; with BEGIN IMMEDIATE it waits at its start (here: gives up after 50 ms).
    impatient = make_engine(engine.url.render_as_string(hide_password=False))

    @event.listens_for(impatient.sync_engine, "connect")
    def wait_briefly(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 50")
        cursor.close()

    try:
        async with engine.connect() as holder:
            await holder.execute(text("SELECT 1"))
            async with impatient.connect() as other:
                with pytest.raises(OperationalError, match="locked"):
                    await other.execute(text("SELECT 1"))
    finally:
        await impatient.dispose()


async def test_the_database_folder_is_created(tmp_path):
    path = tmp_path / "deep" / "er" / "x.db"
    engine = make_engine(f"sqlite+aiosqlite:///{path}")
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    finally:
        await engine.dispose()
    assert path.exists()
