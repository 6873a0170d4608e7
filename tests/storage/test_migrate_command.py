"""`loyalty-bot migrate` from a cold start: a process that imports nothing before the
migrations do (the migrations import storage modules, which must not need the repositories
package imported first)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory

from storage.migrate import alembic_config


def test_the_migrate_command_brings_a_new_database_to_head(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    command = Path(sys.executable).with_name("loyalty-bot")
    done = subprocess.run(
        [str(command), "migrate"], cwd=tmp_path, env={**os.environ, "LOYALTY_DATABASE_URL": url},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    with sqlite3.connect(tmp_path / "fresh.db") as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [(head,)]
