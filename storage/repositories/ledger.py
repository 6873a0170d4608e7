"""Repository for the append-only points ledger."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import Select, bindparam, func, select, union_all
from sqlalchemy.orm import aliased

from domain.models import EntryKind, LedgerEntry, LedgerReason
from storage.business_hours import ISSUED, REWARD, SPENT
from storage.hour_tally import tally, tally_staff
from storage.repositories.base import RowOf, SqlRepository, chunks
from storage.staff_hours import entry_figures
from storage.tables import AwardReplyRow, CardRow, LedgerRow


def _entry(row: RowOf[LedgerRow]) -> LedgerEntry:
    return LedgerEntry(
        id=row.id,
        card_id=row.card_id,
        delta=row.delta,
        kind=EntryKind(row.kind),
        idempotency_key=row.idempotency_key,
        created_at=row.created_at,
        staff_telegram_id=row.staff_telegram_id,
        reason=LedgerReason(row.reason),
        note=row.note,
        reverses_entry_id=row.reverses_entry_id,
    )


_LEDGER = LedgerRow.__table__
LATEST_CARDS = 50  # cards whose newest rows one statement reads


def _newest(card_id: int, limit: int) -> Select[Any]:
    newest = (
        select(_LEDGER)
        .where(_LEDGER.c.card_id == card_id)
        .order_by(_LEDGER.c.created_at.desc(), _LEDGER.c.id.desc())
        .limit(limit)
        .subquery()
    )
    return select(newest)


_BY_KEY = select(_LEDGER).where(_LEDGER.c.idempotency_key == bindparam("key"))


class SqlLedgerRepository(SqlRepository):
    async def get(self, entry_id: int) -> LedgerEntry | None:
        row = await self._get(LedgerRow, entry_id)
        return _entry(row) if row else None

    async def by_key(self, idempotency_key: str) -> LedgerEntry | None:
        """The entry posted under this key, if any.

        On PostgreSQL, several workers may post the same key at once (a redelivered update);
        both would see no entry and the second would hit the unique key after moving the
        balance. A transaction-scoped advisory lock on the key queues the second until the
        first ends, so its read then sees the committed entry and takes the duplicate path.
        """
        if self._session.get_bind().dialect.name == "postgresql":
            await self._session.execute(
                select(func.pg_advisory_xact_lock(func.hashtextextended(idempotency_key, 0)))
            )
        row = await self._row(_BY_KEY, key=idempotency_key)
        return _entry(row) if row else None

    async def add(self, entry: LedgerEntry, business_id: int) -> LedgerEntry:
        """The entry, on a card of `business_id` (whose hours it adds to)."""
        row = await self._add(
            LedgerRow(
                card_id=entry.card_id,
                delta=entry.delta,
                kind=entry.kind.value,
                idempotency_key=entry.idempotency_key,
                staff_telegram_id=entry.staff_telegram_id,
                reason=entry.reason.value,
                note=entry.note,
                reverses_entry_id=entry.reverses_entry_id,
                created_at=entry.created_at,
            )
        )
        self._count(entry, business_id)
        return _entry(row)

    def _count(self, entry: LedgerEntry, business_id: int) -> None:
        """The entry's hour (/stats, the digest) and its staff member's, written at commit
        (storage/hour_tally.py)."""
        if entry.kind.value in ISSUED or entry.kind.value in SPENT:
            issued = entry.delta if entry.kind.value in ISSUED else 0
            rewards = int(entry.kind.value == REWARD)
            tally(
                self._session, business_id, entry.created_at,
                issued=issued, redeemed=issued - entry.delta, rewards=rewards,
            )  # fmt: skip
        if entry.staff_telegram_id is not None:
            by_staff = entry_figures(entry.kind, entry.reason, entry.delta)
            if by_staff:
                tally_staff(
                    self._session, business_id, entry.staff_telegram_id, entry.created_at,
                    **by_staff,
                )  # fmt: skip

    async def for_card(self, card_id: int, limit: int = 10) -> list[LedgerEntry]:
        stmt = (
            select(LedgerRow)
            .where(LedgerRow.card_id == card_id)
            .order_by(LedgerRow.created_at.desc(), LedgerRow.id.desc())
            .limit(limit)
        )
        return [_entry(row) for row in await self._all(stmt)]

    async def latest_of(
        self, card_ids: Collection[int], limit: int = 10
    ) -> dict[int, list[LedgerEntry]]:
        """Each card's newest rows off the (card_id, created_at) index, a LIMITed read per card
        put together with UNION ALL: one statement, and no card's older rows read."""
        found: dict[int, list[LedgerEntry]] = {}
        for batch in chunks(card_ids, LATEST_CARDS):
            stmt = union_all(*(_newest(card_id, limit) for card_id in batch))
            for row in await self._session.execute(stmt):
                found.setdefault(row.card_id, []).append(_entry(row))
        for entries in found.values():
            entries.sort(key=lambda e: (e.created_at, e.id), reverse=True)
        return found

    async def awarded_since(self, card_id: int, since: datetime) -> int:
        """Awards since `since`, less the undos of those awards (not of earlier ones)."""
        award, undo = aliased(LedgerRow), aliased(LedgerRow)
        recent = (
            award.card_id == card_id,
            award.kind == EntryKind.AWARD.value,
            award.created_at >= since,
        )
        awarded = select(func.coalesce(func.sum(award.delta), 0)).where(*recent)
        undone = (
            select(func.coalesce(func.sum(undo.delta), 0))
            .join(award, undo.reverses_entry_id == award.id)
            .where(*recent)
        )
        total = await self._session.scalar(
            select(awarded.scalar_subquery() + undone.scalar_subquery())
        )
        return int(total or 0)

    async def manual_awarded_by(
        self, business_id: int, staff_telegram_id: int, since: datetime
    ) -> int:
        total = await self._session.scalar(
            select(func.coalesce(func.sum(LedgerRow.delta), 0))
            .join(CardRow, CardRow.id == LedgerRow.card_id)
            .where(
                CardRow.business_id == business_id,
                LedgerRow.staff_telegram_id == staff_telegram_id,
                LedgerRow.kind == EntryKind.AWARD.value,
                LedgerRow.reason == LedgerReason.MANUAL.value,
                LedgerRow.created_at >= since,
            )
        )
        return int(total or 0)

    async def note_reply(self, entry_id: int, chat_id: int, message_id: int, at: datetime) -> None:
        # Noted once: the first reply sent for an award is the one whose Undo counts.
        stmt = (
            self._insert(AwardReplyRow)
            .values(entry_id=entry_id, chat_id=chat_id, message_id=message_id, created_at=at)
            .on_conflict_do_nothing(index_elements=["entry_id"])
        )
        await self._session.execute(stmt)

    async def reply_of(self, entry_id: int) -> tuple[int, int] | None:
        row = await self._row(_REPLY_OF, entry_id=entry_id)
        return (int(row.chat_id), int(row.message_id)) if row else None


_REPLIES = AwardReplyRow.__table__
_REPLY_OF = select(_REPLIES).where(_REPLIES.c.entry_id == bindparam("entry_id"))
