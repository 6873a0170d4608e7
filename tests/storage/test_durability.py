"""A commit that causes a message is on disk before COMMIT returns (WAL, synchronous=FULL)."""

from __future__ import annotations

from pathlib import Path

from storage.engine import make_engine

FULL = 2  # PRAGMA synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA


async def test_the_bots_sqlite_connections_fsync_every_commit(tmp_path: Path):
    for url in (f"sqlite:///{tmp_path / 'a.db'}", f"sqlite+aiosqlite:///{tmp_path / 'b.db'}"):
        engine = make_engine(url)
        try:
            async with engine.connect() as conn:
                assert (await conn.exec_driver_sql("PRAGMA journal_mode")).scalar() == "wal"
                assert (await conn.exec_driver_sql("PRAGMA synchronous")).scalar() == FULL
        finally:
            await engine.dispose()
