"""The points ledger: the only way points move, each entry idempotent on a caller's key."""

from __future__ import annotations

from dataclasses import dataclass, replace

from domain.access import staff_business
from domain.commands import AwardPoints, NoteAwardReply, UndoAward
from domain.errors import DomainError, InsufficientBalance, NotFound, UndoRefused
from domain.events import AwardUndone, PointsAwarded
from domain.growth.staff_activity import watch_manual_awards
from domain.models import (
    Card,
    Customer,
    EntryKind,
    LedgerEntry,
    LedgerReason,
    Program,
    ProgramKind,
)
from domain.ports import UnitOfWork
from domain.rules import start_of_day, validate_amount, validate_reason
from domain.staff import check_award_limit
from domain.tiering import requalify

# What counts as points earned (cards' lifetime points, tiers): an award earns, an undo takes
# its award back. Nothing else does: deductions and redemptions spend earned points, and an
# expiry or an adjustment is no earning, so a point that expires later still counts as earned.
EARNING_KINDS = frozenset({EntryKind.AWARD, EntryKind.UNDO})


def earned_by(kind: EntryKind, delta: int) -> int:
    """How much a ledger entry of this kind changes the points earned."""
    return delta if kind in EARNING_KINDS else 0


@dataclass(frozen=True)
class Posted:
    entry: LedgerEntry
    card: Card
    duplicate: bool  # the key was seen before: nothing moved this time
    kind: ProgramKind = ProgramKind.POINTS  # what the card counts, for saying "+1 stamp"


async def post_entry(
    uow: UnitOfWork,
    card: Card,
    delta: int,
    kind: EntryKind,
    key: str,
    reason: LedgerReason,
    *,
    staff_telegram_id: int | None = None,
    note: str = "",
    reverses_entry_id: int | None = None,
) -> Posted:
    """Move points on a card: one ledger row and the balance, or nothing if the key is known."""
    existing = await uow.ledger.by_key(key)
    if existing is not None:
        current = await uow.cards.get(existing.card_id)
        return Posted(existing, current or card, duplicate=True)
    updated = await uow.cards.apply_delta(card.id, delta, earned=earned_by(kind, delta))
    if updated is None:
        raise InsufficientBalance(balance=card.balance, needed=-delta)
    entry = await uow.ledger.add(
        LedgerEntry(
            card_id=card.id, delta=delta, kind=kind, idempotency_key=key,
            created_at=uow.now(), reason=reason, staff_telegram_id=staff_telegram_id,
            note=note, reverses_entry_id=reverses_entry_id,
        ),
        updated.business_id,
    )  # fmt: skip
    return Posted(entry, updated, duplicate=False)


async def room_today(
    uow: UnitOfWork, card: Card, program: Program, time_zone: str = "UTC"
) -> int | None:
    """How many more points the daily cap allows on this card today, the business's day
    (None: no cap)."""
    if program.daily_cap is None:
        return None
    awarded = await uow.ledger.awarded_since(card.id, start_of_day(uow.now(), time_zone))
    return max(program.daily_cap - awarded, 0)


async def award_points(uow: UnitOfWork, cmd: AwardPoints) -> Posted:
    """Staff add points to a card of their business by hand (+1, +5, other amount)."""
    note = validate_reason(cmd.note)
    async with uow:
        business = await staff_business(uow, cmd.business_id, cmd.staff_telegram_id)
        card, program = await _card_of_business(uow, cmd.business_id, cmd.card_id)
        card = await _locked(uow, card)  # the cap check holds until the award
        amount = validate_amount(cmd.amount, program.max_per_scan)
        room = await room_today(uow, card, program, business.time_zone)
        if (
            room is not None
            and amount > room
            and await uow.ledger.by_key(cmd.idempotency_key) is None
        ):
            raise DomainError("daily_cap_reached", room=room)
        if await uow.ledger.by_key(cmd.idempotency_key) is None:
            await check_award_limit(uow, business, cmd.staff_telegram_id, amount)
        posted = await post_entry(
            uow, card, amount, EntryKind.AWARD, cmd.idempotency_key, LedgerReason.MANUAL,
            staff_telegram_id=cmd.staff_telegram_id, note=note,
        )  # fmt: skip
        if not posted.duplicate:
            customer = await _holder(uow, card)
            uow.record(
                PointsAwarded(customer, posted.card, program, business.name, amount,
                              LedgerReason.MANUAL)
            )  # fmt: skip
            await uow.business_customers.touch(
                cmd.business_id, card.customer_id, uow.now(), visit=False
            )
            await watch_manual_awards(uow, business, cmd.staff_telegram_id)
            tiers = await uow.tiers.of_program(program.id)
            await requalify(uow, posted.card, program, business.name, tiers, customer)
        await uow.commit()
        return replace(posted, kind=program.kind)


async def undo_award(uow: UnitOfWork, cmd: UndoAward) -> Posted:
    """Reverse an award of this business; undoing twice moves points once.

    Only from the scan reply that made the award, and only within the window: an Undo button on
    an old message (or data sent as if from one) is no silent deduction.
    """
    async with uow:
        business = await staff_business(uow, cmd.business_id, cmd.staff_telegram_id)
        entry = await uow.ledger.get(cmd.entry_id)
        if entry is None or entry.kind is not EntryKind.AWARD:
            raise NotFound("entry_not_found")
        card, program = await _card_of_business(uow, cmd.business_id, entry.card_id, active=False)
        key = f"undo:{entry.id}"
        if await uow.ledger.by_key(key) is None:
            await _may_undo(uow, cmd, entry)
        posted = await post_entry(
            uow, card, -entry.delta, EntryKind.UNDO, key, LedgerReason.UNDO,
            staff_telegram_id=cmd.staff_telegram_id, reverses_entry_id=entry.id,
        )  # fmt: skip
        if not posted.duplicate:
            customer = await _holder(uow, card)
            uow.record(AwardUndone(customer, posted.card, program, business.name, entry.delta))
            tiers = await uow.tiers.of_program(program.id)
            await requalify(uow, posted.card, program, business.name, tiers, customer)
        await uow.commit()
        return replace(posted, kind=program.kind)


async def _may_undo(uow: UnitOfWork, cmd: UndoAward, entry: LedgerEntry) -> None:
    minutes = int(cmd.window.total_seconds() // 60)
    origin = await uow.ledger.reply_of(entry.id)
    if origin != (cmd.chat_id, cmd.message_id):
        key = "undo_not_here"
    elif uow.now() - entry.created_at > cmd.window:
        key = "undo_too_late"
    else:
        return
    raise UndoRefused(key, card_id=entry.card_id, points=entry.delta, minutes=minutes)


async def note_award_reply(uow: UnitOfWork, cmd: NoteAwardReply) -> None:
    """The scan reply with this award's Undo button was sent: only that message may undo it."""
    async with uow:
        await uow.ledger.note_reply(cmd.entry_id, cmd.chat_id, cmd.message_id, uow.now())
        await uow.commit()


async def _locked(uow: UnitOfWork, card: Card) -> Card:
    locked = await uow.cards.lock(card.id)
    if locked is None:
        raise NotFound("card_not_found")
    return locked


async def _holder(uow: UnitOfWork, card: Card) -> Customer:
    customer = await uow.customers.get(card.customer_id)
    if customer is None:
        raise NotFound("customer_not_found")
    return customer


async def _card_of_business(
    uow: UnitOfWork, business_id: int, card_id: int, *, active: bool = True
) -> tuple[Card, Program]:
    card = await uow.cards.get(card_id)
    if card is None or card.business_id != business_id:
        raise NotFound("card_not_found")
    program = await uow.programs.get(card.program_id)
    if program is None:
        raise NotFound("program_not_found")
    if active and not program.active:
        raise DomainError("program_inactive")
    if active and card.left_at is not None:
        raise DomainError("card_left")  # the customer left the program: no more points
    return card, program
