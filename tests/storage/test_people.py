"""Round trips for Telegram users, customers and notification preferences."""

from __future__ import annotations

from datetime import UTC, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError

from domain.models import Category
from tests.storage.builders import CUSTOMER_TG, T0, customer, user


async def test_a_user_is_inserted_then_updated_by_upsert(new_uow):
    async with new_uow() as uow:
        await uow.users.upsert(user(5, first_name="Ann"))
        changed = await uow.users.upsert(user(5, first_name="Bea"))
        await uow.commit()
    async with new_uow() as uow:
        stored = await uow.users.get(5)
    assert changed.first_name == "Bea"
    assert stored == changed


async def test_a_blocked_user_reads_back_an_aware_utc_time(new_uow):
    cet = timezone(timedelta(hours=1))
    async with new_uow() as uow:
        await uow.users.upsert(user(5))
        await uow.users.get(5)  # loaded into the session before the UPDATE
        await uow.users.set_blocked(5, T0.astimezone(cet))
        blocked = await uow.users.get(5)
        await uow.commit()
    async with new_uow() as uow:
        again = await uow.users.get(5)
    assert blocked is not None and again is not None
    assert again.blocked_at == T0
    assert again.blocked_at.tzinfo is UTC
    assert blocked.blocked_at == T0


async def test_an_unknown_user_is_none(new_uow):
    async with new_uow() as uow:
        assert await uow.users.get(404) is None


async def test_a_customer_is_found_by_each_of_its_keys(new_uow):
    async with new_uow() as uow:
        await uow.users.upsert(user(CUSTOMER_TG))
        added = await uow.customers.add(customer(CUSTOMER_TG))
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.customers.get(added.id) == added
        assert await uow.customers.by_telegram(CUSTOMER_TG) == added
        assert await uow.customers.by_public_id("pub-a") == added
        assert await uow.customers.by_manual_code("CODE-a") == added
        assert await uow.customers.by_public_id("nope") is None
    assert added.id is not None
    assert added.created_at == T0 and added.created_at.tzinfo is UTC


async def test_a_customer_update_is_stored(new_uow):
    async with new_uow() as uow:
        await uow.users.upsert(user(CUSTOMER_TG))
        added = await uow.customers.add(customer(CUSTOMER_TG))
        added.qr_key_version = 2
        added.public_id = "pub-new"
        await uow.customers.update(added)
        await uow.commit()
    async with new_uow() as uow:
        stored = await uow.customers.get(added.id)
    assert stored is not None
    assert (stored.qr_key_version, stored.public_id) == (2, "pub-new")


@pytest.mark.parametrize("clash", ["telegram_id", "public_id", "manual_code"])
async def test_two_customers_cannot_share_a_unique_key(new_uow, clash):
    async with new_uow() as uow:
        await uow.users.upsert(user(1))
        await uow.users.upsert(user(2))
        await uow.customers.add(customer(1, "a"))
        second = customer(2, "b")
        setattr(second, clash, getattr(customer(1, "a"), clash))
        with pytest.raises(IntegrityError):
            await uow.customers.add(second)


async def test_a_customer_needs_a_known_telegram_user(new_uow):
    async with new_uow() as uow:
        with pytest.raises(IntegrityError):
            await uow.customers.add(customer(999))


async def test_preferences_default_to_enabled_and_can_be_switched(new_uow, world):
    async with new_uow() as uow:
        assert await uow.preferences.enabled(world.customer_id, Category.POINTS_ADDED)
        await uow.preferences.set(world.customer_id, Category.POINTS_ADDED, False)
        await uow.preferences.set(world.customer_id, Category.REMINDER, False)
        await uow.preferences.set(world.customer_id, Category.REMINDER, True)
        await uow.commit()
    async with new_uow() as uow:
        assert not await uow.preferences.enabled(world.customer_id, Category.POINTS_ADDED)
        everything = await uow.preferences.all_for(world.customer_id)
    assert everything[Category.POINTS_ADDED] is False
    assert everything[Category.REMINDER] is True
    assert Category.STAFF not in everything
    assert len(everything) == len(Category) - 1
