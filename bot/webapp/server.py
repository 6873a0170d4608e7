"""The Mini App on the bot's aiohttp server: its routes, static files and where it is served.

`mount` adds it under `webapp_path` to an aiohttp application: the webhook server's in
production, or (when polling, as under `make run`) `LocalServer`'s own on `webapp_port`. The
page's address, `url(settings)`, is the one setting `webapp_url`, else this server's own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web
from telegram import MenuButtonWebApp, WebAppInfo
from telegram.ext import Application

from bot.i18n import DEFAULT, t
from bot.services import Services
from bot.settings import Settings
from bot.webapp import api, events
from bot.webapp.auth import WEBAPP_KEY, WebAppState, api_guard, open_session, renew_session
from bot.webapp.live import HUB_KEY, LOGINS_KEY, LiveHub
from bot.webapp.session import SessionSigner

log = logging.getLogger(__name__)
STATIC = Path(__file__).with_name("static")
_TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html"}
_ASSETS = {path.name: path for path in STATIC.iterdir() if path.suffix in _TYPES}


def _font() -> Path:
    from importlib import resources

    return Path(str(resources.files("fontpkg_rubik") / "files" / "Rubik[wght].ttf"))


def url(settings: Settings, port: int | None = None) -> str:
    """Where Telegram opens the page (ends with "/")."""
    if settings.webapp_url:
        return settings.webapp_url.rstrip("/") + "/"
    port = port or settings.webapp_port or settings.webhook_port
    return f"http://{settings.webapp_listen}:{port}{settings.webapp_path}/"


def usable(address: str, sandbox: bool) -> bool:
    """Telegram opens Mini Apps over HTTPS only; the sandbox opens any local address."""
    return address.startswith("https://") or sandbox


def _policy(settings: Settings) -> str:
    script = urlsplit(settings.webapp_telegram_js)
    origin = f"{script.scheme}://{script.netloc}" if script.netloc else ""
    return (
        f"default-src 'none'; script-src 'self' {origin}; style-src 'self'; "
        f"img-src 'self' blob:; font-src 'self'; connect-src 'self' {origin}; "
        "base-uri 'none'; form-action 'none'"
    )


def build(
    app: Application, settings: Settings, clock: Callable[[], datetime] | None = None
) -> web.Application:
    """The Mini App as an aiohttp application, to mount under `webapp_path`."""
    services: Services = app.bot_data["services"]
    hub: LiveHub = app.bot_data[HUB_KEY]
    sub = web.Application(middlewares=[api_guard], client_max_size=64 * 1024)
    sub[WEBAPP_KEY] = WebAppState(
        services=services, hub=hub,
        signer=SessionSigner(settings.qr_secret()), logins=app.bot_data[LOGINS_KEY],
        prefix=settings.webapp_path, clock=clock or (lambda: datetime.now(UTC)),
    )  # fmt: skip
    policy = _policy(settings)
    index = (
        (STATIC / "index.html").read_text().replace("{telegram_js}", settings.webapp_telegram_js)
    )

    async def on_index(request: web.Request) -> web.Response:
        return _response(index.encode(), "text/html", policy)

    async def on_asset(request: web.Request) -> web.Response:
        path = _ASSETS.get(request.match_info["name"])
        if path is None:
            raise web.HTTPNotFound()
        return _response(path.read_bytes(), _TYPES[path.suffix], policy)

    async def on_font(request: web.Request) -> web.Response:
        headers = {"Cache-Control": "max-age=86400"}
        return web.Response(body=_font().read_bytes(), content_type="font/ttf", headers=headers)

    sub.router.add_get("/", on_index)
    sub.router.add_get("/static/rubik.ttf", on_font)
    sub.router.add_get("/static/{name}", on_asset)
    sub.router.add_post("/api/session", open_session)
    sub.router.add_post("/api/renew", renew_session)
    sub.router.add_get("/api/events", events.stream)
    sub.add_routes(api.routes)

    async def on_shutdown(_app: web.Application) -> None:
        hub.close()  # open streams end at once instead of holding the server's shutdown

    sub.on_shutdown.append(on_shutdown)
    return sub


def _response(body: bytes, content_type: str, policy: str) -> web.Response:
    headers = {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-cache",
        "Referrer-Policy": "no-referrer",
    }
    return web.Response(body=body, content_type=content_type, charset="utf-8", headers=headers)


def mount(web_app: web.Application, app: Application, settings: Settings) -> None:
    web_app.add_subapp(settings.webapp_path, build(app, settings))

    async def to_page(request: web.Request) -> web.Response:
        raise web.HTTPFound(settings.webapp_path + "/")

    web_app.router.add_get(settings.webapp_path, to_page)


class LocalServer:
    """The Mini App on its own port, for a bot that polls (no webhook server to share)."""

    def __init__(self, app: Application, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.port = settings.webapp_port or 0
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        web_app = web.Application()
        mount(web_app, self.app, self.settings)
        self._runner = web.AppRunner(web_app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        try:
            await web.TCPSite(self._runner, self.settings.webapp_listen, self.port).start()
        except OSError:
            await self.stop()
            raise
        self.port = int(self._runner.addresses[0][1])

    @property
    def url(self) -> str:
        return url(self.settings, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


async def announce(app: Application, address: str, *, sandbox: bool = False) -> None:
    """Offer the page at `address`: the chat's menu button and the customer menu's key."""
    if not usable(address, sandbox):
        log.warning("Mini App not offered: Telegram opens only https:// addresses (%s)", address)
        return
    services: Services = app.bot_data["services"]
    services.webapp_url = address
    await app.bot.set_chat_menu_button(
        menu_button=MenuButtonWebApp(t("webapp_menu_button", DEFAULT), WebAppInfo(address))
    )
