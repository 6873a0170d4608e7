"""Engine and session factory: SQLite (inline by default, WAL, BEGIN IMMEDIATE), PostgreSQL."""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from storage.checkpoints import checkpoint_off_the_loop
from storage.sqlite_inline import DRIVER, inline_url, patiently, transaction_begins

BUSY_TIMEOUT_MS = 10_000
SYNCHRONOUS_OPTION = "sqlite_synchronous"
# Execution options for a transaction whose loss to a power cut is harmless (an outbox claim:
# its rows go back to pending), so its commit need not wait for the disk: SQLite's part (the
# claim's statement sets PostgreSQL's synchronous_commit itself, storage/outbox.py).
LIGHT_COMMIT = {SYNCHRONOUS_OPTION: "NORMAL"}
READING_OPTION = "sqlite_reading"
# Execution options for a transaction that only reads (a customer's view): on SQLite it begins
# DEFERRED on a query-only connection, so it needs neither the write lock nor the write gate.
READING = {READING_OPTION: "ON"}
# On PostgreSQL a transaction that only reads is no transaction at all: its reads are READ
# COMMITTED, each statement seeing its own snapshot inside a transaction or not, so a BEGIN and
# a ROLLBACK would be two more round trips around a one-statement view (My cards).
READING_POSTGRES = {**READING, "isolation_level": "AUTOCOMMIT"}
# The execution options a transaction sets as SQLite pragmas, before its BEGIN.
PER_TRANSACTION_PRAGMAS = ((SYNCHRONOUS_OPTION, "synchronous"), (READING_OPTION, "query_only"))


# PostgreSQL connections an engine keeps open once it has needed them, and opens beyond that
# for a burst (closed again when given back). SQLAlchemy's default keeps 5: a bot that runs
# scans, My cards, a broadcast's chunks and a sweep at once needed a sixth or seventh every few
# seconds, and each new connection cost the event loop 30-90 ms of CPU (asyncpg's handshake,
# the dialect's setup, every statement prepared again on it): the longest holds of
# bench/platform_scale.py's broadcast and digest phases. 15 at most, as before.
POOL_SIZE, POOL_OVERFLOW = 10, 5
# The connections a worker opens as it starts (`open_pool`), so that no heavy path pays for a
# handshake: bench/platform_scale.py's full runs used 3-4 of the bot's engine at once, and the
# pool grows lazily, so the 3rd and 4th were opened inside whichever broadcast or sweep first
# needed them (a 15-30 ms hold of the loop each). Reports (`make_read_engine`) use 1-2.
POOL_WARM, READ_POOL_WARM = 4, 2


def make_engine(url: str, *, foreign_keys: bool = True, synchronous: str = "FULL") -> AsyncEngine:
    """An async engine for `url`; `foreign_keys=False` is for migrations that rebuild tables.

    `synchronous` is SQLite's (FULL or NORMAL); bench/commit_durability.py compares them.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        engine = create_async_engine(parsed, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW)
        _replace_closed_connections(engine)
        return engine
    _create_parent_folder(parsed.database, uri=parsed.query.get("uri") == "true")
    engine = create_async_engine(inline_url(parsed))
    _tune_sqlite(engine, foreign_keys=foreign_keys, synchronous=synchronous)
    if engine.dialect.driver == DRIVER:
        checkpoint_off_the_loop(engine, parsed.database, parsed.query)
    return engine


async def open_pool(engine: AsyncEngine, count: int) -> None:
    """Open `count` of a PostgreSQL engine's connections now and keep them in its pool (at
    most POOL_SIZE are kept). SQLite's connections cost no handshake: nothing to do."""
    if engine.dialect.name != "postgresql" or count < 1:
        return
    async with contextlib.AsyncExitStack() as held:  # all at once: each a new connection
        for _ in range(min(count, POOL_SIZE)):
            await held.enter_async_context(engine.connect())


async def begin_reading(session: AsyncSession) -> None:
    """Begin the session to only read: on SQLite a DEFERRED transaction on a query-only
    connection (READING), which needs neither the write lock nor the write gate
    (storage/gate.py); on PostgreSQL no transaction (READING_POSTGRES)."""
    postgres = session.get_bind().dialect.name == "postgresql"
    await session.connection(execution_options=READING_POSTGRES if postgres else READING)


@contextlib.asynccontextmanager
async def reading_session(sessions: async_sessionmaker[Any]) -> AsyncIterator[AsyncSession]:
    """A session that only reads (`begin_reading`)."""
    async with sessions() as session:
        await begin_reading(session)
        yield session


def make_read_engine(url: str) -> AsyncEngine:
    """An engine for long reads (reports) that must not run on the event loop's thread.

    On SQLite the inline driver runs every statement on the loop's thread, and one /stats
    query over a large business's ledger runs for a second: reports read through aiosqlite
    instead (its statements run on a thread of their own), on query-only connections that
    begin no IMMEDIATE transaction, so they never take the write lock. PostgreSQL's driver
    never holds the loop while a query runs: the same engine as `make_engine`.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return make_engine(url)
    engine = create_async_engine(parsed.set(drivername="sqlite+aiosqlite"))

    @event.listens_for(engine.sync_engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA query_only = ON")
        finally:
            cursor.close()

    return engine


# PostgreSQL's memory for each sort or hash of the doctor's snapshot (the server's default is
# 4 MB): a range of businesses' scans grouped per customer and day fits, with no temporary file.
SNAPSHOT_WORK_MEM = "64MB"


@contextlib.asynccontextmanager
async def read_snapshot(url: str) -> AsyncIterator[AsyncConnection]:
    """A connection reading one consistent snapshot of the database, that writes nothing.

    For a long read that must not hold writers back (the doctor's checks): on SQLite a
    deferred transaction on a query-only connection (`make_read_engine`), which in WAL mode
    never takes the write lock, so scans go on being committed meanwhile; on PostgreSQL a
    read-only REPEATABLE READ transaction (one snapshot for every statement), without parallel
    workers: a check of every ledger row would otherwise run on every core at the server's own
    priority, and the bot's statements would wait for a core behind it. On both, its sorts
    stay in memory rather than in temporary files on the disk the bot's commits wait for.
    """
    engine = make_read_engine(url)
    try:
        async with engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                # Its sorts in memory: temporary files, written back while the bot's commits
                # wait for the same disk, slowed every scan (a check reads a range of
                # businesses at a time, so this memory is bounded by a range's rows).
                await conn.exec_driver_sql("PRAGMA temp_store = MEMORY")
                await conn.exec_driver_sql("BEGIN")  # the driver would begin none for a SELECT
            else:
                conn = await conn.execution_options(isolation_level="REPEATABLE READ")
                await conn.exec_driver_sql("SET TRANSACTION READ ONLY")
                await conn.exec_driver_sql("SET LOCAL max_parallel_workers_per_gather = 0")
                await conn.exec_driver_sql(f"SET LOCAL work_mem = '{SNAPSHOT_WORK_MEM}'")
            try:
                yield conn
            finally:
                await conn.rollback()
    finally:
        await engine.dispose()


def _replace_closed_connections(engine: AsyncEngine) -> None:
    """A pooled connection the server closed meanwhile (a restart, an operator's terminate) is
    replaced as it is taken from the pool, before any statement fails on it.

    asyncpg knows its socket closed without asking the server. SQLAlchemy's `pool_pre_ping`,
    used before, asked: BEGIN, a ping and ROLLBACK, three round trips on every unit of work, a
    tenth of a scan's round trips and half of My cards'. A connection lost silently (no reset
    from the far end) is found by its first statement instead, which fails, and SQLAlchemy then
    drops the pool's connections of that age.
    """

    @event.listens_for(engine.sync_engine, "checkout")
    def on_checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        if dbapi_connection.driver_connection.is_closed():
            raise DisconnectionError("the server closed this pooled connection")


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[Any]:
    # Domain objects are copied out of rows, so nothing needs reloading after a commit.
    return async_sessionmaker(engine, expire_on_commit=False)


def _create_parent_folder(database: str | None, *, uri: bool) -> None:
    """A new database file is made 0600 in a folder made 0700 (SQLite gives its -wal and -shm
    files the database's own mode); existing files and folders are left as they are."""
    if not database or database == ":memory:" or uri or database.startswith("file:"):
        return
    path = Path(database)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _tune_sqlite(engine: AsyncEngine, *, foreign_keys: bool, synchronous: str) -> None:
    inline = engine.dialect.driver == DRIVER

    # SQLAlchemy's documented recipe (SQLite dialect, "Enabling Non-Legacy SQLite Transactional
    # Modes"): stop the driver from issuing its own deferred BEGIN, and begin every transaction
    # ourselves with BEGIN IMMEDIATE. A deferred transaction that reads and then writes can fail
    # with "database is locked" without waiting; an immediate one takes the write lock up front
    # and so simply waits its turn: on asyncio inline, under busy_timeout with aiosqlite.
    @event.listens_for(engine.sync_engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()

        def run(sql: str) -> None:
            if inline:  # waits for other processes' locks on asyncio, not on the loop's thread
                patiently(dbapi_connection, lambda: cursor.execute(sql))
            else:
                cursor.execute(sql)

        try:
            # Inline: never sleep on the event loop's thread (the driver waits on asyncio).
            # Otherwise busy_timeout first, so the journal-mode switch waits for other
            # connections.
            run(f"PRAGMA busy_timeout = {0 if inline else BUSY_TIMEOUT_MS}")
            run("PRAGMA journal_mode = WAL")
            # FULL: each commit is on disk (the WAL fsynced) before COMMIT returns, so the
            # message a commit causes is never sent for points a power cut then takes back.
            # NORMAL would skip that fsync and may lose the last commits on power loss (never
            # on a crash of the process). Measured cost: bench/commit_durability.py, README.
            run(f"PRAGMA synchronous = {synchronous}")
            run(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        finally:
            cursor.close()

    defaults = {SYNCHRONOUS_OPTION: synchronous, READING_OPTION: "OFF"}

    @event.listens_for(engine.sync_engine, "begin")
    def on_begin(conn: Connection) -> None:
        # A transaction may ask for a lighter commit (LIGHT_COMMIT) or to only read (READING);
        # SQLite takes either setting only outside a transaction, so each is set here, before
        # BEGIN, and set back by the next transaction that does not ask.
        options = conn.get_execution_options()
        for option, pragma in PER_TRANSACTION_PRAGMAS:
            wanted = options.get(option, defaults[option])
            if conn.info.get(option, defaults[option]) != wanted:
                conn.exec_driver_sql(f"PRAGMA {pragma} = {wanted}")
                conn.info[option] = wanted
        if inline:
            synchronous_now = conn.info.get(SYNCHRONOUS_OPTION, synchronous)
            transaction_begins(conn.connection.dbapi_connection, synchronous_now)
        # A reader begins DEFERRED: in WAL mode it reads one snapshot and never takes the lock.
        reading = options.get(READING_OPTION) == "ON"
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")
