"""The points ledger: the only way points move, each entry idempotent on a caller's key."""

from __future__ import annotations

from dataclasses import dataclass

from domain.access import require_staff
from domain.commands import AwardPoints, UndoAward
from domain.errors import DomainError, InsufficientBalance, NotFound
from domain.models import Card, Category, Customer, EntryKind, LedgerEntry, Program
from domain.notify import notify_customer
from domain.ports import UnitOfWork
from domain.rules import start_of_day, validate_amount, validate_reason


@dataclass(frozen=True)
class Posted:
    entry: LedgerEntry
    card: Card
    duplicate: bool  # the key was seen before: nothing moved this time


async def post_entry(
    uow: UnitOfWork,
    card: Card,
    delta: int,
    kind: EntryKind,
    key: str,
    *,
    staff_telegram_id: int | None = None,
    reason: str = "",
) -> Posted:
    """Move points on a card: one ledger row and the balance, or nothing if the key is known."""
    existing = await uow.ledger.by_key(key)
    if existing is not None:
        current = await uow.cards.get(existing.card_id)
        return Posted(existing, current or card, duplicate=True)
    updated = await uow.cards.apply_delta(card.id, delta)
    if updated is None:
        raise InsufficientBalance(balance=card.balance, needed=-delta)
    entry = await uow.ledger.add(
        LedgerEntry(
            card_id=card.id,
            delta=delta,
            kind=kind,
            idempotency_key=key,
            created_at=uow.now(),
            staff_telegram_id=staff_telegram_id,
            reason=reason,
        )
    )
    return Posted(entry, updated, duplicate=False)


async def room_today(uow: UnitOfWork, card: Card, program: Program) -> int | None:
    """How many more points the daily cap allows on this card today (None: no cap)."""
    if program.daily_cap is None:
        return None
    awarded = await uow.ledger.awarded_since(card.id, start_of_day(uow.now()))
    return max(program.daily_cap - awarded, 0)


async def announce_award(
    uow: UnitOfWork,
    posted: Posted,
    program: Program,
    business: str,
    *,
    customer: Customer | None = None,
) -> None:
    """Tell the customer about new points, and about a reward newly within reach.

    Pass the card's holder if the caller has already read them; else they are read here.
    """
    if customer is None or customer.id != posted.card.customer_id:
        customer = await uow.customers.get(posted.card.customer_id)
    if customer is None:
        return
    await notify_customer(
        uow,
        customer,
        Category.POINTS_ADDED,
        "points_added",
        card_id=posted.card.id,
        points=posted.entry.delta,
        balance=posted.card.balance,
        business=business,
        program=program.name,
        kind=program.kind.value,
        threshold=program.reward_threshold,
    )
    before = posted.card.balance - posted.entry.delta
    if before < program.reward_threshold <= posted.card.balance:
        await notify_customer(
            uow,
            customer,
            Category.REWARD_REACHED,
            "reward_reached",
            card_id=posted.card.id,
            reward=program.reward_name,
            business=business,
            balance=posted.card.balance,
        )


async def award_points(uow: UnitOfWork, cmd: AwardPoints) -> Posted:
    """Staff add points to a card of their business by hand (+1, +5, other amount)."""
    reason = validate_reason(cmd.reason)
    async with uow:
        await require_staff(uow, cmd.business_id, cmd.staff_telegram_id)
        card, program = await _card_of_business(uow, cmd.business_id, cmd.card_id)
        card = await uow.cards.lock(card.id)  # the cap check holds until the award
        amount = validate_amount(cmd.amount, program.max_per_scan)
        room = await room_today(uow, card, program)
        if (
            room is not None
            and amount > room
            and await uow.ledger.by_key(cmd.idempotency_key) is None
        ):
            raise DomainError("daily_cap_reached", room=room)
        posted = await post_entry(
            uow, card, amount, EntryKind.AWARD, cmd.idempotency_key,
            staff_telegram_id=cmd.staff_telegram_id, reason=reason,
        )  # fmt: skip
        if not posted.duplicate:
            business = await uow.businesses.get(cmd.business_id)
            await announce_award(uow, posted, program, business.name if business else "")
            await uow.business_customers.touch(
                cmd.business_id, card.customer_id, uow.now(), visit=False
            )
        await uow.commit()
        return posted


async def undo_award(uow: UnitOfWork, cmd: UndoAward) -> Posted:
    """Reverse an award of this business; undoing twice moves points once."""
    async with uow:
        await require_staff(uow, cmd.business_id, cmd.staff_telegram_id)
        entry = await uow.ledger.get(cmd.entry_id)
        if entry is None or entry.kind is not EntryKind.AWARD:
            raise NotFound("entry_not_found")
        card, program = await _card_of_business(uow, cmd.business_id, entry.card_id, active=False)
        posted = await post_entry(
            uow, card, -entry.delta, EntryKind.UNDO, f"undo:{entry.id}",
            staff_telegram_id=cmd.staff_telegram_id, reason=f"undo #{entry.id}",
        )  # fmt: skip
        if not posted.duplicate:
            customer = await uow.customers.get(card.customer_id)
            business = await uow.businesses.get(cmd.business_id)
            if customer is not None:
                await notify_customer(
                    uow, customer, Category.POINTS_DEDUCTED, "points_undone",
                    card_id=card.id, points=entry.delta, balance=posted.card.balance,
                    business=business.name if business else "", program=program.name,
                )  # fmt: skip
        await uow.commit()
        return posted


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
    return card, program
