"""The doctor's checks take no write lock on SQLite: the bot's writers go on meanwhile."""

from __future__ import annotations

import sqlite3

from storage.engine import read_snapshot
from tests.storage.test_doctor import check, healthy

__all__ = ["healthy"]
BACKENDS = ("sqlite", "aiosqlite")


async def test_the_check_runs_while_a_writer_holds_the_write_lock(db_path, db_url, healthy):
    writer = sqlite3.connect(db_path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # a scan being written, as long as the check runs
        writer.execute("UPDATE businesses SET name = 'Busy'")
        checkup = await check(db_url)  # a check that began a write transaction would wait here
        assert checkup.found == []
        writer.execute("COMMIT")
    finally:
        writer.close()


async def test_the_checks_sort_in_memory_not_in_temporary_files(db_url, healthy):
    """Temporary files written back to the disk slow every commit of the bot meanwhile."""
    async with read_snapshot(db_url) as reading:
        assert (await reading.exec_driver_sql("PRAGMA temp_store")).scalar() == 2  # MEMORY
