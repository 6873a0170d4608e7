"""`loyalty-bot webhook`: an aiohttp server taking Telegram's updates, with /healthz and /metrics.

An update is checked (secret, size, JSON), then committed to the database inbox
(storage/inbox.py) before the request is answered 200, so Telegram never waits for a handler and
an answered update survives the worker: the inbox worker (bot/inbox.py) of this process, or of
any other, hands it to PTB. An update_id already stored is answered 200 and dropped; if the
database cannot take it, 503 asks Telegram to deliver it again later.

Slow clients cannot hold connections: a request's headers must arrive within
`http_header_timeout_seconds` of the connection opening or of the previous answer (aiohttp's
keep-alive timer, which closes a connection whose next request is still incomplete), and its
body within `http_body_timeout_seconds` (else 408).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from datetime import timedelta

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot import health
from bot.app import (
    ALLOWED_UPDATES,
    build_application,
    start_application,
    stop_application,
    utc_now,
)
from bot.inbox import InboxWorker, worker_name
from bot.settings import Settings
from bot.webapp import server as webapp_server
from storage.engine import make_session_factory
from storage.inbox import InboxStore

log = logging.getLogger(__name__)
MAX_BODY = 1024 * 1024  # Telegram's updates are a few kilobytes; anything this big is not one
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
APP_KEY = health.APP_KEY
SECRET_KEY = web.AppKey("secret", str)
BODY_TIMEOUT_KEY = web.AppKey("body_timeout", float)
INBOX_KEY = web.AppKey("inbox", InboxWorker)


class WebhookServer:
    """The HTTP side of one worker: updates in, health and metrics out."""

    def __init__(self, app: Application, settings: Settings, inbox: InboxWorker) -> None:
        self.app = app
        self.inbox = inbox
        self.settings = settings
        self.secret = settings.webhook_secret_token()
        self._runners: list[web.AppRunner] = []
        self.port = settings.webhook_port
        self.health_port: int | None = None  # set when health has its own address

    @property
    def own_health_server(self) -> bool:
        return self.settings.health_port is not None

    def web_app(self) -> web.Application:
        web_app = web.Application(client_max_size=MAX_BODY)
        web_app[APP_KEY] = self.app
        web_app[SECRET_KEY] = self.secret
        web_app[BODY_TIMEOUT_KEY] = self.settings.http_body_timeout_seconds
        web_app[INBOX_KEY] = self.inbox
        web_app.router.add_post(self.settings.webhook_path, on_update)
        if not self.own_health_server:
            health.add_routes(web_app, self.app, self.settings)
        webapp_server.mount(web_app, self.app, self.settings)  # the Mini App, under /app
        return web_app

    async def start(self) -> None:
        settings = self.settings
        self.port = await self._serve(self.web_app(), settings.webhook_listen, self.port)
        if settings.health_port is not None:
            health_app = web.Application()
            health.add_routes(health_app, self.app, settings)
            listen = settings.health_listen or settings.webhook_listen
            self.health_port = await self._serve(health_app, listen, settings.health_port)

    async def _serve(self, web_app: web.Application, host: str, port: int) -> int:
        """Serve `web_app` on host:port; returns the real port (when asked for port 0)."""
        runner = web.AppRunner(
            web_app, access_log=None,
            keepalive_timeout=self.settings.http_header_timeout_seconds,
        )  # fmt: skip
        await runner.setup()
        self._runners.append(runner)
        await web.TCPSite(runner, host, port).start()
        return int(runner.addresses[0][1])

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
        while self._runners:
            await self._runners.pop().cleanup()


async def on_update(request: web.Request) -> web.Response:
    """POST from Telegram: refuse strangers and junk, commit the update, answer at once."""
    given = request.headers.get(SECRET_HEADER, "")
    if not hmac.compare_digest(given.encode(), request.app[SECRET_KEY].encode()):
        return web.json_response({"error": "forbidden"}, status=403)
    if request.content_length is not None and request.content_length > MAX_BODY:
        return web.json_response({"error": "too large"}, status=413)
    app = request.app[APP_KEY]
    try:
        async with asyncio.timeout(request.app[BODY_TIMEOUT_KEY]):
            body = await request.read()  # read() itself refuses bodies past MAX_BODY
    except TimeoutError:
        return web.json_response({"error": "body not received in time"}, status=408)
    except web.HTTPRequestEntityTooLarge:
        return web.json_response({"error": "too large"}, status=413)
    try:
        data = json.loads(body)
        update = Update.de_json(data, app.bot) if _looks_like_update(data) else None
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        log.info("webhook: malformed update refused: %s", error)
        update = None
    if update is None:
        return web.json_response({"error": "malformed update"}, status=400)
    try:
        await request.app[INBOX_KEY].accept(update, data)
    except Exception:  # not stored: Telegram must deliver it again
        log.exception("webhook: update %s not stored", update.update_id)
        return web.json_response({"error": "not stored, try again"}, status=503)
    return web.Response(status=200)


def _looks_like_update(data: object) -> bool:
    # PTB's de_json does not check types; a bad update_id would break the update loop's order.
    update_id = data.get("update_id") if isinstance(data, dict) else None
    return isinstance(update_id, int) and not isinstance(update_id, bool)


def make_inbox(app: Application, settings: Settings) -> InboxWorker:
    store = InboxStore(
        make_session_factory(app.bot_data["engine"]), utc_now, owner=worker_name(),
        lease=timedelta(seconds=settings.inbox_lease_seconds),
    )  # fmt: skip
    return InboxWorker(
        app, store, poll=settings.inbox_poll_seconds,
        keep=timedelta(hours=settings.inbox_keep_hours),
    )  # fmt: skip


async def start_webhook_bot(settings: Settings) -> tuple[Application, WebhookServer]:
    """Build the bot without an updater, start it and its inbox worker, serve HTTP, and tell
    Telegram where."""
    app = build_application(settings, updater=False)
    await start_application(app, polling=False)
    inbox = app.bot_data["inbox"] = make_inbox(app, settings)
    inbox.start()  # updates left by a stopped worker are handled before new ones arrive
    server = WebhookServer(app, settings, inbox)
    try:
        await server.start()
        await server.register()
        await webapp_server.announce(app, webapp_server.url(settings, server.port))
    except BaseException:
        await server.stop()
        await inbox.stop()
        await stop_application(app)
        raise
    return app, server


async def stop_webhook_bot(app: Application, server: WebhookServer) -> None:
    # The webhook stays registered: other workers behind the same URL keep serving it.
    await server.stop()
    await server.inbox.stop()
    await stop_application(app)


async def run(settings: Settings) -> None:
    """`loyalty-bot webhook`: migrate, serve until SIGINT/SIGTERM."""
    from bot.runner import _until_stopped, secure_database_files
    from storage.migrate import upgrade

    settings.prepare_data_dir()
    secure_database_files(settings.database_url)
    await asyncio.to_thread(upgrade, settings.database_url)
    app, server = await start_webhook_bot(settings)
    log.info("bot @%s takes webhooks on port %s at %s", app.bot.username, server.port, server.url)
    try:
        await _until_stopped()
    finally:
        await stop_webhook_bot(app, server)
