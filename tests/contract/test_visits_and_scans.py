"""Contract: who a business has seen and how often, preferences, and the scan log."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from domain.models import CUSTOMER_CATEGORIES, Category, ScanLog, ScanOutcome
from tests.storage.builders import OWNER_TG, T0, business, customer, user

HOUR = timedelta(hours=1)


async def test_touch_records_first_contact_then_last_seen_and_visits(new_uow, world):
    async with new_uow() as uow:
        first = await uow.business_customers.touch(world.business_id, world.customer_id, T0,
                                                   visit=True)  # fmt: skip
        await uow.commit()
    async with new_uow() as uow:
        seen = await uow.business_customers.touch(
            world.business_id, world.customer_id, T0 + HOUR, visit=False
        )
        again = await uow.business_customers.touch(
            world.business_id, world.customer_id, T0 + 2 * HOUR, visit=True
        )
        await uow.commit()
    assert (first.first_seen, first.last_seen, first.visits) == (T0, T0, 1)
    assert (seen.first_seen, seen.last_seen, seen.visits) == (T0, T0 + HOUR, 1)
    assert (again.last_seen, again.visits) == (T0 + 2 * HOUR, 2)
    async with new_uow() as uow:
        assert await uow.business_customers.get(world.business_id, world.customer_id) == again
        assert await uow.business_customers.get(world.business_id + 1, world.customer_id) is None
        assert await uow.business_customers.count(world.business_id) == 1


async def test_a_first_contact_without_a_visit_counts_none(new_uow, world):
    async with new_uow() as uow:
        row = await uow.business_customers.touch(
            world.business_id, world.customer_id, T0, visit=False
        )
    assert (row.first_seen, row.visits) == (T0, 0)


async def test_a_page_of_customers_is_latest_first_with_this_business_balance(new_uow, world):
    async with new_uow() as uow:
        await uow.users.upsert(user(3003, "Bob"))
        bob = await uow.customers.add(customer(3003, "b"))
        rival = await uow.businesses.add(business(OWNER_TG, code="invite-2"))
        await uow.cards.apply_delta(world.card_id, 6, earned=6)
        touch = uow.business_customers.touch
        await touch(world.business_id, world.customer_id, T0, visit=True)
        await touch(world.business_id, bob.id, T0 + HOUR, visit=True)
        await touch(rival.id, world.customer_id, T0 + 2 * HOUR, visit=True)
        await uow.commit()
    async with new_uow() as uow:
        page = await uow.business_customers.page(world.business_id, 0, 10)
        second = await uow.business_customers.page(world.business_id, 1, 1)
    assert [(r.name, r.balance, r.visits, r.last_seen) for r in page] == [
        ("Customer b", 0, 1, T0 + HOUR),
        ("Customer a", 6, 1, T0),
    ]
    assert [r.customer_id for r in second] == [world.customer_id]


async def test_every_category_is_on_until_switched_off(new_uow, world):
    async with new_uow() as uow:
        assert await uow.preferences.enabled(world.customer_id, Category.POINTS_ADDED)
        assert await uow.preferences.all_for(world.customer_id) == dict.fromkeys(
            CUSTOMER_CATEGORIES, True
        )
        await uow.preferences.set(world.customer_id, Category.POINTS_ADDED, False)
        await uow.commit()
    async with new_uow() as uow:
        assert not await uow.preferences.enabled(world.customer_id, Category.POINTS_ADDED)
        assert await uow.preferences.enabled(world.customer_id, Category.REMINDER)
        prefs = await uow.preferences.all_for(world.customer_id)
        assert prefs == {**dict.fromkeys(CUSTOMER_CATEGORIES, True), Category.POINTS_ADDED: False}
        await uow.preferences.set(world.customer_id, Category.POINTS_ADDED, True)
        assert await uow.preferences.enabled(world.customer_id, Category.POINTS_ADDED)


def scan(world, outcome: ScanOutcome, key: str = "", at=T0) -> ScanLog:
    return ScanLog(world.business_id, OWNER_TG, outcome, at, world.customer_id,
                   world.program_id, 10 if outcome is ScanOutcome.AWARDED else 0, key)  # fmt: skip


async def test_a_scan_key_finds_the_counted_scan_not_a_refusal(new_uow, world):
    """A retried update must meet the scan that counted, never an earlier refusal."""
    async with new_uow() as uow:
        await uow.scans.add(scan(world, ScanOutcome.CAPPED, "msg:1"))
        await uow.scans.add(scan(world, ScanOutcome.EXPIRED, "msg:2"))
        awarded = await uow.scans.add(scan(world, ScanOutcome.AWARDED, "msg:1"))
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.scans.by_key("msg:1") == awarded
        assert await uow.scans.by_key("msg:2") is None
        assert await uow.scans.by_key("msg:3") is None


async def test_a_duplicate_scan_counts_as_handled_for_its_key(new_uow, world):
    async with new_uow() as uow:
        duplicate = await uow.scans.add(scan(world, ScanOutcome.DUPLICATE, "msg:1"))
        assert await uow.scans.by_key("msg:1") == duplicate


async def test_awarded_since_sees_only_awarded_scans_of_this_business_and_customer(new_uow, world):
    async with new_uow() as uow:
        await uow.scans.add(scan(world, ScanOutcome.AWARDED, "a", at=T0))
        await uow.scans.add(scan(world, ScanOutcome.CAPPED, "b", at=T0 + HOUR))
        await uow.commit()
    async with new_uow() as uow:
        since = uow.scans.awarded_since
        assert await since(world.business_id, world.customer_id, T0)
        assert not await since(world.business_id, world.customer_id, T0 + timedelta(seconds=1))
        assert not await since(world.business_id + 1, world.customer_id, T0)
        assert not await since(world.business_id, world.customer_id + 1, T0)
        assert await uow.scans.count(world.business_id) == 2
        assert await uow.scans.count(world.business_id, ScanOutcome.CAPPED) == 1


async def test_a_scan_without_a_customer_is_logged(new_uow, world):
    async with new_uow() as uow:
        forged = replace(scan(world, ScanOutcome.FORGED, "msg:9"), customer_id=None)
        await uow.scans.add(forged)
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.scans.count(world.business_id, ScanOutcome.FORGED) == 1
