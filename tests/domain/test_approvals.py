"""Enrollment and deduction requests: only the addressed customer, once, while pending."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.approvals import (
    answer_request,
    expire_due_requests,
    invite_to_program,
    join_program,
    request_deduction,
)
from domain.commands import AnswerRequest, InviteToProgram, JoinProgram, RequestDeduction
from domain.errors import DomainError, InsufficientBalance, NotAllowed, RequestNotPending
from domain.models import Category, EnrollmentStatus, RequestKind, RequestStatus
from domain.queries import list_business_customers, list_customer_cards, pending_requests
from tests.domain.conftest import ANN, BOB, OWNER, undo_here


async def invite_ann(world):
    cmd = InviteToProgram(world.business.id, OWNER, world.ann.id, world.program.id)
    return await invite_to_program(world.uow, cmd)


async def card_with(world, points):
    from domain.commands import AwardPoints
    from domain.ledger import award_points

    card = await join_program(world.uow, JoinProgram(ANN, world.program.join_code))
    if points:
        cmd = AwardPoints(world.business.id, OWNER, card.id, points, f"seed-{points}")
        await award_points(world.uow, cmd)
    return card


async def test_an_accepted_invitation_makes_a_card_and_a_business_customer(world):
    request = await invite_ann(world)
    answered = await answer_request(world.uow, AnswerRequest(request.id, ANN, approve=True))
    assert answered.request.status is RequestStatus.APPROVED
    cards = await list_customer_cards(world.uow, ANN)
    assert [(v.business, v.card.balance) for v in cards] == [("Café Lumen", 0)]
    page = await list_business_customers(world.uow, world.business.id, OWNER)
    assert [r.name for r in page.rows] == ["Ann"]
    told = world.uow.all("notifications")[-1]
    assert (told.chat_id, told.key) == (OWNER, "enrollment_approved")


async def test_a_rejected_invitation_creates_nothing_and_staff_is_told(world):
    request = await invite_ann(world)
    await answer_request(world.uow, AnswerRequest(request.id, ANN, approve=False))
    assert await list_customer_cards(world.uow, ANN) == []
    assert world.uow.all("enrollments")[0].status is EnrollmentStatus.REJECTED
    assert world.uow.all("notifications")[-1].key == "enrollment_rejected"


async def test_inviting_twice_sends_one_invitation(world):
    first = await invite_ann(world)
    second = await invite_ann(world)
    assert first.id == second.id
    asks = [n for n in world.uow.all("notifications") if n.category is Category.ENROLLMENT_REQUEST]
    assert len(asks) == 1


async def test_inviting_an_enrolled_customer_is_refused(world):
    await card_with(world, 0)
    with pytest.raises(DomainError) as refused:
        await invite_ann(world)
    assert refused.value.key == "already_enrolled"


async def test_another_customer_cannot_answer_the_request(world):
    request = await invite_ann(world)
    with pytest.raises(NotAllowed) as refused:
        await answer_request(world.uow, AnswerRequest(request.id, BOB, approve=True))
    assert refused.value.key == "not_your_request"
    assert world.uow.all("requests")[0].status is RequestStatus.PENDING


async def test_answering_twice_is_refused_and_changes_nothing(world):
    request = await invite_ann(world)
    await answer_request(world.uow, AnswerRequest(request.id, ANN, approve=True))
    notes = len(world.uow.all("notifications"))
    with pytest.raises(RequestNotPending) as refused:
        await answer_request(world.uow, AnswerRequest(request.id, ANN, approve=False))
    assert refused.value.key == "request_approved"
    assert len(world.uow.all("notifications")) == notes


async def test_answering_after_expiry_is_refused(world):
    request = await invite_ann(world)
    world.clock.advance(days=8)
    with pytest.raises(RequestNotPending) as refused:
        await answer_request(world.uow, AnswerRequest(request.id, ANN, approve=True))
    assert refused.value.key == "request_expired"
    assert await pending_requests(world.uow, ANN) == []


async def test_an_approved_deduction_debits_the_card_and_tells_staff(world):
    card = await card_with(world, 30)
    cmd = RequestDeduction(world.business.id, OWNER, card.id, amount=20, reason="tea")
    request = await request_deduction(world.uow, cmd)
    assert (await list_customer_cards(world.uow, ANN))[0].card.balance == 30
    answered = await answer_request(world.uow, AnswerRequest(request.id, ANN, approve=True))
    assert answered.card.balance == 10
    told = world.uow.all("notifications")[-1]
    assert (told.chat_id, told.key, told.params["balance"]) == (
        OWNER, "deduction_approved", 10,
    )  # fmt: skip


async def test_a_rejected_deduction_moves_nothing(world):
    card = await card_with(world, 30)
    cmd = RequestDeduction(world.business.id, OWNER, card.id, amount=20)
    request = await request_deduction(world.uow, cmd)
    await answer_request(world.uow, AnswerRequest(request.id, ANN, approve=False))
    assert (await list_customer_cards(world.uow, ANN))[0].card.balance == 30


async def test_a_deduction_approved_after_the_balance_fell_moves_nothing(world):
    from domain.ledger import undo_award

    card = await card_with(world, 30)
    request = await request_deduction(
        world.uow, RequestDeduction(world.business.id, OWNER, card.id, amount=25)
    )
    award = world.uow.all("ledger")[0]
    await undo_award(world.uow, await undo_here(world.uow, world.business.id, OWNER, award.id))
    answered = await answer_request(world.uow, AnswerRequest(request.id, ANN, approve=True))
    assert answered.request.status is RequestStatus.CANCELLED and answered.card.balance == 0
    assert world.uow.all("notifications")[-1].key == "deduction_cancelled"


async def test_a_redemption_without_a_chosen_reward_takes_the_first_rewards_cost(world):
    card = await card_with(world, 60)
    cmd = RequestDeduction(world.business.id, OWNER, card.id, kind=RequestKind.REDEMPTION)
    request = await request_deduction(world.uow, cmd)
    assert request.amount == 50 and request.reason == "Free coffee"
    answered = await answer_request(world.uow, AnswerRequest(request.id, ANN, approve=True))
    assert answered.card.balance == 10


async def test_a_deduction_larger_than_the_balance_is_refused_at_once(world):
    card = await card_with(world, 5)
    with pytest.raises(InsufficientBalance):
        await request_deduction(
            world.uow, RequestDeduction(world.business.id, OWNER, card.id, amount=6)
        )
    assert world.uow.all("requests") == []


async def test_due_requests_expire_once_and_both_sides_are_told(world):
    request = await invite_ann(world)
    world.clock.advance(days=7, seconds=1)
    assert [r.id for r in await expire_due_requests(world.uow)] == [request.id]
    assert await expire_due_requests(world.uow) == []
    told = [(n.chat_id, n.key) for n in world.uow.all("notifications")[-2:]]
    assert told == [(ANN, "enrollment_expired"), (OWNER, "enrollment_expired")]
    assert world.uow.all("enrollments")[0].status is EnrollmentStatus.EXPIRED


async def test_a_request_expires_after_its_ttl(world):
    card = await card_with(world, 30)
    cmd = RequestDeduction(world.business.id, OWNER, card.id, amount=5, ttl=timedelta(minutes=15))
    await request_deduction(world.uow, cmd)
    world.clock.advance(minutes=14)
    assert await expire_due_requests(world.uow) == []
    world.clock.advance(minutes=2)
    assert len(await expire_due_requests(world.uow)) == 1


async def test_a_double_tapped_redemption_asks_the_customer_once(world):
    card = await card_with(world, 60)
    cmd = RequestDeduction(world.business.id, OWNER, card.id, kind=RequestKind.REDEMPTION)
    first = await request_deduction(world.uow, cmd)
    again = await request_deduction(world.uow, cmd)
    assert first.id == again.id and len(world.uow.all("requests")) == 1
    other = RequestDeduction(world.business.id, OWNER, card.id, amount=5)
    await request_deduction(world.uow, other)  # a deduction is another kind of request
    different = RequestDeduction(world.business.id, OWNER, card.id, amount=7)
    with pytest.raises(DomainError) as refused:
        await request_deduction(world.uow, different)
    assert refused.value.key == "request_already_pending"


async def test_a_new_invitation_closes_an_old_one_that_ran_out(world):
    first = await invite_ann(world)
    world.clock.advance(days=8)
    second = await invite_ann(world)
    assert second.id != first.id
    assert await expire_due_requests(world.uow) == []
    assert world.uow.all("enrollments")[0].status is EnrollmentStatus.INVITED
