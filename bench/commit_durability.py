"""What durable commits cost: SQLite WAL with synchronous=FULL (fsync per commit) vs NORMAL.

Runs the award use case (one transaction: ledger row, card, outbox row: a commit that causes a
message) back to back on a database file in this folder's file system (not /tmp, which may be
memory), once per setting, and reports commits per second, commit latency (p50/p99) and the
event loop's longest stall (the inline driver commits on the loop's thread).

    .venv/bin/python bench/commit_durability.py [--n 2000]

Prints a table, then as its last line one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # so `python bench/...` finds us
from domain.approvals import join_program
from domain.commands import (
    AwardPoints,
    CreateProgram,
    JoinProgram,
    RegisterBusiness,
    RegisterCustomer,
)
from domain.ledger import award_points
from domain.people import register_business, register_customer
from domain.programs import create_program
from storage.engine import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWork


async def one_setting(folder: Path, synchronous: str, n: int) -> dict:
    url = f"sqlite:///{folder / f'{synchronous}.db'}"
    await asyncio.to_thread(upgrade, url)
    engine = make_engine(url, synchronous=synchronous)
    sessions = make_session_factory(engine)

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(sessions)

    await register_customer(uow(), RegisterCustomer(1, 1, "Owner"))
    await register_customer(uow(), RegisterCustomer(2, 2, "Ann"))
    business = await register_business(uow(), RegisterBusiness(1, "Café"))
    program = await create_program(
        uow(), CreateProgram(business.id, 1, "Club", points_per_scan=1, reward_threshold=10**6)
    )
    card = await join_program(uow(), JoinProgram(2, program.join_code))
    stalls: list[float] = []
    done = asyncio.Event()

    async def heartbeat() -> None:  # a timing instrument: how late does a 1 ms sleep wake?
        while not done.is_set():
            started = time.perf_counter()
            await asyncio.sleep(0.001)
            stalls.append(time.perf_counter() - started - 0.001)

    beat = asyncio.create_task(heartbeat())
    latencies = []
    started = time.perf_counter()
    for i in range(n):
        t0 = time.perf_counter()
        await award_points(uow(), AwardPoints(business.id, 1, card.id, 1, f"k{i}"))
        latencies.append(time.perf_counter() - t0)
        await asyncio.sleep(0)
    elapsed = time.perf_counter() - started
    done.set()
    await beat
    await engine.dispose()
    latencies.sort()
    return {
        "commits_per_second": round(n / elapsed),
        "p50_ms": round(latencies[n // 2] * 1000, 2),
        "p99_ms": round(latencies[int(n * 0.99)] * 1000, 2),
        "longest_loop_stall_ms": round(max(stalls) * 1000, 2),
    }


HERE = Path(__file__).resolve().parent


async def main(args: argparse.Namespace) -> dict:
    here = HERE
    with tempfile.TemporaryDirectory(prefix="durability-", dir=here) as folder:
        return {s: await one_setting(Path(folder), s, args.n) for s in ("NORMAL", "FULL")}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    figures = asyncio.run(main(parser.parse_args()))
    for setting, values in figures.items():
        print(setting, "  ".join(f"{k} {v}" for k, v in values.items()))
    print(json.dumps(figures))
