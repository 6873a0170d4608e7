"""`loyalty-bot run`: migrate and start the bot; with no token, the local sandbox too."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import make_url
from telegram.ext import Application

from bot.app import build_application, start_application, stop_application
from bot.settings import Settings
from bot.webapp.server import LocalServer, announce, url, usable
from storage.engine import make_engine
from storage.identity import holds_people, last_bot
from storage.migrate import upgrade

if TYPE_CHECKING:
    from sandbox.server import SandboxServer

log = logging.getLogger(__name__)
SANDBOX_TOKEN = "123456:SANDBOX-TOKEN"
SANDBOX_BOT_ID = int(SANDBOX_TOKEN.split(":")[0])


class StartRefused(Exception):
    """The bot will not start as configured; the message says why and what to set."""


async def run(settings: Settings) -> None:
    """Run until SIGINT/SIGTERM; without a token, against a sandbox served in this process."""
    settings.prepare_data_dir()
    secure_database_files(settings.database_url)
    await asyncio.to_thread(upgrade, settings.database_url)
    sandbox = None
    if not settings.bot_token:
        await refuse_sandbox_on_real_data(settings)
        sandbox = await _start_sandbox(settings)
    if sandbox is not None:  # the page loads the sandbox's stand-in for Telegram's script
        settings.webapp_telegram_js = f"{sandbox.url}/web/telegram-web-app.js"
    app = build_application(settings)
    await start_application(app)
    webapp = await _serve_webapp(app, settings, sandbox=sandbox is not None)
    database = make_url(settings.database_url).render_as_string(hide_password=True)
    log.info("bot @%s is running (database %s)", app.bot.username, database)
    if sandbox is not None:
        _print_sandbox_help(sandbox.url, app.bot.username)
    try:
        await _until_stopped()
    finally:
        if webapp is not None:
            await webapp.stop()
        await stop_application(app)
        if sandbox is not None:
            await sandbox.stop()


async def _serve_webapp(
    app: Application, settings: Settings, *, sandbox: bool
) -> LocalServer | None:
    """The Mini App on its own port (LOYALTY_WEBAPP_PORT), when Telegram can open it: in the
    sandbox, or at an HTTPS LOYALTY_WEBAPP_URL (e.g. a tunnel to this port). A port already
    taken costs the Mini App, not the bot."""
    if settings.webapp_port is None or not usable(url(settings), sandbox):
        return None
    server = LocalServer(app, settings)
    try:
        await server.start()
    except OSError as error:
        log.error("Mini App not served: %s", error)
        return None
    await announce(app, server.url, sandbox=sandbox)
    log.info("Mini App at %s", server.url)
    return server


def secure_database_files(url: str) -> None:
    """An SQLite database and its -wal/-shm files readable by their owner only (0600)."""
    database = make_url(url).database if make_url(url).get_backend_name() == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    for suffix in ("", "-wal", "-shm"):
        path = Path(database + suffix)
        if path.exists():
            path.chmod(0o600)


async def refuse_sandbox_on_real_data(settings: Settings) -> None:
    """No token means the sandbox; on a real bot's database that would fail every customer's
    pending message as "chat not found" and answer nobody, so it must be asked for by name."""
    if settings.sandbox:
        return
    engine = make_engine(settings.database_url)
    try:
        bot_id, people = await last_bot(engine), await holds_people(engine)
    finally:
        await engine.dispose()
    if bot_id == SANDBOX_BOT_ID or (bot_id is None and not people):
        return
    whose = f"bot {bot_id}" if bot_id is not None else "a bot before this check existed"
    raise StartRefused(
        f"LOYALTY_BOT_TOKEN is empty, but {settings.database_url} holds the data of {whose}. "
        "Set LOYALTY_BOT_TOKEN to run that bot, or LOYALTY_SANDBOX=true to run the local "
        "sandbox on this database anyway."
    )


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
