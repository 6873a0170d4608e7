"""The webhook inbox: each update Telegram posts is committed here before it is answered 200,
and handled from here by whichever worker claims it.

- `add` inserts updates under their `update_id` (the updates that arrive while one insert
  commits go together in the next); a key already present (waiting, claimed or done) inserts
  nothing, so Telegram's redelivery of an update is dropped. The worker that stores an update
  claims it in the same transaction when it may (its chat has nothing older waiting).
- `claim` takes, for each chat, its oldest update not done, when no worker holds it under a live
  lease: a chat's next update waits until the one before it is done, whichever worker has it.
  A claim sets `claimed_by` and `lease_until`; a worker renews the lease of the updates it is
  handling, so only a dead (or frozen) worker's claims run out and are taken over. On
  PostgreSQL the rows are locked `FOR UPDATE SKIP LOCKED`, so workers claiming at the same
  moment take different updates; SQLite is one process, whose transactions run one at a time.
- `claim` first marks the updates handled since the last claim done (dropping their content),
  so a worker commits once per round rather than once per update; `prune` deletes done rows
  once Telegram no longer redelivers them (it keeps an update for 24 hours).

A handler's commit also marks its update done (`mark_done`, in the handler's transaction), so
an update whose work was committed is not handled again; one whose worker died before any
commit of its own is.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Integer, bindparam, delete, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import aliased

from storage.gate import gated_session
from storage.repositories.base import changed_rows
from storage.tables import InboxRow
from storage.upsert import upsert_for

LEASE = timedelta(seconds=15)
LOCK_SPACE = 0x1B0C  # the first key of the inbox's advisory locks (storage/sweeps.py has its own)


@dataclass(frozen=True)
class InboxItem:
    update_id: int
    payload: dict[str, Any]
    attempts: int  # claims so far, this one included


@dataclass(frozen=True)
class InboxCounts:
    waiting: int  # not done and not held by a live lease
    claimed: int  # held by a worker under a live lease
    oldest_age_seconds: float  # of the oldest update not done (0: none)


class InboxStore:
    def __init__(
        self,
        sessions: async_sessionmaker[Any],
        clock: Callable[[], datetime],
        *,
        owner: str,
        lease: timedelta = LEASE,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self.owner = owner[:64]
        self.lease = lease

    async def add(
        self,
        updates: Sequence[tuple[int, int | None, dict[str, Any]]],
        claim: int = 0,
        done: Collection[int] = (),
    ) -> tuple[set[int], list[InboxItem]]:
        """Store updates (update_id, chat_id, payload) in one transaction, committed when this
        returns, and claim up to `claim` of them for this worker on the way (after marking
        this worker's `done` updates handled, so a chat's next update can follow at once).
        Returns the ids stored (not those whose key was already here) and the items claimed.

        Only a chat's oldest update not done may be claimed; on PostgreSQL the transaction
        first locks the chats it adds to (an advisory lock each, in order), so two workers
        adding to one chat at the same moment see each other's update before claiming.
        """
        now = self._clock()
        stored: set[int] = set()
        async with gated_session(self._sessions) as session, session.begin():
            dialect = session.get_bind().dialect.name
            if dialect == "postgresql" and claim > 0:
                for key in sorted({_chat_key(chat) for _, chat, _ in updates if chat is not None}):
                    await session.execute(_LOCK_CHAT, {"key": key})
            if done:
                await session.execute(_done(done, now))
            insert = upsert_for(dialect)(InboxRow).on_conflict_do_nothing()
            for update_id, chat_id, payload in updates:
                row = {
                    "update_id": update_id, "chat_id": chat_id, "payload": payload,
                    "received_at": now, "attempts": 0,
                }  # fmt: skip
                if changed_rows(await session.execute(insert.values(row))) == 1:
                    stored.add(update_id)
            claimed = await self._claim(session, claim, now, among=stored) if stored else []
        return stored, claimed

    async def claim(self, limit: int, done: Collection[int] = ()) -> list[InboxItem]:
        """Mark `done` updates handled, then take up to `limit` updates, the oldest first, at
        most one per chat (see the module), in one transaction."""
        now = self._clock()
        async with gated_session(self._sessions) as session, session.begin():
            if done:
                await session.execute(_done(done, now))
            return await self._claim(session, limit, now)

    async def _claim(
        self, session: AsyncSession, limit: int, now: datetime, among: set[int] | None = None
    ) -> list[InboxItem]:
        if limit <= 0:
            return []
        earlier = aliased(InboxRow)
        behind = exists().where(
            earlier.chat_id == InboxRow.chat_id,
            earlier.update_id < InboxRow.update_id,
            earlier.done_at.is_(None),
        )
        free = select(InboxRow).where(
            InboxRow.done_at.is_(None),
            or_(InboxRow.lease_until.is_(None), InboxRow.lease_until <= now),
            ~behind,
        )
        if among is not None:
            free = free.where(InboxRow.update_id.in_(sorted(among)))
        free = free.order_by(InboxRow.update_id).limit(limit)
        if session.get_bind().dialect.name == "postgresql":
            free = free.with_for_update(skip_locked=True, of=InboxRow)
        rows = list(await session.scalars(free))
        for row in rows:
            row.claimed_by = self.owner
            row.lease_until = now + self.lease
            row.attempts += 1
        return [InboxItem(row.update_id, row.payload or {}, row.attempts) for row in rows]

    async def renew(self, update_ids: Collection[int]) -> None:
        """Extend the lease of updates this worker is still handling."""
        if not update_ids:
            return
        async with gated_session(self._sessions) as session, session.begin():
            await session.execute(
                update(InboxRow)
                .where(
                    InboxRow.update_id.in_(list(update_ids)),
                    InboxRow.claimed_by == self.owner,
                    InboxRow.done_at.is_(None),
                )
                .values(lease_until=self._clock() + self.lease)
            )

    async def done(self, update_ids: Collection[int]) -> None:
        """Handled: kept as keys against redelivery, without their content."""
        await self.claim(0, done=update_ids)

    async def release(self, update_ids: Collection[int]) -> None:
        """Hand back claimed updates not yet begun, for any worker to take at once."""
        if not update_ids:
            return
        async with gated_session(self._sessions) as session, session.begin():
            await session.execute(
                update(InboxRow)
                .where(
                    InboxRow.update_id.in_(list(update_ids)),
                    InboxRow.claimed_by == self.owner,
                    InboxRow.done_at.is_(None),
                )
                .values(lease_until=None, attempts=InboxRow.attempts - 1)
            )

    async def prune(self, done_before: datetime, batch: int = 1000) -> int:
        """Delete up to `batch` rows done before `done_before`; returns how many went."""
        old = select(InboxRow.update_id).where(InboxRow.done_at < done_before).limit(batch)
        async with gated_session(self._sessions) as session, session.begin():
            result = await session.execute(
                delete(InboxRow).where(InboxRow.update_id.in_(old.scalar_subquery()))
            )
            return changed_rows(result)

    async def counts(self) -> InboxCounts:
        now = self._clock()
        live = InboxRow.lease_until > now
        async with self._sessions() as session:
            row = (
                await session.execute(
                    select(
                        func.count().filter(~live | InboxRow.lease_until.is_(None)),
                        func.count().filter(live),
                        func.min(InboxRow.received_at),
                    ).where(InboxRow.done_at.is_(None))
                )
            ).one()
        waiting, claimed, oldest = row
        age = (now - oldest).total_seconds() if oldest is not None else 0.0
        return InboxCounts(int(waiting), int(claimed), max(0.0, age))


async def mark_done(session: AsyncSession, update_id: int, now: datetime) -> None:
    """Mark an update done inside another transaction (a handler's), to commit with it."""
    await session.execute(_done([update_id], now))


def _done(update_ids: Collection[int], now: datetime) -> Any:
    return (
        update(InboxRow)
        .where(InboxRow.update_id.in_(list(update_ids)))
        .values(done_at=now, payload=None, lease_until=None)
    )


_LOCK_CHAT = select(func.pg_advisory_xact_lock(LOCK_SPACE, bindparam("key", type_=Integer)))


def _chat_key(chat_id: int) -> int:
    """A chat's id folded into a signed 32-bit advisory lock key (a shared key only waits)."""
    return (chat_id % 2**32) - 2**31
