"""Fixtures for the sandbox conformance tests: a running server, a control client, a PTB Bot."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import pytest
from PIL import Image
from telegram import Bot

from bot.http import AiohttpRequest
from sandbox.client import SandboxClient, SandboxUser
from sandbox.server import SandboxServer

TOKEN = "123456:TEST-sandbox-token"


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    # PTB 22.x warns on every RetryAfter unless it is told to use timedeltas already.
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture
async def server() -> AsyncIterator[SandboxServer]:
    sandbox = SandboxServer(token=TOKEN, webhook_retry_base=0.02)
    await sandbox.start(host="127.0.0.1", port=0)
    try:
        yield sandbox
    finally:
        await sandbox.stop()


@pytest.fixture
async def sb(server: SandboxServer) -> AsyncIterator[SandboxClient]:
    async with SandboxClient(server.url) as client:
        yield client


@pytest.fixture(params=["httpx", "aiohttp"])
async def bot(server: SandboxServer, request: pytest.FixtureRequest) -> AsyncIterator[Bot]:
    """PTB's Bot on its default transport (httpx), and on the bot's own (bot/http.py)."""
    transport = AiohttpRequest() if request.param == "aiohttp" else None
    async with Bot(
        TOKEN, base_url=server.bot_api_url, base_file_url=server.file_url, request=transport
    ) as ptb_bot:
        yield ptb_bot


@pytest.fixture
async def api(server: SandboxServer) -> AsyncIterator[Callable[..., Awaitable[tuple[int, dict]]]]:
    """api(method, how="json"|"form"|"get", token=TOKEN, **params) -> (HTTP status, body)."""
    async with aiohttp.ClientSession() as session:

        async def call(
            method: str, how: str = "json", token: str = TOKEN, **params: Any
        ) -> tuple[int, dict]:
            url = f"{server.bot_api_url}{token}/{method}"
            if how == "get":
                request = session.get(url, params=params)
            elif how == "form":
                request = session.post(url, data=params)
            else:
                request = session.post(url, json=params)
            async with request as resp:
                return resp.status, await resp.json()

        yield call


@pytest.fixture
async def ann(sb: SandboxClient) -> SandboxUser:
    return await sb.create_user(first_name="Ann", last_name="Lee", username="ann")


def _image(width: int = 1000, height: int = 600, fmt: str = "PNG") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buf, format=fmt)
    return buf.getvalue()


@pytest.fixture
def make_image() -> Callable[..., bytes]:
    """make_image(width, height, fmt) -> encoded image bytes."""
    return _image
