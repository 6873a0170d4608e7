"""Migrations: every step goes down and up again, and they build exactly the models' schema."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import uuid
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from storage.engine import make_engine
from storage.migrate import alembic_config, downgrade, upgrade
from storage.tables import metadata
from tests.storage.conftest import admin, postgres_server_url, with_database


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows} - {"alembic_version", "sqlite_sequence"}


def revisions(url: str) -> list[tuple[str, str]]:
    """(revision, the one below it) from the first migration to the last."""
    script = ScriptDirectory.from_config(alembic_config(url))
    steps = [(rev.revision, rev.down_revision or "base") for rev in script.walk_revisions()]
    return list(reversed(steps))  # type: ignore[arg-type]


def test_the_stairway_goes_up_down_and_up_again_at_every_step(tmp_path):
    path = tmp_path / "stairway.db"
    url = f"sqlite:///{path}"
    steps = revisions(url)
    assert steps, "no migrations found"
    for revision, below in steps:
        upgrade(url, revision)
        downgrade(url, below)
        upgrade(url, revision)
    downgrade(url, "base")
    assert tables(path) == set()
    upgrade(url)
    assert tables(path) == set(metadata.tables)


async def test_the_migrated_schema_matches_the_models(db_url):
    def differences(connection):
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, metadata)

    engine = make_engine(db_url)
    try:
        async with engine.connect() as conn:
            diff = await conn.run_sync(differences)
    finally:
        await engine.dispose()
    assert diff == []


async def test_upgrade_runs_from_a_running_event_loop(tmp_path):
    url = f"sqlite:///{tmp_path / 'threaded.db'}"
    await asyncio.to_thread(upgrade, url)
    upgrade(url)  # called straight from the loop too: it hops to a thread by itself
    assert tables(tmp_path / "threaded.db") == set(metadata.tables)


def test_upgrade_works_from_any_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert not Path("alembic.ini").exists()
    upgrade("sqlite:///relative/app.db")
    assert tables(tmp_path / "relative" / "app.db") == set(metadata.tables)


def test_a_url_with_a_percent_sign_survives_the_config(tmp_path):
    folder = tmp_path / "100%"
    url = f"sqlite+aiosqlite:///{folder / 'x.db'}"
    assert alembic_config(url).get_main_option("sqlalchemy.url") == url
    upgrade(url)
    assert tables(folder / "x.db") == set(metadata.tables)


def test_the_stairway_also_holds_on_postgresql(postgres_template):
    """Each step down and up again on an empty PostgreSQL database (skipped with no server)."""
    server = postgres_server_url()
    name = f"loyalty_stairs_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin(server, f'CREATE DATABASE "{name}"')
    url = with_database(server, name)
    try:
        for revision, below in revisions(url):
            upgrade(url, revision)
            downgrade(url, below)
            upgrade(url, revision)
        downgrade(url, "base")
        upgrade(url)
    finally:
        admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
