"""Registering people and businesses, staff invitations, and program rules."""

from __future__ import annotations

import pytest

from domain.commands import (
    CreateProgram,
    EditProgram,
    JoinStaff,
    RegisterCustomer,
    RemoveStaff,
    SetPreference,
)
from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.models import Category, Role
from domain.people import register_customer, remove_staff
from domain.preferences import set_preference
from domain.programs import create_program, edit_program
from domain.staff import join_staff
from tests.domain.conftest import ANN, OWNER, STAFF_ID, staff_code


async def test_registering_the_same_person_twice_keeps_one_customer(world):
    again = await register_customer(world.uow, RegisterCustomer(ANN, ANN, "Ann", "Lee"))
    assert again.id == world.ann.id and again.display_name == "Ann Lee"
    assert len([c for c in world.uow.all("customers") if c.telegram_id == ANN]) == 1


async def test_a_staff_invitation_adds_staff_once_and_tells_the_owner(world):
    cmd = JoinStaff(await staff_code(world), STAFF_ID)
    first = await join_staff(world.uow, cmd)
    again = await join_staff(world.uow, cmd)
    assert (first.staff.role, first.already, again.already) == (Role.STAFF, False, True)
    assert [n.key for n in world.uow.all("notifications")] == ["staff_joined"]


async def test_an_unknown_staff_invitation_is_refused(world):
    with pytest.raises(NotFound):
        await join_staff(world.uow, JoinStaff("nope", STAFF_ID))


async def test_only_the_owner_removes_staff_and_never_the_owner(world):
    await join_staff(world.uow, JoinStaff(await staff_code(world), STAFF_ID))
    with pytest.raises(NotAllowed):
        await remove_staff(world.uow, RemoveStaff(world.business.id, STAFF_ID, OWNER))
    with pytest.raises(NotAllowed) as refused:
        await remove_staff(world.uow, RemoveStaff(world.business.id, OWNER, OWNER))
    assert refused.value.key == "cannot_remove_owner"
    await remove_staff(world.uow, RemoveStaff(world.business.id, OWNER, STAFF_ID))
    assert len(world.uow.all("staff")) == 1


async def test_staff_cannot_create_programs(world):
    await join_staff(world.uow, JoinStaff(await staff_code(world), STAFF_ID))
    with pytest.raises(NotAllowed) as refused:
        await create_program(world.uow, CreateProgram(world.business.id, STAFF_ID, "X"))
    assert refused.value.key == "not_owner"


@pytest.mark.parametrize(
    "fields",
    [
        {"name": "  "},
        {"name": "x" * 65},
        {"points_per_scan": 0},
        {"points_per_scan": 200, "max_per_scan": 100},
        {"reward_threshold": -1},
        {"daily_cap": 1, "points_per_scan": 5},
    ],
)
async def test_invalid_programs_are_refused(world, fields):
    fields = {"name": "Tea", **fields}
    with pytest.raises((InvalidInput, Exception)) as refused:
        await create_program(world.uow, CreateProgram(world.business.id, OWNER, **fields))
    assert refused.value.key
    assert len(world.uow.all("programs")) == 1


async def test_the_first_program_is_the_default_and_deactivating_it_moves_the_default(world):
    assert world.uow.all("businesses")[0].default_program_id == world.program.id
    tea = await create_program(world.uow, CreateProgram(world.business.id, OWNER, "Tea"))
    await edit_program(world.uow, EditProgram(world.program.id, OWNER, active=False))
    assert world.uow.all("businesses")[0].default_program_id == tea.id


async def test_editing_a_program_changes_only_the_named_fields(world):
    edited = await edit_program(world.uow, EditProgram(world.program.id, OWNER, points_per_scan=3))
    rewards = [(r.cost, r.name) for r in edited.rewards]
    assert (edited.points_per_scan, edited.name, rewards) == (
        3,
        "Coffee club",
        [(50, "Free coffee")],
    )


async def test_requests_cannot_be_switched_off(world):
    with pytest.raises(InvalidInput) as refused:
        await set_preference(world.uow, SetPreference(ANN, Category.DEDUCTION_REQUEST, False))
    assert refused.value.key == "category_always_on"


async def test_a_removed_staff_member_cannot_rejoin_with_the_link_they_used(world):
    code = await staff_code(world)
    await join_staff(world.uow, JoinStaff(code, STAFF_ID))
    await remove_staff(world.uow, RemoveStaff(world.business.id, OWNER, STAFF_ID))
    with pytest.raises(NotAllowed) as refused:
        await join_staff(world.uow, JoinStaff(code, STAFF_ID))
    assert refused.value.key == "invite_closed"
