"""Contract: users, customers, staff, programs and enrollments behave alike on fake and SQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from domain.models import Enrollment, EnrollmentStatus, Role, Staff, TelegramUser
from tests.storage.builders import CUSTOMER_TG, OWNER_TG, T0, customer, program, user


async def test_committed_work_stays_and_work_left_without_commit_is_gone(new_uow):
    async with new_uow() as uow:
        await uow.users.upsert(user(5))
        await uow.commit()
    async with new_uow() as uow:
        await uow.users.upsert(user(6))
    async with new_uow() as uow:
        assert await uow.users.get(5) is not None
        assert await uow.users.get(6) is None


async def test_upsert_adds_a_user_then_updates_every_field(new_uow):
    async with new_uow() as uow:
        await uow.users.upsert(user(5, first_name="Ann"))
        await uow.commit()
    renamed = TelegramUser(5, 77, "Anna", "Lee", "anna", "de")
    async with new_uow() as uow:
        returned = await uow.users.upsert(renamed)
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.users.get(5) == returned == renamed
        assert await uow.users.get(404) is None


async def test_upsert_stores_the_blocked_mark_it_is_given(new_uow):
    """register_customer upserts with no mark to lift a block; an upsert keeps what it gets."""
    async with new_uow() as uow:
        await uow.users.upsert(user(5))
        await uow.users.set_blocked(5, T0)
        await uow.commit()
    async with new_uow() as uow:
        assert (await uow.users.get(5)).blocked_at == T0
        await uow.users.upsert(user(5))
        assert (await uow.users.get(5)).blocked_at is None
        await uow.users.upsert(replace(user(5), blocked_at=T0 + timedelta(hours=1)))
        assert (await uow.users.get(5)).blocked_at == T0 + timedelta(hours=1)


async def test_set_blocked_marks_and_clears_and_ignores_strangers(new_uow):
    async with new_uow() as uow:
        await uow.users.upsert(user(5))
        await uow.users.set_blocked(5, T0)
        await uow.users.set_blocked(404, T0)
        await uow.commit()
    async with new_uow() as uow:
        assert (await uow.users.get(5)).blocked_at == T0
        assert await uow.users.get(404) is None
        await uow.users.set_blocked(5, None)
        assert (await uow.users.get(5)).blocked_at is None


async def test_a_customer_is_found_by_id_telegram_public_id_and_manual_code(new_uow):
    async with new_uow() as uow:
        await uow.users.upsert(user(CUSTOMER_TG))
        added = await uow.customers.add(customer(CUSTOMER_TG))
        await uow.commit()
    async with new_uow() as uow:
        assert added.id is not None
        assert await uow.customers.get(added.id) == added
        assert await uow.customers.by_telegram(CUSTOMER_TG) == added
        assert await uow.customers.by_public_id("pub-a") == added
        assert await uow.customers.by_manual_code("CODE-a") == added
        assert await uow.customers.by_public_id("pub-x") is None
        assert await uow.customers.by_manual_code("CODE-x") is None
        assert await uow.customers.by_telegram(404) is None


async def test_a_renewed_code_finds_the_customer_and_the_old_one_does_not(new_uow):
    async with new_uow() as uow:
        await uow.users.upsert(user(CUSTOMER_TG))
        added = await uow.customers.add(customer(CUSTOMER_TG))
        await uow.commit()
    renewed = replace(added, public_id="pub-b", qr_key_version=2, display_name="Ann L.")
    async with new_uow() as uow:
        await uow.customers.update(renewed)
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.customers.by_public_id("pub-b") == renewed
        assert await uow.customers.by_public_id("pub-a") is None


async def test_staff_are_found_listed_and_removed_once(new_uow, world):
    async with new_uow() as uow:
        await uow.users.upsert(user(7))
        await uow.staff.add(Staff(world.business_id, OWNER_TG, Role.OWNER, T0))
        clerk = await uow.staff.add(Staff(world.business_id, 7, Role.STAFF, T0))
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.staff.get(world.business_id, 7) == clerk
        assert await uow.staff.get(world.business_id + 1, 7) is None
        assert await uow.staff.of_user(7) == [clerk]
        assert [s.telegram_id for s in await uow.staff.list(world.business_id)] == [OWNER_TG, 7]
        assert await uow.staff.remove(world.business_id, 7) is True
        assert await uow.staff.remove(world.business_id, 7) is False
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.staff.of_user(7) == []


async def test_a_business_is_found_by_its_invite_code(new_uow, world):
    async with new_uow() as uow:
        found = await uow.businesses.by_invite_code("invite-1")
        assert found is not None and found.id == world.business_id
        assert await uow.businesses.by_invite_code("nope") is None


async def test_programs_are_found_by_join_code_and_listed_in_order(new_uow, world):
    async with new_uow() as uow:
        second = await uow.programs.add(program(world.business_id, code="join-2"))
        second.active = False
        await uow.programs.update(second)
        await uow.commit()
    async with new_uow() as uow:
        first = await uow.programs.by_join_code("join-1")
        assert first is not None and first.id == world.program_id
        assert await uow.programs.by_join_code("join-2") == second
        assert await uow.programs.by_join_code("join-3") is None
        listed = await uow.programs.list(world.business_id)
        assert [p.id for p in listed] == [world.program_id, second.id]
        assert await uow.programs.list(world.business_id, active_only=True) == [first]


async def test_an_enrollment_is_found_by_customer_and_program_and_updated(new_uow, world):
    invited = Enrollment(
        world.customer_id, world.program_id, EnrollmentStatus.INVITED, T0, invited_by=OWNER_TG
    )
    async with new_uow() as uow:
        added = await uow.enrollments.add(invited)
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.enrollments.get(world.customer_id, world.program_id) == added
        assert await uow.enrollments.get(world.customer_id, world.program_id + 1) is None
        added.status, added.decided_at = EnrollmentStatus.ACTIVE, T0 + timedelta(minutes=1)
        await uow.enrollments.update(added)
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.enrollments.get(world.customer_id, world.program_id) == added
