"""One transaction at a time on a SQLite engine, queued in this process rather than in SQLite.

Every SQLite transaction here begins IMMEDIATE, so only one runs at a time anyway. Left to
SQLite, the others would wait for the write lock by retrying (in its busy handler, or in the
inline driver's asyncio retries), in growing steps that waste most of the time under load; an
asyncio lock hands the database over the moment it is free. Only other processes on the same
file (the CLI, a second worker) are waited for that way: the inline driver retries on asyncio
(storage/sqlite_inline.py), aiosqlite in SQLite's busy handler on its own thread. PostgreSQL
needs no gate.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

_locks: WeakKeyDictionary[Any, asyncio.Lock] = WeakKeyDictionary()


def write_gate(sessions: async_sessionmaker[Any]) -> contextlib.AbstractAsyncContextManager[None]:
    """The lock to hold around a transaction of this session factory (a no-op off SQLite)."""
    engine = sessions.kw.get("bind")
    if engine is None or engine.dialect.name != "sqlite":
        return contextlib.nullcontext()
    lock = _locks.get(engine.sync_engine)
    if lock is None:
        lock = _locks[engine.sync_engine] = asyncio.Lock()
    return lock


@contextlib.asynccontextmanager
async def gated_session(sessions: async_sessionmaker[Any]) -> AsyncIterator[AsyncSession]:
    async with write_gate(sessions), sessions() as session:
        yield session
