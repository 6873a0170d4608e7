"""Which bot runs on this database, and whether real people are in it (see bot/runner.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.tables import BotIdentityRow, TelegramUserRow


async def last_bot(engine: AsyncEngine) -> int | None:
    """The Telegram id of the bot that last started on this database, if one is recorded."""
    async with engine.connect() as conn:
        return await conn.scalar(select(BotIdentityRow.bot_id))


async def holds_people(engine: AsyncEngine) -> bool:
    async with engine.connect() as conn:
        return bool(await conn.scalar(select(exists().select_from(TelegramUserRow))))


async def remember_bot(engine: AsyncEngine, bot_id: int, username: str, now: datetime) -> None:
    """Record the bot in the one row; an upsert, as several workers may start at once."""
    insert = pg_insert if engine.dialect.name == "postgresql" else sqlite_insert
    row = {"bot_id": bot_id, "username": username, "seen_at": now}
    statement = insert(BotIdentityRow).values(id=1, **row)
    async with engine.begin() as conn:
        await conn.execute(statement.on_conflict_do_update(index_elements=["id"], set_=row))
