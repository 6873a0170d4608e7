"""Win-back offers: a "we miss you" nudge may carry a bonus, credited if the customer visits
within the program's days.

The offer is stored when the nudge is written (same transaction); the first awarded scan in
time credits it, once: the offer's mark is a guarded update and the ledger entry is keyed
`winback:<offer>`. A scan that awards nothing (a repeat within the cooldown, the daily cap)
is no visit and credits nothing.
"""

from __future__ import annotations

from datetime import timedelta

from domain.events import PointsAwarded
from domain.growth.owner_ports import WinbackOffer
from domain.ledger import post_entry
from domain.models import Card, Customer, EntryKind, LedgerReason, Program
from domain.ports import UnitOfWork

DEFAULT_DAYS = 7


async def offer_winback(uow: UnitOfWork, card: Card, program: Program) -> tuple[int, int]:
    """Store the program's win-back offer for this card, if it has one: (bonus, days)."""
    gifts = await uow.gifts.get(program.id)
    if not gifts.winback_points:
        return 0, 0
    days = gifts.winback_days or DEFAULT_DAYS
    now = uow.now()
    await uow.winbacks.add(
        WinbackOffer(card.id, gifts.winback_points, now, now + timedelta(days=days))
    )
    return gifts.winback_points, days


async def credit_winback(
    uow: UnitOfWork, card: Card, program: Program, business: str, customer: Customer
) -> Card:
    """At an awarded visit: credit the card's open offer, once. Returns the card after it."""
    offer = await uow.winbacks.open_for(card.id, uow.now())
    if offer is None or not await uow.winbacks.mark_credited(offer.id, uow.now()):
        return card
    posted = await post_entry(
        uow, card, offer.points, EntryKind.AWARD, f"winback:{offer.id}", LedgerReason.WINBACK
    )
    if not posted.duplicate:
        uow.record(
            PointsAwarded(customer, posted.card, program, business, offer.points,
                          LedgerReason.WINBACK)
        )  # fmt: skip
    return posted.card
