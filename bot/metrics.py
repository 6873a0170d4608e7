"""Prometheus metrics of one Application: updates, scans, notifications, dispatcher lag, latency.

Each Application gets its own CollectorRegistry, so tests and benchmarks can build several in
one process. Counters are counted as things happen; the outbox gauges are read from the
database when /metrics is scraped, so every worker reports the shared queue as it is.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from telegram.ext import Application, CallbackContext

from domain.errors import DomainError
from domain.models import NotificationStatus

# Seconds: handlers answer in milliseconds, a photo scan may take a second.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
CONTENT_TYPE = CONTENT_TYPE_LATEST

Probe = Callable[[], Awaitable[dict[str, Any]]]


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.updates = Counter(
            "loyalty_updates_handled", "Updates processed", ["result"], registry=self.registry
        )
        self.scans = Counter(
            "loyalty_scans", "QR and manual-code scans by outcome", ["outcome"],
            registry=self.registry,
        )  # fmt: skip
        self.notifications = Gauge(
            "loyalty_notifications", "Outbox rows by status", ["status"], registry=self.registry
        )
        self.lag = Gauge(
            "loyalty_dispatcher_lag_seconds",
            "How long the longest-waiting due notification has waited",
            registry=self.registry,
        )
        self.oldest_pending = Gauge(
            "loyalty_oldest_pending_notification_seconds",
            "Age of the oldest pending notification",
            registry=self.registry,
        )
        self.inbox_waiting = Gauge(
            "loyalty_inbox_waiting", "Webhook updates stored and not yet handled",
            registry=self.registry,
        )  # fmt: skip
        self.inbox_oldest = Gauge(
            "loyalty_inbox_oldest_seconds", "Age of the oldest webhook update not yet handled",
            registry=self.registry,
        )  # fmt: skip
        self.sweeps = Counter(
            "loyalty_sweeps", "Scheduler sweeps by outcome (ran, skipped: another worker's turn)",
            ["sweep", "outcome"], registry=self.registry,
        )  # fmt: skip
        self.latency = Histogram(
            "loyalty_update_handling_seconds", "Time to process one update",
            buckets=LATENCY_BUCKETS, registry=self.registry,
        )  # fmt: skip

    def scanned(self, outcome: str) -> None:
        self.scans.labels(outcome=outcome).inc()

    def swept(self, sweep: str, outcome: str) -> None:
        self.sweeps.labels(sweep=sweep, outcome=outcome).inc()

    def handled(self, seconds: float, result: str) -> None:
        """One update done: result is ok, refused (a domain error answered) or error."""
        self.updates.labels(result=result).inc()
        self.latency.observe(seconds)

    async def render(self, probe: Probe) -> bytes:
        """The text exposition, with the outbox gauges refreshed from the database first."""
        health = await probe()
        counts = health.get("notifications", {})
        # Every status is shown, 0 included, so a dashboard's series never vanish.
        for status in {s.value for s in NotificationStatus} | set(counts):
            self.notifications.labels(status=status).set(counts.get(status, 0))
        self.lag.set(health.get("dispatcher_lag_seconds") or 0.0)
        self.oldest_pending.set(health.get("oldest_pending_seconds") or 0.0)
        self.inbox_waiting.set(health.get("inbox_waiting") or 0)
        self.inbox_oldest.set(health.get("inbox_oldest_seconds") or 0.0)
        return generate_latest(self.registry)


class MeasuredApplication(Application):
    """An Application that times each update and counts it, without touching any handler.

    PTB hands handler errors to the error handlers inside process_update; `on_error` notes the
    kind of failure for the update this wrapper is timing.
    """

    async def process_update(self, update: object) -> None:
        metrics: Metrics | None = self.bot_data.get("metrics")
        start = time.perf_counter()
        result = "error"  # unless process_update returns
        try:
            await super().process_update(update)
            result = "ok"
        finally:
            if metrics is not None:
                result = _results(self.bot_data).pop(id(update), result)
                metrics.handled(time.perf_counter() - start, result)


async def on_error(update: object, context: CallbackContext[Any, Any, Any, Any]) -> None:
    """An extra error handler: tells MeasuredApplication how its update ended."""
    refused = isinstance(context.error, DomainError)
    _results(context.application.bot_data)[id(update)] = "refused" if refused else "error"


def _results(bot_data: dict[str, Any]) -> dict[int, str]:
    return bot_data.setdefault("update_results", {})
