"""The bot's HTTP transport (bot/http.py) against the sandbox: Telegram's errors map as PTB's do.

The conformance tests run on it too (the `bot` fixture is parametrized over both transports);
these cover what only faults show: timeouts, dropped connections, and use before `initialize`.
"""

from __future__ import annotations

import socket

import pytest
from telegram import Bot
from telegram.error import NetworkError, RetryAfter, TimedOut

from bot.http import AiohttpRequest
from sandbox.client import SandboxUser
from sandbox.server import SandboxServer
from tests.sandbox.conftest import TOKEN


def ptb_bot(server: SandboxServer, **timeouts: float) -> Bot:
    request = AiohttpRequest(**timeouts)
    return Bot(TOKEN, base_url=server.bot_api_url, base_file_url=server.file_url, request=request)


async def test_an_answer_slower_than_the_read_timeout_is_timed_out(
    server: SandboxServer, ann: SandboxUser
) -> None:
    server.set_faults(delay_ms=400, methods=["sendMessage"])
    async with ptb_bot(server, read_timeout=0.1) as bot:
        with pytest.raises(TimedOut):
            await bot.send_message(ann.chat_id, "late")
        server.set_faults()
        sent = await bot.send_message(ann.chat_id, "on time")
    assert sent.text == "on time"


async def test_a_dropped_connection_is_a_network_error(
    server: SandboxServer, ann: SandboxUser
) -> None:
    server.set_faults(rate_drop=1.0, methods=["sendMessage"])
    async with ptb_bot(server) as bot:
        with pytest.raises(NetworkError, match=r"aiohttp\."):
            await bot.send_message(ann.chat_id, "lost")


async def test_429_and_5xx_answers_keep_their_meaning(
    server: SandboxServer, ann: SandboxUser
) -> None:
    async with ptb_bot(server) as bot:
        server.set_faults(rate_429=1.0, retry_after=7, methods=["sendMessage"])
        with pytest.raises(RetryAfter) as too_many:
            await bot.send_message(ann.chat_id, "hurry")
        assert too_many.value.retry_after.total_seconds() == 7
        server.set_faults(rate_5xx=1.0, methods=["sendMessage"])
        with pytest.raises(NetworkError):
            await bot.send_message(ann.chat_id, "broken")


async def test_a_request_before_initialize_or_after_shutdown_is_refused(
    server: SandboxServer,
) -> None:
    # PTB wraps what a transport raises in NetworkError, as it does for its own.
    request = AiohttpRequest()
    url = f"{server.bot_api_url}{TOKEN}/getMe"
    with pytest.raises(NetworkError, match="not initialized"):
        await request.post(url)
    await request.initialize()
    assert (await request.post(url))["is_bot"] is True
    await request.shutdown()
    with pytest.raises(NetworkError, match="not initialized"):
        await request.post(url)


async def test_proxy_variables_apply_as_with_ptbs_default(
    server: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTTP_PROXY routes requests through the proxy (here: nothing listens, so they fail);
    NO_PROXY exempts hosts. Both are read when the transport starts."""
    for name in ("HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{unused_port()}")
    url = f"{server.bot_api_url}{TOKEN}/getMe"
    async with AiohttpRequest(connect_timeout=1.0) as request:
        with pytest.raises(NetworkError, match="ClientProxyConnectionError"):
            await request.post(url)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    async with AiohttpRequest() as request:
        assert (await request.post(url))["is_bot"] is True


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
