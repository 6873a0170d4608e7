"""Contract: a balance moves by guarded deltas, and the ledger answers by key and by day."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from domain.models import EntryKind, LedgerEntry
from tests.storage.builders import T0, card, entry, program


def undo_of(award: LedgerEntry, at=T0) -> LedgerEntry:
    """The entry that reverses `award`, linked to it as domain.ledger.undo_award links it."""
    undo = entry(award.card_id, -award.delta, f"undo:{award.id}", EntryKind.UNDO, award.id)
    return replace(undo, created_at=at)


async def test_a_new_card_is_found_by_id_by_holder_and_program_and_by_holder(new_uow, world):
    async with new_uow() as uow:
        by_id = await uow.cards.get(world.card_id)
        assert by_id is not None and (by_id.balance, by_id.lifetime_points) == (0, 0)
        assert await uow.cards.lock(world.card_id) == by_id
        assert await uow.cards.of(world.customer_id, world.program_id) == by_id
        assert await uow.cards.of(world.customer_id, world.program_id, lock=True) == by_id
        assert await uow.cards.of(world.customer_id, world.program_id + 1) is None
        assert await uow.cards.list_for_customer(world.customer_id) == [by_id]
        assert await uow.cards.get(world.card_id + 1000) is None


async def test_cards_of_a_customer_are_listed_in_the_order_they_were_made(new_uow, world):
    async with new_uow() as uow:
        other = await uow.programs.add(program(world.business_id, code="join-2"))
        second = await uow.cards.add(card(world.customer_id, other.id, world.business_id, "C-2"))
        await uow.commit()
    async with new_uow() as uow:
        listed = await uow.cards.list_for_customer(world.customer_id)
        assert [c.id for c in listed] == [world.card_id, second.id]


async def test_apply_delta_moves_the_balance_and_adds_what_was_earned_to_lifetime(new_uow, world):
    async with new_uow() as uow:
        gained = await uow.cards.apply_delta(world.card_id, 7, earned=7)
        spent = await uow.cards.apply_delta(world.card_id, -3, earned=0)
        await uow.commit()
    async with new_uow() as uow:
        stored = await uow.cards.get(world.card_id)
    assert (gained.balance, gained.lifetime_points) == (7, 7)
    assert (spent.balance, spent.lifetime_points) == (4, 7)
    assert stored == spent


async def test_apply_delta_never_goes_below_zero_and_changes_nothing_when_refused(new_uow, world):
    async with new_uow() as uow:
        await uow.cards.apply_delta(world.card_id, 4, earned=4)
        assert await uow.cards.apply_delta(world.card_id, -5, earned=0) is None
        assert (await uow.cards.get(world.card_id)).balance == 4
        emptied = await uow.cards.apply_delta(world.card_id, -4, earned=0)
        await uow.commit()
    assert (emptied.balance, emptied.lifetime_points) == (0, 4)


async def test_a_delta_left_without_commit_is_gone(new_uow, world):
    async with new_uow() as uow:
        await uow.cards.apply_delta(world.card_id, 9, earned=9)
    async with new_uow() as uow:
        assert (await uow.cards.get(world.card_id)).balance == 0


async def test_an_entry_is_found_by_id_and_by_its_key(new_uow, world):
    async with new_uow() as uow:
        added = await uow.ledger.add(entry(world.card_id, 5, "scan:1"), world.business_id)
        await uow.commit()
    async with new_uow() as uow:
        assert added.id is not None
        assert await uow.ledger.get(added.id) == added
        assert await uow.ledger.by_key("scan:1") == added
        assert await uow.ledger.by_key("scan:2") is None


async def test_a_cards_entries_are_listed_newest_first_up_to_the_limit(new_uow, world):
    async with new_uow() as uow:
        added = [
            await uow.ledger.add(entry(world.card_id, n, f"k{n}"), world.business_id)
            for n in (1, 2, 3)
        ]
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.ledger.for_card(world.card_id, limit=2) == added[:0:-1]
        assert await uow.ledger.for_card(world.card_id + 1000) == []


async def test_awarded_since_counts_awards_since_then_net_of_their_undos(new_uow, world):
    later = T0 + timedelta(hours=1)
    async with new_uow() as uow:
        yesterday = await uow.ledger.add(
            replace(entry(world.card_id, 5, "old"), created_at=T0 - timedelta(days=1)),
            world.business_id,
        )
        await uow.ledger.add(entry(world.card_id, 3, "a"), world.business_id)
        undone = await uow.ledger.add(
            replace(entry(world.card_id, 4, "b"), created_at=later), world.business_id
        )
        await uow.ledger.add(undo_of(undone, later), world.business_id)
        await uow.ledger.add(
            undo_of(yesterday, later), world.business_id
        )  # an old award's undo: not today's
        await uow.ledger.add(entry(world.card_id, -2, "d", EntryKind.DEDUCT), world.business_id)
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.ledger.awarded_since(world.card_id, T0) == 3
        assert await uow.ledger.awarded_since(world.card_id, later) == 0
        assert await uow.ledger.awarded_since(world.card_id, T0 - timedelta(days=2)) == 3
        assert await uow.ledger.awarded_since(world.card_id + 1000, T0) == 0
