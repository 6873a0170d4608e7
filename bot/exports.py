"""/export's files: CSV written a batch at a time in a thread, zipped and split above a size.

The rows arrive in batches (storage/exports.py); each batch is turned into CSV and written to
a file in a worker thread, so neither the event loop nor memory holds the whole export. A file
over the upload limit (Telegram takes 50 MB from a bot) is zipped; if the zip is still over
it, the CSV is split at row boundaries into parts whose text alone fits the limit, each zipped
with the header repeated, so every part opens on its own in a spreadsheet. The bot runs all
of it in a process of its own (bot/export_job.py).
"""

from __future__ import annotations

import asyncio
import csv
import zipfile
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar

from domain.ports import CustomerSummary, ExportSource, LedgerLine

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets run as a formula
ZIP_OVERHEAD = 1024  # a zip's headers and directory, and deflate's worst case on short text
T = TypeVar("T")
Row = tuple[object, ...]


CUSTOMER_HEADER = ("customer_id", "name", "balance", "visits", "last_visit")
LEDGER_HEADER = (
    "entry_id", "created_at", "customer_id", "customer", "card", "program", "delta", "kind",
    "reason", "note", "staff_telegram_id",
)  # fmt: skip
EXPORTS = ("customers", "ledger")  # what /export sends, in this order


@dataclass(frozen=True)
class ExportFile:
    name: str  # the file name the owner sees
    path: Path
    rows: int  # data rows in this file (the header left out)


async def write_business_export(
    source: ExportSource, what: str, business_id: int, folder: Path, limit: int
) -> list[ExportFile]:
    """One of `EXPORTS` of a business, as `write_export` writes it."""
    if what == "customers":
        customers = source.customers(business_id)
        return await write_export(customers, CUSTOMER_HEADER, customer_row, folder, what, limit)
    if what == "ledger":
        return await write_export(
            source.ledger(business_id), LEDGER_HEADER, ledger_row, folder, what, limit
        )
    raise ValueError(f"no export named {what!r}")


def customer_row(c: CustomerSummary) -> Row:
    return (c.customer_id, c.name, c.balance, c.visits, c.last_seen.isoformat())


def ledger_row(e: LedgerLine) -> Row:
    return (e.entry_id, e.created_at.isoformat(), e.customer_id, e.customer, e.card_number,
            e.program, e.delta, e.kind, e.reason, e.note, e.staff_telegram_id or "")  # fmt: skip


async def write_export(
    batches: AsyncIterator[list[T]],
    header: Row,
    to_row: Callable[[T], Row],
    folder: Path,
    name: str,
    limit: int,
) -> list[ExportFile]:
    """`name`.csv in `folder`; above `limit` bytes, `name`.zip or `name`-1.zip, -2.zip, ..."""
    path = folder / f"{name}.csv"
    # The BOM makes spreadsheet programs read the file as UTF-8 (names are not all ASCII).
    handle = await asyncio.to_thread(path.open, "w", encoding="utf-8-sig", newline="")
    rows = 0
    try:
        writer = csv.writer(handle)
        await asyncio.to_thread(writer.writerow, header)
        async for batch in batches:
            await asyncio.to_thread(writer.writerows, (_safe_row(to_row(i)) for i in batch))
            rows += len(batch)
    finally:
        await asyncio.to_thread(handle.close)
    if (await asyncio.to_thread(path.stat)).st_size <= limit:
        return [ExportFile(path.name, path, rows)]
    return await asyncio.to_thread(_zipped, path, name, limit)


def _safe_row(row: Row) -> Row:
    return tuple(_safe(cell) for cell in row)


def _safe(cell: object) -> object:
    """A customer-chosen name must not run as a formula when the CSV is opened."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


def _zipped(path: Path, name: str, limit: int) -> list[ExportFile]:
    whole = path.with_name(f"{name}.zip")
    with path.open("rb") as source, zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as zipped:
        header = source.readline()
        with zipped.open(path.name, "w", force_zip64=True) as entry:
            entry.write(header)
            rows = _copy(source, entry)
    if whole.stat().st_size <= limit:
        path.unlink()
        return [ExportFile(whole.name, whole, rows)]
    whole.unlink()
    return _split(path, name, limit)


def _split(path: Path, name: str, limit: int) -> list[ExportFile]:
    """Parts whose CSV text fits the limit by itself, so their zips surely do."""
    budget = limit - ZIP_OVERHEAD - limit // 1000
    parts: list[ExportFile] = []
    with path.open("rb") as source:
        header = source.readline()
        lines = _lines(source)
        line = next(lines, b"")
        while line:
            number = len(parts) + 1
            part = path.with_name(f"{name}-{number}.zip")
            size, rows = len(header), 0
            with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as zipped:
                with zipped.open(f"{name}-{number}.csv", "w") as entry:
                    entry.write(header)
                    # A line longer than the budget on its own still goes, alone, in a part.
                    while line and (rows == 0 or size + len(line) <= budget):
                        entry.write(line)
                        size, rows = size + len(line), rows + 1
                        line = next(lines, b"")
            parts.append(ExportFile(part.name, part, rows))
    path.unlink()
    return parts


def _lines(source: IO[bytes]) -> Iterator[bytes]:
    """CSV records, not text lines: a quoted cell may hold a line break."""
    record = b""
    for line in source:
        record += line
        if record.count(b'"') % 2 == 0:
            yield record
            record = b""
    if record:
        yield record


def _copy(source: IO[bytes], entry: IO[bytes]) -> int:
    rows = 0
    for record in _lines(source):
        entry.write(record)
        rows += 1
    return rows
