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

import logging
import sqlite3
import threading
import weakref
from typing import Any

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

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop, after a last checkpoint that empties the log: called once the engine's own
        connections are closed, so this one closes last and no log is left behind (a process
        that opened a large one paid for reading it all at its first statement: 637 ms on the
        loop after an upgrade at platform scale)."""
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=STOP_WAIT)

    def _run(self) -> None:
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            while not self._stop.wait(self.every) and self._owner() is not None:
                self._checkpoint(db)
            self._checkpoint(db, "TRUNCATE")
        finally:
            db.close()

    def _checkpoint(self, db: sqlite3.Connection, mode: str = "PASSIVE") -> None:
        try:
            busy, frames, copied = db.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
        except sqlite3.Error as error:  # the file gone or locked: try again next time
            log.debug("checkpoint of %s failed: %s", self.path, error)
            return
        if not busy and frames == copied > 0:
            self.passes += 1
