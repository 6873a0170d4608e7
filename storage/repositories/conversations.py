"""Repository for conversations: each chat's guided step and acting business, one row a chat.

Read on every update that needs it (a one-row read by primary key, statement built once), and
written with an upsert that touches only its own columns, so a step and a business choice
written by two workers at once do not undo each other.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Row, Select, bindparam, select

from domain.models import ChatState
from storage.repositories.base import SqlRepository
from storage.tables import ConversationRow
from storage.upsert import upsert_for

_CHATS = ConversationRow.__table__
_GET: Select[Any] = select(_CHATS).where(_CHATS.c.chat_id == bindparam("chat_id"))


def _state(row: Row[Any]) -> ChatState:
    return ChatState(
        chat_id=row.chat_id,
        step=row.step,
        data=dict(row.data or {}),
        business_id=row.business_id,
        updated_at=row.updated_at,
    )


@cache
def _upsert(dialect: str, columns: tuple[str, ...]) -> Any:
    """INSERT ... ON CONFLICT (chat_id) DO UPDATE of `columns` and updated_at; built once."""
    stmt = upsert_for(dialect)(_CHATS)
    changed = {name: stmt.excluded[name] for name in (*columns, "updated_at")}
    return stmt.on_conflict_do_update(index_elements=[_CHATS.c.chat_id], set_=changed)


class SqlConversationRepository(SqlRepository):
    async def get(self, chat_id: int) -> ChatState | None:
        row = await self._row(_GET, chat_id=chat_id)
        return _state(row) if row else None

    async def set_step(
        self, chat_id: int, step: str | None, data: dict[str, Any], at: datetime
    ) -> None:
        values: dict[str, Any] = {"chat_id": chat_id, "step": step, "data": data, "updated_at": at}
        await self._session.execute(_upsert(self._dialect(), ("step", "data")), values)

    async def set_business(self, chat_id: int, business_id: int | None, at: datetime) -> None:
        values: dict[str, Any] = {
            "chat_id": chat_id, "business_id": business_id, "data": {}, "updated_at": at,
        }  # fmt: skip
        await self._session.execute(_upsert(self._dialect(), ("business_id",)), values)
