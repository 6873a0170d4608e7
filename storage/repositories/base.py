"""What every SQL repository shares: the session, fresh reads, and the dialect's upsert.

Reads by id, inserts, and the queries on the scan path are Core statements built once (at
import, or once per table) and run with bound values. The repositories copy rows into domain
objects, so the ORM's identity map buys nothing there, and building a statement anew costs
more than running it (about 60 µs against 40 µs on SQLite). The ORM stays where a row is
changed by attribute (`_get_or_fail`, then flush).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any, TypeAlias, TypeVar

from sqlalchemy import (
    CursorResult,
    Executable,
    Insert,
    Result,
    Row,
    Select,
    Table,
    bindparam,
    insert,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import NotFound
from storage.tables import Base
from storage.upsert import Upsert, upsert_for

RowT = TypeVar("RowT", bound=Base)
T = TypeVar("T")


class Columns:
    """One table's columns out of a row that joins several, as attributes of their names
    (what the mappers to domain objects read)."""

    __slots__ = ("_values",)

    def __init__(self, table: Table, values: Sequence[Any]) -> None:
        self._values = dict(zip(table.c.keys(), values, strict=True))

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None


# What the mappers to domain objects read: an ORM object, or a Core row of the same table (whose
# columns are attributes of the same names), as `_first`/`_all` and `_row`/`_get` return them,
# or that table's `Columns` of a joined row.
RowOf: TypeAlias = RowT | Row[Any] | Columns
# An INSERT with ON CONFLICT: each dialect has its own.


class SqlRepository:
    """A repository on one session; it flushes so ids and constraints show up, never commits."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _first(self, stmt: Select[RowT]) -> RowT | None:
        return (await self._session.scalars(self._fresh(stmt).limit(1))).first()

    async def _all(self, stmt: Select[RowT]) -> list[RowT]:
        return list(await self._session.scalars(self._fresh(stmt)))

    async def _get(self, row_type: type[Base], row_id: int | None) -> Row[Any] | None:
        """The row with this id, to read (its columns as attributes)."""
        if row_id is None:
            return None
        return await self._row(by_id(row_type.__table__), id=row_id)

    async def _get_or_fail(self, row_type: type[RowT], row_id: int | None) -> RowT:
        """The row with this id as an ORM object, to change by attribute and flush."""
        row = (
            None
            if row_id is None
            else await self._session.get(row_type, row_id, populate_existing=True)
        )
        if row is None:
            raise NotFound(entity=row_type.__name__, id=row_id)
        return row

    async def _add(self, row: Base) -> Row[Any]:
        """INSERT the attributes set on an ORM object (defaults fill the rest); the new row."""
        table = type(row).__table__
        values = {c.key: row.__dict__[c.key] for c in table.c if c.key in row.__dict__}
        return await self._returned(_insert_returning(table), **values)

    async def _row(self, stmt: Executable, **params: Any) -> Row[Any] | None:
        """The first row of a prebuilt statement run with these bound values."""
        return (await self._session.execute(stmt, params)).first()

    async def _rows(self, stmt: Executable, **params: Any) -> list[Row[Any]]:
        """Every row of a prebuilt statement run with these bound values."""
        return list(await self._session.execute(stmt, params))

    async def _returned(self, stmt: Executable, **params: Any) -> Row[Any]:
        """The one row an INSERT (or upsert) ... RETURNING gives back."""
        return (await self._session.execute(stmt, params)).one()

    async def _changed(self, stmt: Executable) -> int:
        """How many rows an UPDATE or DELETE changed."""
        return changed_rows(await self._session.execute(stmt))

    def _insert(self, row_type: type[Base]) -> Upsert:
        """INSERT for the session's dialect, so ON CONFLICT is available on SQLite and PG."""
        return upsert_for(self._dialect())(row_type)

    def _dialect(self) -> str:
        return self._session.get_bind().dialect.name

    @staticmethod
    def _fresh(stmt: Select[RowT]) -> Select[RowT]:
        # Guarded UPDATEs and upserts change rows behind the identity map; reading with
        # populate_existing means a repository never returns a stale copy from this session.
        return stmt.execution_options(populate_existing=True)


def changed_rows(result: Result[Any]) -> int:
    """How many rows the UPDATE or DELETE that gave `result` changed."""
    # The session types every result as a plain Result; a DML statement's is a CursorResult,
    # the one with `rowcount`.
    assert isinstance(result, CursorResult)
    return result.rowcount


@cache
def by_id(table: Table) -> Select[Any]:
    """SELECT one row of `table` by its id, bound as `id`; built once per table."""
    return select(table).where(table.c.id == bindparam("id"))


@cache
def _insert_returning(table: Table) -> Insert:
    return insert(table).returning(*table.c)


CHUNK = 1000  # ids in one IN list, rows in one multi-row INSERT


def chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    """`items` a `size` at a time (SQLite caps a statement's bound values)."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
