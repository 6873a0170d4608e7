"""One transaction at a time on a SQLite engine, queued in this process rather than in SQLite.

Every SQLite transaction here begins IMMEDIATE, so only one runs at a time anyway. Left to
SQLite, the others would wait for the write lock by retrying (in its busy handler, or in the
inline driver's asyncio retries), in growing steps that waste most of the time under load; an
asyncio gate hands the database over the moment it is free. Only other processes on the same
file (the CLI, a second worker) are waited for that way: the inline driver retries on asyncio
(storage/sqlite_inline.py), aiosqlite in SQLite's busy handler on its own thread. PostgreSQL
needs no gate.

A transaction someone waits for (a scan, a button) goes first: background work (a broadcast's
chunks, the scheduler's sweeps, the outbox dispatcher; the composition root, bot/app.py, gives
them units of work made with `background=True`) takes the gate only when no such transaction
waits, so a scan queues behind the one transaction under way at most, never behind a line of
a broadcast's chunks and the dispatcher's marks.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import AsyncIterator
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker


class WriteGate:
    """An asyncio lock with two queues: people's transactions first, then background work."""

    def __init__(self) -> None:
        self._held = False
        self._people: deque[asyncio.Future[None]] = deque()
        self._background: deque[asyncio.Future[None]] = deque()

    @property
    def waiting(self) -> int:
        return len(self._people) + len(self._background)

    def turn(self, *, background: bool = False) -> contextlib.AbstractAsyncContextManager[None]:
        """Hold the gate for one transaction: `async with gate.turn(): ...`."""
        return _Turn(self, background)

    async def acquire(self, *, background: bool = False) -> None:
        if not self._held and not self.waiting:
            self._held = True
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        queue = self._background if background else self._people
        queue.append(turn)
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self._hand_on()  # the gate was handed to us as we were cancelled: pass it on
            else:
                with contextlib.suppress(ValueError):  # not yet passed over by `_hand_on`
                    queue.remove(turn)
            raise

    def release(self) -> None:
        self._hand_on()

    def _hand_on(self) -> None:
        for queue in (self._people, self._background):
            while queue:
                turn = queue.popleft()
                if not turn.done():
                    turn.set_result(None)  # the gate stays held, by the one woken
                    return
        self._held = False


class _Turn:
    def __init__(self, gate: WriteGate, background: bool) -> None:
        self._gate, self._background = gate, background

    async def __aenter__(self) -> None:
        await self._gate.acquire(background=self._background)

    async def __aexit__(self, *exc: object) -> None:
        self._gate.release()


_gates: WeakKeyDictionary[Any, WriteGate] = WeakKeyDictionary()


def write_gate(sessions: async_sessionmaker[Any]) -> WriteGate | None:
    """The gate of this session factory's engine (None off SQLite: PostgreSQL needs none)."""
    engine = sessions.kw.get("bind")
    if engine is None or engine.dialect.name != "sqlite":
        return None
    gate = _gates.get(engine.sync_engine)
    if gate is None:
        gate = _gates[engine.sync_engine] = WriteGate()
    return gate


def gate_turn(
    sessions: async_sessionmaker[Any], *, background: bool = False
) -> contextlib.AbstractAsyncContextManager[None]:
    """Hold the gate around one transaction of this session factory (a no-op off SQLite)."""
    gate = write_gate(sessions)
    return contextlib.nullcontext() if gate is None else gate.turn(background=background)


@contextlib.asynccontextmanager
async def gated_session(
    sessions: async_sessionmaker[Any], *, background: bool = False
) -> AsyncIterator[AsyncSession]:
    async with gate_turn(sessions, background=background), sessions() as session:
        yield session
