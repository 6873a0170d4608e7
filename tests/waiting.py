"""Waiting in tests for a state no event announces: a bounded poll, never a fixed sleep."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable

POLL = 0.01  # seconds between checks: the test waits about as long as the thing takes


async def eventually(
    check: Callable[[], bool | Awaitable[bool]], timeout: float = 5.0, what: str = "the condition"
) -> None:
    """Return once `check()` (sync or async) is true; TimeoutError after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not happen within {timeout}s")
        await asyncio.sleep(POLL)
