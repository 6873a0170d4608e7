"""Fixtures for pure domain tests: an in-memory unit of work and a small world to act in."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from domain.commands import CreateProgram, RegisterBusiness, RegisterCustomer
from domain.models import Business, Customer, Program
from domain.people import register_business, register_customer
from domain.programs import create_program
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
