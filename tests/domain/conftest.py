"""Fixtures for pure domain tests: an in-memory unit of work and a small world to act in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from domain.commands import (
    CreateProgram,
    InviteStaff,
    NoteAwardReply,
    RegisterBusiness,
    RegisterCustomer,
    UndoAward,
)
from domain.ledger import note_award_reply
from domain.models import Business, Customer, Program
from domain.people import register_business, register_customer
from domain.programs import create_program
from domain.staff import invite_staff
from domain.tokens import TokenSigner
from tests.domain.fakes import FakeClock, FakeUnitOfWork

OWNER, STAFF_ID, ANN, BOB, STRANGER = 1001, 1002, 2001, 2002, 3001


@dataclass
class World:
    uow: FakeUnitOfWork
    clock: FakeClock
    signer: TokenSigner
    business: Business
    program: Program
    ann: Customer
    bob: Customer


async def build_world(**program_fields) -> World:
    clock = FakeClock()
    uow = FakeUnitOfWork(clock)
    await register_customer(uow, RegisterCustomer(OWNER, OWNER, "Olga"))
    business = await register_business(uow, RegisterBusiness(OWNER, "Café Lumen"))
    fields = {"points_per_scan": 10, "reward_threshold": 50, "reward_name": "Free coffee"}
    fields.update(program_fields)
    program = await create_program(uow, CreateProgram(business.id, OWNER, "Coffee club", **fields))
    ann = await register_customer(uow, RegisterCustomer(ANN, ANN, "Ann"))
    bob = await register_customer(uow, RegisterCustomer(BOB, BOB, "Bob"))
    return World(uow, clock, TokenSigner(b"k" * 32), business, program, ann, bob)


@pytest.fixture
async def world() -> World:
    return await build_world()


async def staff_code(world: World) -> str:
    """A fresh single-use staff invitation of the world's business, made by its owner."""
    invitation = await invite_staff(world.uow, InviteStaff(world.business.id, OWNER))
    return invitation.code


async def undo_here(uow, business_id: int, staff_id: int, entry_id: int, **window) -> UndoAward:
    """Undo as pressed under the award's own scan reply (noted as sent), within the window."""
    message_id = 10_000 + entry_id
    await note_award_reply(uow, NoteAwardReply(entry_id, staff_id, message_id))
    span = timedelta(**window) if window else timedelta(minutes=10)
    return UndoAward(business_id, staff_id, entry_id, staff_id, message_id, span)
