"""Mini App initData used once: the first worker to record a signature opens the session."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.tables import WebAppLoginRow


class WebAppLogins:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def first_use(self, signature: str, forget_after: datetime, now: datetime) -> bool:
        """Record the signature; False if it was recorded before (a replay). Signatures past
        their `forget_after` are dropped on the way: initData that old is refused anyway."""
        insert = pg_insert if self._engine.dialect.name == "postgresql" else sqlite_insert
        statement = (
            insert(WebAppLoginRow)
            .values(signature=signature, forget_after=forget_after)
            .on_conflict_do_nothing(index_elements=["signature"])
        )
        async with self._engine.begin() as conn:
            await conn.execute(delete(WebAppLoginRow).where(WebAppLoginRow.forget_after < now))
            return (await conn.execute(statement)).rowcount == 1
