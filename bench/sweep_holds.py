"""Sweep holds: each scheduler sweep at platform scale, with work to do, and the loop it holds.

Fills the platform of bench/platform_scale.py (`1,000,000 × scale` customers and cards,
`10,000 × scale` businesses, ten ledger rows a card; kept under --cache), then gives every
sweep something to do, in bulk SQL:

- expire_requests / remind_enrollments: a finished request per five customers, pending
  invitations for one in fifty (one in twenty of them not reminded yet), and 1,000 requests
  past their expiry;
- reward_in_reach: every rung costs 12, one card in 20 holds 11 (one scan from it), half of
  those already told, and one card in a thousand marked but out of the zone (to clear);
- we_miss_you: program 1 and every tenth program nudge after 30 days; every card but one in
  a hundred was nudged already (the steady state: most idle customers were told);
- birthday_gifts: a birthday for every customer (one in 360 today), a gift in program 1 and
  every tenth program;
- expire_points: program 1's points expire after 30 days (the ledger spans 60);
- tiers: one tier in program 1 and every tenth program, every card but one in a hundred in it;
- retention: a notification per customer over 100 days (90 kept), a tenth of scan logs old.

Then runs each sweep of bot/scheduler.py's `jobs` (not owner_digest) twice, as the bot does
(SQLite inline on the loop's thread): the first run does the work, the second is what every
later minute costs. A heartbeat (bench/loop_stalls.py's Stalls) records the loop's longest
wall-clock stall and the loop thread's longest CPU hold during each; `--trace MS` prints what
filled each hold of MS ms or more (bench/loop_trace.py; it perturbs the figures a little).

    .venv/bin/python bench/sweep_holds.py [--scale 1.0] [--cache /tmp/sweep-holds] [--trace 20]

Prints a line per sweep run, then as its last line one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this tree, not the installed one
from bench.loop_stalls import Gap, Stalls
from bench.loop_trace import LoopTrace
from bench.platform_scale import DAYS, OWNER_BASE, Sizes, fill_sqlite
from bot.app import freeze_startup_heap
from bot.scheduler import Scheduler
from storage.engine import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.sweeps import SweepClaims
from storage.uow import SqlUnitOfWork

ROOT = Path(__file__).resolve().parents[1]
BIG = ("loyalty_cards", "point_transactions", "customers", "business_customers", "qr_scan_logs",
       "customer_notifications", "telegram_users", "customer_approval_requests")  # fmt: skip
SWEEPS = ("expire_requests", "remind_enrollments", "reward_in_reach", "we_miss_you",
          "birthday_gifts", "expire_points", "tiers", "retention")  # fmt: skip
NOW = "datetime('now')"


def ago(days: float | str) -> str:
    """The time `days` (a number or an SQL expression) days ago, as the fill writes times."""
    return f"datetime('now', '-' || ({days}) || ' days')"


def work_statements(n: Sizes, today: datetime) -> list[str]:
    """Something for every sweep to do, on a filled platform."""
    c, owner = n.customers, OWNER_BASE + 1
    series = (
        f"(WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < {c})"
        " SELECT i FROM r) AS s"
    )
    tiered = "(id = 1 OR id % 10 = 0)"  # program 1 (a tenth of the cards) and every tenth

    def requests(where: str, status: str, created: str, expires: str, reminded: str) -> str:
        return (
            "INSERT INTO customer_approval_requests (kind, customer_id, business_id,"
            " program_id, requested_by, amount, reason, status, created_at, expires_at,"
            f" reminded_at) SELECT 'enrollment', i, 1, 1, {owner}, 0, '', '{status}',"
            f" {created}, {expires}, {reminded} FROM {series} WHERE {where}"
        )

    return [
        requests("i % 5 = 0", "approved", ago(30), ago(23), "NULL"),
        requests(
            "i % 50 = 1",
            "pending",
            ago(2),
            "datetime('now', '+5 days')",
            f"CASE WHEN i % 1000 = 1 THEN NULL ELSE {ago(1)} END",
        ),
        requests(f"i % {max(c // 1000, 1)} = 2", "pending", ago(8), ago(0.05), ago(7)),
        "UPDATE program_rewards SET cost = 12",
        "UPDATE loyalty_cards SET balance = 11 WHERE id % 20 = 0",
        f"UPDATE loyalty_cards SET reward_near_at = {NOW} WHERE id % 40 = 20 OR id % 1000 = 1",
        f"UPDATE loyalty_programs SET miss_you_days = 30 WHERE {tiered}",
        f"UPDATE loyalty_cards SET nudged_at = {NOW} WHERE id % 100 != 0",
        "INSERT INTO customer_birthdays (customer_id, day, month, set_at)"
        f" SELECT i, (i / 12) % 30 + 1, i % 12 + 1, {ago(100)} FROM {series}",
        f"UPDATE customer_birthdays SET day = {today.day}, month = {today.month}"
        " WHERE customer_id % 360 = 7",
        "INSERT INTO program_gifts (program_id, birthday_points)"
        f" SELECT id, 5 FROM loyalty_programs WHERE {tiered}",
        "UPDATE loyalty_programs SET expiry_days = 30 WHERE id = 1",
        "INSERT INTO program_tiers (program_id, name, threshold, percent, created_at)"
        f" SELECT id, 'Gold', 5, 10, {ago(100)} FROM loyalty_programs WHERE {tiered}",
        "UPDATE loyalty_cards SET tier_id = (SELECT t.id FROM program_tiers AS t"
        " WHERE t.program_id = loyalty_cards.program_id)"
        " WHERE id % 100 != 0 AND program_id IN (SELECT program_id FROM program_tiers)",
        "INSERT INTO customer_notifications (chat_id, customer_id, category, template, params,"
        " status, attempts, last_error, created_at, sent_at, priority)"
        f" SELECT {10**9} + i, i, 'points_added', 'points-added', '{{}}', 'sent', 1, '',"
        f" {ago('(i * 100.0 / ' + str(c) + ')')}, {NOW}, 1 FROM {series}",
        f"UPDATE qr_scan_logs SET created_at = {ago(200)} WHERE id <= {n.entries // 10}",
        "ANALYZE",
    ]


def prepare(args: argparse.Namespace, n: Sizes) -> Path:
    """A copy of the filled platform (filled once into the cache), with the sweeps' work."""
    cache = Path(args.cache) / f"platform-{n.tag()}.db"
    if not cache.exists():
        cache.parent.mkdir(parents=True, exist_ok=True)
        print(f"filling {cache} ...", flush=True)
        partial = cache.with_suffix(".filling")
        partial.unlink(missing_ok=True)
        fill_sqlite(partial, n, datetime.now(UTC).replace(microsecond=0) - timedelta(days=DAYS))
        partial.rename(cache)
    # The cache is filled at 0017 (as bench/platform_scale.py fills it); its upgrade to head
    # (about 15 minutes at full size) is kept beside it, named after the last migration.
    head = sorted(p.stem for p in (ROOT / "migrations" / "versions").glob("0*.py"))[-1]
    upgraded = cache.with_name(f"{cache.stem}-{head}.db")
    if not upgraded.exists():
        print(f"upgrading a copy to {upgraded} ...", flush=True)
        partial = upgraded.with_suffix(".upgrading")
        shutil.copyfile(cache, partial)
        upgrade(f"sqlite:///{partial}")
        partial.rename(upgraded)
    path = Path(tempfile.mkdtemp(prefix="sweep-holds-")) / "bench.db"
    shutil.copyfile(upgraded, path)
    began = time.perf_counter()
    with sqlite3.connect(path, isolation_level=None) as db:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("BEGIN")
        for sql in work_statements(n, datetime.now(UTC)):
            db.execute(sql)
        db.execute("COMMIT")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"work set up in {time.perf_counter() - began:.1f} s", flush=True)
    return path


class Statements:
    """Each statement's longest CPU time on the loop's thread and its query plan, per sweep
    (`--plans`): a plan that scans a big table is a stall waiting for its data."""

    def __init__(self, engine: Any) -> None:
        self.phase = ""
        self.seen: dict[str, dict[str, list[Any]]] = {}
        event.listen(engine.sync_engine, "before_cursor_execute", self._before)
        event.listen(engine.sync_engine, "after_cursor_execute", self._after)

    def _before(self, conn, cursor, statement, parameters, context, many) -> None:
        conn.info["began"] = time.thread_time()

    def _after(self, conn, cursor, statement, parameters, context, many) -> None:
        took = (time.thread_time() - conn.info.pop("began")) * 1000
        seen = self.seen.setdefault(self.phase, {})
        if statement not in seen:
            plan = []
            if statement.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE", "WITH")):
                params = parameters[0] if many else parameters
                rows = cursor.connection.execute(f"EXPLAIN QUERY PLAN {statement}", params)
                plan = [row[3] for row in rows]
            seen[statement] = [0.0, 0, plan]
        seen[statement][0] = max(seen[statement][0], took)
        seen[statement][1] += 1

    def report(self, phase: str) -> None:
        ranked = sorted(self.seen.get(phase, {}).items(), key=lambda kv: -kv[1][0])
        for statement, (took, count, plan) in ranked[:3]:
            scans = [p for p in plan if p.startswith("SCAN") and p.split()[1] in BIG]
            print(f"    {took:7.2f} ms x{count:<6} {' '.join(statement.split())[:150]}")
            for line in scans or plan[:3]:
                print(f"        {'FULL ' if scans else ''}{line}")


async def bench(args: argparse.Namespace) -> dict[str, Any]:
    n = Sizes(args.scale)
    path = await asyncio.to_thread(prepare, args, n)
    engine = make_engine(f"sqlite:///{path}")
    sessions = make_session_factory(engine)
    settings = SimpleNamespace(
        sweep_interval_seconds=60.0, reminder_after_hours=24.0, digest_hour_utc=0,
        notification_retention_days=90, scan_log_retention_days=180,
    )  # fmt: skip
    scheduler = Scheduler(
        lambda: SqlUnitOfWork(sessions, background=True), SimpleNamespace(wake=lambda: None),
        settings,
        SweepClaims(sessions, lambda: datetime.now(UTC)),
    )  # fmt: skip
    figures: dict[str, Any] = {"db": "sqlite", "customers": n.customers,
                               "businesses": n.businesses, "entries": n.entries}  # fmt: skip
    statements = Statements(engine) if args.plans else None
    freeze_startup_heap()  # as the bot does once started: imports are not a sweep's to collect
    stalls = Stalls()  # with the collector's pauses per phase (stalls.collections)
    stalls.start()
    trace = LoopTrace(engine, args.trace) if args.trace else None
    if trace:
        trace.start()
    try:
        await asyncio.sleep(0.05)
        for name in args.sweeps.split(","):
            for run in ("first", "again"):
                phase = f"{name}_{run}"
                stalls.phase = phase
                if statements:
                    statements.phase = phase
                if trace:
                    trace.phase = phase
                began = time.perf_counter()
                result = await scheduler.jobs[name]()
                took = (time.perf_counter() - began) * 1000
                stalls.phase = "idle"
                await asyncio.sleep(0.02)  # the last gap of the sweep is counted
                figures[f"{phase}_ms"] = round(took, 1)
                figures[f"stall_{phase}_ms"] = round(stalls.longest.get(phase, Gap()).wall, 1)
                figures[f"hold_{phase}_ms"] = round(stalls.held.get(phase, 0.0), 1)
                figures[f"gc_{phase}_ms"] = round(stalls.collections.longest.get(phase, 0.0), 1)
                print(
                    f"{phase:<24} {took:>9.1f} ms  stall {figures[f'stall_{phase}_ms']:>7}"
                    f" ms  hold {figures[f'hold_{phase}_ms']:>6} ms  gc"
                    f" {figures[f'gc_{phase}_ms']:>6} ms  result {_count(result)}",
                    flush=True,
                )
                if statements:
                    statements.report(phase)
                if trace:
                    trace.phase = "idle"
                    trace.report(phase)
    finally:
        await stalls.stop()
        if trace:
            trace.stop()
        await engine.dispose()
        shutil.rmtree(path.parent, ignore_errors=True)
    holds = [v for k, v in figures.items() if k.startswith("hold_")]
    figures["longest_hold_ms"] = max(holds, default=0.0)
    return figures


def _count(result: object) -> object:
    return len(result) if isinstance(result, list) else result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0: a million customers")
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "sweep-holds"))
    parser.add_argument("--plans", action="store_true", help="each sweep's slowest statements")
    parser.add_argument(
        "--trace",
        type=float,
        default=0.0,
        metavar="MS",
        help="print what filled each loop hold of at least MS ms (CPU)",
    )
    parser.add_argument("--sweeps", default=",".join(SWEEPS), help="comma-separated names")
    print(json.dumps(asyncio.run(bench(parser.parse_args()))))
