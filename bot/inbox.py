"""Webhook mode's update loop: updates are taken from the database inbox (storage/inbox.py),
handled by PTB (`Application.process_update`) and marked done.

The webhook handler stores an update and this worker claims it in the same transaction (when
its chat has nothing older waiting) and handles it at once. Other workers find what is left (a
dead worker's updates once their lease runs out, a chat's next update once the one before it
is done elsewhere) by polling every `poll` seconds. A worker renews the leases of the updates
it is handling every third of a lease. After each update it claims again at once, in the
transaction that marks the updates handled meanwhile done, so a chat's next update follows
without waiting for the poll.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
import time
from collections.abc import Callable, Collection, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from telegram import Update
from telegram.ext import Application


class InboxItem(Protocol):
    """A claimed update (storage.inbox.InboxItem)."""

    @property
    def update_id(self) -> int: ...
    @property
    def payload(self) -> dict[str, Any]: ...
    @property
    def attempts(self) -> int: ...


class InboxStore(Protocol):
    """What the worker needs of the inbox (storage.inbox.InboxStore, built in bot/webhook.py)."""

    lease: timedelta

    async def add(
        self,
        updates: Sequence[tuple[int, int | None, dict[str, Any]]],
        claim: int = 0,
        done: Collection[int] = (),
    ) -> tuple[set[int], Sequence[InboxItem]]: ...
    async def claim(self, limit: int, done: Collection[int] = ()) -> Sequence[InboxItem]: ...
    async def renew(self, update_ids: Collection[int]) -> None: ...
    async def done(self, update_ids: Collection[int]) -> None: ...
    async def prune(self, done_before: datetime, batch: int = 1000) -> int: ...


log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5  # claims of one update before it is dropped: it kills whoever handles it
PRUNE_EVERY = 60.0  # seconds between deletions of old done rows
PRUNE_BATCHES = 100  # of 1,000 rows at most each time: far more than arrive in a minute
STOP_GRACE = 10.0  # seconds a stopping worker lets updates being handled finish


@dataclass
class Handling:
    """The inbox update this task is handling; `armed` once the person is registered, from
    when a commit marks the update done in its own transaction (see `commits_done`)."""

    update_id: int
    armed: bool = False


CURRENT: ContextVar[Handling | None] = ContextVar("inbox_update", default=None)


def arm() -> None:
    """The update's own work begins: its commits from now on mark it done with them."""
    handling = CURRENT.get()
    if handling is not None:
        handling.armed = True


def commits_done() -> int | None:
    """The update a commit made now must mark done in its own transaction, if any.

    A handler's commit and the update's done mark are thus one: a worker killed after that
    commit does not leave the update to be handled again (a second /broadcast, a guided step's
    answer taken twice); killed before it, the update is handled again from the start. Only the
    registration every update begins with (idempotent) commits before, unarmed.
    """
    handling = CURRENT.get()
    return handling.update_id if handling is not None and handling.armed else None


def worker_name() -> str:
    """Who claims, as `host:pid:random` (the random part tells a restarted pid 1 apart)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(3)}"


class InboxWorker:
    def __init__(
        self,
        app: Application[Any, Any, Any, Any, Any, Any],
        store: InboxStore,
        *,
        capacity: int = 32,
        poll: float = 1.0,
        keep: timedelta = timedelta(hours=24),
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.app = app
        self.store = store
        self.capacity = capacity
        self.poll = poll
        self.keep = keep
        self._clock = clock
        self._wake = asyncio.Event()
        self._stopping = False
        self._tasks: list[asyncio.Task[None]] = []
        self._handling: dict[int, asyncio.Task[None]] = {}
        self._finished: list[int] = []  # handled, to be marked done by the next claim
        self._arrivals: list[tuple[int, int | None, dict[str, Any], asyncio.Future[bool]]] = []
        self._storing: asyncio.Task[None] | None = None
        self._last_prune = 0.0
        self.received = 0  # updates this worker stored
        self.redelivered = 0  # updates whose key was already stored
        self.handled = 0

    async def accept(self, update: Update, payload: dict[str, Any]) -> bool:
        """Commit `update` to the inbox and wake the loop; False: a redelivery, dropped.

        Updates arriving while an insert commits are inserted together in the next one (a
        group commit), so a burst costs a commit per round rather than per update.
        """
        chat = update.effective_chat
        arrival: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._arrivals.append((update.update_id, chat.id if chat else None, payload, arrival))
        if self._storing is None or self._storing.done():
            self._storing = asyncio.create_task(self._store_arrivals(), name="inbox-store")
        stored = await asyncio.shield(arrival)
        if stored:
            self.received += 1
        else:
            self.redelivered += 1
        return stored

    async def _store_arrivals(self) -> None:
        while self._arrivals:
            batch, self._arrivals = self._arrivals, []
            free = 0 if self._stopping else self.capacity - len(self._handling)
            finished, self._finished = self._finished, []
            try:
                stored, claimed = await self.store.add(
                    [(u, chat, data) for u, chat, data, _ in batch], claim=free, done=finished
                )
            except Exception as error:
                self._finished.extend(finished)
                for *_, arrival in batch:
                    arrival.set_exception(error)
                continue
            for item in claimed:
                self._start(item)
            for update_id, *_, arrival in batch:
                arrival.set_result(update_id in stored)
            if len(claimed) < len(stored):
                self._wake.set()  # what could not be claimed here, the claim loop looks at

    def start(self) -> None:
        if self._tasks:
            return
        self._stopping = False
        self._tasks = [
            asyncio.create_task(self._claim_loop(), name="inbox-claims"),
            asyncio.create_task(self._renew_loop(), name="inbox-leases"),
        ]

    async def stop(self, grace: float = STOP_GRACE) -> None:
        """Stop claiming; let the updates being handled finish and mark them done (leases
        cover any that do not finish in time)."""
        self._stopping = True
        self._wake.set()
        if self._tasks:
            await self._tasks[0]
        if self._handling:
            await asyncio.wait(list(self._handling.values()), timeout=grace)
        if len(self._tasks) > 1:
            self._tasks[1].cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._tasks[1]
        self._tasks = []
        finished, self._finished = self._finished, []
        try:
            await self.store.done(finished)
        except Exception:  # left claimed: handled again once their leases run out
            log.exception("inbox: %s handled updates not marked done", len(finished))

    @property
    def in_flight(self) -> int:
        return len(self._handling)

    async def _claim_loop(self) -> None:
        while not self._stopping:
            self._wake.clear()
            finished, self._finished = self._finished, []
            try:
                free = self.capacity - len(self._handling)
                for item in await self.store.claim(free, done=finished):
                    self._start(item)
                await self._prune_now_and_then()
            except Exception:  # the database is away: try again at the next poll
                log.exception("inbox: claiming failed")
                self._finished.extend(finished)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll)

    def _start(self, item: InboxItem) -> None:
        task = asyncio.create_task(self._handle(item), name=f"inbox-{item.update_id}")
        self._handling[item.update_id] = task

    async def _handle(self, item: InboxItem) -> None:
        try:
            if item.attempts > MAX_ATTEMPTS:
                log.error("inbox: update %s dropped: claimed too often", item.update_id)
            else:
                token = CURRENT.set(Handling(item.update_id))
                try:
                    await self.app.process_update(Update.de_json(item.payload, self.app.bot))
                finally:
                    CURRENT.reset(token)
                self.handled += 1
        except Exception:  # PTB hands handler errors to the error handlers; this is the rest
            log.exception("inbox: update %s failed", item.update_id)
        finally:
            del self._handling[item.update_id]
            self._finished.append(item.update_id)
            self._wake.set()

    async def _renew_loop(self) -> None:
        while True:
            await asyncio.sleep(self.store.lease.total_seconds() / 3)
            try:
                await self.store.renew(list(self._handling))
            except Exception:
                log.exception("inbox: renewing leases failed")

    async def _prune_now_and_then(self) -> None:
        if time.monotonic() - self._last_prune < PRUNE_EVERY:
            return
        self._last_prune = time.monotonic()
        for _ in range(PRUNE_BATCHES):  # each batch its own short transaction
            if self._stopping or not await self.store.prune(self._clock() - self.keep):
                return
