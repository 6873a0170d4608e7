"""Sweep claims: on PostgreSQL one worker runs a sweep per period, never two at once; SQLite is
one process and always runs it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker

from storage.sweeps import SweepClaims


@pytest.fixture
def claims(session_factory: async_sessionmaker[Any], clock: Callable[[], datetime]) -> SweepClaims:
    return SweepClaims(session_factory, clock)


async def runs(claims: SweepClaims, name: str, period: int) -> bool:
    async with claims.claim(name, period) as mine:
        return mine


async def test_a_sweep_runs_once_per_period_and_again_in_the_next(claims, backend) -> None:
    once = backend == "postgresql"
    assert await runs(claims, "owner_digest", 100) is True
    assert await runs(claims, "owner_digest", 100) is not once
    assert await runs(claims, "remind_enrollments", 100) is True  # each sweep has its own turn
    assert await runs(claims, "owner_digest", 101) is True
    assert await runs(claims, "owner_digest", 100) is not once  # an old period never reruns


async def test_while_one_worker_runs_a_sweep_no_other_starts_it(claims, backend) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite serves one process")
    started, finish = asyncio.Event(), asyncio.Event()

    async def long_sweep() -> bool:
        async with claims.claim("expire_requests", 7) as mine:
            started.set()
            await finish.wait()
            return mine

    first = asyncio.create_task(long_sweep())
    await started.wait()
    assert await runs(claims, "expire_requests", 8) is False  # even a later period waits
    finish.set()
    assert await first is True
    assert await runs(claims, "expire_requests", 8) is True


async def test_a_sweep_that_failed_is_run_again_in_the_same_period(claims, backend) -> None:
    with pytest.raises(RuntimeError):
        async with claims.claim("reward_in_reach", 3) as mine:
            assert mine
            raise RuntimeError("database went away mid-sweep")
    assert await runs(claims, "reward_in_reach", 3) is True
