"""SandboxServer: the Bot API stand-in and its control API on one aiohttp server."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from sandbox import botapi, control, webapps, webpage
from sandbox.limits import Faults, RateLimits
from sandbox.state import Store
from sandbox.updates import WebhookSender

__all__ = ["RateLimits", "SandboxServer"]
# Uploads may be up to 50 MB (documents); aiohttp's default body limit is 1 MB.
MAX_BODY = 60 * 1024 * 1024


class SandboxServer:
    """Run with ``await start()``; point PTB at ``bot_api_url`` and ``file_url``."""

    def __init__(
        self,
        token: str = "123456:SANDBOX-TOKEN",
        rate_limits: RateLimits | None = None,
        *,
        bot_username: str = "sandbox_bot",
        bot_name: str = "Sandbox Bot",
        webhook_retry_base: float = 0.1,
        webhook_retry_max: float = 5.0,
    ) -> None:
        self.store = Store(token, bot_username, bot_name, rate_limits)
        self.app = web.Application(client_max_size=MAX_BODY)
        self.app[botapi.STORE_KEY] = self.store
        botapi.add_routes(self.app)
        self.app.add_routes(control.routes)
        self.app.add_routes(webpage.routes)  # the page at / (sandbox/web/)
        self.app.add_routes(webapps.routes)  # Mini Apps: signed initData, menu button, QR
        self._webhooks = WebhookSender(self.store, webhook_retry_base, webhook_retry_max)
        self._runner: web.AppRunner | None = None
        self.host = "127.0.0.1"
        self.port = 0

    @property
    def token(self) -> str:
        return self.store.token

    @property
    def bot(self) -> dict[str, Any]:
        """The bot's User object as getMe returns it."""
        return dict(self.store.bot)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def page_url(self) -> str:
        """The chat page for a web browser."""
        return f"{self.url}/"

    @property
    def bot_api_url(self) -> str:
        return f"{self.url}/bot"

    @property
    def file_url(self) -> str:
        return f"{self.url}/file/bot"

    @property
    def stats(self) -> dict[str, Any]:
        return self.store.stats.snapshot()

    def set_rate_limits(self, limits: RateLimits | None) -> None:
        self.store.limiter.configure(limits)

    def set_faults(self, **kwargs: Any) -> None:
        """Same arguments as ``SandboxClient.set_faults``."""
        self.store.faults = Faults.build(**kwargs)

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.store.closing = False
        self._runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self.host = host
        self.port = self._runner.addresses[0][1]
        self._webhooks.start()

    async def stop(self) -> None:
        # Wake long polls first so their handlers finish instead of being cut off.
        self.store.closing = True
        self.store.updates_signal.notify()
        self.store.changed.notify()
        await self._webhooks.stop()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> SandboxServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
