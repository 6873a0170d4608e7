"""My cards, the one-statement read against the card-at-a-time one it replaced, A/B interleaved.

Against a platform database of bench/platform_scale.py (a SQLite file, copied with
`cp --reflink=auto` and migrated to head; or a PostgreSQL URL, migrated to head), runs
`list_customer_cards` for random customers with the reading unit of work as that bench makes
it (`SqlUnitOfWork(sessions, reading=True)`), each customer read the old way and the new way
in turn (the order alternating), checks both give the same cards, and prints p50/p99 of each
and the statements each ran.

    python bench/my_cards_ab.py SQLITE_FILE_OR_POSTGRES_URL [--times 300] [--warmup 50]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path

from sqlalchemy import event, text

from domain.errors import NotFound
from domain.expiry import next_expiry
from domain.models import Card
from domain.ports import UnitOfWork
from domain.queries import CardView, list_customer_cards
from domain.reward_ladder import claimed_rewards
from storage.engine import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWork

CUSTOMER_BASE = 10**9  # bench/platform_scale.py's customers' Telegram ids


# The code this replaced (domain/queries.py before), a statement per card and table.
async def old_list_customer_cards(uow: UnitOfWork, telegram_id: int) -> list[CardView]:
    async with uow:
        customer = await uow.customers.by_telegram(telegram_id)
        if customer is None:
            return []
        cards = await uow.cards.list_for_customer(customer.id)
        views = [await _old_view(uow, card) for card in cards if card.left_at is None]
        return [await _old_with_expiry(uow, view) for view in views]


async def _old_with_expiry(uow: UnitOfWork, view: CardView) -> CardView:
    if view.program.expiry_days is None or view.card.balance <= 0:
        return view
    ledger = (await uow.expiry.ledgers([view.card.id]))[view.card.id]
    soon = next_expiry(ledger, view.program.expiry_days, uow.now(), view.time_zone)
    return replace(view, expiry=soon)


async def _old_view(uow: UnitOfWork, card: Card) -> CardView:
    program = await uow.programs.get(card.program_id)
    business = await uow.businesses.get(card.business_id)
    if program is None:
        raise NotFound("program_not_found")
    claimed = await claimed_rewards(uow, program, card)
    tier = await uow.tiers.get(card.tier_id) if card.tier_id is not None else None
    if business is None:
        return CardView(card, program, "", claimed=claimed, tier=tier)
    return CardView(card, program, business.name, business.time_zone, claimed, tier=tier)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(q * len(ordered)), len(ordered) - 1)]


async def run(url: str, times: int, warmup: int) -> None:
    engine = make_engine(url)
    statements = [0]
    event.listen(engine.sync_engine, "before_cursor_execute", lambda *a: _count(statements))
    sessions = make_session_factory(engine)
    async with engine.connect() as conn:
        customers = (await conn.execute(text("SELECT max(id) FROM customers"))).scalar_one()
    rng = random.Random(17)
    ways: dict[str, Callable[[UnitOfWork, int], Awaitable[list[CardView]]]] = {
        "old": old_list_customer_cards, "new": list_customer_cards,
    }  # fmt: skip
    took: dict[str, list[float]] = {name: [] for name in ways}
    ran: dict[str, int] = dict.fromkeys(ways, 0)
    try:
        for i in range(warmup + times):
            telegram_id = CUSTOMER_BASE + rng.randint(1, customers)
            order = list(ways) if i % 2 else list(reversed(ways))
            seen = {}
            for name in order:
                before = statements[0]
                began = time.perf_counter()
                seen[name] = await ways[name](SqlUnitOfWork(sessions, reading=True), telegram_id)
                if i >= warmup:
                    took[name].append((time.perf_counter() - began) * 1000)
                    ran[name] += statements[0] - before
            assert seen["old"] == seen["new"], (telegram_id, seen)
    finally:
        await engine.dispose()
    for name in ways:
        ms = took[name]
        print(
            f"{name}: p50 {statistics.median(ms):.2f} ms  p99 {percentile(ms, 0.99):.2f} ms"
            f"  mean {statistics.mean(ms):.2f} ms  statements/view {ran[name] / times:.1f}",
            flush=True,
        )


def _count(statements: list[int]) -> None:
    statements[0] += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", help="a platform SQLite file (copied) or a PostgreSQL URL")
    parser.add_argument("--times", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    folder = None
    if args.database.startswith("postgresql"):
        url = args.database
    else:
        folder = Path(tempfile.mkdtemp(prefix="my-cards-ab-"))
        copy = folder / "bench.db"
        subprocess.run(["cp", "--reflink=auto", args.database, str(copy)], check=True)
        url = f"sqlite:///{copy}"
    try:
        began = time.perf_counter()
        upgrade(url)
        print(f"upgraded to head in {time.perf_counter() - began:.0f} s", flush=True)
        for _ in range(args.rounds):
            asyncio.run(run(url, args.times, args.warmup))
    finally:
        if folder:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
