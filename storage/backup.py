"""Online backups and restores: SQLite through its backup API, PostgreSQL through its own tools.

SQLite: `sqlite3.Connection.backup` copies every page inside one read transaction, so the copy
is the database as of one commit, while the bot keeps writing (WAL readers never block
writers). It runs in a thread, never on an event loop. The copy is written beside OUT and
renamed into place once `PRAGMA integrity_check` passed, mode 0600.

PostgreSQL: `pg_dump --format=custom` (a consistent snapshot of a live database) and
`pg_restore --clean --if-exists --no-owner --single-transaction`; both must be on PATH and not
older than the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(Exception):
    """A backup or restore that did not happen; the message says why."""


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL, or None for another database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise BackupError(f"{url} is not a database file")
    return Path(parsed.database)


async def backup(url: str, out: Path) -> None:
    path = sqlite_path(url)
    if path is None:
        await asyncio.to_thread(_pg_dump, url, out)
    else:
        await asyncio.to_thread(_copy_sqlite, path, out)


async def restore(url: str, source: Path, *, replace: bool = False) -> None:
    path = sqlite_path(url)
    if path is None:
        await asyncio.to_thread(_pg_restore, url, source)
        return
    await asyncio.to_thread(_restore_sqlite, source, path, replace)


def _restore_sqlite(source: Path, path: Path, replace: bool) -> None:
    if path.exists() and path.stat().st_size > 0 and not replace:
        raise BackupError(f"{path} exists: stop the bot and pass --replace to overwrite it")
    _check_sqlite(source)
    for suffix in ("-wal", "-shm"):  # the old file's log would be replayed onto the new one
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    _copy_sqlite(source, path)


def _copy_sqlite(source: Path, out: Path) -> None:
    if not source.exists():
        raise BackupError(f"{source} does not exist")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)  # all pages in one step: one read transaction, one snapshot
            dst.execute("PRAGMA journal_mode = DELETE")  # a single file, nothing beside it
        finally:
            dst.close()
        _check_sqlite(partial)
        partial.replace(out)
    finally:
        src.close()
        partial.unlink(missing_ok=True)


def _check_sqlite(path: Path) -> None:
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
            conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a loyalty-bot SQLite database: {error}") from None
    if verdict != "ok":
        raise BackupError(f"{path} failed SQLite's integrity check: {verdict}")


def _libpq_url(url: str) -> str:
    """The URL as pg_dump and pg_restore take it (no SQLAlchemy driver name)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not on PATH: install PostgreSQL's client tools")
    return found


def _pg_dump(url: str, out: Path) -> None:
    partial = out.with_name(f".{out.name}.partial")
    args = [_pg_tool("pg_dump"), "--format=custom", f"--file={partial}", _libpq_url(url)]
    _run(args)
    partial.chmod(0o600)
    partial.replace(out)


def _pg_restore(url: str, source: Path) -> None:
    _run([
        _pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
        f"--dbname={_libpq_url(url)}", str(source),
    ])  # fmt: skip


def _run(args: list[str]) -> None:
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {done.stderr.strip()}")
