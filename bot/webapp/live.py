"""Live updates: which open pages a commit concerns, and telling them within the moment.

A committed change is named by topics: `c<telegram id>` for a customer's wallet, `b<business
id>` for a business's staff page. The unit of work derives them from the events the use case
recorded (bot/app.py), so every use case that records an event is live with no code of its own.

On SQLite the bot is one process: the topics go straight to this process's `LiveHub` after the
commit. On PostgreSQL they are sent with `pg_notify` inside the transaction, which PostgreSQL
delivers only when (and if) it commits, to every worker's `PgListener`, which feeds its hub:
one path for the local worker and the others alike.

Each open page (a server-sent-events stream) is a `Subscriber`: one flag and the last event id,
so a burst of changes wakes a page once, and a slow page holds no queue. Event ids are
`<process>-<sequence>`: a page that reconnects with a Last-Event-ID this process did not give,
or older than its topic's last change, is told to read again at once (it catches up).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from domain.events import Event

log = logging.getLogger(__name__)
CHANNEL = "loyalty_live"
HUB_KEY = "live_hub"  # in the PTB Application's bot_data: this process's LiveHub
LOGINS_KEY = "webapp_logins"  # … and the Mini App's record of initData used (storage)


def topics_of(events: Iterable[Event]) -> set[str]:
    """The pages an event touches: its customer's wallet and its business's staff page."""
    topics: set[str] = set()
    for event in events:
        customer = getattr(event, "customer", None)
        if customer is not None:
            topics.add(f"c{customer.telegram_id}")
        for part in ("card", "request"):
            business_id = getattr(getattr(event, part, None), "business_id", None)
            if business_id is not None:
                topics.add(f"b{business_id}")
    return topics


@dataclass(eq=False)
class Subscriber:
    topics: frozenset[str]
    woken: asyncio.Event = field(default_factory=asyncio.Event)
    last_id: str = ""


class LiveHub:
    """This process's open pages, by topic."""

    def __init__(self) -> None:
        self.process = secrets.token_hex(4)
        self._sequence = 0
        self._by_topic: dict[str, set[Subscriber]] = {}
        self._topic_seq: dict[str, int] = {}
        self.closing = False

    def close(self) -> None:
        """The server stops: every open stream ends now (pages reconnect to another worker)."""
        self.closing = True
        for subs in list(self._by_topic.values()):
            for subscriber in subs:
                subscriber.woken.set()

    @property
    def open_pages(self) -> int:
        return len({s for subs in self._by_topic.values() for s in subs})

    def subscribe(self, topics: Iterable[str], last_event_id: str = "") -> Subscriber:
        subscriber = Subscriber(frozenset(topics))
        for topic in subscriber.topics:
            self._by_topic.setdefault(topic, set()).add(subscriber)
        if self.missed(subscriber.topics, last_event_id):
            subscriber.last_id = self._current_id()
            subscriber.woken.set()
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        for topic in subscriber.topics:
            subs = self._by_topic.get(topic)
            if subs is not None:
                subs.discard(subscriber)
                if not subs:
                    del self._by_topic[topic]

    def publish(self, topics: Iterable[str]) -> None:
        self._sequence += 1
        event_id = self._current_id()
        for topic in topics:
            self._topic_seq[topic] = self._sequence
            for subscriber in self._by_topic.get(topic, ()):
                subscriber.last_id = event_id
                subscriber.woken.set()

    def _current_id(self) -> str:
        return f"{self.process}-{self._sequence}"

    def missed(self, topics: Iterable[str], last_event_id: str) -> bool:
        """Whether a page that saw `last_event_id` missed a change to one of `topics`."""
        if not last_event_id:
            return False  # a first connection reads everything anyway
        process, _, sequence = last_event_id.partition("-")
        if process != self.process or not sequence.isdigit():
            return True  # given by another process (or before a restart): read again
        return any(self._topic_seq.get(topic, 0) > int(sequence) for topic in topics)


def notify_payload(topics: set[str]) -> str:
    return json.dumps(sorted(topics), separators=(",", ":"))


class PgListener:
    """LISTEN on PostgreSQL for every worker's commits; reconnects when the connection drops."""

    def __init__(self, dsn: str, hub: LiveHub, retry_seconds: float = 1.0) -> None:
        self._dsn = dsn
        self._hub = hub
        self._retry = retry_seconds
        self._task: asyncio.Task[None] | None = None
        self.listening = asyncio.Event()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="live-listener")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def _on_notify(self, _conn: Any, _pid: int, _channel: str, payload: str) -> None:
        try:
            topics = json.loads(payload)
        except ValueError:
            return
        if isinstance(topics, list):
            self._hub.publish(str(topic) for topic in topics)

    async def _run(self) -> None:
        import asyncpg  # type: ignore[import-untyped]

        while True:
            lost = asyncio.Event()
            try:
                conn = await asyncpg.connect(self._dsn)
                conn.add_termination_listener(lambda _c, lost=lost: lost.set())
                await conn.add_listener(CHANNEL, self._on_notify)
                # Pages that changed while we were not listening read again.
                self._hub.publish(["*"])
                self.listening.set()
                try:
                    await lost.wait()
                finally:
                    self.listening.clear()
                    with contextlib.suppress(Exception):
                        await conn.close()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the database is away: try again shortly
                log.warning("live updates: LISTEN lost (%s); retrying", error)
            await asyncio.sleep(self._retry)
