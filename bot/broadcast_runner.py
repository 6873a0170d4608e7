"""Writes broadcasts' messages to the outbox in the background, a chunk of card holders at a time.

As with bulk awards (bot/leased_runner.py): the worker whose owner asked starts writing at once;
the scheduler's `broadcasts` sweep takes on any broadcast nobody holds (a worker restarted, or
died holding the lease), on any worker. Each chunk is one short transaction that also moves the
broadcast's cursor, and the loop gets a turn between chunks, so scans never wait long.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from bot.leased_runner import LeasedRunner
from domain.broadcasts import unfinished_broadcasts, write_broadcast_chunk
from domain.pacing import Pace
from domain.ports import UnitOfWork

CHUNK = 100  # card holders a transaction: a scan waits behind one (200: about 13 ms on SQLite)
LEASE = timedelta(seconds=60)  # a worker that died this long ago gives its broadcast up


class BroadcastRunner(LeasedRunner[str]):
    def __init__(
        self, make_uow: Callable[[], UnitOfWork], *, chunk: int = CHUNK, lease: timedelta = LEASE
    ) -> None:
        super().__init__(make_uow, unfinished_broadcasts, lease=lease)
        self.chunk = chunk

    def kick(self, broadcast_id: str) -> None:
        """Start writing a broadcast just asked for, in the background."""
        self._start(f"broadcast {broadcast_id}", lambda: self.run(broadcast_id))

    async def run(self, broadcast_id: str) -> None:
        """Chunk after chunk until every card holder is written or another worker holds it."""
        pace = Pace()
        while True:
            broadcast = await write_broadcast_chunk(
                self._make_uow(), broadcast_id, self.worker, self.lease, self.chunk
            )
            if broadcast is None or broadcast.finished:
                return
            await pace.rest()  # scans go between two chunks, and meet half as many
