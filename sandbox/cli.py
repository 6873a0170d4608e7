"""`loyalty-bot sandbox`: serve the sandbox Bot API until Ctrl-C."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence

from sandbox.limits import RateLimits
from sandbox.server import SandboxServer

DEFAULT_TOKEN = "123456:SANDBOX-TOKEN"


async def serve(
    host: str = "127.0.0.1",
    port: int = 8081,
    token: str = DEFAULT_TOKEN,
    rate_limits: RateLimits | None = None,
    bot_username: str = "sandbox_bot",
    started: Callable[[SandboxServer], object] | None = None,
) -> None:
    """Run a sandbox until cancelled, printing how to point a bot and a chat client at it."""
    server = SandboxServer(token=token, rate_limits=rate_limits, bot_username=bot_username)
    await server.start(host=host, port=port)
    if started is not None:
        started(server)
    print(f"Sandbox Bot API at {server.url}  (bot @{bot_username}, token {token})")
    print(f"  bot:  ApplicationBuilder().token({token!r}).base_url({server.bot_api_url!r})")
    print(f"        .base_file_url({server.file_url!r})")
    print(f"  page: {server.page_url}  (chat as test users in a web browser)")
    print(f"  chat: loyalty-bot chat --as NAME --url {server.url}")
    print("Ctrl-C stops it.", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await server.stop()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="loyalty-bot sandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--bot-username", default="sandbox_bot")
    parser.add_argument(
        "--limits",
        action="store_true",
        help="enforce Telegram-like flood limits (30/s overall, 1/s per chat, burst 3)",
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO)
    limits = RateLimits() if args.limits else None
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args.host, args.port, args.token, limits, args.bot_username))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
