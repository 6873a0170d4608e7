"""What the background runners of long jobs share (bot/broadcast_runner.py, bot/bulk_runner.py).

A job lives in the database, cut into short transactions, each moving its cursor under a lease
held by one worker. The worker whose owner asked starts it at once (`kick`); the scheduler's
sweep (`run_pending`) takes on every job nobody holds (a worker restarted, or died holding the
lease), on any worker. Stopping cancels the tasks: their leases lapse and the sweep resumes
each job from its cursor.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Generic, TypeVar

from domain.ports import UnitOfWork

log = logging.getLogger(__name__)
Key = TypeVar("Key")


class LeasedRunner(Generic[Key]):
    def __init__(
        self,
        make_uow: Callable[[], UnitOfWork],
        find: Callable[[UnitOfWork], Awaitable[list[Key]]],
        *,
        lease: timedelta,
    ) -> None:
        self._make_uow = make_uow
        self._find = find  # the jobs nobody holds, for the sweep
        self.lease = lease
        self.worker = uuid.uuid4().hex  # this process, as the holder of a job's lease
        self._tasks: set[asyncio.Task[None]] = set()

    async def run(self, key: Key) -> None:
        """Transaction after transaction until the job is done or another worker holds it."""
        raise NotImplementedError

    async def run_pending(self) -> int:
        """The sweep: run every job nobody holds, to its end; how many were taken on."""
        found = await self._find(self._make_uow())
        for key in found:
            await self.run(key)
        return len(found)

    async def stop(self) -> None:
        """Stop running; leases lapse and another worker (or a restart) goes on from the cursor."""
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.wait(set(self._tasks))

    def _start(self, name: str, job: Callable[[], Awaitable[None]]) -> None:
        """Run a job just asked for in the background; a failure is logged, the sweep resumes."""
        task = asyncio.create_task(self._guarded(name, job))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _guarded(self, name: str, job: Callable[[], Awaitable[None]]) -> None:
        try:
            await job()
        except Exception:  # a background job logs and goes on; the sweep resumes it
            log.exception("%s failed", name)
