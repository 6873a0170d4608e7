"""Builders for storage tests: valid domain objects and a small committed world."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from domain.models import (
    Business,
    Card,
    Customer,
    EntryKind,
    LedgerEntry,
    LedgerReason,
    Program,
    ProgramKind,
    Reward,
    TelegramUser,
)
from storage.uow import SqlUnitOfWork

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
OWNER_TG = 1001
CUSTOMER_TG = 2002


def user(telegram_id: int, first_name: str = "Ann") -> TelegramUser:
    return TelegramUser(telegram_id=telegram_id, chat_id=telegram_id, first_name=first_name)


def customer(telegram_id: int, suffix: str = "a") -> Customer:
    return Customer(
        telegram_id=telegram_id,
        public_id=f"pub-{suffix}",
        manual_code=f"CODE-{suffix}",
        display_name=f"Customer {suffix}",
        created_at=T0,
    )


def business(owner: int, code: str = "invite-1") -> Business:
    return Business(name="Cafe", owner_telegram_id=owner, staff_invite_code=code, created_at=T0)


def program(business_id: int, code: str = "join-1") -> Program:
    return Program(
        business_id=business_id,
        name="Coffee",
        kind=ProgramKind.STAMPS,
        points_per_scan=1,
        join_code=code,
        created_at=T0,
    )


def card(customer_id: int, program_id: int, business_id: int, number: str = "C-1") -> Card:
    return Card(
        customer_id=customer_id,
        program_id=program_id,
        business_id=business_id,
        number=number,
        created_at=T0,
    )


REASON_OF = {
    EntryKind.AWARD: LedgerReason.MANUAL,
    EntryKind.UNDO: LedgerReason.UNDO,
    EntryKind.DEDUCT: LedgerReason.DEDUCTION,
    EntryKind.REDEEM: LedgerReason.REDEMPTION,
    EntryKind.ADJUST: LedgerReason.ADJUST,
}


def entry(
    card_id: int,
    delta: int,
    key: str,
    kind: EntryKind = EntryKind.AWARD,
    reverses: int | None = None,
) -> LedgerEntry:
    return LedgerEntry(
        card_id=card_id, delta=delta, kind=kind, idempotency_key=key, created_at=T0,
        reason=REASON_OF[kind], reverses_entry_id=reverses,
    )  # fmt: skip


@dataclass(frozen=True)
class World:
    customer_id: int
    business_id: int
    program_id: int
    card_id: int


async def build_world(uow: SqlUnitOfWork) -> World:
    await uow.users.upsert(user(OWNER_TG))
    await uow.users.upsert(user(CUSTOMER_TG))
    cust = await uow.customers.add(customer(CUSTOMER_TG))
    biz = await uow.businesses.add(business(OWNER_TG))
    prog = await uow.programs.add(program(biz.id or 0))
    await uow.rewards.add(Reward(prog.id, "Free coffee", 10), T0)
    new_card = await uow.cards.add(card(cust.id or 0, prog.id or 0, biz.id or 0))
    assert cust.id and biz.id and prog.id and new_card.id
    return World(cust.id, biz.id, prog.id, new_card.id)
