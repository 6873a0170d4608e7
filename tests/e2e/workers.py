"""Bot workers as subprocesses in webhook mode, behind a tiny round-robin proxy (tests, bench).

The sandbox, like Telegram, posts to one webhook URL; the proxy hands each update to the next
worker in turn, as a load balancer would.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
from aiohttp import web

from bot.webhook import SECRET_HEADER

HOOK_PATH = "/telegram/webhook"


class RoundRobinProxy:
    def __init__(self, targets: list[str]) -> None:
        self.targets = targets
        self._next = itertools.cycle(range(len(targets)))
        self.forwarded = [0] * len(targets)
        self.answered: list[list[int]] = [[] for _ in targets]  # update_ids each answered 200
        self._runner: web.AppRunner | None = None
        self._http: aiohttp.ClientSession | None = None
        self.url = ""

    async def start(self) -> None:
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        app = web.Application(client_max_size=4 * 1024 * 1024)
        app.router.add_post(HOOK_PATH, self._forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}{HOOK_PATH}"

    async def _forward(self, request: web.Request) -> web.Response:
        index = next(self._next)
        self.forwarded[index] += 1
        headers = {SECRET_HEADER: request.headers.get(SECRET_HEADER, "")}
        headers["Content-Type"] = request.headers.get("Content-Type", "application/json")
        assert self._http is not None
        body = await request.read()
        async with self._http.post(self.targets[index], data=body, headers=headers) as resp:
            answer = web.Response(status=resp.status, body=await resp.read())
        if answer.status == 200:
            self.answered[index].append(json.loads(body)["update_id"])
        return answer

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._http is not None:
            await self._http.close()


_ports = itertools.count(20000 + (os.getpid() * 37) % 8000)


def free_port() -> int:
    """A port a worker process can bind a moment later.

    Taken below the kernel's ephemeral range (32768 and up): a port the kernel handed out as
    free could meanwhile become the local end of one of this process's outgoing connections.
    """
    for port in _ports:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


def start_worker(env: dict[str, str], port: int, folder: Path, log: Path) -> subprocess.Popen:
    """`python -m bot webhook` with LOYALTY_* from env, listening on 127.0.0.1:port."""
    full = {k: v for k, v in os.environ.items() if not k.startswith("LOYALTY_")}
    full.update(env, LOYALTY_WEBHOOK_LISTEN="127.0.0.1", LOYALTY_WEBHOOK_PORT=str(port))
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", "webhook"], cwd=folder, env=full, stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip


async def wait_healthy(port: int, process: subprocess.Popen, log: Path, timeout: float = 60):
    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession() as http:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"worker exited: {_tail(log)}")
            try:
                async with http.get(f"http://127.0.0.1:{port}/healthz") as resp:
                    if resp.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)  # another process: only polling its /healthz can tell
    raise TimeoutError(f"worker on {port} not healthy: {_tail(log)}")


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:]


def stop_worker(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.asynccontextmanager
async def running_workers(
    env: dict[str, str], ports: list[int], folder: Path
) -> AsyncIterator[list[subprocess.Popen]]:
    """Worker processes on these ports, each healthy before this yields, each stopped after."""
    logs = [folder / f"worker{i}.log" for i in range(len(ports))]
    workers = [start_worker(env, port, folder, log) for port, log in zip(ports, logs, strict=True)]
    try:
        for port, worker, log in zip(ports, workers, logs, strict=True):
            await wait_healthy(port, worker, log)
        yield workers
    finally:
        for worker in workers:
            await asyncio.to_thread(stop_worker, worker)
