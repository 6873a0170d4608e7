"""What the bot freezes once started (bot.app.freeze_startup_heap)."""

from __future__ import annotations

import subprocess
import sys

# A fresh interpreter: in the test process some test has long made the ORM configure itself.
PROBE = """
from sqlalchemy import inspect
from bot.app import freeze_startup_heap
from storage.tables import CardRow
assert not inspect(CardRow).configured
freeze_startup_heap()
print(inspect(CardRow).configured)
"""


def test_the_orm_is_configured_before_the_heap_is_frozen() -> None:
    """SQLAlchemy configures its mappers at the first query through them (30-60 ms of the loop
    at once, in whichever sweep or request comes first); start-up does it, then freezes it."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "True"
