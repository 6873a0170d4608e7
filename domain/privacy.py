"""The customer's data rights: leaving a program, being forgotten, and the retention sweep."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from domain.errors import NotFound
from domain.models import Card, Customer, EnrollmentStatus
from domain.ports import UnitOfWork
from domain.rules import new_manual_code
from domain.tokens import new_public_id


@dataclass(frozen=True)
class LeaveProgram:
    telegram_id: int
    card_id: int


@dataclass(frozen=True)
class ForgetMe:
    telegram_id: int


@dataclass(frozen=True)
class Swept:
    notifications: int
    scans: int

    def __bool__(self) -> bool:  # the scheduler logs only sweeps that did something
        return bool(self.notifications or self.scans)


async def leave_program(uow: UnitOfWork, cmd: LeaveProgram) -> Card:
    """The customer leaves a program: the card and its balance stay as history, inactive.

    No points, invitations, reminders or news reach it; joining again revives the same card.
    """
    async with uow:
        customer = await uow.customers.by_telegram(cmd.telegram_id)
        card = await uow.cards.get(cmd.card_id)
        if customer is None or card is None or card.customer_id != customer.id:
            raise NotFound("card_not_found")  # someone else's card is as good as unknown
        if card.left_at is None:
            card.left_at = uow.now()
            await uow.cards.set_left(card.id, card.left_at)
            enrollment = await uow.enrollments.get(customer.id, card.program_id)
            if enrollment is not None:
                enrollment.status = EnrollmentStatus.LEFT
                enrollment.decided_at = uow.now()
                await uow.enrollments.update(enrollment)
        await uow.commit()
        return card


async def forget_me(uow: UnitOfWork, cmd: ForgetMe) -> Customer:
    """Erase the person's names and username, now and from later updates, and replace their
    QR and manual codes. Cards and ledger rows stay (under a pseudonym), so every business's
    books still add up; the language stays, to speak to them."""
    async with uow:
        customer = await uow.customers.by_telegram(cmd.telegram_id)
        if customer is None:
            raise NotFound("customer_not_found")
        await uow.privacy.erase_names(cmd.telegram_id, uow.now())
        customer.display_name = pseudonym(customer.id)
        customer.public_id = new_public_id()
        customer.qr_key_version += 1
        customer.manual_code = await _unused_manual_code(uow)
        await uow.customers.update(customer)
        await uow.commit()
        return customer


def pseudonym(customer_id: int) -> str:
    """What staff see instead of a forgotten customer's name: their number, nothing more."""
    return f"#{customer_id}"


RETENTION_BATCH = 500  # rows deleted per transaction: one DELETE of 100,000 held the loop 0.9 s


async def sweep_retention(
    uow: UnitOfWork,
    notifications: timedelta | None,
    scans: timedelta | None,
    batch: int = RETENTION_BATCH,
) -> Swept:
    """Delete finished notifications and scan log rows older than their limits (None: keep).

    A batch per transaction (the unit of work is used once per batch), so a first sweep over
    months of rows neither holds SQLite's loop nor its write lock for long."""
    now = uow.now()
    deleted = logged = 0
    if notifications:
        sent_before = now - notifications
        deleted = await _in_batches(
            uow, batch, lambda: uow.privacy.delete_notifications_before(sent_before, batch)
        )
    if scans:
        scanned_before = now - scans
        logged = await _in_batches(
            uow, batch, lambda: uow.privacy.delete_scans_before(scanned_before, batch)
        )
    return Swept(deleted, logged)


async def _in_batches(uow: UnitOfWork, batch: int, delete: Callable[[], Awaitable[int]]) -> int:
    """Run `delete` a transaction at a time until a batch comes back short; rows in all."""
    total = 0
    while True:
        async with uow:
            count = await delete()
            await uow.commit()
        total += count
        if count < batch:
            break
        await asyncio.sleep(0)
    return total


async def _unused_manual_code(uow: UnitOfWork) -> str:
    while True:
        code = new_manual_code()
        if await uow.customers.by_manual_code(code) is None:
            return code
