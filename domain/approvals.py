"""Use cases for requests a customer answers: enrollment invitations, deductions, redemptions."""

from __future__ import annotations

from dataclasses import dataclass

from domain.access import business_of, program_of, require_open, require_staff
from domain.commands import AnswerRequest, InviteToProgram, JoinProgram, RequestDeduction
from domain.enrollment import activate, invite
from domain.errors import DomainError, InsufficientBalance, NotAllowed, NotFound, RequestNotPending
from domain.events import DeductionDecided, DeductionRequested, EnrollmentDecided, RequestExpired
from domain.ledger import post_entry
from domain.models import (
    ApprovalRequest,
    Card,
    Customer,
    EnrollmentStatus,
    EntryKind,
    LedgerReason,
    Program,
    RequestKind,
    RequestOutcome,
    RequestStatus,
    Reward,
)
from domain.ports import UnitOfWork
from domain.reward_ladder import claimed_rewards
from domain.rewards import first_reward
from domain.rules import validate_amount, validate_reason


async def invite_to_program(uow: UnitOfWork, cmd: InviteToProgram) -> ApprovalRequest:
    async with uow:
        await require_staff(uow, cmd.business_id, cmd.staff_telegram_id)
        business = await business_of(uow, cmd.business_id)
        require_open(business)
        program = await program_of(uow, cmd.business_id, cmd.program_id)
        customer = await uow.customers.get(cmd.customer_id)
        if customer is None:
            raise NotFound("customer_not_found")
        request = await invite(uow, business, program, customer, cmd.staff_telegram_id, cmd.ttl)
        await uow.commit()
        return request


async def join_program(uow: UnitOfWork, cmd: JoinProgram) -> Card:
    """A customer opened a program's join link: their own consent, so the card is made at once."""
    async with uow:
        program = await uow.programs.by_join_code(cmd.join_code)
        if program is None:
            raise NotFound("program_not_found")
        if not program.active:
            raise NotAllowed("program_inactive")
        business = await business_of(uow, program.business_id)
        require_open(business)
        customer = await uow.customers.by_telegram(cmd.telegram_id)
        if customer is None:
            raise NotFound("customer_not_found")
        card = await activate(uow, program, customer, invited_by=None)
        await uow.commit()
        return card


async def request_deduction(uow: UnitOfWork, cmd: RequestDeduction) -> ApprovalRequest:
    """Staff ask the customer to approve a deduction or a reward's redemption."""
    reason = validate_reason(cmd.reason)
    async with uow:
        await require_staff(uow, cmd.business_id, cmd.staff_telegram_id)
        business = await business_of(uow, cmd.business_id)
        card = await uow.cards.lock(cmd.card_id)
        if card is None or card.business_id != cmd.business_id:
            raise NotFound("card_not_found")
        if card.left_at is not None:
            raise DomainError("card_left")
        program = await program_of(uow, cmd.business_id, card.program_id)
        kind = RequestKind(cmd.kind)
        if kind is RequestKind.ENROLLMENT:
            raise DomainError("invalid_input")
        reward = None
        if kind is RequestKind.REDEMPTION:
            reward = await _chosen_reward(uow, program, card, cmd.reward_id)
            needed = reward.cost
            # Kept stamps: the redemption is recorded, nothing is taken (see README, Rewards).
            amount = 0 if program.redeem_keeps else reward.cost
        else:
            needed = amount = validate_amount(cmd.amount)
        waiting = await uow.requests.pending_of(card.customer_id, program.id, kind.value)
        if waiting is not None and uow.now() < waiting.expires_at:
            # A double tap asks once; a different amount or reward waits for the first answer.
            if (waiting.amount, waiting.reward_id) == (amount, reward.id if reward else None):
                return waiting
            raise DomainError("request_already_pending")
        if card.balance < needed:
            raise InsufficientBalance(balance=card.balance, needed=needed)
        customer = await uow.customers.get(card.customer_id)
        if customer is None:
            raise NotFound("customer_not_found")
        request = await uow.requests.add(
            ApprovalRequest(
                kind=kind, customer_id=card.customer_id, business_id=business.id,
                program_id=program.id, requested_by=cmd.staff_telegram_id,
                created_at=uow.now(), expires_at=uow.now() + cmd.ttl, amount=amount,
                reason=reward.name if reward else reason, card_id=card.id,
                reward_id=reward.id if reward else None,
            )
        )  # fmt: skip
        uow.record(DeductionRequested(customer, request, card, program, business.name))
        await uow.commit()
        return request


async def _chosen_reward(
    uow: UnitOfWork, program: Program, card: Card, reward_id: int | None
) -> Reward:
    """The reward staff chose (None: the ladder's first), still offered and not yet given."""
    if reward_id is None:
        chosen = first_reward(program.rewards)
    else:
        chosen = next((r for r in program.rewards if r.id == reward_id), None)
    if chosen is None:
        raise NotFound("reward_not_found")
    if chosen.id in await claimed_rewards(uow, program, card):
        raise DomainError("reward_already_given", reward=chosen.name)
    return chosen


@dataclass(frozen=True)
class Answered:
    request: ApprovalRequest
    card: Card | None  # the card after the answer (a new card on an accepted enrollment)
    business: str
    program: str


async def answer_request(uow: UnitOfWork, cmd: AnswerRequest) -> Answered:
    """The addressed customer answers a pending request once, before it expires."""
    async with uow:
        request = await uow.requests.lock(cmd.request_id)
        customer = await uow.customers.by_telegram(cmd.telegram_id)
        if request is None:
            raise NotFound("request_not_found")
        if customer is None or customer.id != request.customer_id:
            raise NotAllowed("not_your_request")
        if request.status is not RequestStatus.PENDING:
            raise RequestNotPending(f"request_{request.status.value}")
        if uow.now() >= request.expires_at:
            raise RequestNotPending("request_expired")
        business = await business_of(uow, request.business_id)
        if business.suspended_at is not None and cmd.approve:
            raise NotAllowed("business_suspended")  # saying no is always possible
        program = await uow.programs.get(request.program_id)
        if program is None:
            raise NotFound("program_not_found")
        request.decided_at = uow.now()
        card = await _decide(uow, request, program, customer, cmd.approve, business.name)
        if request.kind is RequestKind.ENROLLMENT and not cmd.approve:
            # Consent: no new invitation from this business for a while, or ever.
            until = None if cmd.never_again else uow.now() + cmd.invite_cooldown
            await uow.privacy.block_invitations(business.id, customer.id, until, uow.now())
        await uow.requests.update(request)
        if request.kind is RequestKind.ENROLLMENT:
            uow.record(EnrollmentDecided(customer, request, program, business.name))
        else:
            uow.record(DeductionDecided(customer, request, card, program, business.name))
        await uow.commit()
        return Answered(request, card, business.name, program.name)


async def _decide(
    uow: UnitOfWork,
    request: ApprovalRequest,
    program: Program,
    customer: Customer,
    approve: bool,
    business: str,
) -> Card | None:
    """Apply an answer to the request; returns the card as it now is."""
    if request.kind is RequestKind.ENROLLMENT:
        enrollment = await uow.enrollments.get(customer.id, program.id)
        if not approve:
            request.status = RequestStatus.REJECTED
            if enrollment is not None:
                enrollment.status = EnrollmentStatus.REJECTED
                enrollment.decided_at = uow.now()
                await uow.enrollments.update(enrollment)
            return None
        request.status = RequestStatus.APPROVED
        return await activate(uow, program, customer, invited_by=request.requested_by)
    card = await uow.cards.get(request.card_id) if request.card_id is not None else None
    if card is None:
        raise NotFound("card_not_found")
    if not approve:
        request.status = RequestStatus.REJECTED
        return card
    redeem = request.kind is RequestKind.REDEMPTION
    if redeem and not await _still_redeemable(uow, request, card):
        request.status = RequestStatus.CANCELLED
        return card
    kind = EntryKind.REDEEM if redeem else EntryKind.DEDUCT
    reason = LedgerReason.REDEMPTION if redeem else LedgerReason.DEDUCTION
    try:
        posted = await post_entry(
            uow, card, -request.amount, kind, f"request:{request.id}", reason,
            staff_telegram_id=request.requested_by, note=request.reason,
        )  # fmt: skip
    except InsufficientBalance:
        # The balance no longer suffices: the request fails, both sides are told, nothing moves.
        request.status = RequestStatus.CANCELLED
        request.outcome = RequestOutcome.INSUFFICIENT_BALANCE
        return card
    request.status = RequestStatus.APPROVED
    await uow.business_customers.touch(request.business_id, customer.id, uow.now(), visit=False)
    return posted.card


async def _still_redeemable(uow: UnitOfWork, request: ApprovalRequest, card: Card) -> bool:
    """A redemption still stands when its reward is offered and, where stamps are kept (the
    request takes nothing), the card still reaches it; else it says why (`outcome`)."""
    await uow.rewards.lock_ladder(request.program_id)  # an owner's removal waits, or wins
    reward = await uow.rewards.get(request.reward_id) if request.reward_id else None
    if reward is None or not reward.active:
        request.outcome = RequestOutcome.REWARD_REMOVED
        return False
    if request.amount == 0 and card.balance < reward.cost:
        request.outcome = RequestOutcome.INSUFFICIENT_BALANCE
        return False
    return True


async def expire_due_requests(uow: UnitOfWork, limit: int = 500) -> list[ApprovalRequest]:
    """Mark pending requests past their expiry as expired and tell both sides; safe to rerun."""
    async with uow:
        expired = []
        for due in await uow.requests.due(uow.now(), limit):
            request = await uow.requests.lock(due.id)
            if request is None or request.status is not RequestStatus.PENDING:
                continue  # answered meanwhile (another worker): the answer stands
            request.status = RequestStatus.EXPIRED
            request.decided_at = uow.now()
            await uow.requests.update(request)
            customer = await uow.customers.get(request.customer_id)
            program = await uow.programs.get(request.program_id)
            business = await uow.businesses.get(request.business_id)
            if request.kind is RequestKind.ENROLLMENT:
                enrollment = await uow.enrollments.get(request.customer_id, request.program_id)
                if enrollment is not None and enrollment.status is EnrollmentStatus.INVITED:
                    enrollment.status = EnrollmentStatus.EXPIRED
                    await uow.enrollments.update(enrollment)
            uow.record(
                RequestExpired(customer, request, program, business.name if business else "")
            )  # fmt: skip
            expired.append(request)
        await uow.commit()
        return expired
