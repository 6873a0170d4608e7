"""What every SQL repository shares: the session, fresh reads, and the dialect's upsert."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import NotFound

RowT = TypeVar("RowT")


class SqlRepository:
    """A repository on one session; it flushes so ids and constraints show up, never commits."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _first(self, stmt: Select[tuple[RowT]]) -> RowT | None:
        return (await self._session.scalars(self._fresh(stmt).limit(1))).first()

    async def _all(self, stmt: Select[tuple[RowT]]) -> list[RowT]:
        return list(await self._session.scalars(self._fresh(stmt)))

    async def _get(self, row_type: type[RowT], row_id: int | None) -> RowT | None:
        if row_id is None:
            return None
        return await self._session.get(row_type, row_id, populate_existing=True)

    async def _get_or_fail(self, row_type: type[RowT], row_id: int | None) -> RowT:
        row = await self._get(row_type, row_id)
        if row is None:
            raise NotFound(entity=row_type.__name__, id=row_id)
        return row

    async def _add(self, row: RowT) -> RowT:
        self._session.add(row)
        await self._session.flush()
        return row

    def _insert(self, row_type: type[Any]) -> Any:
        """INSERT for the session's dialect, so ON CONFLICT is available on SQLite and PG."""
        dialect = self._session.get_bind().dialect.name
        if dialect == "postgresql":
            return postgresql.insert(row_type)
        if dialect == "sqlite":
            return sqlite.insert(row_type)
        raise NotImplementedError(f"no upsert for dialect {dialect}")

    @staticmethod
    def _fresh(stmt: Select[tuple[RowT]]) -> Select[tuple[RowT]]:
        # Guarded UPDATEs and upserts change rows behind the identity map; reading with
        # populate_existing means a repository never returns a stale copy from this session.
        return stmt.execution_options(populate_existing=True)
