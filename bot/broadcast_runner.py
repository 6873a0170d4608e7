"""Writes broadcasts' messages to the outbox in the background, a chunk of card holders at a time.

As with bulk awards (bot/bulk_runner.py): the worker whose owner asked starts writing at once;
the scheduler's `broadcasts` sweep takes on any broadcast nobody holds (a worker restarted, or
died holding the lease), on any worker. Each chunk is one short transaction that also moves the
broadcast's cursor, and the loop gets a turn between chunks, so scans never wait long.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable
from datetime import timedelta

from domain.broadcasts import unfinished_broadcasts, write_broadcast_chunk
from domain.ports import UnitOfWork

log = logging.getLogger(__name__)
CHUNK = 100  # card holders a transaction: a scan waits behind one (200: about 13 ms on SQLite)
LEASE = timedelta(seconds=60)  # a worker that died this long ago gives its broadcast up


class BroadcastRunner:
    def __init__(
        self, make_uow: Callable[[], UnitOfWork], *, chunk: int = CHUNK, lease: timedelta = LEASE
    ) -> None:
        self._make_uow = make_uow
        self.chunk = chunk
        self.lease = lease
        self.worker = uuid.uuid4().hex  # this process, as the holder of a broadcast's lease
        self._tasks: set[asyncio.Task[None]] = set()

    def kick(self, broadcast_id: str) -> None:
        """Start writing a broadcast just asked for, in the background."""
        task = asyncio.create_task(self._guarded(broadcast_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def run_pending(self) -> int:
        """The sweep: write every broadcast nobody holds, to its end; how many were taken on."""
        found = await unfinished_broadcasts(self._make_uow())
        for broadcast_id in found:
            await self.run(broadcast_id)
        return len(found)

    async def run(self, broadcast_id: str) -> None:
        """Chunk after chunk until every card holder is written or another worker holds it."""
        while True:
            broadcast = await write_broadcast_chunk(
                self._make_uow(), broadcast_id, self.worker, self.lease, self.chunk
            )
            if broadcast is None or broadcast.finished:
                return
            await asyncio.sleep(0)  # a scan's transaction may go between two chunks

    async def stop(self) -> None:
        """Stop writing; leases lapse and another worker (or a restart) goes on from the cursor."""
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.wait(set(self._tasks))

    async def _guarded(self, broadcast_id: str) -> None:
        try:
            await self.run(broadcast_id)
        except Exception:  # a background job logs and goes on; the sweep resumes it
            log.exception("broadcast %s failed", broadcast_id)
