"""/export's files are written by a child process (bot/export_job.py): what it writes, what a
failure and a cancellation leave behind."""

from __future__ import annotations

import asyncio
import csv
from typing import Any

import pytest

from bot import export_job
from bot.export_job import ExportFailed, export_in_process
from tests.storage.builders import entry
from tests.waiting import eventually

LIMIT = 50_000_000


async def test_the_child_writes_the_ledger_as_the_database_holds_it(
    db_url, new_uow, world, tmp_path
):
    async with new_uow() as uow:
        for n in range(3):
            await uow.ledger.add(entry(world.card_id, n + 1, f"export-{n}"), world.business_id)
        await uow.commit()

    files = await export_in_process(db_url, "ledger", world.business_id, tmp_path, LIMIT)

    assert [(f.name, f.rows) for f in files] == [("ledger.csv", 3)]
    with files[0].path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(int(row["delta"]) for row in rows) == [1, 2, 3]
    assert {row["card"] for row in rows} == {"C-1"}


async def test_a_child_that_fails_raises_with_its_error(tmp_path):
    missing = f"sqlite:///{tmp_path / 'no-such-folder' / 'loyalty.db'}"
    with pytest.raises(ExportFailed, match="unable to open database"):
        await export_in_process(missing, "ledger", 1, tmp_path, LIMIT)


async def test_a_cancelled_export_kills_its_child(db_url, world, tmp_path, monkeypatch):
    started: list[asyncio.subprocess.Process] = []
    spawn = asyncio.create_subprocess_exec

    async def spawned(*args: Any, **kwargs: Any) -> asyncio.subprocess.Process:
        child = await spawn(*args, **kwargs)
        started.append(child)
        return child

    monkeypatch.setattr(export_job.asyncio, "create_subprocess_exec", spawned)
    task = asyncio.create_task(
        export_in_process(db_url, "ledger", world.business_id, tmp_path, LIMIT)
    )
    await eventually(lambda: bool(started))
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    assert started[0].returncode is not None and started[0].returncode < 0  # killed by a signal
