"""The doctor's tier checks: lifetime points earned against the ledger, each card's tier against
the points earned in its program's window.

Lifetime points are determined by the ledger (awards less their undos), so a repair sets them.
A wrong tier is repaired by the tier sweep itself (bot/doctor.py runs it), which tells the
customer as the scheduler would; this module only finds it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import aliased

from domain.ledger import EARNING_KINDS
from domain.models import EntryKind
from domain.tiers import Tier, tier_for, window_start
from storage.doctor import Finding
from storage.tables import BusinessRow, CardRow, LedgerRow, ProgramRow, TierRow


async def tier_problems(conn: AsyncConnection, now: datetime) -> list[Finding]:
    found = []
    for card_id, stored, earned in await conn.execute(_lifetime_vs_ledger()):
        detail = f"lifetime points {stored}, earned in the ledger {earned}"
        found.append(Finding("lifetime_mismatch", f"card {card_id}", detail, f"set to {earned}"))
    for card_id, held, due in await _tiers_off(conn, now):
        detail = f"holds tier {held or 'none'}, its points earned reach {due or 'none'}"
        found.append(
            Finding("tier_mismatch", f"card {card_id}", detail, "move it (customer told)")
        )
    return found


async def repair_lifetimes(conn: AsyncConnection) -> None:
    for card_id, _, earned in (await conn.execute(_lifetime_vs_ledger())).all():
        await conn.execute(
            update(CardRow).where(CardRow.id == card_id).values(lifetime_points=earned)
        )


def _lifetime_vs_ledger() -> Select[int, int, Any]:
    kinds = [kind.value for kind in EARNING_KINDS]
    sums = (
        select(LedgerRow.card_id, func.sum(LedgerRow.delta).label("earned"))
        .where(LedgerRow.kind.in_(kinds))
        .group_by(LedgerRow.card_id)
        .subquery()
    )
    earned = func.coalesce(sums.c.earned, 0)
    return (
        select(CardRow.id, CardRow.lifetime_points, earned)
        .outerjoin(sums, sums.c.card_id == CardRow.id)
        .where(CardRow.lifetime_points != earned)
        .order_by(CardRow.id)
    )


async def _tiers_off(conn: AsyncConnection, now: datetime) -> list[tuple[int, str, str]]:
    """(card, tier held, tier due) for each card of an active program of a business not
    suspended, in the wrong tier."""
    off = []
    programs = await conn.execute(
        select(ProgramRow.id, ProgramRow.tier_window_months)
        .join(BusinessRow, BusinessRow.id == ProgramRow.business_id)
        # A suspended business's cards move when it resumes (the sweep sends it nothing).
        .where(ProgramRow.active.is_(True), BusinessRow.suspended_at.is_(None))
    )
    for program_id, months in programs.all():
        tiers = await _tiers(conn, program_id)
        names = {row.id: row.name for row in await conn.execute(
            select(TierRow.id, TierRow.name).where(TierRow.program_id == program_id)
        )}  # fmt: skip
        if not names:
            continue
        earned = await _earned(conn, program_id, window_start(now, months) if months else None)
        cards = await conn.execute(
            select(CardRow.id, CardRow.tier_id).where(
                CardRow.program_id == program_id, CardRow.left_at.is_(None)
            )
        )
        for card_id, tier_id in cards.all():
            due = tier_for(earned.get(card_id, 0), tiers)
            if (due.id if due else None) != tier_id:
                off.append((card_id, names.get(tier_id, ""), due.name if due else ""))
    return off


async def _tiers(conn: AsyncConnection, program_id: int) -> list[Tier]:
    rows = await conn.execute(
        select(TierRow).where(TierRow.program_id == program_id, TierRow.removed_at.is_(None))
    )
    return [Tier(r.program_id, r.name, r.threshold, r.percent, r.id) for r in rows]


async def _earned(
    conn: AsyncConnection, program_id: int, since: datetime | None
) -> dict[int, int]:
    if since is None:
        rows = await conn.execute(
            select(CardRow.id, CardRow.lifetime_points).where(CardRow.program_id == program_id)
        )
        return {int(card_id): int(points) for card_id, points in rows}
    award, undo = aliased(LedgerRow), aliased(LedgerRow)
    undone = (
        select(func.coalesce(func.sum(undo.delta), 0))
        .where(undo.reverses_entry_id == award.id, undo.kind == EntryKind.UNDO.value)
        .scalar_subquery()
    )
    stmt = (
        select(award.card_id, func.sum(award.delta + undone))
        .join(CardRow, CardRow.id == award.card_id)
        .where(
            CardRow.program_id == program_id,
            award.kind == EntryKind.AWARD.value,
            award.created_at >= since,
        )
        .group_by(award.card_id)
    )
    return {int(card_id): int(total or 0) for card_id, total in await conn.execute(stmt)}
