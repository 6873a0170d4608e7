"""The `loyalty-bot` command line: run, webhook, doctor, migrate, sandbox, chat, qr."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the commands import what they need when run, so `--help` stays quick
    from bot.settings import Settings

USAGE = """usage: loyalty-bot COMMAND [ARGS]

commands:
  run                   apply migrations and run the bot (polling); with no LOYALTY_BOT_TOKEN,
                        against a local sandbox it starts itself
  webhook               apply migrations and run the bot behind a webhook server (updates,
                        /healthz, /metrics); LOYALTY_WEBHOOK_* configure it
  doctor [--repair]     check the database's invariants; --repair fixes what is safe to fix
  migrate [REVISION]    apply migrations up to REVISION (default head)
  backup OUT            write a consistent copy of the database while the bot runs
  restore IN [--replace]  put a backup in LOYALTY_DATABASE_URL's place (bot stopped)
  sandbox [--port N]    serve the local Telegram Bot API emulator
  chat --as NAME [--lang ar]  talk to the bot as a sandbox user, in this terminal
  qr read IMAGE...      print the QR texts found in images
  qr make TEXT OUT.png  write a QR image
"""


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0 if args else 2
    command, rest = args[0], args[1:]
    handler = COMMANDS.get(command)
    if handler is None:
        print(f"loyalty-bot: unknown command {command!r}\n\n{USAGE}", file=sys.stderr)
        return 2
    return handler(rest)


def _run(argv: list[str]) -> int:
    from bot.runner import run

    return _serve("run", run, argv)


def _webhook(argv: list[str]) -> int:
    from bot.webhook import run

    return _serve("webhook", run, argv)


def _serve(
    name: str, run: Callable[[Settings], Coroutine[object, object, None]], argv: list[str]
) -> int:
    """Configure logging from the settings and run a long-lived mode until it stops."""
    from bot.logsafety import configure_logging
    from bot.runner import StartRefused
    from bot.settings import Settings

    argparse.ArgumentParser(prog=f"loyalty-bot {name}").parse_args(argv)
    settings = Settings()
    configure_logging(
        settings.log_level, settings.bot_token, settings.secret_key, settings.webhook_secret
    )
    for noisy in ("httpx", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        asyncio.run(run(settings))
    except StartRefused as refusal:
        print(f"loyalty-bot {name}: {refusal}", file=sys.stderr)
        return 2
    return 0


def _doctor(argv: list[str]) -> int:
    from bot.doctor import main as doctor_main

    return doctor_main(argv)


def _migrate(argv: list[str]) -> int:
    from bot.settings import Settings
    from storage.migrate import upgrade

    parser = argparse.ArgumentParser(prog="loyalty-bot migrate")
    parser.add_argument("revision", nargs="?", default="head")
    args = parser.parse_args(argv)
    settings = Settings()
    upgrade(settings.database_url, args.revision)
    print(f"database at {args.revision}: {settings.database_url}")
    return 0


def _backup(argv: list[str]) -> int:
    from bot.settings import Settings
    from storage.backup import BackupError, backup

    parser = argparse.ArgumentParser(prog="loyalty-bot backup")
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    url = Settings().database_url
    try:
        asyncio.run(backup(url, args.out))
    except BackupError as error:
        print(f"loyalty-bot backup: {error}", file=sys.stderr)
        return 1
    print(f"backed up {url} to {args.out}")
    return 0


def _restore(argv: list[str]) -> int:
    from bot.settings import Settings
    from storage.backup import BackupError, restore

    parser = argparse.ArgumentParser(prog="loyalty-bot restore")
    parser.add_argument("source", type=Path)
    parser.add_argument("--replace", action="store_true", help="overwrite an existing database")
    args = parser.parse_args(argv)
    url = Settings().database_url
    try:
        asyncio.run(restore(url, args.source, replace=args.replace))
    except BackupError as error:
        print(f"loyalty-bot restore: {error}", file=sys.stderr)
        return 1
    print(f"restored {args.source} into {url}; `loyalty-bot doctor` checks it")
    return 0


def _sandbox(argv: list[str]) -> int:
    from sandbox.cli import main as sandbox_main

    return sandbox_main(argv)


def _chat(argv: list[str]) -> int:
    from sandbox.chat import main as chat_main

    return chat_main(argv)


def _qr(argv: list[str]) -> int:
    from bot.qr_cli import main as qr_main

    return qr_main(argv)


COMMANDS = {"run": _run, "migrate": _migrate, "sandbox": _sandbox, "chat": _chat, "qr": _qr}
COMMANDS.update(webhook=_webhook, doctor=_doctor, backup=_backup, restore=_restore)
