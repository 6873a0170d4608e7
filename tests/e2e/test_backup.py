"""Backups taken while the bot writes restore into a database the doctor passes, balances whole."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from pathlib import Path

import pytest

from bot.doctor import examine
from domain.commands import AwardPoints
from domain.ledger import award_points
from storage.backup import backup, restore
from tests.e2e.helpers import customer, open_shop
from tests.storage.conftest import fresh_postgres_database
from tests.waiting import eventually

BACKENDS = ("sqlite", "postgresql")
BALANCES = "SELECT id, balance FROM loyalty_cards ORDER BY id"


def _pg_tools_missing() -> str | None:
    missing = [tool for tool in ("pg_dump", "pg_restore") if shutil.which(tool) is None]
    return f"{' and '.join(missing)} not installed" if missing else None


def _new_target(backend: str, tmp_path: Path, request, name: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / name}"
    reason = _pg_tools_missing()
    if reason:
        pytest.skip(f"PostgreSQL round trip needs its client tools: {reason}")
    databases = fresh_postgres_database(request.getfixturevalue("postgres_template"))
    request.addfinalizer(lambda: next(databases, None))
    return next(databases)


async def test_a_backup_taken_while_the_bot_writes_restores_whole(
    harness, backend, tmp_path, request
):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    for name in ("Ann", "Bob"):
        await customer(harness, name, shop)
    cards = [row[0] for row in await harness.query(BALANCES)]
    services, written, stop = harness.app.bot_data["services"], [0], asyncio.Event()

    async def keep_awarding() -> None:
        while not stop.is_set():
            card = cards[written[0] % len(cards)]
            cmd = AwardPoints(shop.business.id, owner.id, card, 1, f"backup-{written[0]}")
            await award_points(services.uow(), cmd)
            written[0] += 1
            await asyncio.sleep(0)  # inline SQLite never yields by itself: let the test run

    writer = asyncio.create_task(keep_awarding())
    await eventually(lambda: written[0] >= 20, what="the first awards")
    await backup(harness.db_url, tmp_path / "live.backup")  # while the awards go on
    before_stop = written[0]
    await eventually(lambda: written[0] >= before_stop + 20, what="awards after the backup")
    stop.set()
    await writer

    target = _new_target(backend, tmp_path, request, "restored.db")
    await restore(target, tmp_path / "live.backup", replace=True)
    checkup = await examine(target)
    assert checkup.found == [], checkup.found  # every balance equals its ledger, and the rest
    copied = await _query(target, "SELECT count(*) FROM point_transactions")
    assert 20 <= copied[0][0] < written[0]  # a snapshot from the middle of the writes

    await _cli("backup", str(tmp_path / "still.backup"), url=harness.db_url)
    target = _new_target(backend, tmp_path, request, "restored-still.db")
    await _cli("restore", str(tmp_path / "still.backup"), "--replace", url=target)
    assert (await examine(target)).found == []
    assert await _query(target, BALANCES) == await harness.query(BALANCES)
    assert sum(balance for _id, balance in await _query(target, BALANCES)) == written[0]


async def test_restore_refuses_to_overwrite_a_database_unless_told(harness, tmp_path, backend):
    if backend != "sqlite":
        pytest.skip("the overwrite guard is for database files")
    await backup(harness.db_url, tmp_path / "copy.backup")
    code, output = await _cli("restore", str(tmp_path / "copy.backup"), url=harness.db_url)
    assert code == 1 and "--replace" in output


async def _query(url: str, sql: str) -> list[tuple]:
    from sqlalchemy import text

    from storage.engine import make_engine

    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            return [tuple(row) for row in await conn.execute(text(sql))]
    finally:
        await engine.dispose()


async def _cli(*args: str, url: str) -> tuple[int, str]:
    env = {**os.environ, "LOYALTY_DATABASE_URL": url}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    output, _ = await process.communicate()
    if args[0] != "restore" or "--replace" in args:
        assert process.returncode == 0, output.decode()
    return process.returncode or 0, output.decode()
