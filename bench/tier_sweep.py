"""The tier sweep at size: 100,000 cards and 1,000,000 ledger rows, on SQLite and PostgreSQL.

One program with tiers (Silver at 20 ×1.25, Gold at 60 ×1.5) and a 12-month requalification
window; awards of 1 to 5 points spread over the last 18 months, one in twenty undone. Every card
starts in the tier its lifetime points reach, as if promoted long ago, so the first sweep
demotes every card whose last 12 months no longer hold its tier (and writes its message); the
second finds nothing to do. Each batch is one transaction (domain.tiering.requalify_batch, as
the scheduler runs it); a heartbeat task measures how late a 1 ms sleep wakes, i.e. the event
loop's longest stall (SQLite runs inline on the loop's thread), and each batch's CPU time in
this process is what it holds the loop for when the machine has a core to spare.

    .venv/bin/python bench/tier_sweep.py [--cards 100000] [--entries 1000000] [--batch 100]
        [--backends sqlite,postgresql]

Prints a table, then as its last line one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sqlite3
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from domain.tiering import BATCH, PAUSE, SweepStep, requalify_batch
from domain.tiers import Tier, tier_for
from storage.engine import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWork

PG_URL = os.environ.get("LOYALTY_TEST_POSTGRES_URL") or (
    "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
TIERS = [Tier(1, "Silver", 20, 125, 1), Tier(1, "Gold", 60, 150, 2)]
CHUNK = 100_000
STAMP = "%Y-%m-%d %H:%M:%S.%f"


def ledger_rows(cards: int, entries: int) -> Iterator[list[tuple]]:
    """(id, card, delta, kind, key, reverses, at) in chunks: awards, and undos of some."""
    rng = random.Random(7)
    span = timedelta(days=548).total_seconds()
    next_id = 1
    made = 0
    while made < entries:
        chunk = []
        while len(chunk) < CHUNK and made < entries:
            at = NOW - timedelta(seconds=rng.random() * span)
            card, delta = rng.randint(1, cards), rng.randint(1, 5)
            chunk.append((next_id, card, delta, "award", f"a{next_id}", None, at))
            next_id, made = next_id + 1, made + 1
            if rng.random() < 0.05 and made < entries:
                undo_at = at + timedelta(minutes=1)
                chunk.append((next_id, card, -delta, "undo", f"u{next_id}", next_id - 1, undo_at))
                next_id, made = next_id + 1, made + 1
        yield chunk


def card_figures(chunks: list[list[tuple]], cards: int) -> list[tuple[int, int, int | None]]:
    """(card, lifetime earned, tier its lifetime reaches) for each card."""
    earned = [0] * (cards + 1)
    for chunk in chunks:
        for _, card, delta, *_ in chunk:
            earned[card] += delta
    rows = []
    for card in range(1, cards + 1):
        tier = tier_for(earned[card], TIERS)
        rows.append((card, earned[card], tier.id if tier else None))
    return rows


def people(cards: int) -> tuple[list[tuple], list[tuple]]:
    users = [(10**6 + i, 10**6 + i, f"C{i}") for i in range(1, cards + 1)]
    customers = [(i, 10**6 + i, f"p{i:015d}", f"M{i:07d}", f"C{i}") for i in range(1, cards + 1)]
    return users, customers


def fill_sqlite(path: Path, cards: int, chunks: list[list[tuple]]) -> None:
    at = (NOW - timedelta(days=600)).strftime(STAMP)
    users, customers = people(cards)
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO telegram_users (telegram_id, chat_id, first_name, last_name, username,"
            " language) VALUES (1, 1, 'Owner', '', '', '')"
        )
        db.executemany(
            "INSERT INTO telegram_users (telegram_id, chat_id, first_name, last_name, username,"
            " language) VALUES (?, ?, ?, '', '', '')",
            users,
        )
        db.execute(
            "INSERT INTO businesses (id, name, owner_telegram_id, staff_invite_code, created_at)"
            " VALUES (1, 'Bench Café', 1, 'invite', ?)",
            (at,),
        )
        db.execute(
            "INSERT INTO loyalty_programs (id, business_id, name, kind, points_per_scan,"
            " join_code, max_per_scan, active, created_at,"
            " tier_window_months) VALUES (1, 1, 'Club', 'points', 1, 'join', 100,"
            " 1, ?, 12)",
            (at,),
        )
        db.executemany(
            "INSERT INTO program_tiers (id, program_id, name, threshold, percent, created_at)"
            " VALUES (?, 1, ?, ?, ?, ?)",
            [(t.id, t.name, t.threshold, t.percent, at) for t in TIERS],
        )
        db.executemany(
            "INSERT INTO customers (id, telegram_id, public_id, manual_code, display_name,"
            " qr_key_version, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)",
            [(*c, at) for c in customers],
        )
        db.executemany(
            "INSERT INTO loyalty_cards (id, customer_id, program_id, business_id, number,"
            " balance, lifetime_points, tier_id, created_at) VALUES (?, ?, 1, 1, ?, ?, ?, ?, ?)",
            [(c, c, f"N{c:07d}", e, e, tier, at) for c, e, tier in card_figures(chunks, cards)],
        )
        for chunk in chunks:
            db.executemany(
                "INSERT INTO point_transactions (id, card_id, delta, kind, idempotency_key,"
                " reverses_entry_id, reason, note, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, 'scan', '', ?)",
                [(*row[:6], row[6].strftime(STAMP)) for row in chunk],
            )


async def fill_postgres(url: str, cards: int, chunks: list[list[tuple]]) -> None:
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    conn = await asyncpg.connect(dsn)
    at = NOW - timedelta(days=600)
    users, customers = people(cards)
    try:
        await conn.execute(
            "INSERT INTO telegram_users (telegram_id, chat_id, first_name, last_name, username,"
            " language) VALUES (1, 1, 'Owner', '', '', '')"
        )
        await conn.copy_records_to_table(
            "telegram_users",
            records=[(*u, "", "", "") for u in users],
            columns=["telegram_id", "chat_id", "first_name", "last_name", "username", "language"],
        )
        await conn.execute(
            "INSERT INTO businesses (id, name, owner_telegram_id, staff_invite_code, created_at,"
            " time_zone) VALUES (1, 'Bench Café', 1, 'invite', $1, 'UTC')",
            at,
        )
        await conn.execute(
            "INSERT INTO loyalty_programs (id, business_id, name, kind, points_per_scan,"
            " join_code, max_per_scan, active, created_at,"
            " tier_window_months) VALUES (1, 1, 'Club', 'points', 1, 'join', 100,"
            " true, $1, 12)",
            at,
        )
        await conn.copy_records_to_table(
            "program_tiers",
            records=[(t.id, 1, t.name, t.threshold, t.percent, at) for t in TIERS],
            columns=["id", "program_id", "name", "threshold", "percent", "created_at"],
        )
        await conn.copy_records_to_table(
            "customers",
            records=[(*c, 1, at) for c in customers],
            columns=["id", "telegram_id", "public_id", "manual_code", "display_name",
                     "qr_key_version", "created_at"],
        )  # fmt: skip
        await conn.copy_records_to_table(
            "loyalty_cards",
            records=[
                (c, c, 1, 1, f"N{c:07d}", e, e, tier, at)
                for c, e, tier in card_figures(chunks, cards)
            ],
            columns=["id", "customer_id", "program_id", "business_id", "number", "balance",
                     "lifetime_points", "tier_id", "created_at"],
        )  # fmt: skip
        for chunk in chunks:
            await conn.copy_records_to_table(
                "point_transactions",
                records=[(*row[:6], "scan", "", row[6]) for row in chunk],
                columns=["id", "card_id", "delta", "kind", "idempotency_key",
                         "reverses_entry_id", "reason", "note", "created_at"],
            )  # fmt: skip
        for table in ("telegram_users", "customers", "loyalty_cards", "point_transactions"):
            await conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" (SELECT max(id) FROM {table}))"
            )
        await conn.execute("ANALYZE")
    finally:
        await conn.close()


@asynccontextmanager
async def database(kind: str, folder: Path, cards: int, chunks) -> AsyncIterator[str]:
    if kind == "sqlite":
        path = folder / "bench.db"
        url = f"sqlite:///{path}"
        await asyncio.to_thread(upgrade, url)
        await asyncio.to_thread(fill_sqlite, path, cards, chunks)
        yield url
        return
    name = f"loyalty_tiers_{uuid.uuid4().hex[:8]}"
    dsn = make_url(PG_URL).set(drivername="postgresql").render_as_string(hide_password=False)
    admin = await asyncpg.connect(dsn, timeout=3)
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    try:
        await asyncio.to_thread(upgrade, url)
        await fill_postgres(url, cards, chunks)
        yield url
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def sweep(url: str, batch: int) -> dict:
    """Two full sweeps, batch by batch; the loop's longest stall and the slowest batch."""
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    stalls: list[tuple[float, float]] = []  # (when the heartbeat woke, how late it woke)
    done = asyncio.Event()

    async def heartbeat() -> None:  # a timing instrument: how late does a 1 ms sleep wake?
        while not done.is_set():
            started = time.perf_counter()
            await asyncio.sleep(0.001)
            woke = time.perf_counter()
            stalls.append((woke, woke - started - 0.001))

    beat = asyncio.create_task(heartbeat())
    figures: dict = {}
    try:
        for run in ("first", "second"):
            step: SweepStep | None = SweepStep()
            moved, batches, slowest, cpu = 0, 0, 0.0, []
            started = time.perf_counter()
            while step is not None:
                t0, c0 = time.perf_counter(), time.process_time()
                count, step = await requalify_batch(
                    SqlUnitOfWork(sessions, lambda: NOW), step, batch
                )
                slowest = max(slowest, time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
                moved, batches = moved + count, batches + 1
                await asyncio.sleep(PAUSE)  # as requalify_tiers pauses between batches
            figures[f"{run}_sweep_s"] = round(time.perf_counter() - started, 2)
            figures[f"{run}_moved"] = moved
            figures[f"{run}_batches"] = batches
            figures[f"{run}_slowest_batch_ms"] = round(slowest * 1000, 1)
            # This process's CPU per batch: what the loop is held for on an idle machine (on a
            # busy one the wall time above also counts waiting for a core).
            cpu.sort()
            figures[f"{run}_batch_cpu_p50_ms"] = round(cpu[len(cpu) // 2] * 1000, 1)
            figures[f"{run}_batch_cpu_p99_ms"] = round(cpu[int(len(cpu) * 0.99)] * 1000, 1)
    finally:
        done.set()
        await beat
        await engine.dispose()
    figures["longest_loop_stall_ms"] = round(max(late for _, late in stalls) * 1000, 1)
    ordered = sorted(late for _, late in stalls)
    figures["p99_loop_stall_ms"] = round(ordered[int(len(ordered) * 0.99)] * 1000, 1)
    return figures


async def main(args: argparse.Namespace) -> dict:
    chunks = list(ledger_rows(args.cards, args.entries))
    results: dict = {"cards": args.cards, "entries": sum(map(len, chunks)), "batch": args.batch}
    for kind in args.backends.split(","):
        with tempfile.TemporaryDirectory(prefix="tiers-bench-") as folder:
            started = time.perf_counter()
            async with database(kind, Path(folder), args.cards, chunks) as url:
                filled = round(time.perf_counter() - started, 1)
                figures = await sweep(url, args.batch)
        results[kind] = {"fill_s": filled, **figures}
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=BATCH)
    parser.add_argument("--backends", default="sqlite,postgresql")
    figures = asyncio.run(main(parser.parse_args()))
    print(f"{'backend':<12}{'figure':<28}{'value':>10}")
    for kind in ("sqlite", "postgresql"):
        for key, value in figures.get(kind, {}).items():
            print(f"{kind:<12}{key:<28}{value:>10}")
    print(json.dumps(figures))
