"""Round trips for programs, enrollments, cards and the ledger; the guarded balance update."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from domain.models import Enrollment, EnrollmentStatus, EntryKind
from storage.repositories.cards import CardNumberTaken
from tests.storage.builders import T0, card, entry, program


async def test_programs_are_found_listed_and_updated(new_uow, world):
    async with new_uow() as uow:
        second = await uow.programs.add(program(world.business_id, code="join-2"))
        second.active = False
        second.daily_cap = 5
        second.expires_at = T0 + timedelta(days=30)
        await uow.programs.update(second)
        await uow.commit()
    async with new_uow() as uow:
        first = await uow.programs.by_join_code("join-1")
        everything = await uow.programs.list(world.business_id)
        active = await uow.programs.list(world.business_id, active_only=True)
        stored = await uow.programs.get(second.id)
    assert first is not None and first.id == world.program_id
    assert [p.id for p in everything] == [world.program_id, second.id]
    assert active == [first]
    assert stored == second


async def test_two_programs_cannot_share_a_join_code(new_uow, world):
    async with new_uow() as uow:
        with pytest.raises(IntegrityError):
            await uow.programs.add(program(world.business_id, code="join-1"))


async def test_an_enrollment_is_stored_once_per_customer_and_program(new_uow, world):
    invited = Enrollment(world.customer_id, world.program_id, EnrollmentStatus.INVITED, T0, 1001)
    async with new_uow() as uow:
        added = await uow.enrollments.add(invited)
        added.status = EnrollmentStatus.ACTIVE
        added.decided_at = T0 + timedelta(minutes=1)
        await uow.enrollments.update(added)
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.enrollments.get(world.customer_id, world.program_id) == added
        with pytest.raises(IntegrityError):
            await uow.enrollments.add(invited)


async def test_a_card_is_found_by_id_and_by_customer_and_program(new_uow, world):
    async with new_uow() as uow:
        by_id = await uow.cards.get(world.card_id)
        by_pair = await uow.cards.of(world.customer_id, world.program_id)
        listed = await uow.cards.list_for_customer(world.customer_id)
    assert by_id is not None and by_id == by_pair and listed == [by_id]
    assert (by_id.balance, by_id.lifetime_points, by_id.number) == (0, 0, "C-1")
    assert by_id.created_at.tzinfo is UTC


@pytest.mark.parametrize("number", ["C-1", "C-2"])
async def test_a_second_card_for_the_same_program_or_number_is_refused(new_uow, world, number):
    # A taken number is CardNumberTaken (add redraws it only when given a way to); a second
    # card for the same enrollment is the unique constraint's IntegrityError.
    async with new_uow() as uow:
        with pytest.raises((IntegrityError, CardNumberTaken)):
            await uow.cards.add(
                card(world.customer_id, world.program_id, world.business_id, number)
            )


async def test_apply_delta_moves_balance_and_adds_what_was_earned_to_lifetime(new_uow, world):
    async with new_uow() as uow:
        await uow.cards.get(world.card_id)  # a stale copy in the session must not leak out
        up = await uow.cards.apply_delta(world.card_id, 10, earned=10)
        down = await uow.cards.apply_delta(world.card_id, -4, earned=0)
        reread = await uow.cards.get(world.card_id)
        await uow.commit()
    assert up is not None and (up.balance, up.lifetime_points) == (10, 10)
    assert down is not None and (down.balance, down.lifetime_points) == (6, 10)
    assert reread == down


async def test_apply_delta_refuses_to_go_negative_and_changes_nothing(new_uow, world):
    async with new_uow() as uow:
        await uow.cards.apply_delta(world.card_id, 3, earned=3)
        assert await uow.cards.apply_delta(world.card_id, -4, earned=0) is None
        await uow.commit()
    async with new_uow() as uow:
        stored = await uow.cards.get(world.card_id)
        assert await uow.cards.apply_delta(404, 1, earned=1) is None
    assert stored is not None and (stored.balance, stored.lifetime_points) == (3, 3)


async def test_the_database_itself_refuses_a_negative_balance(engine, world):
    with pytest.raises(IntegrityError):
        async with engine.begin() as conn:
            await conn.execute(text("UPDATE loyalty_cards SET balance = -1"))


async def test_ledger_entries_round_trip_newest_first(new_uow, world):
    async with new_uow() as uow:
        first = await uow.ledger.add(entry(world.card_id, 5, "k1"), world.business_id)
        later = entry(world.card_id, -2, "k2", EntryKind.DEDUCT)
        later.created_at = T0 + timedelta(minutes=1)
        later.staff_telegram_id = 1001
        later.note = "coffee"
        second = await uow.ledger.add(later, world.business_id)
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.ledger.get(first.id) == first
        assert await uow.ledger.by_key("k2") == second
        assert await uow.ledger.by_key("missing") is None
        assert await uow.ledger.for_card(world.card_id) == [second, first]
        assert await uow.ledger.for_card(world.card_id, limit=1) == [second]
    assert second.kind is EntryKind.DEDUCT and second.created_at.tzinfo is UTC


async def test_an_idempotency_key_is_used_once(new_uow, world):
    async with new_uow() as uow:
        await uow.ledger.add(entry(world.card_id, 5, "same"), world.business_id)
        with pytest.raises(IntegrityError):
            await uow.ledger.add(entry(world.card_id, 5, "same"), world.business_id)


async def test_awarded_since_nets_undos_and_ignores_other_kinds_and_older_rows(new_uow, world):
    old = entry(world.card_id, 50, "old")
    old.created_at = T0 - timedelta(days=1)
    async with new_uow() as uow:
        old = await uow.ledger.add(old, world.business_id)
        await uow.ledger.add(entry(world.card_id, 5, "a1"), world.business_id)
        a2 = await uow.ledger.add(entry(world.card_id, 3, "a2"), world.business_id)
        await uow.ledger.add(
            entry(world.card_id, -3, f"undo:{a2.id}", EntryKind.UNDO, a2.id), world.business_id
        )
        # Undoing yesterday's award today does not make room under today's cap.
        await uow.ledger.add(
            entry(world.card_id, -50, f"undo:{old.id}", EntryKind.UNDO, old.id), world.business_id
        )
        await uow.ledger.add(entry(world.card_id, -4, "d1", EntryKind.DEDUCT), world.business_id)
        await uow.ledger.add(entry(world.card_id, 9, "adj", EntryKind.ADJUST), world.business_id)
        total = await uow.ledger.awarded_since(world.card_id, T0)
        nothing = await uow.ledger.awarded_since(world.card_id, T0 + timedelta(seconds=1))
    assert (total, nothing) == (5, 0)


async def test_business_figures_count_undone_awards_as_not_issued(new_uow, world):
    async with new_uow() as uow:
        await uow.ledger.add(entry(world.card_id, 10, "a1"), world.business_id)
        a2 = await uow.ledger.add(entry(world.card_id, 5, "a2"), world.business_id)
        await uow.ledger.add(
            entry(world.card_id, -5, f"undo:{a2.id}", EntryKind.UNDO, a2.id), world.business_id
        )
        await uow.ledger.add(entry(world.card_id, -4, "d1", EntryKind.DEDUCT), world.business_id)
        digest = await uow.businesses.figures(world.business_id, T0, T0 + timedelta(days=1))
        stats = await uow.reports.stats(world.business_id, T0)
    assert (digest.points_issued, digest.points_redeemed) == (10, 4)
    assert stats == digest
