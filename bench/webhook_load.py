"""Webhook load: updates posted to bot workers on loopback; throughput and reply latency.

For each setup (SQLite or PostgreSQL, one or two `loyalty-bot webhook` processes behind the
round-robin proxy of tests/e2e/workers.py), users send /cards as fast as the bot answers, one
update in flight per user: the time from the POST to the bot's reply reaching the sandbox.

    .venv/bin/python bench/webhook_load.py [--users 20] [--updates 15] [--setups sqlite:1,pg:2]

Prints a line per setup, then as its last line one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import asyncpg
from sqlalchemy.engine import make_url

from bot.webhook import SECRET_HEADER
from sandbox.server import SandboxServer
from storage.migrate import upgrade

# The worker and proxy helpers live with the tests, which are not installed: run from the tree.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.workers import (
    RoundRobinProxy,
    free_port,
    start_worker,
    stop_worker,
    wait_healthy,
)

TOKEN = "778:WEBHOOK-BENCH"
HOOK_SECRET = "bench-secret"
PG_URL = os.environ.get("LOYALTY_TEST_POSTGRES_URL") or (
    "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)


class Replies:
    """Wakes the user waiting on a chat when the bot's message to it reaches the sandbox."""

    def __init__(self, server: SandboxServer) -> None:
        self.events: dict[int, asyncio.Event] = {}
        store = server.store
        original = store.add_message

        def add_message(chat, sender, fields, from_bot):
            record = original(chat, sender, fields, from_bot)
            if from_bot and chat.data["id"] in self.events:
                self.events[chat.data["id"]].set()
            return record

        store.add_message = add_message


@asynccontextmanager
async def database(kind: str, folder: Path):
    if kind == "sqlite":
        url = f"sqlite:///{folder / 'bench.db'}"
        await asyncio.to_thread(upgrade, url)
        yield url
        return
    name = f"loyalty_bench_{uuid.uuid4().hex[:8]}"
    dsn = make_url(PG_URL).set(drivername="postgresql").render_as_string(hide_password=False)
    conn = await asyncpg.connect(dsn, timeout=3)
    await conn.execute(f'CREATE DATABASE "{name}"')
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    try:
        await asyncio.to_thread(upgrade, url)
        yield url
    finally:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()


@asynccontextmanager
async def workers(server: SandboxServer, url: str, count: int, folder: Path):
    ports = [free_port() for _ in range(count)]
    proxy = RoundRobinProxy([f"http://127.0.0.1:{port}/telegram/webhook" for port in ports])
    await proxy.start()
    env = {
        "LOYALTY_BOT_TOKEN": TOKEN, "LOYALTY_API_BASE_URL": server.bot_api_url,
        "LOYALTY_FILE_BASE_URL": server.file_url, "LOYALTY_DATABASE_URL": url,
        "LOYALTY_DATA_DIR": str(folder), "LOYALTY_SECRET_KEY": "bench-key-0123456789abcdef",
        "LOYALTY_WEBHOOK_URL": proxy.url, "LOYALTY_WEBHOOK_SECRET": HOOK_SECRET,
        "LOYALTY_SCHEDULER_ENABLED": "false", "LOYALTY_LOG_LEVEL": "WARNING",
    }  # fmt: skip
    logs = [folder / f"worker{i}.log" for i in range(count)]
    procs = [start_worker(env, port, folder, log) for port, log in zip(ports, logs, strict=True)]
    try:
        for port, proc, log in zip(ports, procs, logs, strict=True):
            await wait_healthy(port, proc, log)
        yield proxy
    finally:
        for proc in procs:
            await asyncio.to_thread(stop_worker, proc)
        await proxy.stop()


def update(update_id: int, user: dict, text: str) -> bytes:
    chat = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
    message = {"message_id": update_id, "date": int(time.time()), "chat": chat, "from": user}
    return json.dumps({"update_id": update_id, "message": message | {"text": text}}).encode()


async def drive(proxy, replies: Replies, users: list[dict], per_user: int) -> list[float]:
    """Each user posts, waits for the reply, and posts again; returns every latency."""
    latencies: list[float] = []
    ids = iter(range(1, 10**9))
    headers = {SECRET_HEADER: HOOK_SECRET, "Content-Type": "application/json"}
    async with aiohttp.ClientSession() as http:

        async def user_loop(user: dict, texts: list[str]) -> None:
            event = replies.events.setdefault(user["id"], asyncio.Event())
            for text in texts:
                event.clear()
                start = time.perf_counter()
                body = update(next(ids), user, text)
                async with http.post(proxy.url, data=body, headers=headers) as resp:
                    assert resp.status == 200, resp.status
                await asyncio.wait_for(event.wait(), 30)
                latencies.append(time.perf_counter() - start)

        await asyncio.gather(*(user_loop(u, ["/start"]) for u in users))  # registration
        latencies.clear()
        await asyncio.gather(*(user_loop(u, ["/cards"] * per_user) for u in users))
    return latencies


async def run_setup(kind: str, count: int, n_users: int, per_user: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        server = SandboxServer(token=TOKEN, rate_limits=None)
        await server.start(host="127.0.0.1", port=0)
        replies = Replies(server)
        users = [server.store.add_user(f"U{i}", username=f"u{i}") for i in range(n_users)]
        users = [u.data for u in users]
        try:
            async with database(kind, folder) as url, workers(server, url, count, folder) as px:
                start = time.perf_counter()
                latencies = await drive(px, replies, users, per_user)
                elapsed = time.perf_counter() - start
        finally:
            await server.stop()
    latencies.sort()
    return {
        "setup": f"{kind}:{count}",
        "updates": len(latencies),
        "updates_per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000, 1),
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--updates", type=int, default=15, help="timed updates per user")
    parser.add_argument("--setups", default="sqlite:1,sqlite:2,pg:1,pg:2")
    args = parser.parse_args()
    results = []
    for setup in args.setups.split(","):
        kind, count = setup.split(":")
        kind = "postgresql" if kind.startswith("pg") else kind
        try:
            result = await run_setup(kind, int(count), args.users, args.updates)
        except (OSError, asyncpg.PostgresError) as error:
            result = {"setup": f"{kind}:{count}", "skipped": f"{type(error).__name__}: {error}"}
        results.append(result)
        print(" ".join(f"{k}={v}" for k, v in result.items()), flush=True)
    print(json.dumps({"bench": "webhook_load", "users": args.users, "results": results}))


if __name__ == "__main__":
    asyncio.run(main())
