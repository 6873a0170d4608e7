"""The tier sweep on a real database: batched, each card moved and told once, even with two
sweeps at once (two workers on PostgreSQL), and a second run finds nothing."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import text

from domain.models import EntryKind, LedgerEntry, LedgerReason
from domain.tiering import requalify_tiers
from domain.tiers import Tier
from tests.storage.builders import T0, card, customer, user

CARDS = 45


async def tiered_cards(new_uow, world) -> list[int]:
    """CARDS cards holding Gold on lifetime points, all earned 13 months ago: a 12-month window
    leaves each of them 30 points, which is Silver."""
    async with new_uow() as uow:
        silver = await uow.tiers.add(Tier(world.program_id, "Silver", 20, 125), T0)
        gold = await uow.tiers.add(Tier(world.program_id, "Gold", 50, 150), T0)
        await uow.tiers.set_window(world.program_id, 12)
        ids = []
        for i in range(CARDS):
            await uow.users.upsert(user(5000 + i))
            holder = await uow.customers.add(customer(5000 + i, f"t{i}"))
            made = await uow.cards.add(
                card(holder.id, world.program_id, world.business_id, f"T-{i}")
            )
            ids.append(made.id)
        await uow.commit()
    async with new_uow() as uow:
        for number, card_id in enumerate(ids):
            await _earn(uow, card_id, 40, f"old{number}", T0 - timedelta(days=400))
            await _earn(uow, card_id, 30, f"new{number}", T0 - timedelta(days=10))
            assert await uow.tiers.set_card_tier(card_id, None, gold.id)
        await uow.commit()
    assert silver.id
    return ids


async def _earn(uow, card_id: int, points: int, key: str, at) -> None:
    card = await uow.cards.apply_delta(card_id, points, earned=points)
    assert card is not None
    entry = LedgerEntry(card_id, points, EntryKind.AWARD, key, at, LedgerReason.SCAN)
    await uow.ledger.add(entry, card.business_id)


async def tier_rows(new_uow) -> tuple[list[str], int]:
    async with new_uow() as uow:
        tiers = {t.id: t.name for t in await uow.tiers.of_program(1)}
        cards = [c for c in await uow.tiers.candidates(1, 20, 0, 1000) if c.tier_id]
    return sorted({tiers.get(c.tier_id or 0, "?") for c in cards}), len(cards)


async def test_two_sweeps_at_once_move_and_tell_each_card_once(new_uow, world, engine):
    await tiered_cards(new_uow, world)
    moved = await asyncio.gather(requalify_tiers(new_uow(), 7), requalify_tiers(new_uow(), 7))
    assert sum(moved) == CARDS
    assert await requalify_tiers(new_uow()) == 0
    assert await tier_rows(new_uow) == (["Silver"], CARDS)
    async with engine.connect() as conn:
        told = await conn.execute(
            text(
                "SELECT template, count(*) FROM customer_notifications"
                " WHERE category = 'tier_changed' GROUP BY template"
            )
        )
        assert [tuple(row) for row in told] == [("tier_demoted", CARDS)]
