"""Storage of staff safety: card numbers redrawn on a clash, 64-bit amounts, single-use links."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.models import StaffInvitation
from storage.repositories.cards import CardNumberTaken
from tests.storage.builders import OWNER_TG, T0, card, customer, user

BACKENDS = ("sqlite", "postgresql")


async def _second_customer(uow) -> int:
    await uow.users.upsert(user(4242, "Bob"))
    return (await uow.customers.add(customer(4242, "b"))).id


async def test_a_card_number_already_taken_is_drawn_again(new_uow, world):
    numbers = iter(["C-1", "C-1", "C-7"])  # the first redraw clashes again
    async with new_uow() as uow:
        bob = await _second_customer(uow)
        added = await uow.cards.add(
            card(bob, world.program_id, world.business_id, number="C-1"),
            renumber=lambda: next(numbers),
        )
        await uow.commit()
    assert added.number == "C-7" and added.customer_id == bob


async def test_a_clash_without_a_way_to_redraw_is_refused(new_uow, world):
    async with new_uow() as uow:
        bob = await _second_customer(uow)
        with pytest.raises(CardNumberTaken):
            await uow.cards.add(card(bob, world.program_id, world.business_id, number="C-1"))


async def test_balances_and_amounts_hold_more_than_32_bits(new_uow, world):
    big = 3_000_000_000
    async with new_uow() as uow:
        moved = await uow.cards.apply_delta(world.card_id, big, earned=big)
        await uow.commit()
    async with new_uow() as uow:
        stored = await uow.cards.get(world.card_id)
    assert moved is not None and (stored.balance, stored.lifetime_points) == (big, big)


async def test_an_invitation_is_used_once_and_not_after_it_is_revoked(new_uow, world):
    link = StaffInvitation(world.business_id, "code-1", OWNER_TG, T0, T0 + timedelta(hours=1))
    async with new_uow() as uow:
        first = await uow.staff_invitations.add(link)
        second = await uow.staff_invitations.add(StaffInvitation(
            world.business_id, "code-2", OWNER_TG, T0, T0 + timedelta(hours=1)))  # fmt: skip
        await uow.users.upsert(user(4242, "Bob"))
        assert await uow.staff_invitations.use(first.id, 4242, T0)
        assert not await uow.staff_invitations.use(first.id, OWNER_TG, T0)
        assert await uow.staff_invitations.revoke(second.id, T0)
        assert not await uow.staff_invitations.use(second.id, 4242, T0)
        assert await uow.staff_invitations.open_for(world.business_id, T0) == []
        await uow.commit()
