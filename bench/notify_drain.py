"""Outbox drain: a backlog of notifications through the sandbox enforcing Telegram's real limits.

Runs the sandbox (30 messages/s overall, 1/s per chat, 429 beyond) and the bot's dispatcher
(SQLite file, migrations, default Settings limits) in this process. First the idle latency: single
notifications committed one at a time, timed from commit to Telegram's answer. Then the drain:
a backlog of --n notifications to --customers customers, committed at once, in random order.

    .venv/bin/python bench/notify_drain.py [--n 3000] [--customers 1000] [--samples 100]

3,000 at 30/s is about 100 s. Prints a table, then as its last line one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import sqlite3
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

from bot.app import build_application, start_application, stop_application
from bot.settings import Settings
from domain.commands import CreateProgram, RegisterBusiness
from domain.enrollment import activate
from domain.events import NewsBroadcast
from domain.models import Category, Customer, Notification, TelegramUser
from domain.people import register_business
from domain.programs import create_program
from sandbox.client import SandboxClient, SandboxUser
from sandbox.limits import RateLimits
from sandbox.server import SandboxServer
from storage.migrate import upgrade

TOKEN = "778:BENCH"
LIMIT = 30.0  # Telegram's (and the sandbox's) messages per second overall


async def build_customers(
    app, sb: SandboxClient, count: int
) -> list[tuple[SandboxUser, Customer]]:
    services = app.bot_data["services"]
    owner = await sb.create_user(first_name="Owner", username="owner")
    async with services.uow() as uow:
        await uow.users.upsert(TelegramUser(owner.id, owner.chat_id, "Owner"))
        await uow.commit()
    business = await register_business(services.uow(), RegisterBusiness(owner.id, "Bench Café"))
    program = await create_program(
        services.uow(), CreateProgram(business.id, owner.id, "Club", reward_threshold=10**6)
    )
    users = await asyncio.gather(
        *(sb.create_user(f"c{i}", username=f"c{i}") for i in range(count))
    )
    pairs = []
    async with services.uow() as uow:
        for user in users:
            await uow.users.upsert(TelegramUser(user.id, user.chat_id, user.first_name))
            customer = await uow.customers.add(
                Customer(user.id, f"p{user.id}", f"M{user.id}", user.first_name, uow.now())
            )
            await activate(uow, program, customer, invited_by=None)
            pairs.append((user, customer))
        await uow.commit()
    return pairs


class Sends:
    """When each tagged notification was accepted by Telegram, fed by the dispatcher's hook."""

    def __init__(self) -> None:
        self.at: dict[str, float] = {}
        self.changed = asyncio.Event()

    def record(self, note: Notification, at: float) -> None:
        self.at[note.params.get("text", "")] = at
        self.changed.set()

    async def until(self, done, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not done() and time.monotonic() < deadline:
            self.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), deadline - time.monotonic())


async def idle_latency(app, pairs, samples: int, sends: Sends) -> list[float]:
    """Commit one notification at a time to a fresh chat; milliseconds from commit to send."""
    services = app.bot_data["services"]
    latencies = []
    for i, (_, customer) in enumerate(pairs[:samples]):
        tag = f"idle-{i}"
        async with services.uow() as uow:
            uow.record(NewsBroadcast(customer, f"idle-{i}", "Bench Café", tag))
            await uow.commit()
            committed = time.monotonic()
        await sends.until(lambda tag=tag: tag in sends.at, timeout=5)
        latencies.append((sends.at[tag] - committed) * 1000)
        await asyncio.sleep(0.1)  # idle between samples, and well inside 30/s
    return latencies


async def queue_backlog(app, pairs, n: int) -> tuple[list[str], float]:
    """Commit n notifications at once, to customers in random order: their tags, commit time."""
    rng = random.Random(7)
    targets = [pairs[i % len(pairs)][1] for i in range(n)]
    rng.shuffle(targets)
    tags = []
    async with app.bot_data["services"].uow() as uow:
        for k, customer in enumerate(targets):
            tag = f"backlog-{k}"
            await uow.notifications.add(
                Notification(
                    chat_id=customer.telegram_id, category=Category.BUSINESS_NEWS,
                    key="business_news", created_at=uow.now(), customer_id=customer.id,
                    params={"business": "Bench Café", "text": tag}, next_attempt_at=uow.now(),
                )
            )  # fmt: skip
            tags.append(tag)
        await uow.commit()
        return tags, time.monotonic()


async def delivered(sb: SandboxClient, pairs) -> Counter[str]:
    """Every backlog tag the chats show, with how many times each arrived."""
    seen: Counter[str] = Counter()
    for start in range(0, len(pairs), 50):
        transcripts = await asyncio.gather(*(u.transcript() for u, _ in pairs[start : start + 50]))
        for messages in transcripts:
            seen.update(m.content.rsplit(" ", 1)[-1] for m in messages if "backlog-" in m.content)
    return seen


async def bench(args: argparse.Namespace) -> dict:
    server = SandboxServer(token=TOKEN, rate_limits=RateLimits())  # Telegram's real limits
    await server.start(host="127.0.0.1", port=0)
    tmp = Path(tempfile.mkdtemp(prefix="notify-drain-"))
    db_url = f"sqlite:///{tmp / 'bench.db'}"
    await asyncio.to_thread(upgrade, db_url)
    settings = Settings(
        _env_file=None, bot_token=TOKEN, data_dir=tmp, database_url=db_url,
        secret_key="bench-secret-key-0123456789", api_base_url=server.bot_api_url,
        file_base_url=server.file_url, scheduler_enabled=False,
    )  # fmt: skip
    app = build_application(settings)
    dispatcher = app.bot_data["services"].dispatcher
    sends = Sends()
    dispatcher.on_sent = sends.record
    await start_application(app, polling=False)
    try:
        async with SandboxClient(server.url) as sb:
            pairs = await build_customers(app, sb, args.customers)
            # The bulk setup leaves a large WAL that every following commit would try to fold
            # back; a bot that has been idle has long had it checkpointed.
            await asyncio.to_thread(_checkpoint, tmp / "bench.db")
            latencies = await idle_latency(app, pairs, args.samples, sends)
            await asyncio.sleep(1.5)  # per-chat spacing of the samples runs out
            await sb.reset_stats()
            tags, started = await queue_backlog(app, pairs, args.n)
            timeout = args.n / LIMIT * 3 + 30
            await sends.until(lambda: all(t in sends.at for t in tags), timeout)
            sent_at = sends.at
            finished = max((sent_at[t] for t in tags if t in sent_at), default=time.monotonic())
            stats = await sb.stats()
            seen = await delivered(sb, pairs)
    finally:
        await stop_application(app)
        await server.stop()
    rate = len([t for t in tags if t in sent_at]) / (finished - started)
    latencies.sort()
    return {
        "n": args.n,
        "customers": args.customers,
        "messages_per_second": round(rate, 2),
        "limit_per_second": LIMIT,
        "share_of_limit": round(rate / LIMIT, 3),
        "http_429": stats["rate_limited"] + int(stats["errors"].get("429", 0)),
        "lost": sum(1 for t in tags if seen[t] == 0),
        "duplicated": sum(c - 1 for c in seen.values() if c > 1),
        "drain_seconds": round(finished - started, 1),
        "idle_samples": len(latencies),
        "idle_p50_ms": round(statistics.median(latencies), 2),
        "idle_p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], 2),
    }


def _checkpoint(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000, help="notifications in the backlog")
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--samples", type=int, default=100, help="idle commit-to-send samples")
    args = parser.parse_args()
    args.customers = min(args.customers, args.n)
    args.samples = min(args.samples, args.customers)
    result = asyncio.run(bench(args))
    print(f"backlog       {result['n']} notifications to {result['customers']} customers")
    print(f"drain         {result['drain_seconds']} s")
    print(
        f"throughput    {result['messages_per_second']} msg/s "
        f"({result['share_of_limit']:.1%} of {LIMIT:.0f}/s)"
    )
    print(f"429 answers   {result['http_429']}")
    print(f"lost / dup    {result['lost']} / {result['duplicated']}")
    print(f"idle p50/p99  {result['idle_p50_ms']} / {result['idle_p99_ms']} ms commit to send")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
