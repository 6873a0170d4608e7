"""Database diagnostics: the health probe behind /healthz and /metrics.

These read the whole outbox with set-based SQL, which no per-aggregate repository port
expresses; they answer operators, not customers, so they live here rather than in domain/.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import async_sessionmaker

from domain.models import NotificationStatus
from storage.tables import NotificationRow, TelegramUserRow

PENDING = NotificationStatus.PENDING.value
SENDING = NotificationStatus.SENDING.value


def _reachable():
    """Rows waiting for a chat that has not blocked the bot (blocked ones wait on purpose)."""
    blocked = select(TelegramUserRow.chat_id).where(TelegramUserRow.blocked_at.is_not(None))
    return NotificationRow.chat_id.not_in(blocked)


class HealthProbe:
    """Database reachable, outbox counts, dispatcher lag and the oldest pending row's age."""

    def __init__(self, sessions: async_sessionmaker[Any], clock: Callable[[], datetime]):
        self._sessions = sessions
        self._clock = clock

    async def __call__(self) -> dict[str, Any]:
        try:
            return await self._read()
        except Exception as error:  # the answer is "unhealthy", with the reason
            return {"database": "unreachable", "error": f"{type(error).__name__}: {error}"}

    async def _read(self) -> dict[str, Any]:
        now = self._clock()
        # A row is due from its next attempt (a lease or a backoff), or from its creation.
        due_since = func.coalesce(NotificationRow.next_attempt_at, NotificationRow.created_at)
        async with self._sessions() as session:
            await session.execute(text("SELECT 1"))
            counts = dict(
                (await session.execute(
                    select(NotificationRow.status, func.count()).group_by(NotificationRow.status)
                )).all()
            )  # fmt: skip
            oldest_due = await session.scalar(
                select(func.min(due_since)).where(
                    NotificationRow.status.in_((PENDING, SENDING)), due_since <= now, _reachable()
                )
            )
            oldest_pending = await session.scalar(
                select(func.min(NotificationRow.created_at)).where(
                    NotificationRow.status == PENDING, _reachable()
                )
            )
        return {
            "database": "ok",
            "notifications": {str(k): int(v) for k, v in counts.items()},
            "dispatcher_lag_seconds": _age(now, oldest_due),
            "oldest_pending_seconds": _age(now, oldest_pending),
        }


def _age(now: datetime, since: datetime | None) -> float:
    return round(max((now - since).total_seconds(), 0.0), 3) if since is not None else 0.0
