"""Owner reports at size: /customers, /stats and /export on a business with many customers.

SQLite runs on the event loop's thread (storage/sqlite_inline.py), so a slow report query
holds up every chat for as long as it runs. This fills one business with `--customers`
customers and `--entries` ledger rows and scan logs, and times each report's reads through
the repositories, as the bot runs them.

    .venv/bin/python bench/reports_size.py [--customers 5000] [--entries 100000]

Prints a table, then as its last line one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.engine import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWork

STAMP = "%Y-%m-%d %H:%M:%S.%f"


def fill(path: Path, customers: int, entries: int, now: datetime) -> None:
    """One business and program; cards, visits, awards and scans spread over 60 days."""
    at = (now - timedelta(days=60)).strftime(STAMP)
    rng = random.Random(1)
    step = timedelta(days=60) / entries
    times = [(now - timedelta(days=60) + i * step).strftime(STAMP) for i in range(entries)]
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO businesses (id, name, owner_telegram_id, staff_invite_code, created_at)"
            " VALUES (1, 'Bench Café', 1, 'invite', ?)",
            (at,),
        )
        db.execute(
            "INSERT INTO loyalty_programs (id, business_id, name, kind, points_per_scan,"
            " join_code, max_per_scan, active, created_at, redeem_keeps)"
            " VALUES (1, 1, 'Club', 'points', 1, 'join', 100, 1, ?, 0)",
            (at,),
        )
        db.execute(
            "INSERT INTO program_rewards (program_id, name, cost, position, active, created_at)"
            " VALUES (1, 'Coffee', 10, 0, 1, ?)",
            (at,),
        )
        ids = range(1, customers + 1)
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
        db.executemany(
            "INSERT INTO business_customers (business_id, customer_id, first_seen, last_seen,"
            " visits, status) VALUES (1, ?, ?, ?, 0, 'active')",
            [(i, at, rng.choice(times)) for i in ids],
        )
        holders = [rng.randint(1, customers) for _ in range(entries)]
        db.executemany(
            "INSERT INTO point_transactions (card_id, delta, kind, idempotency_key,"
            " staff_telegram_id, reason, created_at) VALUES (?, 1, 'award', ?, 1, 'scan', ?)",
            [(card, f"scan:{i}", times[i]) for i, card in enumerate(holders)],
        )
        db.executemany(
            "INSERT INTO qr_scan_logs (business_id, staff_telegram_id, customer_id, program_id,"
            " outcome, points, idempotency_key, created_at)"
            " VALUES (1, 1, ?, 1, 'awarded', 1, ?, ?)",
            [(card, f"msg:{i}", times[i]) for i, card in enumerate(holders)],
        )
        db.execute(
            "UPDATE loyalty_cards SET balance = (SELECT count(*) FROM point_transactions p"
            " WHERE p.card_id = loyalty_cards.id), lifetime_points = balance"
        )


async def timed(sessions, now: datetime) -> dict[str, float]:
    """Milliseconds each report's reads take, in one transaction each, as the bot runs them."""
    reports = {
        "customers_page_ms": lambda uow: uow.business_customers.page(1, 0, 10),
        "stats_ms": lambda uow: _stats(uow, now),
        "chart_ms": lambda uow: _chart(uow, now),
        "export_customers_ms": lambda uow: uow.reports.customers(1),
        "export_ledger_ms": lambda uow: uow.reports.ledger(1),
    }
    figures = {}
    for name, run in reports.items():
        async with SqlUnitOfWork(sessions, lambda: now) as uow:
            started = time.perf_counter()
            await run(uow)
            figures[name] = round((time.perf_counter() - started) * 1000, 1)
    return figures


async def _stats(uow, now: datetime) -> None:
    for days in (0, 7, 30):  # today, 7 and 30 days, as /stats shows them
        await uow.reports.stats(1, now - timedelta(days=days))


async def _chart(uow, now: datetime) -> None:
    since = now - timedelta(days=29)  # the 30-day chart: its days and its staff
    await uow.reports.daily(1, since, "UTC")
    await uow.reports.per_staff(1, since)


def keep_hours(url: str) -> float:
    """Build the kept hours the raw fill bypassed, as migration 0018 does (ms)."""
    try:
        from storage.hours_compared import fill_hours
    except ImportError:  # before the set-wise fill (storage/hours_compared.py)
        return 0.0
    from sqlalchemy import create_engine

    started = time.perf_counter()
    with create_engine(url).begin() as conn:
        fill_hours(conn)
    return round((time.perf_counter() - started) * 1000, 1)


async def main(args: argparse.Namespace) -> dict:
    now = datetime.now(UTC)
    path = Path(tempfile.mkdtemp(prefix="reports-bench-")) / "bench.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    fill(path, args.customers, args.entries, now)
    rebuild_ms = keep_hours(url)
    engine = make_engine(url)
    try:
        figures = await timed(make_session_factory(engine), now)
    finally:
        await engine.dispose()
    return {"customers": args.customers, "entries": args.entries, "rebuild_ms": rebuild_ms,
            **figures}  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=5000)
    parser.add_argument("--entries", type=int, default=100_000)
    figures = asyncio.run(main(parser.parse_args()))
    print(f"{'figure':<24}{'value':>10}")
    for key, value in figures.items():
        print(f"{key:<24}{value:>10}")
    print(json.dumps(figures))
