"""Background work done in steps takes at most a share of the time, resting between steps.

A broadcast's chunks, bulk awards' batches and the owners' digest batches are written far
faster than anyone needs them (the outbox sends 30 messages a second; a broadcast to 100,000
card holders is written in 15–20 s), and while they run they share the event loop's thread and
the database with the scans people wait for. Resting after each step as long as the step took
keeps them to half the time: each scan of a busy counter meets half as much of their work.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

BACKGROUND_SHARE = 0.5  # of the time, at most, that background steps take


class Pace:
    """Call `rest()` between two steps of background work."""

    def __init__(
        self,
        share: float = BACKGROUND_SHARE,
        *,
        clock: Callable[[], float] = time.perf_counter,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if not 0 < share <= 1:
            raise ValueError("share must be in (0, 1]")
        self._ratio = (1 - share) / share  # rest per unit of work
        self._clock = clock
        self._sleep = sleep
        self._began = clock()

    async def rest(self) -> None:
        """Sleep so the step since the last rest took at most the share (always a loop turn)."""
        worked = self._clock() - self._began
        await self._sleep(worked * self._ratio)
        self._began = self._clock()
