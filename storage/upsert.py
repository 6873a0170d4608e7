"""The dialect's own INSERT, the one with ON CONFLICT: outside the repositories package, so
modules the repositories import (the kept hours) and migrations can use it without a cycle."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite

from storage.tables import Base

Upsert: TypeAlias = postgresql.Insert | sqlite.Insert


def upsert_for(dialect: str) -> Callable[[type[Base] | Table], Upsert]:
    """The dialect's own `insert`, the one with ON CONFLICT."""
    if dialect == "postgresql":
        return postgresql.insert
    if dialect == "sqlite":
        return sqlite.insert
    raise NotImplementedError(f"no upsert for dialect {dialect}")
