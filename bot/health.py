"""/healthz and /metrics: cached figures, an optional bearer token, an optional own address.

Both read the database (outbox counts, lag). Scrapers and load balancers ask every few seconds,
and a stranger could ask thousands of times a second, so the figures are read at most once per
`health_cache_seconds` and concurrent askers share one read. The endpoints can be guarded by
`LOYALTY_HEALTH_TOKEN` (`Authorization: Bearer …`) and served on their own address
(`LOYALTY_HEALTH_LISTEN` / `LOYALTY_HEALTH_PORT`, e.g. an internal interface) instead of the
public webhook server.
"""

from __future__ import annotations

import asyncio
import hmac
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web
from telegram.ext import Application

from bot.metrics import CONTENT_TYPE, Metrics, Probe
from bot.settings import Settings

APP_KEY = web.AppKey("application", Application)
TOKEN_KEY = web.AppKey("health_token", str)


class CachedProbe:
    """The health probe, read at most once per `ttl` seconds; callers meanwhile share it."""

    def __init__(
        self, probe: Probe, ttl: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._probe = probe
        self._ttl = ttl
        self._clock = clock
        self._lock = asyncio.Lock()
        self._figures: dict[str, Any] | None = None
        self._read_at = float("-inf")

    async def __call__(self) -> dict[str, Any]:
        async with self._lock:  # the first asker reads; the others wait and take its figures
            if self._figures is None or self._clock() - self._read_at >= self._ttl:
                self._figures = await self._probe()
                self._read_at = self._clock()
            return dict(self._figures)


def add_routes(web_app: web.Application, app: Application, settings: Settings) -> None:
    web_app[APP_KEY] = app
    web_app[TOKEN_KEY] = settings.health_token
    web_app.router.add_get("/healthz", on_healthz)
    web_app.router.add_get("/metrics", on_metrics)


def _allowed(request: web.Request) -> bool:
    token = request.app[TOKEN_KEY]
    if not token:
        return True
    given = request.headers.get("Authorization", "")
    return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


async def on_healthz(request: web.Request) -> web.Response:
    if not _allowed(request):
        return web.json_response({"error": "unauthorized"}, status=401)
    report = await health(request.app[APP_KEY])
    return web.json_response(report, status=200 if report["healthy"] else 503)


async def on_metrics(request: web.Request) -> web.Response:
    if not _allowed(request):
        return web.Response(status=401, text="unauthorized")
    app = request.app[APP_KEY]
    metrics: Metrics = app.bot_data["metrics"]
    body = await metrics.render(app.bot_data["health"])
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})


async def health(app: Application) -> dict[str, Any]:
    """The probe's figures, and whether they are within the configured limits."""
    settings: Settings = app.bot_data["services"].settings
    report = await app.bot_data["health"]()
    report["healthy"] = (
        report.get("database") == "ok"
        and report["dispatcher_lag_seconds"] <= settings.health_max_lag_seconds
        and report["oldest_pending_seconds"] <= settings.health_max_pending_age_seconds
    )
    return report
