"""Staff of one business can touch nothing of another: its cards, entries, programs, customers.

Each test has a second business (Bar Nord, owned by BRUNO) acting on what belongs to the first
(Café Lumen), and checks both the refusal and that nothing was written.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from domain.approvals import invite_to_program, join_program, request_deduction
from domain.commands import (
    AwardPoints,
    CreateProgram,
    EditProgram,
    InviteToProgram,
    JoinProgram,
    RegisterBusiness,
    RegisterCustomer,
    RequestDeduction,
)
from domain.errors import InsufficientBalance, NotAllowed, NotFound
from domain.ledger import award_points, undo_award
from domain.models import Business, Card, LedgerEntry, Program, RequestKind
from domain.people import register_business, register_customer
from domain.programs import create_program, edit_program
from domain.reports import customer_history_at
from tests.domain.conftest import ANN, OWNER, World, undo_here

BRUNO = 4001  # owner of the other business


@dataclass
class Rival:
    business: Business
    program: Program


@dataclass
class Scene:
    world: World
    rival: Rival
    card: Card  # Ann's card at Café Lumen
    award: LedgerEntry  # the 20 points Café Lumen gave her


@pytest.fixture
async def scene(world: World) -> Scene:
    await register_customer(world.uow, RegisterCustomer(BRUNO, BRUNO, "Bruno"))
    business = await register_business(world.uow, RegisterBusiness(BRUNO, "Bar Nord"))
    program = await create_program(world.uow, CreateProgram(business.id, BRUNO, "Bar club"))
    card = await join_program(world.uow, JoinProgram(ANN, world.program.join_code))
    posted = await award_points(
        world.uow, AwardPoints(world.business.id, OWNER, card.id, 20, "seed")
    )
    return Scene(world, Rival(business, program), card, posted.entry)


def unchanged(scene: Scene, commits: int) -> None:
    """Nothing was committed since `commits`: no ledger row, no request, no notification."""
    uow = scene.world.uow
    assert uow.commits == commits
    assert [e.id for e in uow.all("ledger")] == [scene.award.id]
    assert [c.balance for c in uow.all("cards")] == [20]
    assert uow.all("requests") == []


async def test_staff_of_another_business_cannot_award_on_the_card(scene: Scene):
    uow, commits = scene.world.uow, scene.world.uow.commits
    cmd = AwardPoints(scene.rival.business.id, BRUNO, scene.card.id, 5, "cb:x")
    with pytest.raises(NotFound) as refused:
        await award_points(uow, cmd)
    assert refused.value.key == "card_not_found"
    unchanged(scene, commits)


async def test_staff_of_another_business_cannot_undo_its_award(scene: Scene):
    uow = scene.world.uow
    cmd = await undo_here(uow, scene.rival.business.id, BRUNO, scene.award.id)
    commits = uow.commits
    with pytest.raises(NotFound) as refused:
        await undo_award(uow, cmd)
    assert refused.value.key == "card_not_found"
    unchanged(scene, commits)


@pytest.mark.parametrize("kind", [RequestKind.DEDUCTION, RequestKind.REDEMPTION])
async def test_staff_of_another_business_cannot_ask_to_deduct_or_redeem(scene: Scene, kind):
    uow, commits = scene.world.uow, scene.world.uow.commits
    cmd = RequestDeduction(scene.rival.business.id, BRUNO, scene.card.id, kind, amount=5)
    with pytest.raises(NotFound) as refused:
        await request_deduction(uow, cmd)
    # The card's own check answers; the program check behind it would say program_not_found.
    assert refused.value.key == "card_not_found"
    unchanged(scene, commits)


async def test_staff_of_another_business_cannot_invite_to_its_program(scene: Scene):
    uow, commits = scene.world.uow, scene.world.uow.commits
    world = scene.world
    cmd = InviteToProgram(scene.rival.business.id, BRUNO, world.bob.id, world.program.id)
    with pytest.raises(NotFound) as refused:
        await invite_to_program(uow, cmd)
    assert refused.value.key == "program_not_found"
    unchanged(scene, commits)
    assert uow.all("enrollments")[0].customer_id == scene.world.ann.id  # Bob was not invited


async def test_the_owner_of_another_business_cannot_edit_its_program(scene: Scene):
    uow, commits = scene.world.uow, scene.world.uow.commits
    cmd = EditProgram(scene.world.program.id, BRUNO, active=False)
    with pytest.raises(NotAllowed) as refused:
        await edit_program(uow, cmd)
    assert refused.value.key == "not_staff"
    assert uow.commits == commits and uow.all("programs")[0].active


async def test_staff_of_another_business_cannot_read_a_customers_history_there(scene: Scene):
    with pytest.raises(NotFound) as refused:
        await customer_history_at(
            scene.world.uow, scene.rival.business.id, BRUNO, scene.world.ann.id
        )
    assert refused.value.key == "customer_not_found"


async def test_the_same_actions_by_the_cards_own_business_succeed(scene: Scene):
    """The refusals above come from the business check, not from a broken scene."""
    uow, business = scene.world.uow, scene.world.business.id
    await award_points(uow, AwardPoints(business, OWNER, scene.card.id, 5, "cb:y"))
    await undo_award(uow, await undo_here(uow, business, OWNER, scene.award.id))
    await request_deduction(uow, RequestDeduction(business, OWNER, scene.card.id, amount=5))
    redeem = RequestDeduction(business, OWNER, scene.card.id, RequestKind.REDEMPTION)
    with pytest.raises(InsufficientBalance):  # the card was found: the reward needs 50 points
        await request_deduction(uow, redeem)
    assert [c.balance for c in uow.all("cards")] == [5]
    assert len(uow.all("requests")) == 1
