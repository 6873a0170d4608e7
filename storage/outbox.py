"""The outbox's delivery side: claim due notifications, record how sending went.

A claim moves rows to `sending` with a lease (next_attempt_at in the future): a process that dies
mid-send leaves them to be claimed again once the lease runs out, so a row is sent at least once
and only rows in flight can repeat. On PostgreSQL, `FOR UPDATE SKIP LOCKED` lets several workers
claim side by side without taking the same row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, bindparam, case, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.models import Notification, NotificationStatus
from domain.notify import fold
from storage.gate import gated_session
from storage.repositories.base import changed_rows
from storage.repositories.notifications import _notification
from storage.tables import NotificationRow, TelegramUserRow

LEASE = timedelta(seconds=30)
PENDING, SENDING = NotificationStatus.PENDING.value, NotificationStatus.SENDING.value


class OutboxStore:
    def __init__(
        self,
        session_factory: async_sessionmaker[Any],
        clock: Callable[[], datetime],
        *,
        lease: timedelta = LEASE,
    ):
        self._sessions = session_factory
        self._clock = clock
        self.lease = lease

    async def claim(self, limit: int = 100) -> list[Notification]:
        """Take up to `limit` due rows for chats that have not blocked the bot: by the priority
        the domain gave them, then oldest first.

        Rows the domain's policy folds (`domain.notify.fold`) are merged: the newest of a run is
        sent with the merged parameters; the older ones are marked sent as merged into it.
        """
        now = self._clock()
        async with gated_session(self._sessions) as session, session.begin():
            # Two reads, each walking an index in order and stopping at `limit` (one read with
            # `status IN (pending, sending)` sorted every waiting row: 1 s after a broadcast to
            # 100,000): pending rows by priority, and rows whose lease ran out. Core rows and
            # set-wise updates: loading and flushing 100 ORM objects cost most of a claim.
            reachable = _NOTES.c.chat_id.not_in(_blocked_chats())
            pending = select(_NOTES).where(
                _NOTES.c.status == PENDING,
                or_(_NOTES.c.next_attempt_at.is_(None), _NOTES.c.next_attempt_at <= now),
                reachable,
            )
            # Leases that ran out are few: read off (status, next_attempt_at), oldest first (in
            # sending order, the walk passed every row in flight, 3 ms at 2,000 of them).
            leased = select(_NOTES).where(
                _NOTES.c.status == SENDING, _NOTES.c.next_attempt_at <= now, reachable
            )
            pending = pending.order_by(_NOTES.c.priority, _NOTES.c.id)
            leased = leased.order_by(_NOTES.c.next_attempt_at)
            notes: list[Notification] = []
            for due in (pending.limit(limit), leased.limit(limit)):
                if session.get_bind().dialect.name == "postgresql":
                    due = due.with_for_update(skip_locked=True)
                notes += [_notification(row) for row in await session.execute(due)]
            notes = sorted(notes, key=lambda note: (note.priority, note.id))[:limit]
            notes = await _apply_folds(session, notes, now)
            until = now + self.lease
            if notes:
                await session.execute(
                    update(_NOTES)
                    .where(_NOTES.c.id.in_([note.id for note in notes]))
                    .values(status=SENDING, attempts=_NOTES.c.attempts + 1, next_attempt_at=until)
                )
            languages = await _languages(session, {note.chat_id for note in notes})
            return [
                replace(
                    note,
                    status=NotificationStatus.SENDING,
                    attempts=note.attempts + 1,
                    next_attempt_at=until,
                    locale=languages.get(note.chat_id, ""),
                )
                for note in notes
            ]

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

    async def release(self, items: Iterable[tuple[int, datetime]]) -> None:
        """Hand claimed rows back unsent (chat busy, or shutting down); not counted as attempts."""
        async with gated_session(self._sessions) as session, session.begin():
            for notification_id, at in items:
                await session.execute(
                    update(NotificationRow)
                    .where(NotificationRow.id == notification_id)
                    .values(
                        status=PENDING,
                        next_attempt_at=at,
                        attempts=case(
                            (NotificationRow.attempts > 0, NotificationRow.attempts - 1), else_=0
                        ),
                    )
                )

    async def fail(self, notification_id: int, error: str) -> None:
        await self._set(
            notification_id,
            status=NotificationStatus.FAILED.value,
            last_error=error[:1000],
            next_attempt_at=None,
        )

    async def block_chat(self, chat_id: int, notification_id: int | None = None) -> None:
        """The user blocked the bot: mark them, and put the row back to wait for their return."""
        async with gated_session(self._sessions) as session, session.begin():
            marked = await session.execute(
                update(TelegramUserRow)
                .where(TelegramUserRow.chat_id == chat_id)
                .values(blocked_at=self._clock())
            )
            if notification_id is None:
                return
            # With no user row to mark, the row would be claimed and refused again at once.
            values: dict[str, Any] = (
                {"status": PENDING, "next_attempt_at": None, "last_error": "blocked"}
                if changed_rows(marked)
                else {"status": NotificationStatus.FAILED.value, "last_error": "blocked"}
            )
            await session.execute(
                update(NotificationRow)
                .where(NotificationRow.id == notification_id)
                .values(**values)
            )

    async def next_due(self) -> datetime | None:
        """When the earliest row for a reachable chat becomes due (None: nothing waits)."""
        async with gated_session(self._sessions) as session:
            return await session.scalar(
                select(func.min(NotificationRow.next_attempt_at)).where(
                    NotificationRow.status.in_((PENDING, SENDING)),
                    NotificationRow.chat_id.not_in(_blocked_chats()),
                )
            )

    async def counts(self) -> dict[str, int]:
        async with gated_session(self._sessions) as session:
            rows = await session.execute(
                select(NotificationRow.status, func.count()).group_by(NotificationRow.status)
            )
            return {status: count for status, count in rows}

    async def _set(self, notification_id: int, **values: Any) -> None:
        async with gated_session(self._sessions) as session, session.begin():
            await _update(session, notification_id, values)


_NOTES = NotificationRow.__table__
# Built once; the SET clause comes from the keys of the values each call binds.
_UPDATE_ONE = update(_NOTES).where(_NOTES.c.id == bindparam("row_id"))


async def _update(session: AsyncSession, notification_id: int, values: dict[str, Any]) -> None:
    await session.execute(_UPDATE_ONE, {"row_id": notification_id, **values})


async def _languages(session: AsyncSession, chat_ids: set[int]) -> dict[int, str]:
    """Each chat's language as it is now (chosen in Settings, else the app's), for rendering."""
    if not chat_ids:
        return {}
    users = TelegramUserRow
    rows = await session.execute(
        select(users.chat_id, func.coalesce(users.locale, users.language)).where(
            users.chat_id.in_(chat_ids)
        )
    )
    return {chat_id: language or "" for chat_id, language in rows}


def _blocked_chats() -> Select[int]:
    return select(TelegramUserRow.chat_id).where(TelegramUserRow.blocked_at.is_not(None))


async def _apply_folds(
    session: AsyncSession, notes: list[Notification], now: datetime
) -> list[Notification]:
    """Store what the domain's fold decided; returns the rows still to send (a winner with its
    merged parameters)."""
    winners: dict[int, Notification] = {}
    folded: set[int] = set()
    for merge in fold(notes):
        winner = merge.into
        winners[winner.id] = winner
        await _update(session, winner.id, {"params": dict(winner.params)})
        for note in merge.merged:
            await _update(session, note.id, {
                "status": NotificationStatus.SENT.value, "sent_at": now, "next_attempt_at": None,
                "last_error": f"merged into #{winner.id}",
            })  # fmt: skip
            folded.add(note.id)
    return [winners.get(note.id, note) for note in notes if note.id not in folded]
