"""Webhook load: updates posted to bot workers on loopback; throughput and reply latency.

For each setup (SQLite or PostgreSQL, one or two `loyalty-bot webhook` processes behind the
round-robin proxy of tests/e2e/workers.py), users send /cards as fast as the bot answers, one
update in flight per user: the time from the POST to the bot's reply reaching the sandbox.

Then the inbox burst: `--burst` updates posted without waiting for replies (`--concurrency` in
flight, the users' chats in turn, so each chat's updates queue behind each other across
workers): updates accepted per second (answered 200, each committed to the inbox first), and
the time from each 200 to its inbox row marked done (handled), p50/p99, read from the rows.

    .venv/bin/python bench/webhook_load.py [--users 20] [--updates 15] [--setups sqlite:1,pg:2]
        [--burst 600] [--concurrency 16]

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
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from bot.webhook import SECRET_HEADER
from sandbox.server import SandboxServer
from storage.engine import make_engine
from storage.migrate import upgrade
from storage.tables import InboxRow

# The worker and proxy helpers live with the tests, which are not installed: run from the tree.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.workers import RoundRobinProxy, free_port, running_workers
from tests.waiting import eventually

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
async def workers(
    server: SandboxServer, url: str, count: int, folder: Path, extra: dict[str, str]
):
    ports = [free_port() for _ in range(count)]
    proxy = RoundRobinProxy([f"http://127.0.0.1:{port}/telegram/webhook" for port in ports])
    await proxy.start()
    env = {
        "LOYALTY_BOT_TOKEN": TOKEN, "LOYALTY_API_BASE_URL": server.bot_api_url,
        "LOYALTY_FILE_BASE_URL": server.file_url, "LOYALTY_DATABASE_URL": url,
        "LOYALTY_DATA_DIR": str(folder), "LOYALTY_SECRET_KEY": "bench-key-0123456789abcdef",
        "LOYALTY_WEBHOOK_URL": proxy.url, "LOYALTY_WEBHOOK_SECRET": HOOK_SECRET,
        "LOYALTY_SCHEDULER_ENABLED": "false", "LOYALTY_LOG_LEVEL": "WARNING",
    } | extra  # fmt: skip
    try:
        async with running_workers(env, ports, folder):
            yield proxy
    finally:
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


async def burst(
    proxy, url: str, users: list[dict], total: int, concurrency: int, first_id: int
) -> dict:
    """Post `total` updates at once (no waiting for replies); accept rate and 200→done times."""
    headers = {SECRET_HEADER: HOOK_SECRET, "Content-Type": "application/json"}
    answered: dict[int, float] = {}  # update_id: wall-clock time of its 200
    ids = iter(range(first_id, first_id + total))
    async with aiohttp.ClientSession() as http:

        async def poster() -> None:
            for update_id in ids:
                body = update(update_id, users[update_id % len(users)], "/cards")
                async with http.post(proxy.url, data=body, headers=headers) as resp:
                    assert resp.status == 200, resp.status
                answered[update_id] = time.time()

        start, started_at = time.perf_counter(), time.time()
        await asyncio.gather(*(poster() for _ in range(concurrency)))
        accepting = time.perf_counter() - start
    engine = make_engine(url)
    try:
        pending = "SELECT count(*) FROM webhook_inbox WHERE done_at IS NULL"
        # Other processes' work: only the table can tell.
        await eventually(lambda: _zero(engine, pending), timeout=600, what="the burst handled")
        async with engine.connect() as conn:
            rows = await conn.execute(
                select(InboxRow.update_id, InboxRow.done_at).where(InboxRow.update_id >= first_id)
            )
            done = {update_id: at.timestamp() for update_id, at in rows}
    finally:
        await engine.dispose()
    waits = sorted(done[u] - at for u, at in answered.items())
    handling = max(done.values()) - started_at
    return {
        "burst": total,
        "accepted_per_second": round(total / accepting, 1),
        "handled_per_second": round(total / handling, 1),
        "ok_to_done_p50_ms": round(statistics.median(waits) * 1000, 1),
        "ok_to_done_p99_ms": round(_p99(waits) * 1000, 1),
    }


async def _zero(engine, sql: str) -> bool:
    async with engine.connect() as conn:
        return (await conn.execute(text(sql))).scalar_one() == 0


def _p99(ordered: list[float]) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


# --no-limits: the workers' own rate limit out of the way (the sandbox has none), so the
# figures are the inbox's and the handlers', not Telegram's 30/s overall and 1/s per chat.
NO_LIMITS = {
    "LOYALTY_SEND_PER_SECOND": "100000", "LOYALTY_SEND_CHAT_INTERVAL": "0.00001",
    "LOYALTY_SEND_CHAT_BURST": "100000",
}  # fmt: skip


async def run_setup(
    kind: str, count: int, n_users: int, per_user: int, n_burst: int = 0, concurrency: int = 16,
    limits: bool = True,
) -> dict:  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        server = SandboxServer(token=TOKEN, rate_limits=None)
        await server.start(host="127.0.0.1", port=0)
        replies = Replies(server)
        users = [server.store.add_user(f"U{i}", username=f"u{i}") for i in range(n_users)]
        users = [u.data for u in users]
        try:
            async with (
                database(kind, folder) as url,
                workers(server, url, count, folder, {} if limits else NO_LIMITS) as px,
            ):
                start = time.perf_counter()
                latencies = await drive(px, replies, users, per_user)
                elapsed = time.perf_counter() - start
                inbox = await burst(px, url, users, n_burst, concurrency, 10**6) if n_burst else {}
        finally:
            await server.stop()
    latencies.sort()
    return {
        "setup": f"{kind}:{count}",
        "updates": len(latencies),
        "updates_per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(_p99(latencies) * 1000, 1),
    } | inbox


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--updates", type=int, default=15, help="timed updates per user")
    parser.add_argument("--setups", default="sqlite:1,sqlite:2,pg:1,pg:2")
    parser.add_argument("--burst", type=int, default=600, help="inbox burst size (0: none)")
    parser.add_argument("--concurrency", type=int, default=16, help="burst posts in flight")
    parser.add_argument("--no-limits", action="store_true", help="workers' rate limit off")
    args = parser.parse_args()
    results = []
    for setup in args.setups.split(","):
        kind, count = setup.split(":")
        kind = "postgresql" if kind.startswith("pg") else kind
        try:
            result = await run_setup(
                kind, int(count), args.users, args.updates, args.burst, args.concurrency,
                limits=not args.no_limits,
            )  # fmt: skip
        except (OSError, asyncpg.PostgresError) as error:
            result = {"setup": f"{kind}:{count}", "skipped": f"{type(error).__name__}: {error}"}
        results.append(result)
        print(" ".join(f"{k}={v}" for k, v in result.items()), flush=True)
    load = os.getloadavg()[0]
    print(
        json.dumps(
            {"bench": "webhook_load", "users": args.users, "load_1min": load, "results": results}
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
