"""Enrollment steps shared by invitations, join links and scans: invite, activate a card."""

from __future__ import annotations

from datetime import timedelta

from domain.errors import DomainError, NotAllowed
from domain.events import EnrollmentRequested
from domain.models import (
    ApprovalRequest,
    Business,
    Card,
    Customer,
    Enrollment,
    EnrollmentStatus,
    Program,
    RequestKind,
    RequestStatus,
)
from domain.ports import UnitOfWork
from domain.rules import new_card_number


async def invite(
    uow: UnitOfWork,
    business: Business,
    program: Program,
    customer: Customer,
    staff_telegram_id: int,
    ttl: timedelta,
) -> ApprovalRequest:
    """Invite a customer to a program; a pending invitation is returned, not sent twice.

    A customer who rejected this business's invitation lately, or asked never to be invited
    by it, is not invited.
    """
    card = await uow.cards.of(customer.id, program.id)
    if card is not None and card.left_at is None:
        raise DomainError("already_enrolled")
    block = await uow.privacy.invitation_block(business.id, customer.id)
    if block is not None and (block.until is None or uow.now() < block.until):
        raise NotAllowed("invitation_declined")
    pending = await uow.requests.pending_of(customer.id, program.id, RequestKind.ENROLLMENT.value)
    if pending is not None and uow.now() < pending.expires_at:
        return pending
    if pending is not None:  # past its time, not yet swept: close it so the sweep leaves it be
        pending.status = RequestStatus.EXPIRED
        pending.decided_at = uow.now()
        await uow.requests.update(pending)
    enrollment = await uow.enrollments.get(customer.id, program.id)
    if enrollment is None:
        await uow.enrollments.add(
            Enrollment(
                customer.id, program.id, EnrollmentStatus.INVITED, uow.now(), staff_telegram_id
            )
        )
    else:
        enrollment.status = EnrollmentStatus.INVITED
        enrollment.invited_by = staff_telegram_id
        enrollment.decided_at = None
        await uow.enrollments.update(enrollment)
    request = await uow.requests.add(
        ApprovalRequest(
            kind=RequestKind.ENROLLMENT,
            customer_id=customer.id,
            business_id=business.id,
            program_id=program.id,
            requested_by=staff_telegram_id,
            created_at=uow.now(),
            expires_at=uow.now() + ttl,
        )
    )
    uow.record(EnrollmentRequested(customer, request, program, business.name))
    return request


async def activate(
    uow: UnitOfWork, program: Program, customer: Customer, *, invited_by: int | None
) -> Card:
    """Make the enrollment active and give the customer exactly one card for the program."""
    enrollment = await uow.enrollments.get(customer.id, program.id)
    if enrollment is None:
        await uow.enrollments.add(
            Enrollment(
                customer.id, program.id, EnrollmentStatus.ACTIVE, uow.now(), invited_by,
                decided_at=uow.now(),
            )
        )  # fmt: skip
    elif enrollment.status is not EnrollmentStatus.ACTIVE:
        enrollment.status = EnrollmentStatus.ACTIVE
        enrollment.decided_at = uow.now()
        await uow.enrollments.update(enrollment)
    card = await uow.cards.of(customer.id, program.id)
    if card is None:
        card = await uow.cards.add(
            Card(customer.id, program.id, program.business_id, new_card_number(), uow.now()),
            renumber=new_card_number,  # a number drawn twice is drawn again
        )
    elif card.left_at is not None:  # back after leaving: the same card, balance and all
        await uow.cards.set_left(card.id, None)
        card.left_at = None
    await uow.business_customers.touch(program.business_id, customer.id, uow.now(), visit=False)
    return card
