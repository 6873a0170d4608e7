"""Runs owners' bulk awards in the background and keeps each owner's progress message live.

A job is in the database (domain.growth.bulk): the worker whose owner asked starts it at once;
the scheduler's `bulk_awards` sweep starts any job nobody holds (a worker restarted, or died
holding the lease), on any worker. Each batch is one transaction; after each, the one progress
message is edited to show how far it got.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta

from telegram import Bot
from telegram.error import BadRequest, TelegramError

from bot.i18n import pick_locale, t
from bot.leased_runner import LeasedRunner
from domain.growth.bulk import award_bulk_batch, runnable_bulk_awards
from domain.growth.owner_ports import BulkAward, BulkStatus
from domain.pacing import Pace
from domain.ports import UnitOfWork
from domain.preferences import chosen_language

log = logging.getLogger(__name__)
BATCH = 50  # awards a transaction: short enough that a scan never waits long behind one
LEASE = timedelta(seconds=60)  # a worker that died this long ago gives its job up
EDIT_EVERY = 1.0  # seconds between two edits of a progress message (the last one always goes)


class BulkRunner(LeasedRunner[int]):
    def __init__(
        self,
        make_uow: Callable[[], UnitOfWork],
        bot: Bot,
        *,
        batch: int = BATCH,
        lease: timedelta = LEASE,
    ) -> None:
        super().__init__(make_uow, runnable_bulk_awards, lease=lease)
        self._bot = bot
        self.batch = batch

    def kick(self, job_id: int, locale: str) -> None:
        """Start a job just asked for, in the background."""
        self._start(f"bulk award {job_id}", lambda: self.run(job_id, locale))

    async def run(self, job_id: int, locale: str | None = None) -> None:
        """Batch after batch until the job is done or another worker holds it."""
        shown_at, pace = 0.0, Pace()
        while True:
            job = await award_bulk_batch(
                self._make_uow(), job_id, self.worker, self.lease, self.batch
            )
            if job is None:
                return
            done = job.status is BulkStatus.DONE
            if done or time.monotonic() - shown_at >= EDIT_EVERY:
                await self._show(job, locale)
                shown_at = time.monotonic()
            if done:
                return
            await pace.rest()  # scans go between two batches, and meet half as many

    async def _show(self, job: BulkAward, locale: str | None) -> None:
        if job.chat_id is None or job.message_id is None:
            return
        if locale is None:
            locale = pick_locale(await chosen_language(self._make_uow(), job.created_by))
        key = "bulk_done" if job.status is BulkStatus.DONE else "bulk_progress"
        text = t(key, locale, id=job.id, done=job.done, total=job.total, points=job.points,
                 note=job.note)  # fmt: skip
        try:
            await self._bot.edit_message_text(text, chat_id=job.chat_id, message_id=job.message_id)
        except BadRequest as error:  # the same text again: nothing to change
            if "not modified" not in error.message.lower():
                log.warning("bulk award %s: progress not shown: %s", job.id, error.message)
        except TelegramError as error:  # progress is a courtesy; the awards go on
            log.warning("bulk award %s: progress not shown: %s", job.id, error)
