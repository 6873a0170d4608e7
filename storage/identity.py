"""Which bot runs on this database, and whether real people are in it (see bot/runner.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, exists, insert, select
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
    async with engine.begin() as conn:
        await conn.execute(delete(BotIdentityRow))
        row = {"id": 1, "bot_id": bot_id, "username": username, "seen_at": now}
        await conn.execute(insert(BotIdentityRow).values(row))
