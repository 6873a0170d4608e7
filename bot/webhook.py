"""`loyalty-bot webhook`: an aiohttp server taking Telegram's updates, with /healthz and /metrics.

An update is checked (secret, size, JSON) and put on the Application's update queue; the
request is answered at once, so Telegram never waits for a handler. Handling happens in the
Application's own update loop, as it does when polling.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.app import ALLOWED_UPDATES, build_application, start_application, stop_application
from bot.metrics import CONTENT_TYPE, Metrics
from bot.settings import Settings

log = logging.getLogger(__name__)
MAX_BODY = 1024 * 1024  # Telegram's updates are a few kilobytes; anything this big is not one
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
APP_KEY = web.AppKey("application", Application)
SECRET_KEY = web.AppKey("secret", str)


class WebhookServer:
    """The HTTP side of one worker: updates in, health and metrics out."""

    def __init__(self, app: Application, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.secret = settings.webhook_secret_token()
        self._runner: web.AppRunner | None = None
        self.port = settings.webhook_port

    def web_app(self) -> web.Application:
        web_app = web.Application(client_max_size=MAX_BODY)
        web_app[APP_KEY] = self.app
        web_app[SECRET_KEY] = self.secret
        web_app.router.add_post(self.settings.webhook_path, on_update)
        web_app.router.add_get("/healthz", on_healthz)
        web_app.router.add_get("/metrics", on_metrics)
        return web_app

    async def start(self) -> None:
        self._runner = web.AppRunner(self.web_app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.webhook_listen, self.settings.webhook_port)
        await site.start()
        self.port = self._runner.addresses[0][1]  # the real one when asked for port 0

    @property
    def url(self) -> str:
        """The public URL Telegram posts to: configured, or this server's own address."""
        if self.settings.webhook_url:
            return self.settings.webhook_url
        return f"http://{self.settings.webhook_listen}:{self.port}{self.settings.webhook_path}"

    async def register(self) -> None:
        await self.app.bot.set_webhook(
            url=self.url,
            secret_token=self.secret,
            allowed_updates=ALLOWED_UPDATES,
            max_connections=self.settings.webhook_max_connections,
        )

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


async def on_update(request: web.Request) -> web.Response:
    """POST from Telegram: refuse strangers and junk, queue the update, answer at once."""
    given = request.headers.get(SECRET_HEADER, "")
    if not hmac.compare_digest(given.encode(), request.app[SECRET_KEY].encode()):
        return web.json_response({"error": "forbidden"}, status=403)
    if request.content_length is not None and request.content_length > MAX_BODY:
        return web.json_response({"error": "too large"}, status=413)
    app = request.app[APP_KEY]
    try:
        data = json.loads(await request.read())  # read() itself refuses bodies past MAX_BODY
        update = Update.de_json(data, app.bot) if _looks_like_update(data) else None
    except web.HTTPRequestEntityTooLarge:
        return web.json_response({"error": "too large"}, status=413)
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        log.info("webhook: malformed update refused: %s", error)
        update = None
    if update is None:
        return web.json_response({"error": "malformed update"}, status=400)
    await app.update_queue.put(update)
    return web.Response(status=200)


def _looks_like_update(data: object) -> bool:
    # PTB's de_json does not check types; a bad update_id would break the update loop's order.
    update_id = data.get("update_id") if isinstance(data, dict) else None
    return isinstance(update_id, int) and not isinstance(update_id, bool)


async def on_healthz(request: web.Request) -> web.Response:
    report = await health(request.app[APP_KEY])
    return web.json_response(report, status=200 if report["healthy"] else 503)


async def on_metrics(request: web.Request) -> web.Response:
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


async def start_webhook_bot(settings: Settings) -> tuple[Application, WebhookServer]:
    """Build the bot without an updater, start it, serve HTTP, and tell Telegram where."""
    app = build_application(settings, updater=False)
    await start_application(app, polling=False)
    server = WebhookServer(app, settings)
    try:
        await server.start()
        await server.register()
    except BaseException:
        await server.stop()
        await stop_application(app)
        raise
    return app, server


async def stop_webhook_bot(app: Application, server: WebhookServer) -> None:
    # The webhook stays registered: other workers behind the same URL keep serving it.
    await server.stop()
    await stop_application(app)


async def run(settings: Settings) -> None:
    """`loyalty-bot webhook`: migrate, serve until SIGINT/SIGTERM."""
    from bot.runner import _until_stopped
    from storage.migrate import upgrade

    await asyncio.to_thread(upgrade, settings.database_url)
    app, server = await start_webhook_bot(settings)
    log.info("bot @%s takes webhooks on port %s at %s", app.bot.username, server.port, server.url)
    try:
        await _until_stopped()
    finally:
        await stop_webhook_bot(app, server)
