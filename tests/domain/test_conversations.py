"""Guided steps and the acting business, kept per chat through the unit of work."""

from __future__ import annotations

import pytest

from domain.commands import JoinStaff, RegisterBusiness, RegisterCustomer, RemoveStaff
from domain.conversations import (
    Acting,
    act_for,
    acting_staff,
    chat_state,
    end_step,
    go_to_step,
    start_owner_step,
)
from domain.errors import NotAllowed
from domain.people import register_business, register_customer, remove_staff
from domain.staff import join_staff
from tests.domain.conftest import ANN, OWNER, STAFF_ID, staff_code


async def test_a_new_chat_has_no_step_and_no_business(world):
    state = await chat_state(world.uow, ANN)
    assert (state.chat_id, state.step, state.data, state.business_id) == (ANN, None, {}, None)


async def test_a_step_and_its_answers_are_read_back_until_the_step_ends(world):
    await go_to_step(world.uow, OWNER, "program_kind", {"name": "Club"})
    state = await chat_state(world.uow, OWNER)
    assert (state.step, state.data) == ("program_kind", {"name": "Club"})
    await end_step(world.uow, OWNER)
    assert (await chat_state(world.uow, OWNER)).step is None


async def test_a_step_and_the_acting_business_do_not_overwrite_each_other(world):
    await act_for(world.uow, OWNER, world.business.id)
    await go_to_step(world.uow, OWNER, "amount", {"card_id": 3})
    await end_step(world.uow, OWNER)
    assert (await chat_state(world.uow, OWNER)).business_id == world.business.id


async def test_a_step_left_for_more_than_a_day_is_forgotten_but_not_the_business(world):
    await act_for(world.uow, OWNER, world.business.id)
    await go_to_step(world.uow, OWNER, "amount", {"card_id": 3})
    world.clock.advance(hours=23)
    assert (await chat_state(world.uow, OWNER)).step == "amount"
    world.clock.advance(hours=2)
    state = await chat_state(world.uow, OWNER)
    assert (state.step, state.data, state.business_id) == (None, {}, world.business.id)


async def test_a_chosen_business_stays_chosen_through_steps(world):
    other = await register_business(world.uow, RegisterBusiness(OWNER, "Second"))
    await act_for(world.uow, OWNER, other.id)
    await go_to_step(world.uow, OWNER, "program_name")
    await end_step(world.uow, OWNER)
    acting = await acting_staff(world.uow, await chat_state(world.uow, OWNER), OWNER)
    assert acting == Acting(other.id, OWNER)


async def test_without_a_choice_a_person_acts_for_the_business_they_own(world):
    await register_customer(world.uow, RegisterCustomer(STAFF_ID, STAFF_ID, "Sam"))
    await join_staff(world.uow, JoinStaff(await staff_code(world), STAFF_ID))
    own = await register_business(world.uow, RegisterBusiness(STAFF_ID, "Sam's"))
    acting = await acting_staff(world.uow, await chat_state(world.uow, STAFF_ID), STAFF_ID)
    assert acting == Acting(own.id, STAFF_ID)


async def test_the_acting_business_is_resolved_once_then_read_from_the_chat(world):
    fresh = await chat_state(world.uow, OWNER)
    assert await acting_staff(world.uow, fresh, OWNER) == Acting(world.business.id, OWNER)
    commits = world.uow.commits
    stored = await chat_state(world.uow, OWNER)
    assert stored.business_id == world.business.id
    assert await acting_staff(world.uow, stored, OWNER) == Acting(world.business.id, OWNER)
    assert world.uow.commits == commits  # nothing written or looked up the second time


async def test_someone_who_is_staff_nowhere_is_refused(world):
    with pytest.raises(NotAllowed) as refused:
        await acting_staff(world.uow, await chat_state(world.uow, ANN), ANN)
    assert refused.value.key == "not_staff"


async def test_removing_a_staff_member_forgets_the_business_their_chat_acted_for(world):
    await register_customer(world.uow, RegisterCustomer(STAFF_ID, STAFF_ID, "Sam"))
    await join_staff(world.uow, JoinStaff(await staff_code(world), STAFF_ID))
    await act_for(world.uow, STAFF_ID, world.business.id)
    await remove_staff(world.uow, RemoveStaff(world.business.id, OWNER, STAFF_ID))
    state = await chat_state(world.uow, STAFF_ID)
    assert state.business_id is None
    with pytest.raises(NotAllowed):
        await acting_staff(world.uow, state, STAFF_ID)


async def test_only_the_owner_starts_an_owner_step(world):
    await register_customer(world.uow, RegisterCustomer(STAFF_ID, STAFF_ID, "Sam"))
    await join_staff(world.uow, JoinStaff(await staff_code(world), STAFF_ID))
    with pytest.raises(NotAllowed) as refused:
        await start_owner_step(
            world.uow, STAFF_ID, Acting(world.business.id, STAFF_ID), "program_name", {}
        )
    assert refused.value.key == "not_owner"
    assert (await chat_state(world.uow, STAFF_ID)).step is None
    await start_owner_step(world.uow, OWNER, Acting(world.business.id, OWNER), "program_name", {})
    assert (await chat_state(world.uow, OWNER)).step == "program_name"
