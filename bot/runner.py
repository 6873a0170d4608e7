"""`loyalty-bot run`: migrate and start the bot; with no token, the local sandbox too."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from typing import TYPE_CHECKING

from sqlalchemy.engine import make_url

from bot.app import build_application, start_application, stop_application
from bot.settings import Settings
from storage.migrate import upgrade

if TYPE_CHECKING:
    from sandbox.server import SandboxServer

log = logging.getLogger(__name__)
SANDBOX_TOKEN = "123456:SANDBOX-TOKEN"


async def run(settings: Settings) -> None:
    """Run until SIGINT/SIGTERM; without a token, against a sandbox served in this process."""
    await asyncio.to_thread(upgrade, settings.database_url)
    sandbox = None
    if not settings.bot_token:
        sandbox = await _start_sandbox(settings)
    app = build_application(settings)
    await start_application(app)
    database = make_url(settings.database_url).render_as_string(hide_password=True)
    log.info("bot @%s is running (database %s)", app.bot.username, database)
    if sandbox is not None:
        _print_sandbox_help(sandbox.url, app.bot.username)
    try:
        await _until_stopped()
    finally:
        await stop_application(app)
        if sandbox is not None:
            await sandbox.stop()


async def _start_sandbox(settings: Settings) -> SandboxServer:
    from sandbox.server import SandboxServer  # only the offline mode needs it

    server = SandboxServer(token=SANDBOX_TOKEN, bot_username="loyalty_sandbox_bot")
    await server.start(host="127.0.0.1", port=settings.sandbox_port)
    settings.bot_token = SANDBOX_TOKEN
    settings.api_base_url = server.bot_api_url
    settings.file_base_url = server.file_url
    return server


def _print_sandbox_help(url: str, username: str) -> None:
    print(
        f"\nNo LOYALTY_BOT_TOKEN: the bot @{username} runs against the local sandbox at {url}.\n"
        f"Open {url}/ in a web browser: add users (a customer, an owner), chat with the bot\n"
        "as each of them, press its buttons, send photos and files.\n"
        "Or chat from another terminal:\n"
        "    .venv/bin/loyalty-bot chat --as alice\n"
        "To run a business: a user named owner, then /newbusiness My Café.\n"
        "Ctrl-C stops the bot.\n",
        flush=True,
    )


async def _until_stopped() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await stop.wait()
