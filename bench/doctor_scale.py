"""`doctor` on the platform bench's database, with /stats's hours kept, while scans are written.

Takes bench/platform_scale.py's filled database (its cache: a file, or a template database),
fills business_hours and business_staff_hours with the rebuild migration 0018 runs (cached
too: the rebuild takes minutes at --scale 0.1), then runs `doctor`'s check (bot.doctor.examine,
as `loyalty-bot doctor` does) once and times it: wall clock, this process's CPU time (on
SQLite the queries run in it; PostgreSQL's server time is not in it), and each check alone.
On SQLite a thread meanwhile commits a refused scan every 20 ms, as the bot would, and the
longest of those commits says whether the doctor held the writers back.

    .venv/bin/python bench/doctor_scale.py [--db sqlite|postgres] [--scale 0.1]

Prints the figures, then as its last line one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy import text
from sqlalchemy.engine import Connection

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # so `python bench/...` finds us
from bench.platform_scale import DAYS, PG_SERVER, Sizes, prepare
from bot.doctor import examine
from storage.business_hours import rebuild_sync, replace_stmts
from storage.doctor import find_problems
from storage.doctor_hours import hours_off
from storage.doctor_tiers import tier_problems
from storage.engine import make_engine, read_snapshot
from storage.staff_hours import rebuild_staff_sync, replace_staff_stmts


def keep_hours(conn: Connection) -> None:
    """The hours as migration 0018 fills them (storage/business_hours.py's rebuild)."""
    for business_id, time_zone in conn.execute(text("SELECT id, time_zone FROM businesses")):
        for stmt in replace_stmts(business_id, rebuild_sync(conn, business_id, time_zone)):
            conn.execute(stmt)
        for stmt in replace_staff_stmts(business_id, rebuild_staff_sync(conn, business_id)):
            conn.execute(stmt)


async def filled(args: argparse.Namespace, n: Sizes) -> tuple[str, Any]:
    """A copy of the platform with its hours kept, and its cleanup."""
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=DAYS)
    if args.db == "sqlite":
        cache = Path(args.cache) / f"doctor-{n.tag()}.db"
        if not cache.exists():
            url, cleanup = await prepare(args, n, start)
            await _keep_hours(url)
            shutil.copyfile(url.removeprefix("sqlite:///"), cache)
            cleanup()
        folder = Path(tempfile.mkdtemp(prefix="doctor-scale-"))
        shutil.copyfile(cache, folder / "doctor.db")
        return f"sqlite:///{folder / 'doctor.db'}", lambda: shutil.rmtree(folder)
    tag = n.tag().replace("-", "_")
    template, run = f"doctor_cache_{tag}", f"doctor_run_{tag}"
    server = await asyncpg.connect(f"{PG_SERVER}/postgres")
    try:
        if not await server.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", template):
            url, _ = await prepare(args, n, start)  # platform_run_<tag>, a copy of its template
            await _keep_hours(url)
            await server.execute(f'DROP DATABASE IF EXISTS "{template}"')
            await server.execute(f'ALTER DATABASE "platform_run_{tag}" RENAME TO "{template}"')
        await server.execute(f'DROP DATABASE IF EXISTS "{run}"')
        await server.execute(f'CREATE DATABASE "{run}" TEMPLATE "{template}"')
    finally:
        await server.close()
    return f"postgresql+asyncpg://postgres@127.0.0.1:5432/{run}", None


async def _keep_hours(url: str) -> None:
    print("keeping the hours (the rebuild of migration 0018) ...", flush=True)
    began = time.perf_counter()
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(keep_hours)
    finally:
        await engine.dispose()
    print(f"kept in {time.perf_counter() - began:.0f} s", flush=True)


class Writer:
    """Commits a refused scan (it counts in no hour) every 20 ms; the longest commit."""

    def __init__(self, path: str) -> None:
        self.path, self.longest_ms, self.commits = path, 0.0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run)

    def __enter__(self) -> Writer:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        db = sqlite3.connect(self.path, isolation_level=None, timeout=60)
        try:
            while not self._stop.wait(0.02):
                began = time.perf_counter()
                db.execute("BEGIN IMMEDIATE")
                db.execute(
                    "INSERT INTO qr_scan_logs (business_id, staff_telegram_id, outcome, points,"
                    " idempotency_key, created_at) VALUES (1, 1, 'invalid', 0, '', ?)",
                    (datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f"),),
                )
                db.execute("COMMIT")
                self.commits += 1
                self.longest_ms = max(self.longest_ms, (time.perf_counter() - began) * 1000)
        finally:
            db.close()


async def each_check(url: str) -> dict[str, float]:
    """Each check alone, on one snapshot (ms)."""
    now, lease, times = datetime.now(UTC), timedelta(seconds=30), {}
    async with read_snapshot(url) as conn:
        for name, run in (
            ("hours_off", lambda: hours_off(conn)),
            ("find_problems", lambda: find_problems(conn, now, lease)),  # hours_off included
            ("tier_problems", lambda: tier_problems(conn, now)),
        ):
            began = time.perf_counter()
            await run()
            times[f"{name}_ms"] = round((time.perf_counter() - began) * 1000, 1)
    return times


async def bench(args: argparse.Namespace) -> dict[str, Any]:
    n = Sizes(args.scale)
    url, cleanup = await filled(args, n)
    figures: dict[str, Any] = {"db": args.db, "customers": n.customers,
                               "businesses": n.businesses, "entries": n.entries,
                               "load_before": os.getloadavg()[0]}  # fmt: skip
    try:
        began, cpu = time.perf_counter(), time.process_time()
        if args.db == "sqlite":
            with Writer(url.removeprefix("sqlite:///")) as writer:
                checkup = await examine(url)
            figures["writer_commits"] = writer.commits
            figures["writer_longest_commit_ms"] = round(writer.longest_ms, 1)
        else:
            checkup = await examine(url)
        figures["doctor_ms"] = round((time.perf_counter() - began) * 1000, 1)
        figures["doctor_cpu_ms"] = round((time.process_time() - cpu) * 1000, 1)
        figures["findings"] = len(checkup.found)
        figures |= await each_check(url)
        figures["load_after"] = os.getloadavg()[0]
    finally:
        if cleanup:
            cleanup()
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--scale", type=float, default=0.1, help="1.0: a million customers")
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "platform-scale"))
    result = asyncio.run(bench(parser.parse_args()))
    for key, value in result.items():
        print(f"{key:<28}{value!s:>14}")
    print(json.dumps(result))
