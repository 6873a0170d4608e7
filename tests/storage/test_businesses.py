"""Round trips for businesses, staff, and the customers a business has dealt with."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from domain.models import Role, Staff
from tests.storage.builders import (
    CUSTOMER_TG,
    OWNER_TG,
    T0,
    business,
    card,
    customer,
    program,
    user,
)


async def test_a_business_is_found_by_id_and_invite_code_and_updated(new_uow, world):
    async with new_uow() as uow:
        found = await uow.businesses.by_invite_code("invite-1")
        assert found is not None and found.id == world.business_id
        found.default_program_id = world.program_id
        found.suspended_at = T0
        await uow.businesses.update(found)
        await uow.commit()
    async with new_uow() as uow:
        stored = await uow.businesses.get(world.business_id)
    assert stored == found
    assert stored is not None and stored.suspended_at is not None
    assert stored.suspended_at.tzinfo is UTC


async def test_two_businesses_cannot_share_an_invite_code(new_uow, world):
    async with new_uow() as uow:
        with pytest.raises(IntegrityError):
            await uow.businesses.add(business(OWNER_TG, code="invite-1"))


async def test_staff_are_added_listed_and_removed(new_uow, world):
    async with new_uow() as uow:
        owner = await uow.staff.add(Staff(world.business_id, OWNER_TG, Role.OWNER, T0))
        clerk = await uow.staff.add(Staff(world.business_id, CUSTOMER_TG, Role.STAFF, T0))
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.staff.get(world.business_id, OWNER_TG) == owner
        assert await uow.staff.list(world.business_id) == [owner, clerk]
        assert await uow.staff.of_user(CUSTOMER_TG) == [clerk]
        assert await uow.staff.remove(world.business_id, CUSTOMER_TG) is True
        assert await uow.staff.remove(world.business_id, CUSTOMER_TG) is False
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.staff.list(world.business_id) == [owner]
    assert owner.role is Role.OWNER


async def test_a_person_is_staff_of_a_business_only_once(new_uow, world):
    async with new_uow() as uow:
        await uow.staff.add(Staff(world.business_id, OWNER_TG, Role.OWNER, T0))
        with pytest.raises(IntegrityError):
            await uow.staff.add(Staff(world.business_id, OWNER_TG, Role.STAFF, T0))


async def test_touch_creates_then_counts_visits_and_moves_last_seen(new_uow, world):
    later = T0 + timedelta(hours=2)
    async with new_uow() as uow:
        first = await uow.business_customers.touch(
            world.business_id, world.customer_id, T0, visit=False
        )
        assert await uow.business_customers.get(world.business_id, world.customer_id) == first
        again = await uow.business_customers.touch(
            world.business_id, world.customer_id, later, visit=True
        )
        await uow.commit()
    async with new_uow() as uow:
        stored = await uow.business_customers.get(world.business_id, world.customer_id)
    assert (first.visits, first.first_seen, first.last_seen) == (0, T0, T0)
    assert (again.visits, again.first_seen, again.last_seen) == (1, T0, later)
    assert stored == again and again.id == first.id


async def test_page_lists_customers_newest_first_with_this_business_balance(new_uow, world):
    async with new_uow() as uow:
        await uow.cards.apply_delta(world.card_id, 7, earned=7)
        await uow.users.upsert(user(3))
        other = await uow.customers.add(customer(3, "b"))
        assert other.id is not None
        await uow.business_customers.touch(world.business_id, world.customer_id, T0, visit=True)
        later = T0 + timedelta(minutes=5)
        await uow.business_customers.touch(world.business_id, other.id, later, visit=True)
        # A card at another business must not count towards this business's balance.
        elsewhere = await uow.businesses.add(business(OWNER_TG, code="invite-2"))
        prog = await uow.programs.add(program(elsewhere.id or 0, code="join-2"))
        extra = await uow.cards.add(
            card(world.customer_id, prog.id or 0, elsewhere.id or 0, "C-9")
        )
        await uow.cards.apply_delta(extra.id or 0, 100, earned=100)
        await uow.commit()
    async with new_uow() as uow:
        rows = await uow.business_customers.page(world.business_id, 0, 10)
        second_page = await uow.business_customers.page(world.business_id, 1, 10)
        count = await uow.business_customers.count(world.business_id)
    assert [(r.customer_id, r.name, r.balance, r.visits) for r in rows] == [
        (other.id, "Customer b", 0, 1),
        (world.customer_id, "Customer a", 7, 1),
    ]
    assert rows[0].last_seen == later and rows[0].last_seen.tzinfo is UTC
    assert second_page == rows[1:]
    assert count == 2
