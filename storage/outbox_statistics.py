"""PostgreSQL's planner statistics of the outbox, kept up with the rows written to it.

The claim walks pending rows in sending order off `(status, priority, id)` (storage/outbox.py)
for as long as the planner knows how many rows are pending. Right after a broadcast or a digest
wrote thousands, statistics gathered when few were (autovacuum waits for a tenth of the table to
change, and a table that keeps its sent rows may not see that before the broadcast is sent) make
it read every pending row off `(status, next_attempt_at)` and sort them: 32 ms a claim for
100,000 rows on a fresh database, 57 ms in bench/platform_scale.py, against 1.5 ms once
analyzed. So each process runs `ANALYZE` on the outbox in the background once its commits have
written `ANALYZE_AFTER` rows since the last one (a sample of at most 30,000 rows, read by the
server; the loop only awaits it). SQLite's planner needs no statistics for it.
"""

from __future__ import annotations

import asyncio
import logging
from weakref import WeakKeyDictionary

from sqlalchemy.ext.asyncio import AsyncEngine

from storage.tables import NotificationRow

log = logging.getLogger(__name__)

ANALYZE_AFTER = 5_000  # rows written; a claim that meets that many unseen pending ones: ~2 ms


class OutboxStatistics:
    """Counts the rows one engine's commits wrote to the outbox and analyzes it in time."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._since = 0  # rows written since the last ANALYZE began
        self._task: asyncio.Task[None] | None = None
        self.analyzed = 0  # how many ANALYZEs ran (read by tests and benchmarks)

    def written(self, rows: int) -> None:
        self._since += rows
        if self._since >= ANALYZE_AFTER and self._task is None:
            self._since = 0
            self._task = asyncio.get_running_loop().create_task(self._analyze())

    async def settled(self) -> None:
        """Wait for an ANALYZE under way (tests, shutdown)."""
        if self._task is not None:
            await asyncio.shield(self._task)

    async def _analyze(self) -> None:
        try:
            async with self._engine.connect() as conn:
                conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
                await conn.exec_driver_sql(f"ANALYZE {NotificationRow.__tablename__}")
            self.analyzed += 1
        except Exception:  # statistics are an optimisation: a failure only leaves them older
            log.warning("ANALYZE of the outbox failed", exc_info=True)
        finally:
            self._task = None


_by_engine: WeakKeyDictionary[AsyncEngine, OutboxStatistics] = WeakKeyDictionary()


def outbox_statistics(engine: AsyncEngine) -> OutboxStatistics | None:
    """The engine's counter (None on SQLite), made on first use."""
    if engine.dialect.name != "postgresql":
        return None
    kept = _by_engine.get(engine)
    if kept is None:
        kept = _by_engine[engine] = OutboxStatistics(engine)
    return kept
