"""SQLite on the event loop's thread: the standard `sqlite3` driver under SQLAlchemy's asyncio API.

aiosqlite runs every call on a helper thread and hands the result back through the event loop,
and SQLAlchemy's adapter makes three or four such calls per statement (cursor, execute, fetch).
Measured here, a one-row SELECT cost about 560 µs of CPU that way and about 120 µs inline; a
scan runs some twenty statements, so the hand-offs were most of the bot's time.

The statements this bot runs are indexed and small, so running them inline costs the loop
microseconds; a transaction of thousands of them gives the loop a turn every 10 ms (`_turn`);
a commit that wrote waits for one fsync of the WAL (synchronous=FULL, about 0.6 ms here: see
bench/commit_durability.py, but hundreds of milliseconds while another process keeps the
disk busy), so it runs on a thread of its own (`_off_the_loop`). What could stall the
loop is SQLite's busy handler, which sleeps while another connection holds the write lock:
inline connections have no busy timeout, and a statement refused with SQLITE_BUSY is tried
again after an asyncio sleep (growing to 50 ms, for up to LOCK_WAIT_SECONDS), so the loop
goes on serving everything else meanwhile.

`sqlite:///path` selects this driver; `sqlite+aiosqlite:///path` still selects aiosqlite.

SQLAlchemy's names this relies on that are not its public API, hence the pin to one minor
version in pyproject.toml (tests/storage/test_sqlalchemy_pins.py gets each one):

- `sqlalchemy.util.concurrency.await_` and `sqlalchemy.util.concurrency.in_greenlet`: to
  sleep on asyncio from inside SQLAlchemy's greenlet, and to know we are in one;
- `sqlalchemy.util.concurrency.greenlet_spawn`'s `_require_await` check, which refuses a
  driver that never awaited (hence the `_DONE` await);
- `SQLiteDialect_pysqlite._is_url_file_db`: a file (pooled) or `:memory:` (one connection);
- `DefaultDialect.get_pool_class`: the undocumented hook that picks the pool class;
- the cursor hook `_async_soft_close`, which `sqlalchemy.ext.asyncio` calls on async drivers'
  cursors (its own adapter, `AsyncAdapt_dbapi_cursor`, defines it).
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Awaitable, Callable, Generator
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from sqlalchemy import pool
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.engine import URL
from sqlalchemy.util.concurrency import await_, in_greenlet

if TYPE_CHECKING:
    from sqlalchemy.engine.interfaces import ConnectArgsType

DRIVER = "inline"
LOCK_WAIT_SECONDS = 10.0
_BUSY_SNAPSHOT = 517  # a deferred reader that must restart its transaction: waiting won't help


class SQLiteDialect_inline(SQLiteDialect_pysqlite):
    """pysqlite, declared async: under `greenlet_spawn` its blocking calls simply run inline."""

    driver = DRIVER
    is_async = True
    supports_statement_cache = True

    def create_connect_args(self, url: URL) -> ConnectArgsType:
        args, kwargs = super().create_connect_args(url)
        # A file's connection commits on the commit thread (`_off_the_loop`): pysqlite lets it
        # (SQLAlchemy turns check_same_thread off for files). `:memory:` has no disk to wait for.
        factory = _FileConnection if self._is_url_file_db(url) else _Connection
        return args, {**kwargs, "factory": factory}

    @classmethod
    def get_pool_class(cls, url: URL) -> type[pool.Pool]:
        # The pool is waited on from coroutines, so it needs asyncio's queue, not threading's.
        if cls._is_url_file_db(url):
            return pool.AsyncAdaptedQueuePool
        return pool.StaticPool

    def do_execute(
        self, cursor: Any, statement: Any, parameters: Any, context: Any = None
    ) -> None:
        patiently(cursor.connection, lambda: cursor.execute(statement, parameters))

    def do_execute_no_params(self, cursor: Any, statement: Any, context: Any = None) -> None:
        patiently(cursor.connection, lambda: cursor.execute(statement))

    def do_executemany(
        self, cursor: Any, statement: Any, parameters: Any, context: Any = None
    ) -> None:
        patiently(cursor.connection, lambda: cursor.executemany(statement, parameters))

    def do_commit(self, dbapi_connection: Any) -> None:
        # In WAL a COMMIT is never refused as busy; outside WAL it can be, and then SQLite
        # keeps the transaction open, so trying the COMMIT again is what its docs advise.
        commit = dbapi_connection.commit
        durable = dbapi_connection.off_loop and dbapi_connection.fsyncs
        if durable and _wrote(dbapi_connection) and in_greenlet():
            commit = _off_the_loop(commit)
        patiently(dbapi_connection, commit, retry_in_transaction=True)


def _wrote(connection: _Connection) -> bool:
    """Whether the transaction changed rows: its commit writes the log and waits for the disk
    (fsync); one that only read does neither."""
    return connection.total_changes != connection.changes_at_begin


def _off_the_loop(commit: Callable[[], object]) -> Callable[[], object]:
    """The commit on the commit thread while the loop serves everyone else: its fsync waits for
    the disk, which a busy machine (another process writing, a checkpoint) can make take
    hundreds of milliseconds. The connection is this transaction's alone until the commit
    returns (the pool hands it to nobody else; on SQLite's write gate, no other writer of
    this process is let in meanwhile)."""

    def run() -> object:
        return await_(_to_the_end(asyncio.get_running_loop().run_in_executor(_COMMITS, commit)))

    return run


async def _to_the_end(commit: asyncio.Future[object]) -> object:
    """The commit's result; cancelled meanwhile (a shutdown, a timeout), it still waits for
    the commit to end before the cancellation goes on: the connection is the commit thread's
    until then, and the rollback that follows a cancellation, or the next transaction on this
    connection, must not run while the commit does."""
    try:
        return await asyncio.shield(commit)
    except asyncio.CancelledError:
        await asyncio.wait([commit])
        raise


def patiently(
    connection: sqlite3.Connection,
    execute: Callable[[], object],
    *,
    retry_in_transaction: bool = False,
) -> None:
    """Run a statement; while SQLite says another connection holds the lock, sleep on asyncio.

    Only a statement that starts no work of ours is tried again: BEGIN, a PRAGMA, one outside a
    transaction (or COMMIT, which SQLite leaves pending). Inside a transaction a busy answer
    may have undone the transaction, so it is raised.

    Also awaits once on success: SQLAlchemy's AsyncConnection checks that the driver awaited
    something (a guard against sync drivers used by mistake), and an awaitable that is already
    done satisfies it without a trip through the event loop (but see `_turn`: after 10 ms of
    statements in a row, the loop gets a turn).
    """
    deadline, delay = None, 0.001
    while True:
        retryable = retry_in_transaction or not connection.in_transaction
        try:
            execute()
            break
        except sqlite3.OperationalError as error:
            code = getattr(error, "sqlite_errorcode", None)
            if code is None or code & 0xFF != sqlite3.SQLITE_BUSY or code == _BUSY_SNAPSHOT:
                raise
            if not retryable or not in_greenlet():
                raise
            now = time.monotonic()
            deadline = deadline or now + LOCK_WAIT_SECONDS
            if now >= deadline:
                raise
        await_(asyncio.sleep(delay))
        delay = min(delay * 2, 0.05)
    if in_greenlet():
        await_(_turn())


def _turn() -> Awaitable[None]:
    """Done at once, unless the loop's thread has run statements for YIELD_AFTER since it last
    gave the loop a turn: then a real one, so a transaction of many statements (a broadcast
    to thousands) leaves gaps for every other chat instead of one long stall.

    The turn is a timer (TURN), not `sleep(0)`: a task whose timer or socket came due while
    the statements ran is woken in two steps (the timer's callback, then the task), each
    queued behind whatever is ready, so after `sleep(0)` the statements went on first and it
    waited three turns (a 5 ms heartbeat measured 30 ms of CPU between its turns for 10 ms of
    statements at a time; 10 ms with a timer). The timer is already due when the loop looks
    at it (it polls without waiting), and its callback queues this task behind the others."""
    global _ran_since
    now = time.monotonic()
    if now - _ran_since < YIELD_AFTER:
        return _DONE
    _ran_since = now
    return asyncio.sleep(TURN)


class _Done:
    def __await__(self) -> Generator[None, None, None]:
        yield from ()


_DONE = _Done()
YIELD_AFTER = 0.01  # seconds
TURN = 1e-6  # seconds: a timer, so that the tasks woken meanwhile run first (see `_turn`)
_ran_since = 0.0  # when inline statements last gave the loop a turn
# Commits that wrote run here (`_off_the_loop`): one at a time, as SQLite's writers do anyway.
_COMMITS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite-commit")


class _Cursor(sqlite3.Cursor):
    async def _async_soft_close(self) -> None:
        """Called by SQLAlchemy's AsyncConnection on async drivers; rows here stay readable."""


class _Connection(sqlite3.Connection):
    off_loop = False  # whether its commits that fsync run on the commit thread
    # Set as each transaction begins (`transaction_begins`):
    fsyncs = True  # whether its commit waits for the disk
    changes_at_begin = 0  # `total_changes` then (`_wrote`)

    # sqlite3 types `cursor` as overloads on a None default; this one defaults to our cursor.
    def cursor(  # type: ignore[override]
        self, factory: Callable[[sqlite3.Connection], sqlite3.Cursor] = _Cursor
    ) -> sqlite3.Cursor:
        return super().cursor(factory)


class _FileConnection(_Connection):
    off_loop = True


def transaction_begins(dbapi_connection: Any, synchronous: str) -> None:
    """Tell an inline connection that a transaction begins, and its `PRAGMA synchronous`: in
    WAL mode a commit fsyncs at FULL or EXTRA, and one at NORMAL or OFF (a light commit,
    storage/engine.py) only writes the log, fast enough to stay on the loop."""
    if isinstance(dbapi_connection, _Connection):
        dbapi_connection.fsyncs = synchronous.upper() in ("FULL", "EXTRA")
        dbapi_connection.changes_at_begin = dbapi_connection.total_changes


registry.register(f"sqlite.{DRIVER}", __name__, "SQLiteDialect_inline")


def inline_url(url: URL) -> URL:
    """`sqlite://` and `sqlite+pysqlite://` run inline; other drivers are left as they are."""
    if url.get_backend_name() == "sqlite" and url.get_driver_name() in ("pysqlite", DRIVER):
        return url.set(drivername=f"sqlite+{DRIVER}")
    return url
