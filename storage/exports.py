"""A business's customers and ledger read in batches, off the event loop, for /export.

An export reads every row a business has (a million ledger rows for a large one): read at once
it held the loop for 21 s and the whole ledger in memory. Here each export reads on a
connection of its own, outside any unit of work (a long read must not hold SQLite's write
lock), and hands rows over a batch at a time:

- SQLite runs on the loop's thread (storage/sqlite_inline.py), so the export opens a plain
  pysqlite connection in a thread of its own and every fetch runs there; in WAL mode it reads
  one snapshot while the bot goes on writing;
- PostgreSQL streams from a server-side cursor (asyncpg does its I/O without holding the loop);
  each batch costs the loop only the decoding of its rows.

The bot reads them in a process of its own (bot/export_job.py), whose loop serves nothing else.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Generator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from sqlalchemy import Select, create_engine, pool, select
from sqlalchemy.engine import Connection, Row
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.ports import CustomerSummary, LedgerLine
from storage.repositories.businesses import customer_summaries
from storage.tables import (
    BusinessCustomerRow,
    CardRow,
    CustomerRow,
    LedgerRow,
    ProgramRow,
)

BATCH = 500  # rows: on PostgreSQL each batch is decoded on the loop (2,000 held it ~120 ms)
T = TypeVar("T")


class ExportReader:
    """`customers(business_id)` and `ledger(business_id)`: async iterators of row batches."""

    def __init__(self, engine: AsyncEngine, batch: int = BATCH) -> None:
        self._engine = engine
        self._batch = batch

    def customers(self, business_id: int) -> AsyncIterator[list[CustomerSummary]]:
        return self._batches(_customers(business_id), _customer)

    def ledger(self, business_id: int) -> AsyncIterator[list[LedgerLine]]:
        return self._batches(_ledger(business_id), _ledger_line)

    def _batches(
        self,
        stmt: Select[*tuple[Any, ...]],
        convert: Callable[[Row[*tuple[Any, ...]]], T],
    ) -> AsyncIterator[list[T]]:
        if self._engine.dialect.name == "sqlite":
            return _threaded(self._engine, stmt, convert, self._batch)
        return _streamed(self._engine, stmt, convert, self._batch)


async def _streamed(
    engine: AsyncEngine,
    stmt: Select[*tuple[Any, ...]],
    convert: Callable[[Row[*tuple[Any, ...]]], T],
    size: int,
) -> AsyncIterator[list[T]]:
    async with engine.connect() as conn:
        result = await conn.stream(stmt.execution_options(yield_per=size))
        async for rows in result.partitions(size):
            yield [convert(row) for row in rows]


async def _threaded(
    engine: AsyncEngine,
    stmt: Select[*tuple[Any, ...]],
    convert: Callable[[Row[*tuple[Any, ...]]], T],
    size: int,
) -> AsyncIterator[list[T]]:
    # One thread for the whole read: a pysqlite connection stays on the thread that opened it.
    url = engine.url.set(drivername="sqlite+pysqlite")
    sync = create_engine(url, poolclass=pool.NullPool)
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="export") as thread:
        batches = _fetch(sync, stmt, convert, size)
        try:
            while True:
                batch: list[T] = await loop.run_in_executor(thread, next, batches, [])
                if not batch:
                    break
                yield batch
        finally:
            await loop.run_in_executor(thread, batches.close)
            await loop.run_in_executor(thread, sync.dispose)


def _fetch(
    engine: Any,
    stmt: Select[*tuple[Any, ...]],
    convert: Callable[[Row[*tuple[Any, ...]]], T],
    size: int,
) -> Generator[list[T]]:
    conn: Connection
    with engine.connect() as conn:
        result = conn.execute(stmt)
        while rows := result.fetchmany(size):
            yield [convert(row) for row in rows]


def _customers(business_id: int) -> Select[*tuple[Any, ...]]:
    """The /customers listing's rows (its query, shared), in a stable order for batches."""
    return customer_summaries(business_id).order_by(BusinessCustomerRow.id)


def _customer(row: Row[*tuple[Any, ...]]) -> CustomerSummary:
    cid, name, balance, visits, seen = row
    return CustomerSummary(
        customer_id=cid, name=name, balance=int(balance), visits=visits, last_seen=seen
    )


def _ledger(business_id: int) -> Select[*tuple[Any, ...]]:
    return (
        select(
            LedgerRow.id,
            LedgerRow.created_at,
            CardRow.customer_id,
            CustomerRow.display_name,
            CardRow.number,
            ProgramRow.name,
            LedgerRow.delta,
            LedgerRow.kind,
            LedgerRow.reason,
            LedgerRow.note,
            LedgerRow.staff_telegram_id,
        )
        .select_from(LedgerRow)
        .join(CardRow, CardRow.id == LedgerRow.card_id)
        .join(CustomerRow, CustomerRow.id == CardRow.customer_id)
        .join(ProgramRow, ProgramRow.id == CardRow.program_id)
        .where(CardRow.business_id == business_id)
        .order_by(LedgerRow.created_at.desc(), LedgerRow.id.desc())
    )


def _ledger_line(row: Row[*tuple[Any, ...]]) -> LedgerLine:
    entry_id, at, cid, name, number, program, delta, kind, reason, note, staff = row
    return LedgerLine(
        entry_id=entry_id, created_at=at, customer_id=cid, customer=name, card_number=number,
        program=program, delta=delta, kind=kind, reason=reason, note=note,
        staff_telegram_id=staff,
    )  # fmt: skip
