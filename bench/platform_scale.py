"""Platform scale: a million customers, and every heavy path run while scans keep coming.

Fills a platform of `1,000,000 × scale` customers in `10,000 × scale` businesses with
`10,000,000 × scale` ledger rows (and as many scan logs), business 1 holding a tenth of the
customers and of the rows, on SQLite or PostgreSQL, with bulk INSERT ... SELECT over a series
(generate_series on PostgreSQL, a recursive CTE on SQLite): the database does the filling.
It fills at migration FILL_REVISION; the filled database is kept (SQLite: a file under
--cache; PostgreSQL: a template database) and copied for each run, and each run migrates its
copy to head, timed (`upgrade_s`): the migrations that derive tables from the data (0018's
kept hours for /stats) fill them as on a real upgrade of a platform this size. Fill and
upgrade run in child processes, so the peak RSS printed is the bot's paths' own. What they
wrote is flushed to the disk before the load starts (`CHECKPOINT` on PostgreSQL, then `sync`).

Then, in this process, as the bot runs them (use cases on the repositories, SQLite inline on
the loop's thread), scans of business 1's customers and customers' "My cards" run at a steady
rate while each heavy path runs once: /customers pages (first and deep), /stats (figures and
chart), both exports (written to files as /export does), a broadcast to business 1, each
scheduler sweep, and `loyalty-bot doctor` (in its own process, as an operator runs it: what it
costs the bot is what its reads do to the scans meanwhile). Scan and My cards latencies are
given overall and per phase. A heartbeat task records the event loop's longest stall during
each (wall clock), and the longest CPU time the loop's thread spent between two of its turns
(`hold_*`: what the bot itself held, apart from waiting for a core on a busy machine).
Outbox claims are timed after the broadcast (the outbox then holds its rows), each taking as
many rows as the dispatcher takes at once (its capacity at the shared rate limit): under the
load, and alone (`_alone`: the load held off, nothing else waiting at SQLite's gate).

    .venv/bin/python bench/platform_scale.py [--db sqlite|postgres] [--scale 1.0] [--rate 20]

Prints a table, then as its last line one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import logging
import multiprocessing
import os
import random
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import asyncpg
from sqlalchemy import event

from bot.app import freeze_startup_heap
from bot.broadcast_runner import BroadcastRunner
from bot.export_job import export_in_process
from bot.outbox import BATCH, capacity
from bot.ratelimit import SharedRateLimiter
from bot.scheduler import Scheduler
from domain.broadcasts import BroadcastNews, broadcast_news
from domain.commands import ScanCustomer
from domain.models import ScanOutcome
from domain.queries import list_business_customers, list_customer_cards
from domain.reports import business_chart, business_stats, export_business
from domain.scanning import scan_customer
from domain.tokens import TokenSigner
from storage.engine import (
    POOL_WARM,
    READ_POOL_WARM,
    make_engine,
    make_read_engine,
    make_session_factory,
    open_pool,
)
from storage.migrate import upgrade
from storage.outbox import OutboxStore
from storage.sweeps import SweepClaims
from storage.uow import SqlUnitOfWork

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # so `python bench/...` finds us
from bench.loop_stalls import Stalls
from bench.loop_watchdog import LoopWatchdog

PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
# The schema the fill's statements are written for; later migrations then run on the data.
FILL_REVISION = "0017"
DAYS = 60
OWNER_BASE, CUSTOMER_BASE = 10**6, 10**9


class Sizes:
    def __init__(self, scale: float) -> None:
        self.customers = max(int(1_000_000 * scale), 20)
        self.businesses = max(int(10_000 * scale), 2)
        self.entries = self.customers * 10  # ten per card: each customer holds one card
        self.large = self.customers // 10  # business 1's customers (and a tenth of the rows)

    def tag(self) -> str:
        return f"{self.customers}c-{self.businesses}b-{self.entries}e-r{FILL_REVISION}"


def fill_statements(
    n: Sizes, series: Callable[[int], str], at: Callable[[str], str], hexid: Callable[[str], str]
) -> list[str]:
    """The platform, as INSERT ... SELECT over a series `s(i)`: `at(expr)` is the time `expr`
    seconds after the start, `hexid(expr)` a number as 16 hex digits (a public id)."""
    big, rest = n.large, n.businesses - 1

    def business(c: str) -> str:  # customer c's: 1 for the first tenth, else spread over the rest
        return f"(CASE WHEN {c} <= {big} THEN 1 ELSE 2 + ({c} - {big} - 1) % {rest} END)"

    biz = business("i")
    span = DAYS * 86400
    return [
        "INSERT INTO telegram_users (id, telegram_id, chat_id, first_name, last_name, username,"
        f" language) SELECT i, {OWNER_BASE} + i, {OWNER_BASE} + i, 'Owner', '', '', 'en'"
        f" FROM {series(n.businesses)}",
        "INSERT INTO telegram_users (id, telegram_id, chat_id, first_name, last_name, username,"
        f" language) SELECT {n.businesses} + i, {CUSTOMER_BASE} + i, {CUSTOMER_BASE} + i,"
        f" 'Customer ' || i, '', '', 'en' FROM {series(n.customers)}",
        "INSERT INTO businesses (id, name, owner_telegram_id, staff_invite_code, created_at,"
        f" time_zone) SELECT i, 'Shop ' || i, {OWNER_BASE} + i, 'inv' || i, {at('0')}, 'UTC'"
        f" FROM {series(n.businesses)}",
        "INSERT INTO loyalty_programs (id, business_id, name, kind, points_per_scan,"
        " join_code, max_per_scan, active, created_at)"
        " SELECT i, i, 'Club', 'points', 1, 'join' || i, 100, true,"
        f" {at('0')} FROM {series(n.businesses)}",
        "INSERT INTO program_rewards (id, program_id, name, cost, position, active, created_at)"
        f" SELECT i, i, 'Coffee', 1000000, 1, true, {at('0')} FROM {series(n.businesses)}",
        "UPDATE businesses SET default_program_id = id",
        "INSERT INTO business_staff (business_id, telegram_id, role, added_at)"
        f" SELECT i, {OWNER_BASE} + i, 'owner', {at('0')} FROM {series(n.businesses)}",
        "INSERT INTO customers (id, telegram_id, public_id, manual_code, display_name,"
        f" qr_key_version, created_at) SELECT i, {CUSTOMER_BASE} + i, {hexid('i')}, 'M' || i,"
        f" 'Customer ' || i, 1, {at('0')} FROM {series(n.customers)}",
        "INSERT INTO customer_programs (customer_id, program_id, status, created_at)"
        f" SELECT i, {biz}, 'active', {at('0')} FROM {series(n.customers)}",
        "INSERT INTO loyalty_cards (id, customer_id, program_id, business_id, number, balance,"
        f" lifetime_points, created_at) SELECT i, i, {biz}, {biz}, 'N' || i, 10, 10, {at('0')}"
        f" FROM {series(n.customers)}",
        "INSERT INTO business_customers (business_id, customer_id, first_seen, last_seen,"
        f" visits, status) SELECT {biz}, i, {at('0')}, {at(f'(i * 7919) % {span}')}, 10,"
        f" 'active' FROM {series(n.customers)}",
        # Entry i goes to card (i - 1) % customers + 1: ten rounds, each card ten rows.
        "INSERT INTO point_transactions (card_id, delta, kind, idempotency_key,"
        " staff_telegram_id, reason, note, created_at)"
        f" SELECT (i - 1) % {n.customers} + 1, 1, 'award', 'fill:' || i,"
        f" {OWNER_BASE} + 1, 'scan', '', {at(f'i * {span} / {n.entries}')}"
        f" FROM {series(n.entries)}",
        "INSERT INTO qr_scan_logs (business_id, staff_telegram_id, customer_id, program_id,"
        " outcome, points, idempotency_key, created_at)"
        f" SELECT {business('c')}, {OWNER_BASE} + 1, c, {business('c')},"
        f" 'awarded', 1, 'fill:' || i, {at(f'i * {span} / {n.entries}')}"
        f" FROM (SELECT i, (i - 1) % {n.customers} + 1 AS c FROM {series(n.entries)}) AS f",
    ]


def fill_sqlite(path: Path, n: Sizes, start: datetime) -> None:
    """The platform in the SQLite file at `path`, at FILL_REVISION."""
    upgrade(f"sqlite:///{path}", FILL_REVISION)

    def series(count: int) -> str:
        return (
            f"(WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < {count})"
            " SELECT i FROM r) AS s"
        )

    def at(seconds: str) -> str:
        return f"datetime('{start:%Y-%m-%d %H:%M:%S}', '+' || ({seconds}) || ' seconds')"

    with sqlite3.connect(path, isolation_level=None) as db:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA cache_size = -200000")
        db.execute("BEGIN")
        for sql in fill_statements(n, series, at, lambda i: f"printf('%016x', {i})"):
            db.execute(sql)
        db.execute("COMMIT")
        db.execute("ANALYZE")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


async def fill_postgres(database: str, n: Sizes, start: datetime) -> None:
    """The platform in the PostgreSQL database `database`, at FILL_REVISION."""
    url = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{database}"
    upgrade(url, FILL_REVISION)

    def series(count: int) -> str:
        return f"generate_series(1::bigint, {count}) AS s(i)"

    def at(seconds: str) -> str:
        return f"(TIMESTAMPTZ '{start.isoformat()}' + ({seconds}) * INTERVAL '1 second')"

    db = await asyncpg.connect(f"{PG_SERVER}/{database}")
    try:
        async with db.transaction():
            for sql in fill_statements(n, series, at, lambda i: f"lpad(to_hex({i}), 16, '0')"):
                await db.execute(sql)
        for table in ("telegram_users", "customers", "loyalty_cards", "point_transactions",
                      "qr_scan_logs", "business_customers", "business_staff",
                      "customer_programs"):  # fmt: skip
            await db.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" (SELECT max(id) FROM {table}))"
            )
        await db.execute("VACUUM ANALYZE")
    finally:
        await db.close()


async def _settled(url: str) -> None:
    """The run's database ready for the load. On PostgreSQL: statistics for what the upgrade
    filled, as autovacuum would gather soon (`ANALYZE`), then its pages written
    (`CHECKPOINT`). On both: what preparing the run wrote (a copy of several GB, an upgrade) on
    the disk before the load starts; left to the kernel's writeback, it was written during the
    first heavy paths (one SQLite run's scans waited up to 1.2 s during the broadcast, right
    after the upgraded copy was kept)."""
    if url.startswith("postgresql"):
        db = await asyncpg.connect(url.replace("+asyncpg", ""))
        try:
            await db.execute("ANALYZE")
            await db.execute("CHECKPOINT")
        finally:
            await db.close()
    await asyncio.to_thread(os.sync)


def head_revision() -> str:
    versions = Path(__file__).resolve().parents[1] / "migrations" / "versions"
    return sorted(p.name[:4] for p in versions.glob("[0-9]*.py"))[-1]


def _upgraded_cache(args: argparse.Namespace, url: str) -> str:
    """Where the run's database is kept once migrated to head (--upgraded): a file next to
    the filled one on SQLite, a template database on PostgreSQL."""
    if args.db == "sqlite":
        name = f"platform-{Sizes(args.scale).tag()}-head{head_revision()}.db"
        return str(Path(args.cache) / name)
    return f"{_database(url).replace('platform_run_', 'platform_head_')}_{head_revision()}"


def _database(url: str) -> str:
    """A PostgreSQL URL's database name."""
    return url.rsplit("/", 1)[1]


async def from_upgraded(args: argparse.Namespace, url: str) -> bool:
    """Replace the run's database with the upgraded cache's copy, if there is one."""
    cache = _upgraded_cache(args, url)
    if args.db == "sqlite":
        if not await asyncio.to_thread(Path(cache).exists):
            return False
        await asyncio.to_thread(shutil.copyfile, cache, url.removeprefix("sqlite:///"))
        return True
    run = _database(url)
    server = await asyncpg.connect(f"{PG_SERVER}/postgres")
    try:
        if not await server.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", cache):
            return False
        await server.execute(f'DROP DATABASE "{run}"')
        await server.execute(f'CREATE DATABASE "{run}" TEMPLATE "{cache}"')
        return True
    finally:
        await server.close()


async def keep_upgraded(args: argparse.Namespace, url: str) -> None:
    cache = _upgraded_cache(args, url)
    if args.db == "sqlite":
        await asyncio.to_thread(shutil.copyfile, url.removeprefix("sqlite:///"), cache)
        return
    await _on_server(f'CREATE DATABASE "{cache}" TEMPLATE "{_database(url)}"')


async def _on_server(sql: str) -> None:
    """One statement on the server's maintenance database (CREATE and DROP DATABASE)."""
    server = await asyncpg.connect(f"{PG_SERVER}/postgres")
    try:
        await server.execute(sql)
    finally:
        await server.close()


def in_child(target: Callable[..., None], *args: Any) -> None:
    """Run in a child process: the fill's and the upgrade's memory is not the bot's."""
    child = multiprocessing.get_context("spawn").Process(target=target, args=args)
    child.start()
    child.join()
    if child.exitcode != 0:
        raise SystemExit(f"{target.__name__} failed (exit code {child.exitcode})")


def _fill(db: str, target: str, n: Sizes, start: datetime) -> None:
    if db == "sqlite":
        fill_sqlite(Path(target), n, start)
    else:
        asyncio.run(fill_postgres(target, n, start))


Cleanup = Callable[[], Awaitable[None]]


async def prepare(args: argparse.Namespace, n: Sizes, start: datetime) -> tuple[str, Cleanup]:
    """A database filled for this run (copied from the cache, filled once), and its cleanup
    (the copy removed: 3-5 GB at full size)."""
    if args.db == "sqlite":
        cache = Path(args.cache) / f"platform-{n.tag()}.db"
        if not cache.exists():
            cache.parent.mkdir(parents=True, exist_ok=True)
            print(f"filling {cache} ...", flush=True)
            began = time.perf_counter()
            partial = cache.with_suffix(".filling")
            partial.unlink(missing_ok=True)
            in_child(_fill, "sqlite", str(partial), n, start)
            partial.rename(cache)
            print(f"filled in {time.perf_counter() - began:.0f} s", flush=True)
        folder = Path(tempfile.mkdtemp(prefix="platform-scale-"))
        shutil.copyfile(cache, folder / "bench.db")
        return f"sqlite:///{folder / 'bench.db'}", lambda: asyncio.to_thread(shutil.rmtree, folder)
    tag = n.tag().replace("-", "_")
    template, run = f"platform_cache_{tag}", f"platform_run_{tag}"
    server = await asyncpg.connect(f"{PG_SERVER}/postgres")
    try:
        exists = await server.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", template)
        if not exists:
            print(f"filling {template} ...", flush=True)
            began = time.perf_counter()
            await server.execute(f'DROP DATABASE IF EXISTS "{template}_filling"')
            await server.execute(f'CREATE DATABASE "{template}_filling"')
            in_child(_fill, "postgres", f"{template}_filling", n, start)
            await server.execute(f'ALTER DATABASE "{template}_filling" RENAME TO "{template}"')
            print(f"filled in {time.perf_counter() - began:.0f} s", flush=True)
        await server.execute(f'DROP DATABASE IF EXISTS "{run}"')
        await server.execute(f'CREATE DATABASE "{run}" TEMPLATE "{template}"')
    finally:
        await server.close()

    async def drop() -> None:
        await _on_server(f'DROP DATABASE IF EXISTS "{run}" WITH (FORCE)')

    return f"postgresql+asyncpg://postgres@127.0.0.1:5432/{run}", drop


class Load:
    """Scans of business 1's customers and My cards of random customers, at a steady rate."""

    def __init__(
        self, uow: Callable[[], SqlUnitOfWork], view_uow: Callable[[], SqlUnitOfWork],
        signer: TokenSigner, n: Sizes, stalls: Stalls,
    ) -> None:  # fmt: skip
        self.uow, self.view_uow, self.signer, self.n = uow, view_uow, signer, n
        self.stalls = stalls
        self.scans: list[tuple[str, float]] = []  # (phase it began in, ms)
        self.cards: list[tuple[str, float]] = []
        self.errors = 0
        self._rng = random.Random(7)
        self._scanned, self.awarded = 0, 0
        self.cooldown = timedelta(seconds=60)  # the bot's default; run() shortens it if need be
        self._tasks: set[asyncio.Task[None]] = set()
        self._running = False
        self._going = asyncio.Event()  # cleared: the load holds off (the claim timed alone)
        self._going.set()

    async def run(self, rate: float) -> None:
        self._running = True
        beat, turn = 1 / rate, 0
        # A customer comes back after a round of business 1's customers (every other beat is
        # a scan): the cooldown is at most half of that, so a scan never lands inside it.
        round_s = self.n.large * 2 / rate
        self.cooldown = min(self.cooldown, timedelta(seconds=round_s / 2))
        while self._running:
            await self._going.wait()
            turn += 1
            job = self._scan() if turn % 2 else self._my_cards()
            task = asyncio.create_task(job)
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            await asyncio.sleep(beat)

    async def stop(self) -> None:
        self._running = False
        self._going.set()
        if self._tasks:
            await asyncio.wait(set(self._tasks))

    @contextlib.asynccontextmanager
    async def paused(self) -> AsyncIterator[None]:
        """No new scans or views meanwhile, once those under way are done."""
        self._going.clear()
        if self._tasks:
            await asyncio.wait(set(self._tasks))
        try:
            yield
        finally:
            self._going.set()

    async def _scan(self) -> None:
        # Business 1's customers in turn, in a scrambled order (7919 is prime: every customer
        # once a round), each scan outside the cooldown so that it awards at every size: at
        # 300 customers, random picks made 61% of the scans cooldown duplicates, a cheaper
        # path than the awards scanned at full size.
        self._scanned += 1
        customer = (self._scanned * 7919) % self.n.large + 1
        cmd = ScanCustomer(
            business_id=1, staff_telegram_id=OWNER_BASE + 1,
            idempotency_key=f"bench:{time.time_ns()}:{customer}",
            token=self.signer.sign(f"{customer:016x}", 1), cooldown=self.cooldown,
        )  # fmt: skip

        async def scanned() -> None:
            result = await scan_customer(self.uow(), cmd, self.signer)
            self.awarded += result.outcome is ScanOutcome.AWARDED

        await self._timed(self.scans, scanned)

    async def _my_cards(self) -> None:
        telegram_id = CUSTOMER_BASE + self._rng.randint(1, self.n.customers)
        await self._timed(self.cards, lambda: list_customer_cards(self.view_uow(), telegram_id))

    async def _timed(
        self, into: list[tuple[str, float]], run: Callable[[], Awaitable[object]]
    ) -> None:
        phase, began = self.stalls.phase, time.perf_counter()
        try:
            await run()
        except Exception:
            self.errors += 1
            return
        into.append((phase, (time.perf_counter() - began) * 1000))


async def timed_claims(outbox: OutboxStore, size: int, times: int = 20) -> list[float]:
    claims = []
    for _ in range(times):
        began = time.perf_counter()
        await outbox.claim(size)
        claims.append((time.perf_counter() - began) * 1000)
    return claims


def latencies(name: str, samples: list[tuple[str, float]]) -> dict[str, float]:
    """p50 and p99 over the run, p99 over the run but `doctor` (another process, an
    operator's: `_bot`, what the bot's own paths cost), p99 with only scans and views running
    (steady), and p99 during each heavy path (those that saw at least one)."""
    every = [ms for _, ms in samples]
    figures = {f"{name}_p50_ms": percentile(every, 0.5), f"{name}_p99_ms": percentile(every, 0.99)}
    figures[f"{name}_p99_bot_ms"] = percentile([ms for ph, ms in samples if ph != "doctor"], 0.99)
    phases: dict[str, list[float]] = {}
    for phase, ms in samples:
        phases.setdefault(phase, []).append(ms)
    for phase, values in phases.items():
        figures[f"{name}_p99_{phase}_ms"] = percentile(values, 0.99)
    return {key: round(value, 2) for key, value in figures.items()}


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def heavy_paths(
    url: str,
    uow,
    background_uow,
    report_uow,
    engine,
    n: Sizes,
    folder: Path,
    doctor_args: tuple[str, ...] = (),
) -> dict[str, Callable]:
    """Each heavy path as the bot runs it: the owner's commands on `uow`, what runs in the
    background (a broadcast's chunks, sweeps) on `background_uow`, reports on `report_uow`;
    `doctor_args`: the doctor's options (`--full-speed`)."""
    owner = OWNER_BASE + 1
    deep = n.large // 10 // 2  # the middle page of business 1's customers

    async def export(what: str) -> None:  # its own process, as the bot's /export writes it
        await export_business(uow(), 1, owner)
        await export_in_process(url, what, 1, folder, 50_000_000)

    async def stats() -> None:
        await business_stats(report_uow(), 1, owner)
        await business_chart(report_uow(), 1, owner, 30)

    async def broadcast() -> None:  # stored, then written a chunk per transaction as the bot does
        queued = await broadcast_news(uow(), BroadcastNews(1, owner, "Bench news"))
        await BroadcastRunner(background_uow).run(queued.broadcast_id)

    async def doctor() -> None:  # its own process, as an operator runs it
        command = Path(sys.executable).with_name("loyalty-bot")
        env = {**os.environ, "LOYALTY_DATABASE_URL": url}
        process = await asyncio.create_subprocess_exec(
            str(command), "doctor", *doctor_args, env=env, stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        _, errors = await process.communicate()
        if process.returncode not in (0, 1):  # 1: it found problems (the load's own, say)
            raise RuntimeError(f"doctor failed: {errors.decode()[-2000:]}")

    settings = SimpleNamespace(
        sweep_interval_seconds=60.0, reminder_after_hours=24.0, digest_hour_utc=0,
        notification_retention_days=90, scan_log_retention_days=180,
    )  # fmt: skip
    claims = SweepClaims(make_session_factory(engine), lambda: datetime.now(UTC))
    scheduler = Scheduler(background_uow, SimpleNamespace(wake=lambda: None), settings, claims)
    paths: dict[str, Callable[[], Awaitable[object]]] = {
        "customers_page_first": lambda: list_business_customers(report_uow(), 1, owner, 0, 10),
        "customers_page_deep": lambda: list_business_customers(report_uow(), 1, owner, deep, 10),
        "stats": stats,
        "export_customers": lambda: export("customers"),
        "export_ledger": lambda: export("ledger"),
        "broadcast": broadcast,
    }
    for name in scheduler.jobs:
        paths[f"sweep_{name}"] = lambda name=name: scheduler.jobs[name]()
    paths["doctor"] = doctor
    return paths


async def bench(args: argparse.Namespace) -> dict[str, Any]:
    n = Sizes(args.scale)
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=DAYS)
    url, cleanup = await prepare(args, n, start)
    if args.fill_only:
        await cleanup()
        return {"db": args.db, "filled": n.tag()}
    if args.upgraded and await from_upgraded(args, url):
        upgrade_s = float("nan")  # not measured: copied from the upgraded cache
    else:
        began = time.perf_counter()
        in_child(upgrade, url)  # FILL_REVISION to head, as an operator's upgrade would
        upgrade_s = round(time.perf_counter() - began, 1)
        print(f"upgraded to head in {upgrade_s} s", flush=True)
        if args.upgraded:
            await keep_upgraded(args, url)
    if args.upgrade_only:  # the upgraded copy kept (--upgraded); the run another time
        await cleanup()
        return {"db": args.db, "upgraded": n.tag(), "upgrade_s": upgrade_s}
    await _settled(url)
    asyncio.get_running_loop().slow_callback_duration = args.slow / 1000
    engine = make_engine(url)
    sessions = make_session_factory(engine)

    read_engine = make_read_engine(url)  # reports read here, as the bot's /stats does
    read_sessions = make_session_factory(read_engine)

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(sessions)

    def report_uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(read_sessions)

    def background_uow() -> SqlUnitOfWork:  # as bot/app.py makes them for runners and sweeps
        return SqlUnitOfWork(sessions, background=True)

    folder = Path(tempfile.mkdtemp(prefix="platform-export-"))
    figures: dict[str, Any] = {"db": args.db, "customers": n.customers,
                               "businesses": n.businesses, "entries": n.entries,
                               "large_customers": n.large, "upgrade_s": upgrade_s}  # fmt: skip
    await open_pool(engine, POOL_WARM)  # as the bot does as it starts (bot/app.py)
    await open_pool(read_engine, READ_POOL_WARM)
    freeze_startup_heap()  # as the bot does once started
    connects = [0]  # connections the bot's engine opened under the load: each a handshake

    @event.listens_for(engine.sync_engine, "connect")
    def opened(*_: object) -> None:
        connects[0] += 1

    watchdog = LoopWatchdog(args.watch) if args.watch else None
    stalls = Stalls(watchdog)
    trace = _loop_trace(engine, args.trace) if args.trace else None
    # My cards reads as the bot's handler does (Services.view_uow: never behind the write gate).
    load = Load(
        uow, lambda: SqlUnitOfWork(sessions, reading=True), TokenSigner(b"bench-secret-" * 3), n,
        stalls,
    )  # fmt: skip
    try:
        stalls.start()
        if trace:
            trace.start()
        driver = asyncio.create_task(load.run(args.rate))
        # The first seconds on a freshly copied database (cold caches) are a phase of their
        # own, so that `steady` tells the load alone between heavy paths on a warm one.
        stalls.phase = "warmup"
        await asyncio.sleep(args.warmup)
        doctor_args = ("--full-speed",) if args.doctor_full_speed else ()
        paths = await heavy_paths(
            url, uow, background_uow, report_uow, engine, n, folder, doctor_args
        )
        chosen = args.paths.split(",") if args.paths else list(paths)
        for name, run in ((name, paths[name]) for name in chosen):
            stalls.phase = name
            if trace:
                trace.phase = name
            began = time.perf_counter()
            await run()
            figures[f"{name}_ms"] = round((time.perf_counter() - began) * 1000, 1)
            print(f"{name}: {figures[f'{name}_ms']} ms", flush=True)  # a cut-off run still tells
            stalls.phase = "steady"
            if trace:
                trace.phase = "steady"
                trace.report(name)
            await asyncio.sleep(0.5)
        figures["export_ledger_mb"] = round(await asyncio.to_thread(_megabytes, folder), 1)
        # As bot/app.py makes the dispatcher's: its claims on a connection it keeps.
        outbox = OutboxStore(
            sessions, lambda: datetime.now(UTC), background=True, keep_connection=True
        )
        # As many rows as the dispatcher claims at once at the bot's rate limit.
        claim_size = min(BATCH, capacity(SharedRateLimiter().per_second))
        figures["outbox_claim_rows"] = claim_size
        stalls.phase = "outbox_claim"

        async def claims_timed(key: str) -> list[float]:
            """Claims under the load (`key`_ms, returned), then alone (`key`_alone_ms: the
            claim's own cost, nothing else waiting at the gate)."""
            under = await timed_claims(outbox, claim_size)
            async with load.paused():
                alone = await timed_claims(outbox, claim_size)
            figures[f"{key}_ms"] = round(statistics.median(under), 2)
            figures[f"{key}_alone_ms"] = round(statistics.median(alone), 2)
            return under

        claims = await claims_timed("outbox_claim")
        if args.db == "postgres":
            # Right after the broadcast the planner's statistics still say the outbox is
            # nearly empty (this server runs with autovacuum off); autovacuum's ANALYZE
            # would see its rows within a minute.
            async with engine.begin() as conn:
                await conn.exec_driver_sql("ANALYZE customer_notifications")
            await claims_timed("outbox_claim_analyzed")
        await outbox.close()
        stalls.phase = "steady"
        await asyncio.sleep(args.warmup)
        await load.stop()
        await driver
        await stalls.stop()
        if trace:
            trace.stop()
            trace.report("steady")
    finally:
        await engine.dispose()
        await read_engine.dispose()
        shutil.rmtree(folder, ignore_errors=True)
        await cleanup()
    figures.update({
        "scans": len(load.scans), "scans_awarded": load.awarded,
        "scan_cooldown_s": load.cooldown.total_seconds(), "load_errors": load.errors,
        **latencies("scan", load.scans), **latencies("my_cards", load.cards),
        "outbox_claim_max_ms": round(max(claims), 2),
    })  # fmt: skip
    figures.update(stalls.figures())
    if watchdog:
        print("where the loop's thread was in the longest stalls (bench/loop_watchdog.py):")
        watchdog.report()
    figures["db_connects"] = connects[0]
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    gc.unfreeze()  # frozen objects are never freed at exit: zxing's bindings then complain
    return figures


def _loop_trace(engine: Any, threshold_ms: float) -> Any:
    from bench.loop_trace import LoopTrace

    return LoopTrace(engine, threshold_ms)


def _megabytes(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.glob("ledger*")) / 1e6


def report(figures: dict[str, Any]) -> None:
    print(f"{'figure':<36}{'value':>12}")
    for key, value in figures.items():
        print(f"{key:<36}{value!s:>12}")
    print(json.dumps(figures))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0: a million customers")
    parser.add_argument("--rate", type=float, default=20.0, help="scans + My cards a second")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of load alone")
    parser.add_argument("--fill-only", action="store_true", help="fill the cache, run nothing")
    parser.add_argument(
        "--trace", type=float, default=0.0,
        help="print what filled each loop hold of this many ms or more (bench/loop_trace.py)",
    )  # fmt: skip
    parser.add_argument(
        "--upgraded", action="store_true",
        help="start from a copy kept once migrated to head (upgrade_s is then not measured)",
    )  # fmt: skip
    parser.add_argument(
        "--upgrade-only", action="store_true",
        help="with --upgraded: make the upgraded copy (if missing) and run nothing",
    )  # fmt: skip
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "platform-scale"))
    parser.add_argument(
        "--watch", type=float, default=30.0,
        help="sample where the loop's thread is when it is this many ms late (0: off)",
    )  # fmt: skip
    parser.add_argument(
        "--slow", type=float, default=0.0,
        help="asyncio's debug mode: log each step that held the loop this many ms (it slows all)",
    )  # fmt: skip
    parser.add_argument(
        "--paths", default="",
        help="only these heavy paths, comma-separated (doctor,broadcast,...): a diagnostic run",
    )  # fmt: skip
    parser.add_argument(
        "--doctor-full-speed", action="store_true",
        help="run the doctor without resting between its statements (to compare)",
    )  # fmt: skip
    arguments = parser.parse_args()
    if arguments.slow:  # asyncio logs "Executing <the task's step> took N seconds"
        logging.basicConfig(format="%(asctime)s %(message)s")
    report(asyncio.run(bench(arguments), debug=bool(arguments.slow) or None))
