"""The outbox dispatcher: sends pending notifications within Telegram's limits, never losing one.

It wakes at once when a use case commits (`wake()`), and otherwise when the next retry is due.
Limits are kept before Telegram has to say so: a global rate (about 30 messages a second) and
one message a second per chat. 429 waits `retry_after`; network errors and 5xx back off;
403 marks the user blocked until they write again; 400 fails the row with the reason.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot.rendering import render_notification
from domain.models import Notification
from storage.outbox import OutboxStore

log = logging.getLogger(__name__)

IDLE_SWEEP = 1.0  # seconds between sweeps when nothing wakes the dispatcher
MAX_BACKOFF = 300.0
BATCH = 100
HORIZON = 4.0  # seconds ahead a batch may book; later rows go back to the table


class RateGate:
    """A global token bucket plus a minimum spacing per chat."""

    def __init__(self, per_second: float, chat_interval: float) -> None:
        self.per_second = per_second
        self.chat_interval = chat_interval
        self._global_next = 0.0
        self._chat_next: dict[int, float] = {}

    def reserve(self, chat_id: int, now: float, horizon: float) -> float | None:
        """Book the earliest slot for a message to this chat, or None if it is beyond `horizon`."""
        slot = max(now, self._global_next, self._chat_next.get(chat_id, 0.0))
        if slot > now + horizon:
            return None
        self._global_next = slot + 1.0 / self.per_second
        self._chat_next[chat_id] = slot + self.chat_interval
        return slot

    def chat_free_at(self, chat_id: int) -> float:
        return self._chat_next.get(chat_id, 0.0)

    def hold_chat(self, chat_id: int, until: float) -> None:
        self._chat_next[chat_id] = max(self._chat_next.get(chat_id, 0.0), until)


class Dispatcher:
    def __init__(
        self,
        store: OutboxStore,
        bot: Bot,
        *,
        per_second: float = 29.0,
        chat_interval: float = 1.0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._store = store
        self._bot = bot
        self._clock = clock
        self._gate = RateGate(per_second, chat_interval)
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.sent = 0
        self.on_sent: Callable[[Notification, float], None] | None = None

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="outbox-dispatcher")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def drain_once(self) -> int:
        """Claim and send one batch; returns how many rows were claimed."""
        batch = await self._store.claim(BATCH)
        if batch:
            await asyncio.gather(*(self._deliver(note, slot) for note, slot in self._plan(batch)))
        return len(batch)

    async def _run(self) -> None:
        while True:
            self._wake.clear()
            try:
                if await self.drain_once():
                    continue
            except Exception:
                log.exception("outbox sweep failed; retrying")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), IDLE_SWEEP)

    def _plan(self, batch: list[Notification]) -> list[tuple[Notification, float | None]]:
        """A send slot for each row; rows for a busy chat beyond the horizon wait for later."""
        now = time.monotonic()
        return [(note, self._gate.reserve(note.chat_id, now, HORIZON)) for note in batch]

    async def _deliver(self, note: Notification, slot: float | None) -> None:
        if slot is None:  # this chat is busy: hand the row back, due when the chat is free
            wait = max(self._gate.chat_free_at(note.chat_id) - time.monotonic(), 0.0)
            at = self._clock() + timedelta(seconds=wait)
            await self._store.retry_at(note.id, at, "")
            return
        delay = slot - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        text, markup = render_notification(note)
        try:
            message = await self._bot.send_message(note.chat_id, text, reply_markup=markup)
        except RetryAfter as error:
            wait = _seconds(error.retry_after)
            self._gate.hold_chat(note.chat_id, time.monotonic() + wait)
            await self._store.retry_at(note.id, self._clock() + timedelta(seconds=wait), "429")
        except Forbidden as error:
            log.info("chat %s blocked the bot: %s", note.chat_id, error.message)
            await self._store.block_chat(note.chat_id, note.id)
        except BadRequest as error:
            log.warning("notification %s refused: %s", note.id, error.message)
            await self._store.fail(note.id, error.message)
        except NetworkError as error:  # includes TimedOut and 5xx answers
            backoff = min(2.0 ** max(note.attempts - 1, 0) * 0.5, MAX_BACKOFF)
            at = self._clock() + timedelta(seconds=backoff)
            await self._store.retry_at(note.id, at, f"network: {error.message}")
        else:
            await self._store.mark_sent(note.id, message.message_id)
            self.sent += 1
            if self.on_sent is not None:
                self.on_sent(note, time.monotonic())


def _seconds(value: float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
