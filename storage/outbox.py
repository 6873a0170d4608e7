"""The outbox's delivery side: claim due notifications, record how sending went.

A claim moves rows to `sending` with a lease (next_attempt_at in the future): a process that dies
mid-send leaves them to be claimed again once the lease runs out, so a row is sent at least once
and only rows in flight can repeat. On PostgreSQL, `FOR UPDATE SKIP LOCKED` lets several workers
claim side by side without taking the same row.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    Integer,
    Select,
    bindparam,
    case,
    func,
    literal_column,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.models import Notification, NotificationStatus
from domain.notify import fold
from storage.engine import commit_lightly, reading_session
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
        background: bool = False,
    ):
        """`background=True`: the dispatcher's, whose transactions let people's go first at
        SQLite's write gate (storage/gate.py)."""
        self._sessions = session_factory
        self._clock = clock
        self.lease = lease
        self._background = background

    def _session(self) -> contextlib.AbstractAsyncContextManager[AsyncSession]:
        return gated_session(self._sessions, background=self._background)

    async def claim(self, limit: int = 100) -> list[Notification]:
        """Take up to `limit` due rows for chats that have not blocked the bot: by the priority
        the domain gave them, then oldest first.

        Rows the domain's policy folds (`domain.notify.fold`) are merged: the newest of a run is
        sent with the merged parameters; the older ones are marked sent as merged into it.
        """
        now = self._clock()
        until = now + self.lease
        async with (
            self._session() as session,
            session.begin(),
        ):
            # Losing a claim to a power cut only puts its rows back to pending (sent at least
            # once still holds), so its commit need not wait for the disk.
            conn = await commit_lightly(session)
            rows = await conn.execute(
                _claim_stmt(conn.dialect.name), {"now": now, "until": until, "limit": limit}
            )
            notes = sorted(
                (_notification(row, locale=row.locale or "") for row in rows),
                key=lambda note: (note.priority, note.id),
            )
            if not any(note.merge_group for note in notes):
                return notes  # nothing to fold
            return await _apply_folds(session, notes, now)

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
        async with (
            self._session() as session,
            session.begin(),
        ):
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
        async with (
            self._session() as session,
            session.begin(),
        ):
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
        async with reading_session(self._sessions) as session:
            return await session.scalar(
                select(func.min(NotificationRow.next_attempt_at)).where(
                    NotificationRow.status.in_((PENDING, SENDING)),
                    NotificationRow.chat_id.not_in(_blocked_chats()),
                )
            )

    async def counts(self) -> dict[str, int]:
        async with reading_session(self._sessions) as session:
            rows = await session.execute(
                select(NotificationRow.status, func.count()).group_by(NotificationRow.status)
            )
            return {status: count for status, count in rows}

    async def _set(self, notification_id: int, **values: Any) -> None:
        async with (
            self._session() as session,
            session.begin(),
        ):
            await _update(session, notification_id, values)


_NOTES = NotificationRow.__table__
# Built once; the SET clause comes from the keys of the values each call binds.
_UPDATE_ONE = update(_NOTES).where(_NOTES.c.id == bindparam("row_id"))


async def _update(session: AsyncSession, notification_id: int, values: dict[str, Any]) -> None:
    await session.execute(_UPDATE_ONE, {"row_id": notification_id, **values})


def _blocked_chats() -> Select[int]:
    return select(TelegramUserRow.chat_id).where(TelegramUserRow.blocked_at.is_not(None))


@cache
def _claim_stmt(dialect: str) -> Any:
    """One statement claims: the due rows' ids (pending ones by priority, then rows whose lease
    ran out, each read off its index and cut at `limit`, the two together cut again), set to
    sending under a new lease, returned with the chat's language as it is now (chosen in
    Settings, else the app's). On PostgreSQL the two reads lock with SKIP LOCKED, so workers
    claiming side by side never take the same row."""
    reachable = _NOTES.c.chat_id.not_in(_blocked_chats())
    now, limit = (
        bindparam("now", type_=_NOTES.c.next_attempt_at.type),
        bindparam("limit", type_=Integer()),
    )
    pending = (
        select(_NOTES.c.id, _NOTES.c.priority)
        .where(
            _NOTES.c.status == PENDING,
            or_(_NOTES.c.next_attempt_at.is_(None), _NOTES.c.next_attempt_at <= now),
            reachable,
        )
        .order_by(_NOTES.c.priority, _NOTES.c.id)
        .limit(limit)
    )
    # Leases that ran out are few: read off (status, next_attempt_at), oldest first.
    leased = (
        select(_NOTES.c.id, _NOTES.c.priority)
        .where(_NOTES.c.status == SENDING, _NOTES.c.next_attempt_at <= now, reachable)
        .order_by(_NOTES.c.next_attempt_at)
        .limit(limit)
    )
    if dialect == "postgresql":
        pending = pending.with_for_update(skip_locked=True)
        leased = leased.with_for_update(skip_locked=True)
    due, late = pending.cte("due"), leased.cte("late")
    both = union_all(select(due.c.id, due.c.priority), select(late.c.id, late.c.priority))
    either = both.subquery("either")
    chosen = select(either.c.id).order_by(either.c.priority, either.c.id).limit(limit)
    users = TelegramUserRow.__table__
    language = (
        select(func.coalesce(users.c.locale, users.c.language))
        # Named in full: in RETURNING, a bare `chat_id` would be the subquery's own.
        .where(users.c.chat_id == literal_column(f"{_NOTES.name}.chat_id"))
        .limit(1)
        .scalar_subquery()
        .label("locale")
    )
    return (
        update(_NOTES)
        .where(_NOTES.c.id.in_(chosen))
        .values(status=SENDING, attempts=_NOTES.c.attempts + 1, next_attempt_at=bindparam("until"))
        .returning(*_NOTES.c, language)
    )


async def _apply_folds(
    session: AsyncSession, notes: list[Notification], now: datetime
) -> list[Notification]:
    """Store what the domain's fold decided on the rows as they were before this claim (a row
    on its first attempt was pending and never tried); returns the claimed rows still to send
    (a winner with its merged parameters)."""
    merged_params: dict[int, dict[str, Any]] = {}
    folded: set[int] = set()
    before = [
        replace(note, status=NotificationStatus.PENDING, attempts=0)
        if note.attempts == 1
        else note
        for note in notes
    ]
    for merge in fold(before):
        winner = merge.into
        merged_params[winner.id] = dict(winner.params)
        await _update(session, winner.id, {"params": dict(winner.params)})
        for note in merge.merged:
            await _update(session, note.id, {
                "status": NotificationStatus.SENT.value, "sent_at": now, "next_attempt_at": None,
                "last_error": f"merged into #{winner.id}", "attempts": 0,  # never tried itself
            })  # fmt: skip
            folded.add(note.id)
    return [
        replace(note, params=merged_params[note.id]) if note.id in merged_params else note
        for note in notes
        if note.id not in folded
    ]
