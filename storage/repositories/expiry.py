"""Repository for the expiry sweep: due cards in batches, their ledgers, and expiries in bulk."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, exists, insert, or_, select, update

from domain.expiry import Expiry
from domain.models import Card, Customer, EntryKind, LedgerEntry, LedgerReason, Program
from domain.ports import CardToSweep
from storage.repositories.base import SqlRepository
from storage.repositories.cards import _card
from storage.repositories.ledger import _entry
from storage.repositories.people import _customer
from storage.repositories.programs import _program
from storage.tables import CardRow, CustomerRow, LedgerRow, PointExpiryRow, ProgramRow

_CARDS, _LEDGER, _LINKS = CardRow.__table__, LedgerRow.__table__, PointExpiryRow.__table__
# One statement per batch for each write, run with every card's values (executemany).
_TAKE = (
    update(_CARDS)
    .where(_CARDS.c.id == bindparam("card"))
    .values(balance=_CARDS.c.balance - bindparam("points"))
)
_WARNED = (
    update(_CARDS)
    .where(_CARDS.c.id == bindparam("card"))
    .values(expiry_warned_for=bindparam("on"))
)


def _earned_since(mark: Any, until: datetime) -> ColumnElement[bool]:
    """Points earned on the card after its mark (or ever, with none) and up to `until`."""
    later = or_(mark.is_(None), LedgerRow.created_at > mark)
    return exists(
        select(LedgerRow.id).where(
            LedgerRow.card_id == CardRow.id, LedgerRow.delta > 0, later,
            LedgerRow.created_at <= until,
        )
    )  # fmt: skip


class SqlExpiryRepository(SqlRepository):
    async def programs(self) -> list[Program]:
        stmt = (
            select(ProgramRow).where(ProgramRow.expiry_days.is_not(None)).order_by(ProgramRow.id)
        )
        return [_program(row) for row in await self._all(stmt)]

    async def due_cards(
        self, program_id: int, cutoff: datetime, horizon: datetime, after: int, limit: int
    ) -> tuple[list[int], int]:
        # A window of `limit` cards by id, each with a flag: a batch costs the same whether
        # few or many are due (the whole program in one statement would stall SQLite's loop).
        due = and_(
            CardRow.balance > 0,
            or_(
                _earned_since(CardRow.expiry_swept_through, cutoff),
                _earned_since(CardRow.expiry_warned_through, horizon),
            ),
        )
        stmt = (
            select(CardRow.id, due)
            .where(CardRow.program_id == program_id, CardRow.id > after)
            .order_by(CardRow.id)
            .limit(limit)
        )
        window = (await self._session.execute(stmt)).all()
        return [card_id for card_id, flag in window if flag], (window[-1][0] if window else 0)

    async def lock(self, card_ids: list[int]) -> list[CardToSweep]:
        # In id order, so two sweeps locking overlapping batches queue instead of deadlocking.
        stmt = select(_CARDS).where(_CARDS.c.id.in_(card_ids)).order_by(_CARDS.c.id)
        rows = await self._session.execute(stmt.with_for_update())
        return [
            CardToSweep(
                _card(row),
                date.fromisoformat(row.expiry_warned_for) if row.expiry_warned_for else None,
            )
            for row in rows
        ]

    async def ledgers(self, card_ids: list[int]) -> dict[int, list[LedgerEntry]]:
        found: dict[int, list[LedgerEntry]] = {card_id: [] for card_id in card_ids}
        rows = await self._session.execute(select(_LEDGER).where(_LEDGER.c.card_id.in_(card_ids)))
        for row in rows:
            found[row.card_id].append(_entry(row))
        return found

    async def holders(self, card_ids: list[int]) -> dict[int, Customer]:
        stmt = (
            select(CardRow.id, CustomerRow)
            .join(CustomerRow, CustomerRow.id == CardRow.customer_id)
            .where(CardRow.id.in_(card_ids))
        )
        return {card_id: _customer(row) for card_id, row in await self._session.execute(stmt)}

    async def post(self, expiries: Iterable[Expiry], at: datetime) -> dict[int, Card]:
        plans = list(expiries)
        if not plans:
            return {}
        entries = [
            {
                "card_id": plan.card_id, "delta": -plan.points, "kind": EntryKind.EXPIRE.value,
                "idempotency_key": plan.key, "reason": LedgerReason.EXPIRY.value, "note": "",
                "created_at": at,
            }
            for plan in plans
        ]  # fmt: skip
        returning = insert(_LEDGER).returning(
            _LEDGER.c.id, _LEDGER.c.card_id, sort_by_parameter_order=True
        )
        ids = {
            card_id: entry_id
            for entry_id, card_id in await self._session.execute(returning, entries)
        }
        links = [
            {"expire_entry_id": ids[plan.card_id], "earned_entry_id": earned, "points": points}
            for plan in plans
            for earned, points in plan.links
        ]
        await self._session.execute(insert(_LINKS), links)
        await self._session.execute(
            _TAKE, [{"card": plan.card_id, "points": plan.points} for plan in plans]
        )
        rows = await self._session.execute(
            select(_CARDS).where(_CARDS.c.id.in_([plan.card_id for plan in plans]))
        )
        return {row.id: _card(row) for row in rows}

    async def mark(self, card_ids: list[int], swept: datetime, warned: datetime) -> None:
        await self._session.execute(
            update(_CARDS)
            .where(_CARDS.c.id.in_(card_ids))
            .values(expiry_swept_through=swept, expiry_warned_through=warned)
        )

    async def mark_warned(self, card_id: int, on: date) -> None:
        await self._session.execute(_WARNED, [{"card": card_id, "on": on.isoformat()}])
