"""Operators' powers in the pure domain: only operators use them, and a suspended or
unapproved business is refused by every use case that reaches customers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.approvals import answer_request, invite_to_program, join_program, request_deduction
from domain.broadcasts import BroadcastNews, broadcast_news
from domain.commands import (
    AnswerRequest,
    AwardPoints,
    InviteStaff,
    InviteToProgram,
    JoinProgram,
    JoinStaff,
    RegisterBusiness,
    RequestDeduction,
    ScanCustomer,
)
from domain.errors import NotAllowed
from domain.ledger import award_points
from domain.operators import AsOperator, set_business_status, transfer_ownership
from domain.people import register_business
from domain.staff import invite_staff, join_staff
from tests.domain.conftest import ANN, BOB, OWNER, STRANGER

OPERATOR = 9001


async def test_only_operators_change_a_business(world):
    stranger = AsOperator(OWNER, (OPERATOR,))
    with pytest.raises(NotAllowed):
        await set_business_status(world.uow, stranger, world.business.id, "suspended")
    with pytest.raises(NotAllowed):
        await transfer_ownership(world.uow, stranger, world.business.id, STRANGER)
    assert world.uow.all("businesses")[0].suspended_at is None


async def test_a_suspended_business_is_refused_everywhere_but_its_cards_stay(world):
    uow = world.uow
    card = await join_program(uow, JoinProgram(ANN, world.program.join_code))
    invitation = await invite_to_program(
        uow, InviteToProgram(world.business.id, OWNER, world.bob.id, world.program.id)
    )
    staff_link = await invite_staff(uow, InviteStaff(world.business.id, OWNER))
    await set_business_status(uow, AsOperator(OPERATOR, (OPERATOR,)), world.business.id,
                              "suspended")  # fmt: skip
    biz = world.business.id
    refused = [
        scan_by_code(world, world.ann.manual_code),
        invite_to_program(uow, InviteToProgram(biz, OWNER, world.bob.id, world.program.id)),
        broadcast_news(uow, BroadcastNews(biz, OWNER, "News")),
        award_points(uow, AwardPoints(biz, OWNER, card.id, 5, "k1")),
        request_deduction(uow, RequestDeduction(biz, OWNER, card.id, amount=1)),
        join_program(uow, JoinProgram(BOB, world.program.join_code)),
        join_staff(uow, JoinStaff(staff_link.code, STRANGER)),
        answer_request(uow, AnswerRequest(invitation.id, BOB, approve=True)),
    ]
    for call in refused:
        with pytest.raises(NotAllowed):
            await call
    assert [c.customer_id for c in uow.all("cards")] == [world.ann.id]
    assert uow.all("ledger") == []


async def test_an_unapproved_business_cannot_scan_invite_or_take_members(world):
    uow = world.uow
    business = await register_business(uow, RegisterBusiness(OWNER, "New", (OPERATOR,)))
    assert business.awaiting_approval_since is not None
    assert [n.key for n in uow.written] == ["admin_new_business"]
    with pytest.raises(NotAllowed, match="business_awaiting_approval"):
        await invite_to_program(
            uow, InviteToProgram(business.id, OWNER, world.bob.id, world.program.id)
        )
    await set_business_status(uow, AsOperator(OPERATOR, (OPERATOR,)), business.id, "approved")
    assert uow.all("businesses")[-1].awaiting_approval_since is None


def scan_by_code(world, code: str):
    from domain.scanning import scan_customer

    cmd = ScanCustomer(world.business.id, OWNER, "scan-1", manual_code=code,
                       cooldown=timedelta(0))  # fmt: skip
    return scan_customer(world.uow, cmd, world.signer)
