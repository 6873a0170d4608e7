"""The scan use case: staff present a customer's QR token or manual code to award a visit."""

from __future__ import annotations

from dataclasses import dataclass, replace

from domain.access import require_open, staff_business
from domain.commands import ScanCustomer
from domain.enrollment import invite
from domain.errors import DomainError, NotAllowed, TokenRejected
from domain.events import PointsAwarded, ScannedWithoutPoints
from domain.growth.referrals import reward_first_visit
from domain.growth.winback import credit_winback
from domain.ledger import Posted, post_entry, room_today
from domain.models import (
    ApprovalRequest,
    Business,
    Card,
    Customer,
    EntryKind,
    LedgerReason,
    Program,
    Reward,
    ScanLog,
    ScanOutcome,
)
from domain.ports import UnitOfWork
from domain.reward_ladder import claimed_rewards
from domain.rewards import best_affordable
from domain.rules import normalize_manual_code
from domain.tiering import earned_now, requalify
from domain.tiers import Tier, multiplied, tier_for
from domain.tokens import TokenSigner, check_version


@dataclass(frozen=True)
class ScanResult:
    outcome: ScanOutcome
    customer: Customer | None = None
    program: Program | None = None
    card: Card | None = None
    points: int = 0
    entry_id: int | None = None
    request: ApprovalRequest | None = None
    reward_ready: bool = False
    reward: Reward | None = None  # the dearest reward the card pays for now (reward_ready)
    business: str = ""  # named in the reply: staff of two businesses see which one scanned
    declined: bool = False  # not enrolled, and the customer asked this business not to invite
    tier: Tier | None = None  # the card's tier after the scan (its multiplier applied)


async def scan_customer(uow: UnitOfWork, cmd: ScanCustomer, signer: TokenSigner) -> ScanResult:
    """Verify the code, then award the default program's points per scan, once per message.

    Every attempt is logged in the scan log with its outcome, refusals included.
    """
    async with uow:
        business = await staff_business(uow, cmd.business_id, cmd.staff_telegram_id)
        require_open(business)
        program = await _default_program(uow, business)
        result = replace(await _scan(uow, cmd, signer, business, program), business=business.name)
        if result.tier is None and result.card is not None and result.card.tier_id is not None:
            result = replace(result, tier=await uow.tiers.get(result.card.tier_id))
        await uow.scans.add(
            ScanLog(
                business_id=business.id, staff_telegram_id=cmd.staff_telegram_id,
                outcome=result.outcome, created_at=uow.now(),
                customer_id=result.customer.id if result.customer else None,
                program_id=program.id, points=result.points,
                idempotency_key=cmd.idempotency_key,
            )
        )  # fmt: skip
        await uow.commit()
        return result


async def _scan(
    uow: UnitOfWork, cmd: ScanCustomer, signer: TokenSigner, business: Business, program: Program
) -> ScanResult:
    earlier = await uow.scans.by_key(cmd.idempotency_key)
    if earlier is not None and earlier.outcome is ScanOutcome.AWARDED:
        return await _duplicate_of(uow, earlier, program)
    customer = await _identify(uow, cmd, signer)
    if isinstance(customer, ScanOutcome):
        return ScanResult(customer, program=program)
    # Locked: the cooldown and cap checks below hold until the award.
    card = await uow.cards.of(customer.id, program.id, lock=True)
    if card is None or card.left_at is not None:
        # Not listed at the business until a card exists: the scan log keeps the attempt.
        declined = False
        try:
            request = await invite(
                uow, business, program, customer, cmd.staff_telegram_id, cmd.invite_ttl
            )
        except DomainError as refused:
            request, declined = None, refused.key == "invitation_declined"
        return ScanResult(
            ScanOutcome.NOT_ENROLLED, customer, program, request=request, declined=declined
        )
    if await _recently_awarded(uow, business.id, customer.id, cmd):
        await _seen(uow, business, customer, visit=False)
        uow.record(ScannedWithoutPoints(customer, card, business.name, ScanOutcome.DUPLICATE))
        return ScanResult(ScanOutcome.DUPLICATE, customer, program, card)
    room = await room_today(uow, card, program, business.time_zone)
    tiers = await uow.tiers.of_program(program.id)
    points = await _scan_points(uow, card, program, tiers)
    points = points if room is None else min(points, room)
    if points <= 0:
        await _seen(uow, business, customer, visit=False)
        uow.record(ScannedWithoutPoints(customer, card, business.name, ScanOutcome.CAPPED))
        return ScanResult(ScanOutcome.CAPPED, customer, program, card)
    posted = await post_entry(
        uow, card, points, EntryKind.AWARD, f"scan:{cmd.idempotency_key}", LedgerReason.SCAN,
        staff_telegram_id=cmd.staff_telegram_id,
    )  # fmt: skip
    tier = None
    if not posted.duplicate:
        uow.record(
            PointsAwarded(customer, posted.card, program, business.name, points, LedgerReason.SCAN)
        )
        await reward_first_visit(uow, business, customer)  # a friend's first real visit
        card = await credit_winback(uow, posted.card, program, business.name, customer)
        posted = replace(posted, card=card)
        tier = await requalify(uow, posted.card, program, business.name, tiers, customer)
    await _seen(uow, business, customer, visit=not posted.duplicate)
    claimed = await claimed_rewards(uow, program, posted.card)
    ready = best_affordable(program.rewards, posted.card.balance, claimed)
    return replace(_awarded(customer, program, posted, ready), tier=tier)


async def _scan_points(uow: UnitOfWork, card: Card, program: Program, tiers: list[Tier]) -> int:
    """The program's points per scan at the multiplier of the tier they make the card reach:
    the scan that promotes a card already earns at its new tier."""
    base = program.points_per_scan
    if not tiers:
        return base
    return multiplied(base, tier_for(await earned_now(uow, card, program) + base, tiers))


async def _seen(uow: UnitOfWork, business: Business, customer: Customer, *, visit: bool) -> None:
    """The customer showed up at this business: last seen now, and a visit if points moved."""
    await uow.business_customers.touch(business.id, customer.id, uow.now(), visit=visit)


def _awarded(
    customer: Customer, program: Program, posted: Posted, ready: Reward | None
) -> ScanResult:
    return ScanResult(
        ScanOutcome.AWARDED if not posted.duplicate else ScanOutcome.DUPLICATE,
        customer,
        program,
        posted.card,
        points=posted.entry.delta,
        entry_id=posted.entry.id,
        reward_ready=ready is not None,
        reward=ready,
    )


async def _duplicate_of(uow: UnitOfWork, earlier: ScanLog, program: Program) -> ScanResult:
    """The same message again: report the first award's card as it is now, award nothing."""
    customer = await uow.customers.get(earlier.customer_id) if earlier.customer_id else None
    card = await uow.cards.of(customer.id, program.id) if customer else None
    return ScanResult(ScanOutcome.DUPLICATE, customer, program, card)


async def _identify(
    uow: UnitOfWork, cmd: ScanCustomer, signer: TokenSigner
) -> Customer | ScanOutcome:
    if cmd.manual_code is not None:
        return await customer_by_manual_code(uow, cmd.manual_code)
    try:
        claims = signer.read(cmd.token or "", uow.now())
        customer = await uow.customers.by_public_id(claims.public_id)
        if customer is None:
            return ScanOutcome.INVALID
        check_version(claims, customer.qr_key_version)
    except TokenRejected as rejected:
        return ScanOutcome(rejected.key)
    return customer


async def customer_by_manual_code(uow: UnitOfWork, text: str) -> Customer | ScanOutcome:
    """The customer whose manual code was typed, or why not: it obeys the QR's lifetime."""
    code = normalize_manual_code(text)
    customer = await uow.customers.by_manual_code(code) if code else None
    if customer is None:
        return ScanOutcome.INVALID
    lapses = customer.manual_code_expires_at
    if lapses is not None and uow.now() >= lapses:
        return ScanOutcome.EXPIRED
    return customer


async def _default_program(uow: UnitOfWork, business: Business) -> Program:
    program = (
        await uow.programs.get(business.default_program_id)
        if business.default_program_id
        else None
    )
    if program is None or not program.active:
        raise NotAllowed("no_default_program")
    return program


async def _recently_awarded(
    uow: UnitOfWork, business_id: int, customer_id: int, cmd: ScanCustomer
) -> bool:
    if not cmd.cooldown:
        return False
    since = uow.now() - cmd.cooldown
    return await uow.scans.awarded_since(business_id, customer_id, since)
