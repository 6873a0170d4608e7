"""Program sweeps at size: the expiry sweep over many cards and ledger rows, SQLite and PostgreSQL.

One business, one program whose points expire after 365 days (warning 14 days ahead), `--cards`
cards and `--rows` ledger rows: per card, awards spread over the last two years and a few
redemptions, bulk-inserted (executemany on SQLite, COPY on PostgreSQL). The sweep then runs as
the scheduler runs it (a transaction per batch, the outbox rows it causes included), twice: the
first run expires and warns, the second finds nothing to do. A 1 ms heartbeat measures the event
loop's longest stall (SQLite runs its statements on the loop's thread).

    .venv/bin/python bench/expiry_sweep.py [--cards 100000] [--rows 1000000]
        [--backend sqlite|postgresql|both] [--batch 500]

PostgreSQL: LOYALTY_TEST_POSTGRES_URL (default postgresql+asyncpg://postgres@127.0.0.1:5432/
postgres); a scratch database is created and dropped. Prints a table; the last line is one JSON
object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

from domain.expiry_sweep import BATCH, expire_points
from storage.engine import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.uow import uow_factory

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
DAYS, WARNING = 365, 14
REDEMPTIONS = 2  # per card; the other rows are awards
POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
Row = tuple[Any, ...]


def ledger(cards: int, rows: int) -> Iterator[tuple[int, Row, Row]]:
    """Per card: (card id, its card row values, its ledger rows), times over two years."""
    rng = random.Random(13)
    per_card = max(rows // cards, REDEMPTIONS + 1)
    key = 0
    for card_id in range(1, cards + 1):
        days = sorted(rng.uniform(0, 730) for _ in range(per_card))
        spend_at = set(rng.sample(range(1, per_card), REDEMPTIONS))
        balance = earned = 0
        entries = []
        for i, ago in enumerate(reversed(days)):
            at = NOW - timedelta(days=ago)
            key += 1
            if i in spend_at and balance > 0:
                delta, kind, reason = -rng.randint(1, balance), "redeem", "redemption"
            else:
                delta, kind, reason = rng.randint(1, 10), "award", "scan"
                earned += delta
            balance += delta
            entries.append((card_id, delta, kind, f"b:{key}", 1, reason, "", at))
        yield card_id, (balance, earned), tuple(entries)


def rows_of(cards: int, rows: int) -> tuple[list[Row], list[Row], list[Row], list[Row]]:
    users, customers, card_rows, entries = [], [], [], []
    at = NOW - timedelta(days=800)
    for card_id, (balance, earned), own in ledger(cards, rows):
        tg = 10**6 + card_id
        users.append((tg, tg, f"C{card_id}", "", "", "en"))
        customers.append(
            (card_id, tg, f"p{card_id:015d}", f"M{card_id:08d}", f"C{card_id}", 1, at)
        )
        card_rows.append((card_id, card_id, 1, 1, f"N{card_id:08d}", balance, earned, at))
        entries.extend(own)
    return users, customers, card_rows, entries


USERS = "telegram_users (telegram_id, chat_id, first_name, last_name, username, language)"
CUSTOMERS = (
    "customers (id, telegram_id, public_id, manual_code, display_name, qr_key_version, created_at)"
)
CARDS = (
    "loyalty_cards (id, customer_id, program_id, business_id, number, balance, "
    "lifetime_points, created_at)"
)
LEDGER = (
    "point_transactions (card_id, delta, kind, idempotency_key, staff_telegram_id, reason, "
    "note, created_at)"
)
SETUP = (
    "INSERT INTO telegram_users (telegram_id, chat_id, first_name, last_name, username, "
    "language) VALUES (1, 1, 'Owner', '', '', 'en')",
    "INSERT INTO businesses (id, name, owner_telegram_id, staff_invite_code, created_at, "
    "time_zone) VALUES (1, 'Bench Café', 1, 'invite', {at}, 'UTC')",
    "INSERT INTO loyalty_programs (id, business_id, name, kind, points_per_scan, "
    "join_code, max_per_scan, active, created_at, expiry_days, "
    f"expiry_warning_days) VALUES (1, 1, 'Club', 'points', 1, 'join', 100, "
    f"{{yes}}, {{at}}, {DAYS}, {WARNING})",
)


def fill_sqlite(path: Path, data: tuple[list[Row], ...]) -> None:
    users, customers, cards, entries = data
    stamp = "'" + (NOW - timedelta(days=800)).strftime("%Y-%m-%d %H:%M:%S") + "'"
    plain = [(*e[:-1], e[-1].astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")) for e in entries]
    with sqlite3.connect(path) as db:
        for statement in SETUP:
            db.execute(statement.format(at=stamp, yes=1))
        for table, values in ((USERS, users), (CUSTOMERS, customers), (CARDS, cards)):
            marks = ", ".join("?" * len(values[0]))
            if table is not USERS:
                values = [_sqlite_times(v) for v in values]
            db.executemany(f"INSERT INTO {table} VALUES ({marks})", values)
        db.executemany(f"INSERT INTO {LEDGER} VALUES (?, ?, ?, ?, ?, ?, ?, ?)", plain)


def _sqlite_times(values: Row) -> Row:
    return tuple(
        v.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(v, datetime) else v
        for v in values
    )


async def fill_postgres(dsn: str, data: tuple[list[Row], ...]) -> None:
    users, customers, cards, entries = data
    conn = await asyncpg.connect(dsn)
    try:
        for statement in SETUP:
            await conn.execute(statement.format(at="now() - interval '800 days'", yes="true"))
        for spec, values in ((USERS, users), (CUSTOMERS, customers), (CARDS, cards)):
            await _copy(conn, spec, values)
        await _copy(conn, LEDGER, entries)
        await conn.execute("ANALYZE")
    finally:
        await conn.close()


async def _copy(conn: asyncpg.Connection, spec: str, values: list[Row]) -> None:
    table, _, columns = spec.partition(" ")
    names = [c.strip() for c in columns.strip("()").split(",")]
    await conn.copy_records_to_table(table, records=values, columns=names)


async def measured(run: Callable[[], Awaitable[Any]]) -> tuple[Any, float, float, float]:
    """(result, seconds, the longest loop stall in ms, the most CPU ms spent in one) of a run.

    On a shared machine a stall's wall time also holds the time other processes had the CPU
    (and a commit's fsync): the CPU this process spent in the longest stall is what the sweep
    itself cost the loop.
    """
    stalls = [(0.0, 0.0)]
    done = asyncio.Event()

    async def heartbeat() -> None:  # how late does a 1 ms sleep wake?
        while not done.is_set():
            started, cpu = time.perf_counter(), time.process_time()
            await asyncio.sleep(0.001)
            stalls.append((time.perf_counter() - started - 0.001, time.process_time() - cpu))

    beat = asyncio.create_task(heartbeat())
    await asyncio.sleep(0)
    started = time.perf_counter()
    result = await run()
    elapsed = time.perf_counter() - started
    done.set()
    await beat
    wall = max(stalls)
    return result, elapsed, wall[0] * 1000, max(cpu for _, cpu in stalls) * 1000


async def sweeps(url: str, batch: int) -> dict[str, float | int]:
    engine = make_engine(url)
    new_uow = uow_factory(make_session_factory(engine), lambda: NOW)
    # Each program sweep the scheduler runs, by name; the tier sweep goes here beside expiry.
    runs: dict[str, Callable[[], Awaitable[Any]]] = {
        "expiry": lambda: expire_points(new_uow, batch),
    }
    figures: dict[str, float | int] = {}
    try:
        for name, run in runs.items():
            first, seconds, stall, cpu = await measured(run)
            again, seconds_again, stall_again, cpu_again = await measured(run)
            figures |= {
                f"{name}_seconds": round(seconds, 2),
                f"{name}_longest_stall_ms": round(max(stall, stall_again), 1),
                f"{name}_longest_stall_cpu_ms": round(max(cpu, cpu_again), 1),
                f"{name}_rerun_seconds": round(seconds_again, 2),
                f"{name}_expired_cards": first.expired_cards,
                f"{name}_expired_points": first.expired_points,
                f"{name}_warnings": first.warnings,
                f"{name}_rerun_expired_cards": again.expired_cards,
            }
    finally:
        await engine.dispose()
    return figures


async def on_sqlite(data: tuple[list[Row], ...], batch: int) -> dict[str, float | int]:
    path = Path(tempfile.mkdtemp(prefix="expiry-bench-")) / "bench.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    started = time.perf_counter()
    fill_sqlite(path, data)
    fill = time.perf_counter() - started
    return {"fill_seconds": round(fill, 1), **await sweeps(url, batch)}


async def on_postgres(data: tuple[list[Row], ...], batch: int) -> dict[str, float | int]:
    server = os.environ.get("LOYALTY_TEST_POSTGRES_URL") or POSTGRES
    name = f"loyalty_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(_dsn(server))
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = make_url(server).set(database=name).render_as_string(hide_password=False)
        await asyncio.to_thread(upgrade, url)
        started = time.perf_counter()
        await fill_postgres(_dsn(url), data)
        fill = time.perf_counter() - started
        return {"fill_seconds": round(fill, 1), **await sweeps(url, batch)}
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def main(args: argparse.Namespace) -> dict[str, Any]:
    data = rows_of(args.cards, args.rows)
    # The fixture's million tuples stay in memory: without this, the collector's full passes
    # over them (about 200 ms each) would be counted as the sweep's stalls.
    gc.collect()
    gc.freeze()
    figures: dict[str, Any] = {"cards": args.cards, "rows": len(data[3]), "batch": args.batch}
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    for backend in backends:
        run = on_sqlite if backend == "sqlite" else on_postgres
        for key, value in (await run(data, args.batch)).items():
            figures[f"{backend}_{key}"] = value
        print(json.dumps(figures), file=sys.stderr, flush=True)  # so far, should a run be cut
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--batch", type=int, default=BATCH)
    figures = asyncio.run(main(parser.parse_args()))
    print(f"{'figure':<40}{'value':>12}")
    for key, value in figures.items():
        print(f"{key:<40}{value:>12}")
    print(json.dumps(figures))
