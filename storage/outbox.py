"""The outbox's delivery side: claim due notifications, record how sending went.

A claim moves rows to `sending` with a lease (next_attempt_at in the future): a process that dies
mid-send leaves them to be claimed again once the lease runs out, so a row is sent at least once
and only rows in flight can repeat. On PostgreSQL, `FOR UPDATE SKIP LOCKED` lets several workers
claim side by side without taking the same row.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    Integer,
    Select,
    bindparam,
    case,
    exists,
    func,
    literal_column,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.sql.elements import ColumnClause

from domain.models import Category, Notification, NotificationStatus
from domain.notify import fold
from storage.engine import LIGHT_COMMIT, reading_session
from storage.gate import gate_turn, gated_session
from storage.repositories.base import changed_rows
from storage.tables import NotificationRow, TelegramUserRow

LEASE = timedelta(seconds=30)
# SQLite maps at most this much of the file (its default build's limit, SQLITE_MAX_MMAP_SIZE).
MMAP_BYTES = 0x7FFF0000
PENDING, SENDING = NotificationStatus.PENDING.value, NotificationStatus.SENDING.value


class OutboxStore:
    def __init__(
        self,
        session_factory: async_sessionmaker[Any],
        clock: Callable[[], datetime],
        *,
        lease: timedelta = LEASE,
        background: bool = False,
        keep_connection: bool = False,
    ):
        """`background=True`: the dispatcher's, whose transactions let people's go first at
        SQLite's write gate (storage/gate.py). `keep_connection=True`: also the dispatcher's,
        claims run on a connection kept from one to the next (`close` gives it back)."""
        self._sessions = session_factory
        self._clock = clock
        self.lease = lease
        self._background = background
        self._keep = keep_connection
        self._kept: AsyncConnection | None = None
        self._claiming = asyncio.Lock()  # one claim at a time on the kept connection

    def _session(self) -> contextlib.AbstractAsyncContextManager[AsyncSession]:
        return gated_session(self._sessions, background=self._background)

    async def claim(self, limit: int = 100) -> list[Notification]:
        """Take up to `limit` due rows for chats that have not blocked the bot: by the priority
        the domain gave them, then oldest first.

        Rows the domain's policy folds (`domain.notify.fold`) are merged: the newest of a run is
        sent with the merged parameters; the older ones are marked sent as merged into it.
        """
        now = self._clock()
        params = {"now": now, "until": now + self.lease, "limit": limit}
        async with self._claiming, gate_turn(self._sessions, background=self._background):
            if not self._keep:
                async with self._engine.connect() as conn:
                    notes = await _claim_on(await _for_claims(conn), params)
            else:
                try:
                    notes = await self._claim_kept(params)
                except DBAPIError as exc:
                    if not exc.connection_invalidated:
                        raise
                    # The server closed it while it was kept: once more, on a new connection.
                    notes = await self._claim_kept(params)
        if self._engine.dialect.name != "postgresql" or not any(n.merge_group for n in notes):
            return notes  # folded already (SQLite), or nothing to fold
        # The claim committed by itself: its folds are a transaction of their own. Cut off in
        # between, its rows wait out their lease and are then sent unmerged (at least once).
        async with self._session() as session, session.begin():
            return await _apply_folds(session, notes, now)

    async def close(self) -> None:
        """Give back the connection claims are kept on (`keep_connection`)."""
        kept, self._kept = self._kept, None
        if kept is not None:
            await kept.invalidate()  # closed, not pooled: its settings stay its own
            await kept.close()

    @property
    def _engine(self) -> AsyncEngine:
        engine: AsyncEngine = self._sessions.kw["bind"]
        return engine

    async def _claim_kept(self, params: dict[str, Any]) -> list[Notification]:
        """A claim on the kept connection, never checked out of the pool again (nor checked
        there, storage/engine.py): one the server closed meanwhile is found by the claim
        itself (`claim` then runs it once more)."""
        if self._kept is None:
            self._kept = await _for_claims(await self._engine.connect())
            if self._kept.dialect.name == "sqlite":
                # Read through a memory map rather than a read() per page: a claim's pages (the
                # rows, their chats' users) come mostly from the OS's cache, and a copy each
                # into SQLite's own 2 MB cost 1 ms a claim in a 1M-user file. The kept
                # connection's alone; it is not given back to the pool (`close`).
                await self._kept.exec_driver_sql(f"PRAGMA mmap_size = {MMAP_BYTES}")
                await self._kept.commit()
        try:
            return await _claim_on(self._kept, params)
        except BaseException:
            # Cut off, or cancelled mid-statement: its state is unknown, it is not reused.
            kept, self._kept = self._kept, None
            with contextlib.suppress(Exception):
                await kept.invalidate()
                await kept.close()
            raise

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


async def _update(
    on: AsyncSession | AsyncConnection, notification_id: int, values: dict[str, Any]
) -> None:
    await on.execute(_UPDATE_ONE, {"row_id": notification_id, **values})


_CATEGORIES = {category.value: category for category in Category}
_STATUSES = {status.value: status for status in NotificationStatus}


async def _claim_on(conn: AsyncConnection, params: dict[str, Any]) -> list[Notification]:
    """The claim's statement on `conn`. Its commit need not wait for the disk: a claim lost to a
    power cut only leaves its rows pending.

    PostgreSQL: the statement alone, committed by itself (autocommit: one round trip, where a
    transaction would take three), and it turns synchronous_commit off for its own commit; the
    caller folds. SQLite: a transaction with synchronous=NORMAL (LIGHT_COMMIT), folds included.
    """
    if conn.dialect.name == "postgresql":
        rows = await conn.execute(_claim_stmt(conn.dialect.name), params)
        notes = sorted(map(_claimed, rows), key=_sending_order)
        await conn.commit()  # SQLAlchemy's side only: the server committed the statement
        return notes
    async with conn.begin():
        rows = await conn.execute(_claim_stmt(conn.dialect.name), params)
        notes = sorted(map(_claimed, rows), key=_sending_order)
        if not any(note.merge_group for note in notes):
            return notes  # nothing to fold
        return await _apply_folds(conn, notes, params["now"])


async def _for_claims(conn: AsyncConnection) -> AsyncConnection:
    """`conn` set up for `_claim_on`: autocommit on PostgreSQL, LIGHT_COMMIT on SQLite."""
    if conn.dialect.name == "postgresql":
        return await conn.execution_options(isolation_level="AUTOCOMMIT")
    return await conn.execution_options(**LIGHT_COMMIT)


def _claimed(row: Sequence[Any]) -> Notification:
    """A claimed row as the domain's: unpacked rather than read by name (twenty times faster
    for a Row, a third of a claim's time on SQLite before), in `_claim_stmt`'s RETURNING order."""
    (row_id, chat_id, customer_id, card_id, request_id, category, key, params, broadcast_id,
     merge_group, priority, status, attempts, next_attempt_at, sent_at, message_id, last_error,
     created_at, locale) = row  # fmt: skip
    return Notification(
        id=row_id, chat_id=chat_id, category=_CATEGORIES[category], key=key,
        created_at=created_at, params=dict(params or {}), broadcast_id=broadcast_id,
        merge_group=merge_group, priority=priority, customer_id=customer_id, card_id=card_id,
        request_id=request_id, status=_STATUSES[status], attempts=attempts,
        next_attempt_at=next_attempt_at, sent_at=sent_at, telegram_message_id=message_id,
        last_error=last_error, locale=locale or "",
    )  # fmt: skip


def _sending_order(note: Notification) -> tuple[int, int]:
    return note.priority, note.id or 0


def _blocked_chats() -> Select[int]:
    return select(TelegramUserRow.chat_id).where(TelegramUserRow.blocked_at.is_not(None))


# The statuses a claim reads and writes, written into its SQL rather than bound: the planner
# then knows them when it plans the statement once for every claim (a generic plan).
_PENDING: ColumnClause[str] = literal_column(f"'{PENDING}'")
_SENDING: ColumnClause[str] = literal_column(f"'{SENDING}'")
# PostgreSQL's part of the light commit, inside the claim itself (no SET LOCAL of its own, so
# the claim can be one statement committed by itself): its transaction's commit does not wait
# for the disk. A claim lost to a power cut or a server crash only leaves its rows pending.
_LIGHT_COMMIT: ColumnClause[str] = literal_column("set_config('synchronous_commit', 'off', true)")


@cache
def _claim_stmt(dialect: str) -> Any:
    """One statement claims: the due rows' ids (pending ones by priority, then rows whose lease
    ran out, each read off its index and cut at `limit`, the two together cut again), set to
    sending under a new lease, returned with the chat's language as it is now (chosen in
    Settings, else the app's). On PostgreSQL the two reads lock with SKIP LOCKED, so workers
    claiming side by side never take the same row, and the statement makes its transaction's
    commit a light one (`_LIGHT_COMMIT`)."""
    users = TelegramUserRow.__table__
    # Each row read looks its chat up among the blocked ones, off an index: the cost follows
    # the rows read, where `NOT IN` read every blocked chat on each claim.
    reachable = ~exists().where(
        users.c.chat_id == _NOTES.c.chat_id, users.c.blocked_at.is_not(None)
    )
    # The limit is written into the SQL too: with it bound, PostgreSQL's plan for any limit
    # looked dearer than one planned for the limit given, so each claim was planned anew (0.5
    # to 0.9 ms); with it written, from the sixth claim of a size on it runs its one plan.
    now, limit = (
        bindparam("now", type_=_NOTES.c.next_attempt_at.type),
        bindparam("limit", type_=Integer(), literal_execute=True),
    )
    pending = (
        select(_NOTES.c.id, _NOTES.c.priority)
        .where(
            _NOTES.c.status == _PENDING,
            or_(_NOTES.c.next_attempt_at.is_(None), _NOTES.c.next_attempt_at <= now),
            reachable,
        )
        .order_by(_NOTES.c.priority, _NOTES.c.id)
        .limit(limit)
    )
    # Leases that ran out are few: read off (status, next_attempt_at), oldest first.
    leased = (
        select(_NOTES.c.id, _NOTES.c.priority)
        .where(_NOTES.c.status == _SENDING, _NOTES.c.next_attempt_at <= now, reachable)
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
    language = (
        select(func.coalesce(users.c.locale, users.c.language))
        # Named in full: in RETURNING, a bare `chat_id` would be the subquery's own.
        .where(users.c.chat_id == literal_column(f"{_NOTES.name}.chat_id"))
        .limit(1)
        .scalar_subquery()
        .label("locale")
    )
    claim = (
        update(_NOTES)
        .where(_NOTES.c.id.in_(chosen))
        .values(
            status=_SENDING, attempts=_NOTES.c.attempts + 1, next_attempt_at=bindparam("until")
        )
        .returning(*_RETURNED, language)
    )
    if dialect == "postgresql":
        # A condition on no row: planned as a one-time filter over the whole statement (its
        # InitPlan runs first, before any row is read or locked), always true.
        light = select(_LIGHT_COMMIT).scalar_subquery() == literal_column("'off'")
        claim = claim.where(light)
    return claim


_RETURNED = tuple(_NOTES.c[name] for name in (
    "id", "chat_id", "customer_id", "card_id", "request_id", "category", "template", "params",
    "broadcast_id", "merge_group", "priority", "status", "attempts", "next_attempt_at", "sent_at",
    "telegram_message_id", "last_error", "created_at",
))  # fmt: skip


async def _apply_folds(
    conn: AsyncConnection | AsyncSession, notes: list[Notification], now: datetime
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
        await _update(conn, winner.id, {"params": dict(winner.params)})
        for note in merge.merged:
            await _update(conn, note.id, {
                "status": NotificationStatus.SENT.value, "sent_at": now, "next_attempt_at": None,
                "last_error": f"merged into #{winner.id}", "attempts": 0,  # never tried itself
            })  # fmt: skip
            folded.add(note.id)
    return [
        replace(note, params=merged_params[note.id]) if note.id in merged_params else note
        for note in notes
        if note.id not in folded
    ]
