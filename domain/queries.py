"""Read-only use cases: a customer's cards, history and requests; a business's customers."""

from __future__ import annotations

from dataclasses import dataclass, replace

from domain.access import active_memberships, staff_business
from domain.errors import NotFound
from domain.expiry import Upcoming, next_expiry
from domain.models import ApprovalRequest, Card, LedgerEntry, Program, Staff
from domain.ports import CustomerSummary, UnitOfWork
from domain.reward_ladder import claimed_rewards
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
    async with uow:
        customer = await uow.customers.by_telegram(telegram_id)
        if customer is None:
            return []
        cards = await uow.cards.list_for_customer(customer.id)
        # A card its holder left stays in History (its ledger), not among the cards in use.
        views = [await _view(uow, card) for card in cards if card.left_at is None]
        return [await _with_expiry(uow, view) for view in views]


async def _with_expiry(uow: UnitOfWork, view: CardView) -> CardView:
    if view.program.expiry_days is None or view.card.balance <= 0:
        return view
    ledger = (await uow.expiry.ledgers([view.card.id]))[view.card.id]
    soon = next_expiry(ledger, view.program.expiry_days, uow.now(), view.time_zone)
    return replace(view, expiry=soon)


async def customer_history(
    uow: UnitOfWork, telegram_id: int, per_card: int = 5
) -> list[tuple[CardView, list[LedgerEntry]]]:
    """The latest ledger rows of each card, newest first (each card with its next expiry)."""
    async with uow:
        customer = await uow.customers.by_telegram(telegram_id)
        if customer is None:
            return []
        return [
            (await _with_expiry(uow, await _view(uow, card)),
             await uow.ledger.for_card(card.id, per_card))
            for card in await uow.cards.list_for_customer(customer.id)
        ]  # fmt: skip


async def pending_requests(uow: UnitOfWork, telegram_id: int) -> list[RequestView]:
    async with uow:
        customer = await uow.customers.by_telegram(telegram_id)
        if customer is None:
            return []
        views = []
        for request in await uow.requests.pending_for_customer(customer.id):
            if uow.now() >= request.expires_at:
                continue  # expired, waiting for the sweep: no longer answerable
            program = await uow.programs.get(request.program_id)
            business = await uow.businesses.get(request.business_id)
            card = await uow.cards.get(request.card_id) if request.card_id else None
            views.append(
                RequestView(
                    request,
                    program.name if program else "",
                    business.name if business else "",
                    card.balance if card else None,
                    program.kind.value if program else "points",
                )
            )
        return views


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


async def _view(uow: UnitOfWork, card: Card) -> CardView:
    program = await uow.programs.get(card.program_id)
    business = await uow.businesses.get(card.business_id)
    if program is None:
        raise NotFound("program_not_found")
    claimed = await claimed_rewards(uow, program, card)
    tier = await uow.tiers.get(card.tier_id) if card.tier_id is not None else None
    if business is None:
        return CardView(card, program, "", claimed=claimed, tier=tier)
    return CardView(card, program, business.name, business.time_zone, claimed, tier=tier)


async def staff_memberships(uow: UnitOfWork, telegram_id: int) -> list[Staff]:
    """The businesses this person works for, active ones only."""
    async with uow:
        return await active_memberships(uow, telegram_id)
