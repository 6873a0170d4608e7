"""One rate limit for every Bot API call: replies first, then notifications, then broadcasts.

PTB hands every call of the bot (`ExtBot._do_post`, all but getUpdates) to `process_request`,
so handlers' replies, photos, button answers and the outbox dispatcher's sends share one queue
and one set of buckets. A call naming a chat (`chat_id`) takes a token from the overall bucket
(`per_second`) and from its chat's (one per `chat_interval`, bursts of `chat_burst`); the next
token goes to the waiting call of the best priority whose chat has one, so a busy chat never
holds up the others and a reply never waits behind a broadcast. Calls without a chat (answering
a button, getFile, getMe) are not counted: Telegram's flood limits count messages.

A 429 holds its chat (or, without a chat, every call) for `retry_after`. A reply is then retried
here, so it is never lost; the dispatcher books its own turns (`book`) and, on a 429, puts the
row back in the outbox, which outlives the process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import timedelta
from enum import IntEnum
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

GLOBAL_BURST_SECONDS = 0.2  # the overall bucket holds this much of a second's rate
MAX_RETRIES = 10  # 429s a reply waits out before its error reaches the handler
MAX_CHATS = 10_000  # chats remembered before idle ones (full bucket, nothing waiting) go

Result = bool | dict[str, Any] | list[dict[str, Any]]
Callback = Callable[..., Coroutine[Any, Any, Result]]


class Priority(IntEnum):
    REPLY = 0
    NOTIFICATION = 1
    BROADCAST = 2


@dataclass(eq=False)
class Turn:
    """A place in the queue; `granted` completes when the call may go."""

    chat_id: int
    priority: Priority
    granted: asyncio.Future[None]


@dataclass
class _Bucket:
    tokens: float
    stamp: float
    held_until: float = 0.0
    queued: int = 0

    def refill(self, now: float, rate: float, capacity: float) -> None:
        self.tokens = min(capacity, self.tokens + max(now - self.stamp, 0.0) * rate)
        self.stamp = now

    def ready_in(self, now: float, rate: float, need: float = 1.0) -> float:
        """Seconds until `need` tokens are there and no hold is on (after `refill`)."""
        short = max(need - self.tokens, 0.0)
        return max(self.held_until - now, short / rate if short > 1e-9 else 0.0)


@dataclass
class _Queue:
    turns: list[list[Turn]] = field(default_factory=lambda: [[] for _ in Priority])

    def __len__(self) -> int:
        return sum(len(turns) for turns in self.turns)

    def add(self, turn: Turn) -> None:
        self.turns[turn.priority].append(turn)

    def prune(self) -> None:
        for index, turns in enumerate(self.turns):
            self.turns[index] = [turn for turn in turns if not turn.granted.done()]


class SharedRateLimiter(BaseRateLimiter[Priority | Turn]):
    """PTB's rate limiter for the whole bot; `book` and `chat_wait` serve the dispatcher."""

    def __init__(
        self,
        per_second: float = 29.0,
        chat_interval: float = 1.0,
        chat_burst: int = 2,
        *,
        max_retries: int = MAX_RETRIES,
        max_chats: int = MAX_CHATS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_second = per_second
        self._chat_rate = 1.0 / chat_interval if chat_interval > 0 else float("inf")
        self._chat_burst = float(max(chat_burst, 1))
        self._global_burst = max(1.0, per_second * GLOBAL_BURST_SECONDS)
        self._max_retries = max_retries
        self._max_chats = max_chats
        self._clock = clock
        self._global = _Bucket(self._global_burst, clock())
        self._chats: dict[int, _Bucket] = {}
        self._queue = _Queue()
        self._changed: asyncio.Event | None = None
        self._pump: asyncio.Task[None] | None = None

    async def initialize(self) -> None:
        """Nothing to open: the pump starts with the first call that has to wait."""

    async def shutdown(self) -> None:
        if self._pump is not None:
            self._pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pump
            self._pump = None
        for turns in self._queue.turns:
            for turn in turns:
                turn.granted.cancel()
        self._queue = _Queue()

    @property
    def chats_tracked(self) -> int:
        return len(self._chats)

    def book(self, chat_id: int, priority: Priority) -> Turn:
        """Queue a call now (so `chat_wait` counts it); await `turn.granted` before making it."""
        turn = Turn(chat_id, priority, asyncio.get_running_loop().create_future())
        self._chat(chat_id).queued += 1
        turn.granted.add_done_callback(lambda _: self._unqueue(chat_id))
        self._queue.add(turn)
        self._kick()
        return turn

    def chat_wait(self, chat_id: int) -> float:
        """Seconds until one more message could go to this chat, after those already queued."""
        bucket = self._chats.get(chat_id)
        if bucket is None:
            return 0.0
        now = self._clock()
        bucket.refill(now, self._chat_rate, self._chat_burst)
        return bucket.ready_in(now, self._chat_rate, need=1.0 + bucket.queued)

    def hold(self, chat_id: int | None, seconds: float) -> None:
        """Telegram said 429: nothing more to this chat (or at all) for `seconds`."""
        target = self._global if chat_id is None else self._chat(chat_id)
        target.held_until = max(target.held_until, self._clock() + seconds)
        self._kick()

    async def process_request(
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Priority | Turn | None,
    ) -> Result:
        chat_id = _chat_of(data)
        if isinstance(rate_limit_args, Turn):  # the dispatcher waited for its turn already
            return await self._call(chat_id, callback, args, kwargs)
        priority = rate_limit_args if rate_limit_args is not None else Priority.REPLY
        for attempt in range(self._max_retries + 1):
            if chat_id is None:  # not counted, but a 429 without a chat holds it too
                await self._until_unheld()
            else:
                await self._wait_turn(chat_id, priority)
            try:
                return await self._call(chat_id, callback, args, kwargs)
            except RetryAfter:
                if attempt == self._max_retries:
                    raise
                log.info("429 on %s for chat %s: retrying when it allows", endpoint, chat_id)
        raise AssertionError("unreachable")

    async def _until_unheld(self) -> None:
        # Sleeping is right here: the hold is a time Telegram named, nothing can end it sooner.
        wait = self._global.held_until - self._clock()
        if wait > 0:
            await asyncio.sleep(wait)

    async def _wait_turn(self, chat_id: int, priority: Priority) -> None:
        turn = self.book(chat_id, priority)
        try:
            await turn.granted
        finally:
            turn.granted.cancel()  # a caller cancelled while waiting gives its place up

    async def _call(
        self, chat_id: int | None, callback: Callback, args: Any, kwargs: dict[str, Any]
    ) -> Result:
        try:
            return await callback(*args, **kwargs)
        except RetryAfter as error:
            self.hold(chat_id, _seconds(error.retry_after))
            raise

    def _chat(self, chat_id: int) -> _Bucket:
        bucket = self._chats.get(chat_id)
        if bucket is None:
            if len(self._chats) >= self._max_chats:
                self._forget_idle_chats()
            bucket = self._chats[chat_id] = _Bucket(self._chat_burst, self._clock())
        return bucket

    def _forget_idle_chats(self) -> None:
        # A chat with a full bucket, no hold and nothing queued is the same as one never seen.
        now = self._clock()
        for chat_id, bucket in list(self._chats.items()):
            bucket.refill(now, self._chat_rate, self._chat_burst)
            idle = bucket.tokens >= self._chat_burst and bucket.held_until <= now
            if idle and bucket.queued == 0:
                del self._chats[chat_id]

    def _unqueue(self, chat_id: int) -> None:
        bucket = self._chats.get(chat_id)
        if bucket is not None:
            bucket.queued -= 1

    def _kick(self) -> None:
        if self._changed is None:
            self._changed = asyncio.Event()
        self._changed.set()
        if self._pump is None or self._pump.done():
            self._pump = asyncio.get_running_loop().create_task(self._run(), name="rate-limiter")

    def _global_wait(self) -> float:
        now = self._clock()
        self._global.refill(now, self.per_second, self._global_burst)
        return self._global.ready_in(now, self.per_second)

    async def _run(self) -> None:
        """Grant turns while any wait: the best priority whose chat and the overall rate allow."""
        while True:
            self._queue.prune()
            if not len(self._queue):
                return
            wait = self._grant_next()
            if wait > 0:
                assert self._changed is not None
                self._changed.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), wait)

    def _grant_next(self) -> float:
        """Grant one turn and return 0, or return how long until one could be granted."""
        global_wait = self._global_wait()
        if global_wait > 0:
            return global_wait
        now = self._clock()
        soonest = float("inf")
        for turns in self._queue.turns:
            for turn in turns:
                if turn.granted.done():
                    continue
                wait = self._chat_ready_in(turn.chat_id, now)
                if wait <= 0:
                    self._take(turn)
                    return 0.0
                soonest = min(soonest, wait)
        return soonest

    def _chat_ready_in(self, chat_id: int, now: float) -> float:
        bucket = self._chat(chat_id)
        bucket.refill(now, self._chat_rate, self._chat_burst)
        return bucket.ready_in(now, self._chat_rate)

    def _take(self, turn: Turn) -> None:
        self._global.tokens -= 1.0
        self._chat(turn.chat_id).tokens -= 1.0
        turn.granted.set_result(None)


def _chat_of(data: dict[str, Any]) -> int | None:
    """The chat a call writes to; '@channel' names and calls without one are not counted."""
    value = data.get("chat_id")
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _seconds(value: float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
