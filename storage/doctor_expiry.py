"""The doctor's expiry checks: an `expire` entry never takes more than was earned and not yet
spent, and its links to the earned entries add up to it.

Read card by card (a ledger replay, domain/expiry.py) for the cards that have expiries only.
The repair of an over-expiry gives the excess back with an `adjust` entry on the same card,
keyed by the expiry it corrects, so a second repair moves nothing; links that do not add up
are left to a person (which lots an old sweep meant is not in the data).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.expiry import overexpired
from domain.models import EntryKind, LedgerEntry, LedgerReason
from storage.repositories.ledger import _entry
from storage.tables import CardRow, LedgerRow, PointExpiryRow

EXPIRE = EntryKind.EXPIRE.value
CHUNK = 500  # cards whose ledgers are read at once


async def expiry_findings(conn: AsyncConnection) -> list[tuple[str, str, str, bool]]:
    """(check, subject, detail, repairable) for each broken expiry invariant."""
    found = [
        ("expired_more_than_left", f"entry {entry_id}",
         f"card {card_id}: expired {excess} points more than were earned and not yet spent",
         True)
        for card_id, entry_id, excess in await _overexpired(conn)
    ]  # fmt: skip
    for entry_id, delta, linked in await conn.execute(_links_off()):
        detail = f"expired {-delta} points, links add up to {linked}"
        found.append(("expiry_links_off", f"entry {entry_id}", detail, False))
    return found


async def repair_expiries(conn: AsyncConnection, now: datetime) -> None:
    for card_id, entry_id, excess in await _overexpired(conn):
        key = _given_back(entry_id)
        await conn.execute(
            insert(LedgerRow).values(
                card_id=card_id, delta=excess, kind=EntryKind.ADJUST.value, idempotency_key=key,
                reason=LedgerReason.ADJUST.value, note="", created_at=now,
            )
        )  # fmt: skip
        balance = CardRow.balance + excess
        await conn.execute(update(CardRow).where(CardRow.id == card_id).values(balance=balance))


async def _overexpired(conn: AsyncConnection) -> list[tuple[int, int, int]]:
    cards = list(
        await conn.scalars(
            select(LedgerRow.card_id)
            .where(LedgerRow.kind == EXPIRE)
            .distinct()
            .order_by(LedgerRow.card_id)
        )
    )
    found = []
    for start in range(0, len(cards), CHUNK):
        chunk = cards[start : start + CHUNK]
        ledgers: dict[int, list[LedgerEntry]] = {card_id: [] for card_id in chunk}
        for row in await conn.execute(select(LedgerRow.__table__).where(
            LedgerRow.card_id.in_(chunk)
        )):  # fmt: skip
            ledgers[row.card_id].append(_entry(row))
        for card_id, entries in ledgers.items():
            given_back = {e.idempotency_key for e in entries if e.kind is EntryKind.ADJUST}
            found += [
                (card_id, entry_id, excess)
                for entry_id, excess in overexpired(entries)
                if _given_back(entry_id) not in given_back
            ]
    return found


def _given_back(expire_entry_id: int) -> str:
    """The key of the correction that gave an over-expiry's excess back."""
    return f"doctor:unexpire:{expire_entry_id}"


def _links_off() -> Select[int, int, int]:
    linked = (
        select(PointExpiryRow.expire_entry_id, func.sum(PointExpiryRow.points).label("points"))
        .group_by(PointExpiryRow.expire_entry_id)
        .subquery()
    )
    total = func.coalesce(linked.c.points, 0)
    return (
        select(LedgerRow.id, LedgerRow.delta, total)
        .outerjoin(linked, linked.c.expire_entry_id == LedgerRow.id)
        .where(LedgerRow.kind == EXPIRE, total != -LedgerRow.delta)
        .order_by(LedgerRow.id)
    )
