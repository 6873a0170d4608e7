"""SQLite's WAL checkpoints, off the event loop's thread.

SQLite copies the write-ahead log back into the database file (a checkpoint) in whichever
connection commits past 1,000 pages of log. On the inline driver that connection runs on the
event loop's thread, and the checkpoint's writes and fsyncs are I/O, not CPU: after a broadcast
to 100,000 customers had written its chunks, one commit stalled the loop 484 ms at platform
scale while the loop's thread held the CPU for 38 ms (bench/platform_scale.py).

So the inline engine's connections never checkpoint (`wal_autocheckpoint = 0`) and a daemon
thread with a connection of its own runs a PASSIVE checkpoint every `every` seconds: PASSIVE
never waits for readers or writers, it copies what no reader still needs, and once the whole
log is copied the next writer starts the log from its beginning again, so it does not grow.
Commits stay durable as before: each still fsyncs the log (synchronous=FULL).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import sqlite3
import threading
import weakref
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.util.concurrency import await_, in_greenlet

log = logging.getLogger(__name__)

EVERY = 1.0  # seconds between checkpoints
STOP_WAIT = 60.0  # seconds a stopping engine waits for the last checkpoint


class Checkpointer:
    """Checkpoints the SQLite file at `path` every `every` seconds until stopped, or until
    `owner` (the engine it serves) is gone."""

    def __init__(self, path: str, owner: Any, every: float | None = None) -> None:
        self.path, self.every = path, EVERY if every is None else every
        self.passes = 0  # checkpoints that copied a whole log of some frames (tests read it)
        self._owner = weakref.ref(owner)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sqlite-checkpoint", daemon=True)
        self._done: concurrent.futures.Future[None] = concurrent.futures.Future()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Ask for a last checkpoint that empties the log, then the end; returns at once. Called
        once the engine's own connections are closed, so this one closes last and no log is left
        behind (a process that opened a large one paid for reading it all at its first
        statement: 637 ms on the loop after an upgrade at platform scale)."""
        self._stop.set()

    async def stopped(self) -> None:
        """Stop, and wait on asyncio (never on the loop's thread) until the last checkpoint is
        done. That checkpoint waits for the write lock, which a transaction of the loop's own
        thread may hold: waiting for the thread by blocking the loop, the two waited for each
        other until SQLite's busy timeout (5 s of the loop standing still, in which the bot's
        sends on the wire timed out after the server had them, and were sent again)."""
        self.stop()
        if self._thread.is_alive():
            with contextlib.suppress(TimeoutError):
                # Shielded: a caller giving up must not cancel the future the thread will set.
                await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(self._done)), STOP_WAIT)

    def join(self) -> None:
        """Stop, and block until the last checkpoint is done: for callers with no event loop
        running on their thread (a blocking wait there holds nothing else up)."""
        self.stop()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=STOP_WAIT)

    def _run(self) -> None:
        try:
            db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            try:
                while not self._stop.wait(self.every) and self._owner() is not None:
                    self._checkpoint(db)
                self._checkpoint(db, "TRUNCATE")
            finally:
                db.close()
        finally:
            self._done.set_result(None)

    def _checkpoint(self, db: sqlite3.Connection, mode: str = "PASSIVE") -> None:
        try:
            busy, frames, copied = db.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
        except sqlite3.Error as error:  # the file gone or locked: try again next time
            log.debug("checkpoint of %s failed: %s", self.path, error)
            return
        if not busy and frames == copied > 0:
            self.passes += 1


def engine_checkpointer(engine: AsyncEngine) -> Checkpointer | None:
    """The thread that checkpoints this engine's file, once it has connected (tests)."""
    return _checkpointers.get(engine.sync_engine)


_checkpointers: WeakKeyDictionary[Any, Checkpointer] = WeakKeyDictionary()


def checkpoint_off_the_loop(engine: AsyncEngine, database: str | None, query: Any) -> None:
    """The inline driver's connections never checkpoint (on the loop's thread the copy of the
    log into the file stalled the loop for its I/O): a `Checkpointer` thread does it,
    started with the engine's first connection, stopped when it is disposed. Files only:
    an in-memory database has no log to copy."""
    if not _is_file(database, query):
        return
    path = str(database)

    @event.listens_for(engine.sync_engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA wal_autocheckpoint = 0")
        finally:
            cursor.close()

    @event.listens_for(engine.sync_engine, "first_connect")
    def on_first_connect(_dbapi_connection: Any, _record: Any) -> None:
        checkpointer = Checkpointer(path, engine.sync_engine)
        _checkpointers[engine.sync_engine] = checkpointer
        checkpointer.start()

    @event.listens_for(engine.sync_engine, "engine_disposed")
    def on_disposed(sync_engine: Any) -> None:
        checkpointer = _checkpointers.pop(sync_engine, None)
        if checkpointer is None:
            return
        if in_greenlet():  # AsyncEngine.dispose: wait on asyncio, the loop going on meanwhile
            await_(checkpointer.stopped())
        elif _loop_running():  # never block a running loop: the thread finishes on its own
            checkpointer.stop()
        else:
            checkpointer.join()


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _is_file(database: str | None, query: Any) -> bool:
    return bool(database) and database != ":memory:" and query.get("mode") != "memory"
