"""The scheduler: APScheduler running the domain's sweeps over database state at intervals.

Jobs keep no state of their own (the marks are in the database), so an in-memory job store is
enough: after a restart every sweep simply runs again at start and catches up.

Every worker runs the scheduler; before each timed sweep it asks the claims (storage/sweeps.py)
whether it is the one to run it in this period (`sweep_interval_seconds` of wall-clock time),
so N identical workers run each sweep once per period.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime, timedelta
from typing import Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.outbox import Dispatcher
from bot.settings import Settings
from domain.approvals import expire_due_requests
from domain.expiry_sweep import expire_points
from domain.growth.birthdays import give_birthday_gifts
from domain.ports import UnitOfWork
from domain.privacy import sweep_retention
from domain.reminders import (
    announce_rewards_in_reach,
    nudge_idle_customers,
    remind_pending_enrollments,
    send_owner_digests,
)
from domain.tiering import requalify_tiers

log = logging.getLogger(__name__)
STOP_GRACE = 5.0  # seconds a stopping scheduler lets a running sweep finish
# Sweeps run at a time. On PostgreSQL each holds its claim's connection (an advisory lock in a
# transaction) while its work takes another: every sweep due at start-up, eleven at once, held
# eleven claims and waited for the rest of a 15-connection pool until the pool's timeout.
SWEEPS_AT_ONCE = 2
Job = Callable[[], Awaitable[object]]


class SweepClaims(Protocol):
    def claim(self, name: str, period: int) -> AbstractAsyncContextManager[bool]:
        """Whether this process runs the sweep in this period; held while it runs."""
        ...


class Scheduler:
    """`start()` / `await stop()`; `await run(name)` runs one sweep now (tests, operators)."""

    def __init__(
        self,
        make_uow: Callable[[], UnitOfWork],
        dispatcher: Dispatcher,
        settings: Settings,
        claims: SweepClaims,
    ) -> None:
        self._dispatcher = dispatcher
        self._claims = claims
        self.on_sweep: Callable[[str, str], None] | None = None  # (sweep, ran|skipped|failed)
        self._interval = settings.sweep_interval_seconds
        after = timedelta(hours=settings.reminder_after_hours)
        hour = settings.digest_hour_utc
        self.jobs: dict[str, Job] = {
            "expire_requests": lambda: expire_due_requests(make_uow()),
            "remind_enrollments": lambda: remind_pending_enrollments(make_uow(), after),
            "reward_in_reach": lambda: announce_rewards_in_reach(make_uow()),
            "we_miss_you": lambda: nudge_idle_customers(make_uow()),
            # Batched like expire_points: a transaction per batch, so it takes the factory.
            "owner_digest": lambda: send_owner_digests(make_uow, hour),
            "birthday_gifts": lambda: give_birthday_gifts(make_uow()),
            # Batched: a transaction per batch of cards, so it takes the factory, not one uow.
            "expire_points": lambda: expire_points(make_uow),
            "tiers": lambda: requalify_tiers(make_uow()),
            "outbox_retry": self._wake_outbox,
            "retention": lambda: sweep_retention(
                make_uow(),
                _days(settings.notification_retention_days),
                _days(settings.scan_log_retention_days),
            ),
        }
        self._aps = AsyncIOScheduler(timezone=UTC)
        self._running: set[asyncio.Task[object]] = set()
        self._turns = asyncio.Semaphore(SWEEPS_AT_ONCE)

    def start(self) -> None:
        now = datetime.now(UTC)
        for name in self.jobs:
            # coalesce + one instance: a late or slow sweep runs once, never on top of itself.
            self._aps.add_job(
                self._job, "interval", args=[name], seconds=self._interval, id=name,
                next_run_time=now, coalesce=True, max_instances=1, replace_existing=True,
            )  # fmt: skip
        self._aps.start()

    async def stop(self) -> None:
        if self._aps.running:
            self._aps.shutdown(wait=False)
        if self._running:
            await asyncio.wait(set(self._running), timeout=STOP_GRACE)

    async def run(self, name: str) -> object:
        """Run one sweep now; a sweep's messages go out at once."""
        result = await self.jobs[name]()
        self._dispatcher.wake()
        return result

    async def _job(self, name: str) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._running.add(task)
        outcome = "failed"
        try:
            async with self._turns:
                outcome = await self._run_claimed(name)
        except Exception:  # a background job logs and goes on; the next run tries again
            log.exception("sweep %s failed", name)
        finally:
            self._running.discard(task)
            if self.on_sweep is not None:
                self.on_sweep(name, outcome)

    async def _run_claimed(self, name: str) -> str:
        period = int(time.time() // self._interval)
        async with self._claims.claim(name, period) as mine:
            if not mine:
                return "skipped"  # another worker runs it, or has run it, in this period
            result = await self.run(name)
        if result:
            log.info("sweep %s: %s", name, _count(result))
        return "ran"

    async def _wake_outbox(self) -> None:
        # The dispatcher sweeps by itself; this also covers rows whose lease ran out elsewhere.
        self._dispatcher.wake()


def _days(days: int) -> timedelta | None:
    return timedelta(days=days) if days > 0 else None


def _count(result: object) -> object:
    return len(result) if isinstance(result, list) else result
