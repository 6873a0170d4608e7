"""A bulk award at size: an owner gives points to every customer of a program.

The job runs in batches of `--batch` awards, each one transaction of ledger rows, balances,
outbox rows and the job's cursor (domain/growth/bulk.py), on the event loop's thread as the
bot runs it on SQLite. This fills one program with `--customers` cards, starts the job, runs it
to its end, and reports the time to choose the targets, awards per second, the slowest batch
and the event loop's longest stall (a ticker measures how late it wakes), then runs the job
again from its start to time the idempotent replay (every key already there).

    .venv/bin/python bench/bulk_awards.py [--customers 5000] [--batch 50]

Prints a table, then as its last line one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from domain.growth.bulk import StartBulkAward, award_bulk_batch, start_bulk_award
from domain.growth.owner_ports import BulkStatus, Segment, SegmentKind
from storage.engine import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWork

STAMP = "%Y-%m-%d %H:%M:%S.%f"
OWNER = 1


def fill(path: Path, customers: int, now: datetime) -> None:
    at = (now - timedelta(days=60)).strftime(STAMP)
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO telegram_users (telegram_id, chat_id, first_name, last_name, username,"
            " language) VALUES (?, ?, 'Owner', '', '', '')",
            (OWNER, OWNER),
        )
        db.execute(
            "INSERT INTO businesses (id, name, owner_telegram_id, staff_invite_code, created_at)"
            " VALUES (1, 'Bench Café', ?, 'invite', ?)",
            (OWNER, at),
        )
        db.execute(
            "INSERT INTO business_staff (business_id, telegram_id, role, added_at)"
            " VALUES (1, ?, 'owner', ?)",
            (OWNER, at),
        )
        db.execute(
            "INSERT INTO loyalty_programs (id, business_id, name, kind, points_per_scan,"
            " join_code, max_per_scan, active, created_at)"
            " VALUES (1, 1, 'Club', 'points', 1, 'join', 100, 1, ?)",
            (at,),
        )
        ids = range(1, customers + 1)
        db.executemany(
            "INSERT INTO telegram_users (telegram_id, chat_id, first_name, last_name, username,"
            " language) VALUES (?, ?, ?, '', '', '')",
            [(10**6 + i, 10**6 + i, f"Customer {i}") for i in ids],
        )
        db.executemany(
            "INSERT INTO customers (id, telegram_id, public_id, manual_code, display_name,"
            " qr_key_version, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)",
            [(i, 10**6 + i, f"p{i:015d}", f"M{i:07d}", f"Customer {i}", at) for i in ids],
        )
        db.executemany(
            "INSERT INTO loyalty_cards (id, customer_id, program_id, business_id, number,"
            " balance, lifetime_points, created_at) VALUES (?, ?, 1, 1, ?, 0, 0, ?)",
            [(i, i, f"N{i:07d}", at) for i in ids],
        )


class Ticker:
    """Wakes every millisecond and keeps the longest it was kept waiting beyond that."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(0.001)
            self.longest = max(self.longest, time.perf_counter() - before - 0.001)

    def __enter__(self) -> Ticker:
        self._task = asyncio.get_running_loop().create_task(self._tick())
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()


async def run_job(sessions, job_id: int, batch: int) -> tuple[float, float]:
    """Seconds to run the job to its end, and its slowest batch in seconds."""
    started, slowest = time.perf_counter(), 0.0
    while True:
        before = time.perf_counter()
        job = await award_bulk_batch(
            SqlUnitOfWork(sessions), job_id, "bench", timedelta(seconds=60), batch
        )
        slowest = max(slowest, time.perf_counter() - before)
        if job is None or job.status is BulkStatus.DONE:
            return time.perf_counter() - started, slowest


async def main(args: argparse.Namespace) -> dict:
    now = datetime.now(UTC)
    path = Path(tempfile.mkdtemp(prefix="bulk-bench-")) / "bench.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    fill(path, args.customers, now)
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    try:
        with Ticker() as ticker:
            before = time.perf_counter()
            cmd = StartBulkAward(1, OWNER, 1, 5, Segment(SegmentKind.ALL), "Bench")
            job = await start_bulk_award(SqlUnitOfWork(sessions), cmd)
            chosen = time.perf_counter() - before
            took, slowest = await run_job(sessions, job.id, args.batch)
            await asyncio.sleep(0.01)  # the ticker's last wake, late by the last stall
            stall = ticker.longest
        async with engine.begin() as conn:  # send the job back to its start: a lost cursor
            await conn.exec_driver_sql(
                "UPDATE bulk_awards SET status = 'running', last_card_id = 0, done = 0"
            )
        replay, _ = await run_job(sessions, job.id, args.batch)
    finally:
        await engine.dispose()
    with sqlite3.connect(path) as db:
        entries = db.execute("SELECT count(*) FROM point_transactions").fetchone()[0]
        outbox = db.execute("SELECT count(*) FROM customer_notifications").fetchone()[0]
    return {
        "customers": args.customers, "batch": args.batch,
        "choose_targets_ms": round(chosen * 1000, 1), "run_s": round(took, 2),
        "awards_per_s": round(args.customers / took), "slowest_batch_ms": round(slowest * 1000, 1),
        "longest_stall_ms": round(stall * 1000, 1), "replay_s": round(replay, 2),
        "ledger_entries": entries, "outbox_rows": outbox,
    }  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=5000)
    parser.add_argument("--batch", type=int, default=50)
    figures = asyncio.run(main(parser.parse_args()))
    print(f"{'figure':<24}{'value':>10}")
    for key, value in figures.items():
        print(f"{key:<24}{value:>10}")
    print(json.dumps(figures))
