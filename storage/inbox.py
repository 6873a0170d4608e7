"""The webhook inbox: each update Telegram posts is committed here before it is answered 200,
and handled from here by whichever worker claims it.

- `add` inserts the update under its `update_id`; a key already present (waiting, claimed or
  done) inserts nothing, so Telegram's redelivery of an update is dropped.
- `claim` takes, for each chat, its oldest update not done, when no worker holds it under a live
  lease: a chat's next update waits until the one before it is done, whichever worker has it.
  A claim sets `claimed_by` and `lease_until`; a worker renews the lease of the updates it is
  handling, so only a dead (or frozen) worker's claims run out and are taken over. On
  PostgreSQL the rows are locked `FOR UPDATE SKIP LOCKED`, so workers claiming at the same
  moment take different updates; SQLite is one process, whose transactions run one at a time.
- `done` marks an update handled and drops its content; `prune` deletes done rows once
  Telegram no longer redelivers them (it keeps an update for 24 hours).

An update is handled at least once: a worker killed after a handler committed but before `done`
leaves it to be handled again, where the use cases' idempotency keys (scans, buttons) apply.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlalchemy.orm import aliased

from storage.gate import gated_session
from storage.repositories.base import changed_rows, upsert_for
from storage.tables import InboxRow

LEASE = timedelta(seconds=15)


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

    async def add(self, update_id: int, chat_id: int | None, payload: dict[str, Any]) -> bool:
        """Store an update, committed when this returns; False if its key was already here."""
        row = {
            "update_id": update_id, "chat_id": chat_id, "payload": payload,
            "received_at": self._clock(), "attempts": 0,
        }  # fmt: skip
        async with gated_session(self._sessions) as session, session.begin():
            insert = upsert_for(session.get_bind().dialect.name)(InboxRow)
            result = await session.execute(insert.values(row).on_conflict_do_nothing())
            return changed_rows(result) == 1

    async def claim(self, limit: int) -> list[InboxItem]:
        """Take up to `limit` updates, the oldest first, at most one per chat (see the module)."""
        if limit <= 0:
            return []
        now = self._clock()
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
        free = free.order_by(InboxRow.update_id).limit(limit)
        async with gated_session(self._sessions) as session, session.begin():
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

    async def done(self, update_id: int) -> None:
        """Handled: kept as a key against redelivery, without its content."""
        async with gated_session(self._sessions) as session, session.begin():
            await session.execute(
                update(InboxRow)
                .where(InboxRow.update_id == update_id)
                .values(done_at=self._clock(), payload=None, lease_until=None)
            )

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
