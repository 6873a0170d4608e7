"""The outbox's delivery side: claim due notifications, record how sending went.

A claim moves rows to `sending` with a lease (next_attempt_at in the future): a process that dies
mid-send leaves them to be claimed again once the lease runs out, so a row is sent at least once
and only rows in flight can repeat. On PostgreSQL, `FOR UPDATE SKIP LOCKED` lets several workers
claim side by side without taking the same row.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import async_sessionmaker

from domain.models import Category, Notification, NotificationStatus
from storage.repositories.notifications import _notification
from storage.tables import NotificationRow, TelegramUserRow

LEASE = timedelta(seconds=60)
PENDING, SENDING = NotificationStatus.PENDING.value, NotificationStatus.SENDING.value


class OutboxStore:
    def __init__(self, session_factory: async_sessionmaker[Any], clock: Callable[[], datetime]):
        self._sessions = session_factory
        self._clock = clock

    async def claim(self, limit: int = 100) -> list[Notification]:
        """Take up to `limit` due rows for chats that have not blocked the bot, oldest first.

        Unsent points messages for one card are merged: only the newest is sent (it carries
        the current balance); the older ones are marked sent as merged into it.
        """
        now = self._clock()
        async with self._sessions() as session, session.begin():
            blocked = select(TelegramUserRow.chat_id).where(
                TelegramUserRow.blocked_at.is_not(None)
            )
            due = (
                select(NotificationRow)
                .where(
                    NotificationRow.status.in_((PENDING, SENDING)),
                    or_(
                        NotificationRow.next_attempt_at.is_(None),
                        NotificationRow.next_attempt_at <= now,
                    ),
                    NotificationRow.chat_id.not_in(blocked),
                )
                .order_by(NotificationRow.id)
                .limit(limit)
            )
            if session.get_bind().dialect.name == "postgresql":
                due = due.with_for_update(skip_locked=True)
            rows = list(await session.scalars(due))
            rows = await self._merge_points(session, rows, now)
            for row in rows:
                row.status = SENDING
                row.attempts += 1
                row.next_attempt_at = now + LEASE
            return [_notification(row) for row in rows]

    async def _merge_points(self, session, rows: list[NotificationRow], now: datetime):
        newest: dict[int, NotificationRow] = {}
        for row in rows:
            if row.category == Category.POINTS_ADDED.value and row.card_id is not None:
                newest[row.card_id] = row  # rows are in id order: the last one wins
        keep = []
        for row in rows:
            winner = newest.get(row.card_id) if row.category == Category.POINTS_ADDED else None
            if winner is None or winner is row:
                keep.append(row)
                continue
            winner.params = {**winner.params, "points": _points(winner) + _points(row)}
            row.status = NotificationStatus.SENT.value
            row.sent_at = now
            row.last_error = f"merged into #{winner.id}"
        return keep

    async def mark_sent(self, notification_id: int, message_id: int | None) -> None:
        await self._set(
            notification_id,
            status=NotificationStatus.SENT.value,
            sent_at=self._clock(),
            telegram_message_id=message_id,
            next_attempt_at=None,
        )

    async def retry_at(self, notification_id: int, at: datetime, error: str) -> None:
        await self._set(notification_id, status=PENDING, next_attempt_at=at, last_error=error)

    async def fail(self, notification_id: int, error: str) -> None:
        await self._set(
            notification_id,
            status=NotificationStatus.FAILED.value,
            last_error=error[:1000],
            next_attempt_at=None,
        )

    async def block_chat(self, chat_id: int, notification_id: int | None = None) -> None:
        """The user blocked the bot: mark them, and put the row back to wait for their return."""
        async with self._sessions() as session, session.begin():
            await session.execute(
                update(TelegramUserRow)
                .where(TelegramUserRow.chat_id == chat_id)
                .values(blocked_at=self._clock())
            )
            if notification_id is not None:
                await session.execute(
                    update(NotificationRow)
                    .where(NotificationRow.id == notification_id)
                    .values(status=PENDING, next_attempt_at=None, last_error="blocked")
                )

    async def next_due(self) -> datetime | None:
        """When the earliest pending row becomes due (None: nothing waits)."""
        async with self._sessions() as session:
            return await session.scalar(
                select(func.min(NotificationRow.next_attempt_at)).where(
                    NotificationRow.status.in_((PENDING, SENDING))
                )
            )

    async def counts(self) -> dict[str, int]:
        async with self._sessions() as session:
            rows = await session.execute(
                select(NotificationRow.status, func.count()).group_by(NotificationRow.status)
            )
            return {status: count for status, count in rows}

    async def _set(self, notification_id: int, **values: Any) -> None:
        async with self._sessions() as session, session.begin():
            await session.execute(
                update(NotificationRow)
                .where(NotificationRow.id == notification_id)
                .values(**values)
            )


def _points(row: NotificationRow) -> int:
    return int((row.params or {}).get("points", 0))
