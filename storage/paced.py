"""A connection that rests after each statement as long as the statement ran, or longer.

For a long maintenance read on a live platform (the doctor's checks): on PostgreSQL its
statements run in a server process at the server's own priority, which `nice` on the doctor's
process does not reach. At full size the checks kept one of the machine's two cores busy for
four to five minutes, and the bot's event loop, on the same machine, then stood still for
40-145 ms at a time, waiting for a core (bench/platform_scale.py); with the checks' server
process held to half a core the longest stall in the same phase was 7 ms. Resting `rest`
times as long as each statement took holds the reads to a share of `1 / (1 + rest)` of a core,
on SQLite (whose statements run in the doctor's own process) as on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection


class PacedConnection(AsyncConnection):
    """`conn`'s statements, each followed by a rest of `rest` times its duration."""

    def __init__(self, conn: AsyncConnection, rest: float) -> None:
        super().__init__(conn.engine, conn.sync_connection)
        self.rest = rest
        self.rested = 0.0  # seconds, over every statement so far

    async def execute(self, *args: Any, **kwargs: Any) -> Any:
        return await self._paced(super().execute(*args, **kwargs))

    async def scalar(self, *args: Any, **kwargs: Any) -> Any:
        return await self._paced(super().scalar(*args, **kwargs))

    async def scalars(self, *args: Any, **kwargs: Any) -> Any:
        return await self._paced(super().scalars(*args, **kwargs))

    async def run_sync(self, *args: Any, **kwargs: Any) -> Any:
        return await self._paced(super().run_sync(*args, **kwargs))

    async def _paced(self, statement: Any) -> Any:
        began = time.monotonic()
        result = await statement
        pause = (time.monotonic() - began) * self.rest
        self.rested += pause
        await asyncio.sleep(pause)
        return result
