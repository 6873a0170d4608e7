"""Award cost: what one scan that awards points costs, in statements, wall clock and CPU.

The scan use case alone (`domain.scanning.scan_customer`, one transaction), on a fresh migrated
SQLite file or PostgreSQL database: returning customers of one shop scanned in turn, each past
the cooldown, so every scan awards. No bot, no network but the database's: the figures are the
award's own, and every statement it runs is a round trip and a turn of the event loop.

    .venv/bin/python bench/award_cost.py [--db sqlite|postgres] [--customers 50] [--awards 400]

Prints a table, then as its last line one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy import event

from domain.approvals import join_program
from domain.commands import (
    CreateProgram,
    JoinProgram,
    RegisterBusiness,
    RegisterCustomer,
    ScanCustomer,
)
from domain.models import ScanOutcome
from domain.people import register_business, register_customer
from domain.programs import create_program
from domain.scanning import scan_customer
from domain.tokens import TokenSigner
from storage.engine import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWork

PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
SIGNER = TokenSigner(b"award-cost-bench-" * 2)
OWNER = 1
STEP = timedelta(seconds=1)  # the clock moves this much an award: customers come back in turn


async def database(db: str, folder: Path) -> tuple[str, Callable[[], Awaitable[None]]]:
    """A fresh database's URL (migrated to head) and what drops it."""
    if db == "sqlite":
        url = f"sqlite:///{folder / 'award-cost.db'}"
        await asyncio.to_thread(upgrade, url)
        return url, _nothing
    name = f"award_cost_{os.getpid()}"
    server = await asyncpg.connect(f"{PG_SERVER}/postgres")
    await server.execute(f'DROP DATABASE IF EXISTS "{name}"')
    await server.execute(f'CREATE DATABASE "{name}"')
    await server.close()
    url = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
    await asyncio.to_thread(upgrade, url)

    async def drop() -> None:
        server = await asyncpg.connect(f"{PG_SERVER}/postgres")
        await server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await server.close()

    return url, drop


async def _nothing() -> None:
    return None


async def bench(args: argparse.Namespace) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="award-cost-"))
    url, drop = await database(args.db, folder)
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    now = [datetime.now(UTC)]

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(sessions, lambda: now[0])

    try:
        await register_customer(uow(), RegisterCustomer(OWNER, OWNER, "Owner"))
        business = await register_business(uow(), RegisterBusiness(OWNER, "Bench Café"))
        program = await create_program(
            uow(), CreateProgram(business.id, OWNER, "Club", reward_threshold=10**6)
        )
        tokens = []
        for n in range(args.customers):
            telegram_id = 1000 + n
            await register_customer(uow(), RegisterCustomer(telegram_id, telegram_id, f"C{n}"))
            await join_program(uow(), JoinProgram(telegram_id, program.join_code))
            async with uow() as reading:
                customer = await reading.customers.by_telegram(telegram_id)
            assert customer is not None
            tokens.append(SIGNER.sign(customer.public_id, customer.qr_key_version))
        statements = [0]

        def count(*_: object) -> None:
            statements[0] += 1

        cooldown = STEP * args.customers / 2  # past it when the customer comes back

        async def award(n: int) -> None:
            now[0] += STEP
            cmd = ScanCustomer(
                business.id, OWNER, f"award-{n}", token=tokens[n % len(tokens)],
                cooldown=cooldown,
            )  # fmt: skip
            result = await scan_customer(uow(), cmd, SIGNER)
            assert result.outcome is ScanOutcome.AWARDED, result.outcome

        for n in range(args.customers):  # first visits: each customer's first contact
            await award(n)
        event.listen(engine.sync_engine, "before_cursor_execute", count)
        walls = []
        cpu = time.process_time()
        began = time.perf_counter()
        for n in range(args.customers, args.customers + args.awards):
            started = time.perf_counter()
            await award(n)
            walls.append((time.perf_counter() - started) * 1000)
        wall_s = time.perf_counter() - began
        cpu_s = time.process_time() - cpu
        event.remove(engine.sync_engine, "before_cursor_execute", count)
    finally:
        await engine.dispose()
        await drop()
    walls.sort()
    return {
        "db": args.db,
        "awards": args.awards,
        "statements_per_award": round(statements[0] / args.awards, 2),
        "wall_ms_mean": round(wall_s * 1000 / args.awards, 2),
        "wall_ms_p50": round(statistics.median(walls), 2),
        "wall_ms_p99": round(walls[int(len(walls) * 0.99) - 1], 2),
        "cpu_ms_per_award": round(cpu_s * 1000 / args.awards, 2),  # this process, not the server
    }


def report(figures: dict[str, Any]) -> None:
    for key, value in figures.items():
        print(f"{key:<24}{value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--customers", type=int, default=50)
    parser.add_argument("--awards", type=int, default=400)
    report(asyncio.run(bench(parser.parse_args())))
