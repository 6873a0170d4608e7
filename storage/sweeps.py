"""Once per period across workers: which process runs a scheduler sweep this time.

Every worker runs the scheduler. On PostgreSQL a sweep's claim takes a transaction-level
advisory lock on the sweep's name (`pg_try_advisory_xact_lock`) and holds it while the sweep
runs, so two workers never run the same sweep at once; the `sweep_runs` row says which period
last ran, so a worker whose timer fires later in the same period skips it. The period is written
when the sweep ends well: if it fails, or its worker dies, the lock goes with the transaction and
the next worker to try runs the sweep again within the period. SQLite is one process: its claim
always answers yes.
"""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.tables import SweepRunRow

LOCK_SPACE = 0x5157  # the first key of our advisory locks: "sweeps", apart from other users'


class SweepClaims:
    def __init__(self, sessions: async_sessionmaker[Any], clock: Callable[[], datetime]) -> None:
        self._sessions = sessions
        self._clock = clock

    @contextlib.asynccontextmanager
    async def claim(self, name: str, period: int) -> AsyncIterator[bool]:
        """Yield whether this process runs `name` for `period`; hold the claim while it runs."""
        async with self._sessions() as session:
            if session.get_bind().dialect.name != "postgresql":
                yield True
                return
            async with session.begin():
                if not await _mine(session, name, period):
                    yield False
                    return
                yield True
                await session.execute(_record(name, period, self._clock()))


async def _mine(session: AsyncSession, name: str, period: int) -> bool:
    locked = await session.scalar(select(func.pg_try_advisory_xact_lock(LOCK_SPACE, _key(name))))
    if not locked:
        return False  # another worker is running this sweep right now
    last = await session.scalar(select(SweepRunRow.period).where(SweepRunRow.name == name))
    return last is None or last < period


def _record(name: str, period: int, now: datetime) -> Any:
    row = {"name": name, "period": period, "ran_at": now}
    statement = insert(SweepRunRow).values(row)
    return statement.on_conflict_do_update(
        index_elements=[SweepRunRow.name], set_={"period": period, "ran_at": now}
    )


def _key(name: str) -> int:
    """A stable signed 32-bit key for a sweep's name (the same in every process)."""
    value = zlib.crc32(name.encode())
    return value - 2**32 if value >= 2**31 else value
