"""What a transaction has already read, kept on its session so a later statement need not
read it again: a business's time zone, a customer's first contact with a business, the newest
awarded scan of a customer at a business. Gone with the session (one unit of work)."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from sqlalchemy import Executable
from sqlalchemy.ext.asyncio import AsyncSession

_NOTES = "noted"
UNKNOWN: Any = object()  # not read in this transaction


def note(session: AsyncSession, kind: str, key: Hashable, value: object) -> None:
    session.info.setdefault(_NOTES, {})[kind, key] = value


def noted(session: AsyncSession, kind: str, key: Hashable) -> Any:
    """The value noted, or UNKNOWN."""
    return session.info.get(_NOTES, {}).get((kind, key), UNKNOWN)


async def noted_or_read(
    session: AsyncSession, kind: str, key: Hashable, stmt: Executable, params: dict[str, Any]
) -> Any:
    """The value noted, else what the one-value statement `stmt` reads."""
    value = noted(session, kind, key)
    return await session.scalar(stmt, params) if value is UNKNOWN else value
