"""The outbox dispatcher: sends pending notifications within Telegram's limits, never losing one.

It wakes at once when a use case commits (`wake()`), and otherwise when the next retry is due.
Limits are kept before Telegram has to say so, by the bot's one rate limiter (bot.ratelimit),
shared with every reply: notifications wait behind replies, broadcasts behind both. 429 puts the
row back for `retry_after`; network errors and 5xx back off; 403 marks the user blocked until
they write again; 400 fails the row with the reason.

Sending is a pipeline: rows are claimed only as far ahead as the rate allows within HORIZON
seconds, each waits for its turn in the limiter in its own task, and new rows are claimed while
earlier ones are still on the wire, so the rate is kept busy without holding many rows under
lease. A row for a chat busy beyond HORIZON goes back, due when the chat is free.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import ExtBot

from bot.ratelimit import Priority, SharedRateLimiter, Turn
from bot.rendering import render_notification
from domain.models import Notification
from domain.notify import URGENT
from domain.ports import OutboxPort

log = logging.getLogger(__name__)

IDLE_SWEEP = 1.0  # seconds between sweeps when nothing wakes the dispatcher
MAX_BACKOFF = 300.0
MAX_ODD_FAILURES = 5  # unexpected errors (not network, not Telegram's answers) before giving up
BATCH = 100
HORIZON = 1.0  # seconds ahead a claim may book; a chat busy for longer gets its row back
STOP_GRACE = 5.0  # seconds a stopping dispatcher lets sends on the wire finish


def capacity(per_second: float) -> int:
    """Rows in flight at most (claimed, waiting for their turn, or on the wire): what the rate
    allows within HORIZON, and one more. A claim takes at most this many, and at most BATCH."""
    return max(1, math.ceil(per_second * HORIZON) + 1)


class Dispatcher:
    def __init__(
        self,
        store: OutboxPort,
        bot: ExtBot[Any],
        limiter: SharedRateLimiter,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._store = store
        self._bot = bot
        self._clock = clock
        self._limiter = limiter
        self._capacity = capacity(limiter.per_second)
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._sending: set[asyncio.Task[None]] = set()
        self._waiting: dict[asyncio.Task[None], int] = {}  # tasks before their slot: row ids
        self.sent = 0
        self.on_sent: Callable[[Notification, float], None] | None = None
        self.on_blocked: Callable[[int], None] | None = None

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        if self._task is None:
            self._stopping = False
            self._task = asyncio.create_task(self._run(), name="outbox-dispatcher")

    async def stop(self) -> None:
        """Stop claiming, hand back rows not yet sent, and let sends on the wire finish."""
        if self._task is not None:
            # Ask the loop to finish rather than cancel it: a task cancelled inside a SQLite
            # transaction can leave the connection holding the write lock.
            self._stopping = True
            self._wake.set()
            _, late = await asyncio.wait({self._task}, timeout=STOP_GRACE)
            for task in late:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            self._task = None
        waiting = dict(self._waiting)
        for task in waiting:
            task.cancel()
        if waiting:
            await asyncio.gather(*waiting, return_exceptions=True)
            now = self._clock()
            await self._store.release((row_id, now) for row_id in waiting.values())
        if self._sending:
            _, late = await asyncio.wait(set(self._sending), timeout=STOP_GRACE)
            for task in late:  # left under lease: sent again after it runs out, if need be
                task.cancel()

    async def drain_once(self) -> int:
        """Claim what the rate allows now and start sending it; returns how many were claimed."""
        room = self._capacity - len(self._sending)
        if room <= 0:
            return 0
        batch = await self._store.claim(min(room, BATCH))
        busy: list[tuple[int, datetime]] = []
        for note in batch:
            wait = self._limiter.chat_wait(note.chat_id)
            if wait > HORIZON:  # this chat is busy: the row goes back, due when the chat is free
                busy.append((note.id, self._clock() + timedelta(seconds=wait)))
            else:
                self._spawn(note, self._limiter.book(note.chat_id, _priority(note)))
        if busy:
            await self._store.release(busy)
        return len(batch)

    async def _run(self) -> None:
        while not self._stopping:
            self._wake.clear()
            try:
                room = min(self._capacity - len(self._sending), BATCH)
                if room > 0 and await self.drain_once() >= room:
                    continue  # a full claim: more may be due
            except Exception:
                log.exception("outbox sweep failed; retrying")
            if self._stopping:
                break
            pause = await self._pause()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), pause)

    async def _pause(self) -> float:
        """Seconds to sleep when nothing wakes us: until the next retry, at most IDLE_SWEEP."""
        if len(self._sending) >= self._capacity:
            return IDLE_SWEEP  # a finishing send wakes us
        try:
            due = await self._store.next_due()
        except Exception:
            log.exception("could not read the next due time")
            return IDLE_SWEEP
        if due is None:
            return IDLE_SWEEP
        return min(max((due - self._clock()).total_seconds(), 0.01), IDLE_SWEEP)

    def _spawn(self, note: Notification, turn: Turn) -> None:
        task = asyncio.create_task(self._deliver(note, turn), name=f"outbox-{note.id}")
        self._sending.add(task)
        self._waiting[task] = note.id
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._sending.discard(task)
        self._waiting.pop(task, None)
        if not task.cancelled() and task.exception() is not None:
            log.error("delivery crashed", exc_info=task.exception())
        # Claim more once half the room is free, rather than once per finished send.
        if len(self._sending) <= self._capacity // 2:
            self._wake.set()

    async def _deliver(self, note: Notification, turn: Turn) -> None:
        try:
            await turn.granted
        finally:
            turn.granted.cancel()  # stopped while waiting: the place in the queue goes
        if (task := asyncio.current_task()) is not None:
            self._waiting.pop(task, None)  # from here on, the row is in flight
        try:
            text, markup = render_notification(note)
        except Exception as error:  # a row that cannot be rendered never will be: fail it
            log.exception("notification %s cannot be rendered", note.id)
            await self._store.fail(note.id, f"render: {error}")
            return
        try:
            message = await self._bot.send_message(
                note.chat_id, text, reply_markup=markup, rate_limit_args=turn
            )
        except Exception as error:
            await self._failed(note, error)
            return
        if self.on_sent is not None:
            self.on_sent(note, time.monotonic())
        await self._store.mark_sent(note.id, message.message_id)
        self.sent += 1

    async def _failed(self, note: Notification, error: Exception) -> None:
        if isinstance(error, RetryAfter):  # the limiter holds the chat for as long
            wait = _seconds(error.retry_after)
            await self._store.retry_at(note.id, self._clock() + timedelta(seconds=wait), "429")
        elif isinstance(error, Forbidden):
            log.info("chat %s blocked the bot: %s", note.chat_id, error.message)
            await self._store.block_chat(note.chat_id, note.id)
            if self.on_blocked is not None:
                self.on_blocked(note.chat_id)
        elif isinstance(error, BadRequest):  # before NetworkError: PTB derives it from that
            log.warning("notification %s refused: %s", note.id, error.message)
            await self._store.fail(note.id, error.message)
        elif isinstance(error, NetworkError):  # includes TimedOut and 5xx answers
            await self._store.retry_at(note.id, self._backoff(note), f"network: {error.message}")
        elif note.attempts >= MAX_ODD_FAILURES:
            log.error("notification %s failed for good", note.id, exc_info=error)
            await self._store.fail(note.id, f"{type(error).__name__}: {error}")
        else:
            log.warning("notification %s failed; retrying", note.id, exc_info=error)
            await self._store.retry_at(note.id, self._backoff(note), type(error).__name__)

    def _backoff(self, note: Notification) -> datetime:
        # Exponential with jitter, so rows that failed together do not retry together.
        base = min(0.5 * 2.0 ** max(note.attempts - 1, 0), MAX_BACKOFF)
        return self._clock() + timedelta(seconds=base * random.uniform(0.75, 1.25))


def _priority(note: Notification) -> Priority:
    return Priority.NOTIFICATION if note.priority <= URGENT else Priority.BROADCAST


def _seconds(value: float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
