"""Read-only use cases: a customer's cards, history and requests; a business's customers."""

from __future__ import annotations

from dataclasses import dataclass, replace

from domain.access import active_memberships, staff_business
from domain.expiry import Upcoming, next_expiry
from domain.models import ApprovalRequest, Card, LedgerEntry, Program, ProgramKind, Staff
from domain.ports import CustomerSummary, HeldCard, UnitOfWork
from domain.reward_ladder import claimed_of_cards
from domain.tiers import Tier


@dataclass(frozen=True)
class CardView:
    card: Card
    program: Program
    business: str
    time_zone: str = "UTC"  # the business's, for the dates of the card's history
    claimed: frozenset[int] = frozenset()  # rewards already given, where stamps are kept
    expiry: Upcoming | None = None  # the first points to expire, if the program's expire
    tier: Tier | None = None  # the program tier the card holds


@dataclass(frozen=True)
class RequestView:
    request: ApprovalRequest
    program: str
    business: str
    balance: int | None
    kind: str = "points"  # what the program counts, for "3 stamps"


@dataclass(frozen=True)
class CustomerPage:
    rows: list[CustomerSummary]
    page: int
    pages: int
    total: int
    time_zone: str = "UTC"


async def list_customer_cards(uow: UnitOfWork, telegram_id: int) -> list[CardView]:
    """The customer's cards in use, oldest first. A card its holder left stays in History (its
    ledger), not among the cards in use. A few reads whatever the number of cards: the cards
    with their programs, businesses and tiers in one, then claimed rewards and expiry ledgers
    only for the cards whose program needs them."""
    async with uow:
        return await _views(uow, await uow.customers.cards_of(telegram_id))


async def _views(uow: UnitOfWork, held: list[HeldCard]) -> list[CardView]:
    claimed = await claimed_of_cards(uow, [(c.program, c.card) for c in held])
    expiring = [c.card.id for c in held if _may_expire(c.program, c.card)]
    ledgers = await uow.expiry.ledgers(expiring) if expiring else {}
    views = []
    for c in held:
        view = CardView(
            c.card, c.program, c.business, c.time_zone, claimed.get(c.card.id, frozenset()),
            tier=c.tier,
        )  # fmt: skip
        days = c.program.expiry_days
        if days is not None and c.card.id in ledgers:  # read: it expires and has points
            soon = next_expiry(ledgers[c.card.id], days, uow.now(), c.time_zone)
            view = replace(view, expiry=soon)
        views.append(view)
    return views


def _may_expire(program: Program, card: Card) -> bool:
    """Whether the card's next expiry is worth reading: its points expire and it has some."""
    return program.expiry_days is not None and card.balance > 0


async def customer_history(
    uow: UnitOfWork, telegram_id: int, per_card: int = 5
) -> list[tuple[CardView, list[LedgerEntry]]]:
    """The latest ledger rows of each card, the cards left included, newest first (each card
    with its next expiry)."""
    async with uow:
        views = await _views(uow, await uow.customers.cards_of(telegram_id, left=True))
        if not views:
            return []
        latest = await uow.ledger.latest_of([v.card.id for v in views], per_card)
        return [(view, latest.get(view.card.id, [])) for view in views]


POINTS = ProgramKind.POINTS  # what a request of a program gone since is shown counting


async def pending_requests(uow: UnitOfWork, telegram_id: int) -> list[RequestView]:
    """The customer's pending requests, oldest first, in one read."""
    async with uow:
        pending = await uow.requests.pending_seen_by(telegram_id)
        return [
            RequestView(p.request, p.program, p.business, p.balance, (p.kind or POINTS).value)
            for p in pending
            if uow.now() < p.request.expires_at  # expired, waiting for the sweep: not answerable
        ]


async def list_business_customers(
    uow: UnitOfWork, business_id: int, telegram_id: int, page: int = 0, size: int = 10
) -> CustomerPage:
    async with uow:
        business = await staff_business(uow, business_id, telegram_id)
        total = await uow.business_customers.count(business_id)
        pages = max((total + size - 1) // size, 1)
        page = min(max(page, 0), pages - 1)
        rows = await uow.business_customers.page(business_id, page * size, size)
        return CustomerPage(rows, page, pages, total, business.time_zone)


async def staff_memberships(uow: UnitOfWork, telegram_id: int) -> list[Staff]:
    """The businesses this person works for, active ones only."""
    async with uow:
        return await active_memberships(uow, telegram_id)
