"""Live updates across workers: a scan committed by one worker reaches a page open on another
(PostgreSQL's LISTEN/NOTIFY), and a page that reconnects is told what it missed."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from telegram.ext import Application

from bot.app import build_application, start_application, stop_application
from bot.qr_reader import read_qr_texts
from bot.webapp.live import HUB_KEY
from bot.webapp.server import LocalServer
from sandbox.client import SandboxClient
from sandbox.server import SandboxServer
from tests.e2e.conftest import TOKEN, Harness, e2e_settings
from tests.e2e.helpers import customer, open_shop, qr_photo
from tests.waiting import eventually

BACKENDS = ("sqlite", "postgresql")


class Worker:
    def __init__(self, app: Application, server: LocalServer) -> None:
        self.app, self.server = app, server

    @property
    def url(self) -> str:
        return self.server.url


@pytest.fixture
async def two_workers(tmp_path: Path, e2e_db_url: str, backend: str) -> AsyncIterator[Any]:
    """Two bots on one database, each serving the Mini App (on SQLite: one, seen twice)."""
    sandbox = SandboxServer(token=TOKEN, rate_limits=None)
    await sandbox.start(host="127.0.0.1", port=0)
    settings = e2e_settings(tmp_path, sandbox, e2e_db_url, webapp_port=0)
    polling = await _worker(settings, polling=True)
    other = await _worker(settings, polling=False) if backend == "postgresql" else polling
    try:
        if "live_listener" in polling.app.bot_data:
            for worker in (polling, other):
                await asyncio.wait_for(worker.app.bot_data["live_listener"].listening.wait(), 10)
        async with SandboxClient(sandbox.url) as sb:
            yield Harness(sandbox, sb, polling.app, e2e_db_url), polling, other
    finally:
        for worker in {id(polling): polling, id(other): other}.values():
            await worker.server.stop()
            await stop_application(worker.app)
        await sandbox.stop()


async def _worker(settings: Any, *, polling: bool) -> Worker:
    app = build_application(settings)
    await start_application(app, polling=polling)
    server = LocalServer(app, settings)
    await server.start()
    return Worker(app, server)


async def _token(http: aiohttp.ClientSession, harness: Harness, worker: Worker, user: Any) -> str:
    path = f"{harness.server.url}/sandbox/users/{user.id}/webapp"
    async with http.post(path, json={"url": worker.url}) as response:
        data = (await response.json())["init_data"]
    async with http.post(f"{worker.url}api/session", json={"init_data": data}) as response:
        assert response.status == 200
        return str((await response.json())["token"])


async def _next_event(stream: aiohttp.ClientResponse) -> str:
    """The id of the next `changed` event on the stream."""
    event_id = ""
    while True:
        line = (await stream.content.readline()).decode().rstrip("\n")
        if line.startswith("id: "):
            event_id = line[4:]
        if line == "event: changed":
            return event_id


async def test_a_scan_on_one_worker_reaches_a_wallet_open_on_another(two_workers) -> None:
    harness, wallet_worker, scan_worker = two_workers
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)
    ann = await customer(harness, "Ann", shop)
    [qr_text] = read_qr_texts(await qr_photo(ann))
    async with aiohttp.ClientSession() as http:
        ann_token = await _token(http, harness, wallet_worker, ann)
        olga_token = await _token(http, harness, scan_worker, olga)
        events = f"{wallet_worker.url}api/events?token={ann_token}"
        async with http.get(events) as stream:
            await stream.content.readline()  # retry: connected
            started = time.monotonic()
            async with http.post(
                f"{scan_worker.url}api/staff/{shop.business.id}/scan",
                json={"text": qr_text, "key": "first-scan-1"},
                headers={"Authorization": f"Bearer {olga_token}"},
            ) as response:
                assert response.status == 200, await response.text()
            seen = await asyncio.wait_for(_next_event(stream), 1.0)
            assert time.monotonic() - started < 1.0

        # Away for a while: a change meanwhile, then the page comes back with the id it saw.
        async with http.post(
            f"{scan_worker.url}api/staff/{shop.business.id}/award",
            json={"card_id": await _card_id(http, wallet_worker, ann_token), "points": 3,
                  "key": "plus-three-1"},
            headers={"Authorization": f"Bearer {olga_token}"},
        ) as response:  # fmt: skip
            assert response.status == 200, await response.text()

        hub = wallet_worker.app.bot_data[HUB_KEY]
        await eventually(lambda: hub.missed([f"c{ann.id}"], seen), 5.0, "the change noticed")
        async with http.get(f"{events}&last={seen}") as again:
            await again.content.readline()
            assert await asyncio.wait_for(_next_event(again), 0.5) != seen  # told at once
        async with http.get(
            f"{wallet_worker.url}api/wallet", headers={"Authorization": f"Bearer {ann_token}"}
        ) as response:
            [card] = (await response.json())["cards"]
        assert card["balance"] == 13


async def _card_id(http: aiohttp.ClientSession, worker: Worker, token: str) -> int:
    headers = {"Authorization": f"Bearer {token}"}
    async with http.get(f"{worker.url}api/wallet", headers=headers) as response:
        return int((await response.json())["cards"][0]["id"])
