"""`doctor` on the platform bench's database, with /stats's hours kept, while scans are written.

Takes a copy of bench/platform_scale.py's filled database (its cache: a file, or a template
database), migrates it to head (migration 0018 fills business_hours and business_staff_hours
from the scan log and the ledger, set-wise), then runs `doctor`'s check (bot.doctor.examine,
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
import sqlite3
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # so `python bench/...` finds us
from bench.platform_scale import DAYS, Cleanup, Sizes, in_child, prepare
from bot.doctor import examine
from storage.doctor import find_problems
from storage.doctor_hours import hours_off
from storage.doctor_tiers import tier_problems
from storage.engine import read_snapshot
from storage.migrate import upgrade


async def filled(args: argparse.Namespace, n: Sizes) -> tuple[str, Cleanup]:
    """A copy of the platform migrated to head (0018 fills the kept hours), and its cleanup."""
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=DAYS)
    url, cleanup = await prepare(args, n, start)
    print("migrating to head (0018 fills the kept hours) ...", flush=True)
    began = time.perf_counter()
    in_child(upgrade, url)
    print(f"migrated in {time.perf_counter() - began:.0f} s", flush=True)
    return url, cleanup


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
        await cleanup()
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
