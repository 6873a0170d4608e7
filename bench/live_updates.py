"""Live updates: many open wallets on one worker while staff scan; commit to page, memory, stalls.

The bot (sandbox, Application, the Mini App's server) runs in this process on a fresh SQLite
file (or PostgreSQL with --database-url); the open pages run in a second process, so the
worker's event loop carries only the server's work. Each page holds the wallet's event stream
(GET /app/api/events, as the page's EventSource does) and, when told `changed`, reads
/app/api/wallet again, as the page does. Staff scan distinct customers at --rate a second
through the scan use case; for each scan:

  commit→event  the scan's transaction returned → its customer's stream says `changed`
  commit→page   … → that page has read its new balance (what the customer sees)

Also: the worker's memory per open stream (RSS with the pages open minus before, over their
number) and the longest event-loop stall while it all runs (a 5 ms ticker's worst lateness).

    .venv/bin/python bench/live_updates.py [--pages 1000] [--rate 10] [--seconds 20]
        [--database-url URL]

Prints the figures, then as its last line one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import secrets
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.app import build_application, start_application, stop_application
from bot.settings import Settings
from bot.webapp.server import LocalServer
from bot.webapp.session import Session, SessionSigner
from domain.commands import CreateProgram, RegisterBusiness, ScanCustomer
from domain.enrollment import activate
from domain.models import Customer, TelegramUser
from domain.people import register_business
from domain.programs import create_program
from domain.scanning import scan_customer
from domain.tokens import PUBLIC_ID_BYTES
from sandbox.server import SandboxServer
from storage.migrate import upgrade

TOKEN = "778:BENCH-LIVE"
TICK = 0.005


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


class StallMeter:
    """The event loop's worst lateness: a ticker that should wake every TICK seconds.

    `worst` is wall-clock lateness, which on a shared machine includes time the process was
    not scheduled at all; `worst_busy` is the CPU time the loop's thread spent within the
    latest tick, i.e. the longest the loop was held by work of its own."""

    def __init__(self) -> None:
        self.worst = 0.0
        self.worst_busy = 0.0
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            before, cpu = time.perf_counter(), time.thread_time()
            await asyncio.sleep(TICK)
            self.worst = max(self.worst, time.perf_counter() - before - TICK)
            self.worst_busy = max(self.worst_busy, time.thread_time() - cpu)

    def stop(self) -> None:
        if self._task:
            self._task.cancel()


# --- the pages (their own process) ------------------------------------------------------------


def pages_process(url: str, pages: list[tuple[int, str]], conn: Any) -> None:
    asyncio.run(_pages(url, pages, conn))


async def _pages(url: str, pages: list[tuple[int, str]], conn: Any) -> None:
    import aiohttp

    seen: dict[int, tuple[float, float]] = {}
    connected = 0
    all_connected = asyncio.Event()

    async def page(http: aiohttp.ClientSession, telegram_id: int, token: str) -> None:
        nonlocal connected
        headers = {"Authorization": f"Bearer {token}"}
        async with http.get(f"{url}api/events?token={token}") as stream:
            await stream.content.readline()
            connected += 1
            if connected == len(pages):
                all_connected.set()
            async for raw in stream.content:
                if raw.rstrip(b"\n") != b"event: changed" or telegram_id in seen:
                    continue
                event_at = time.time()
                async with http.get(f"{url}api/wallet", headers=headers) as response:
                    wallet = await response.json()
                if wallet["cards"] and wallet["cards"][0]["balance"] > 0:
                    seen[telegram_id] = (event_at, time.time())

    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=None, sock_read=None)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        tasks = []
        for start in range(0, len(pages), 100):  # a hundred at a time, as a crowd arrives
            tasks += [
                asyncio.create_task(page(http, tid, tok))
                for tid, tok in pages[start : start + 100]
            ]
            await asyncio.sleep(0.05)
        await asyncio.wait_for(all_connected.wait(), 60)
        conn.send("ready")
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, conn.recv)  # "report"
        conn.send(seen)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


# --- the worker -------------------------------------------------------------------------------


async def main(args: argparse.Namespace) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="live-bench-"))
    url = args.database_url or f"sqlite:///{folder / 'bot.db'}"
    await asyncio.to_thread(upgrade, url)
    sandbox = SandboxServer(token=TOKEN, rate_limits=None)
    await sandbox.start()
    settings = Settings(
        _env_file=None, bot_token=TOKEN, data_dir=folder, database_url=url,
        secret_key="bench-secret-0123456789abcdef", api_base_url=sandbox.bot_api_url,
        file_base_url=sandbox.file_url, webapp_port=0, scheduler_enabled=False,
        send_per_second=1000.0, send_chat_interval=0.0, scan_cooldown_seconds=0,
    )  # fmt: skip
    app = build_application(settings)
    await start_application(app)
    server = LocalServer(app, settings)
    await server.start()
    services = app.bot_data["services"]
    try:
        return await _run(args, sandbox, services, server, settings)
    finally:
        await server.stop()
        await stop_application(app)
        await sandbox.stop()


async def _run(args: argparse.Namespace, sandbox: SandboxServer, services: Any, server: Any,
               settings: Settings) -> dict[str, Any]:  # fmt: skip
    owner = sandbox.store.add_user("Olga", username="olga")
    async with services.uow() as uow:
        await uow.users.upsert(TelegramUser(owner.id, owner.id, "Olga"))
        await uow.commit()
    business = await register_business(services.uow(), RegisterBusiness(owner.id, "Bench Café"))
    program = await create_program(
        services.uow(),
        CreateProgram(business.id, owner.id, "Club", points_per_scan=1, reward_threshold=10),
    )
    people = [sandbox.store.add_user(f"c{i}", username=f"c{i}") for i in range(args.pages)]
    public = {person.id: secrets.token_hex(PUBLIC_ID_BYTES) for person in people}
    async with services.uow() as uow:
        for person in people:
            await uow.users.upsert(TelegramUser(person.id, person.id, person.data["first_name"]))
            customer = await uow.customers.add(
                Customer(person.id, public[person.id], f"M{person.id}", f"c{person.id}", uow.now())
            )
            await activate(uow, program, customer, invited_by=None)
        await uow.commit()
    signer = SessionSigner(settings.qr_secret())
    expires = int(time.time()) + 3600
    pages = [(p.id, signer.issue(Session(p.id, "en", expires, int(time.time())))) for p in people]

    before = rss_kib()
    here, there = multiprocessing.get_context("spawn").Pipe()
    process = multiprocessing.get_context("spawn").Process(
        target=pages_process, args=(server.url, pages, there), daemon=True
    )
    process.start()
    loop = asyncio.get_running_loop()
    assert await loop.run_in_executor(None, here.recv) == "ready"
    await asyncio.sleep(0.5)
    with_pages = rss_kib()
    print(f"{args.pages} wallet streams open; worker RSS {before} → {with_pages} KiB", flush=True)

    async def scan(n: int, person: Any) -> None:
        token = services.signer.sign(public[person.id], 1, None)
        cmd = ScanCustomer(
            business_id=business.id, staff_telegram_id=owner.id, idempotency_key=f"bench:{n}",
            token=token, cooldown=timedelta(0),
        )  # fmt: skip
        result = await scan_customer(services.uow(), cmd, services.signer)
        assert result.outcome.value == "awarded", result.outcome

    # Warm up (the first scan, push and wallet read load catalogs and locale data), unmeasured.
    await scan(-1, people[-1])
    await asyncio.sleep(1.0)
    stalls = StallMeter()
    stalls.start()
    committed: dict[int, float] = {}
    scans = min(args.pages - 1, int(args.rate * args.seconds))
    started = time.perf_counter()
    for n in range(scans):
        await asyncio.sleep(max(0.0, started + n / args.rate - time.perf_counter()))
        person = people[n]
        await scan(n, person)
        committed[person.id] = time.time()
    await asyncio.sleep(2.0)
    stalls.stop()
    here.send("report")
    seen: dict[int, tuple[float, float]] = await loop.run_in_executor(None, here.recv)
    process.join(10)

    to_event = [(seen[t][0] - at) * 1000 for t, at in committed.items() if t in seen]
    to_page = [(seen[t][1] - at) * 1000 for t, at in committed.items() if t in seen]
    figures = {
        "bench": "live_updates",
        "database": "postgresql" if args.database_url else "sqlite",
        "pages": args.pages,
        "scans": scans,
        "rate_per_s": args.rate,
        "seen": len(to_page),
        "commit_to_event_ms": {"p50": round(statistics.median(to_event), 1),
                               "p99": round(percentile(to_event, 0.99), 1),
                               "max": round(max(to_event), 1)},
        "commit_to_page_ms": {"p50": round(statistics.median(to_page), 1),
                              "p95": round(percentile(to_page, 0.95), 1),
                              "p99": round(percentile(to_page, 0.99), 1),
                              "max": round(max(to_page), 1)},
        "kib_per_connection": round((with_pages - before) / args.pages, 1),
        "longest_loop_stall_ms": round(stalls.worst * 1000, 1),
        "longest_loop_busy_ms": round(stalls.worst_busy * 1000, 1),
        "load_average": os.getloadavg()[0],
        "cpus": os.cpu_count(),
    }  # fmt: skip
    return figures


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=10.0)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    figures = asyncio.run(main(args))
    print(f"scans {figures['scans']} at {args.rate}/s, seen by their pages: {figures['seen']}")
    print(f"commit→event ms: {figures['commit_to_event_ms']}")
    print(f"commit→page  ms: {figures['commit_to_page_ms']}")
    print(f"memory per open stream: {figures['kib_per_connection']} KiB")
    print(
        f"longest event-loop stall: {figures['longest_loop_stall_ms']} ms wall, of which the "
        f"loop's own work {figures['longest_loop_busy_ms']} ms (load average "
        f"{figures['load_average']:.1f} on {figures['cpus']} CPUs)"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    cli()
