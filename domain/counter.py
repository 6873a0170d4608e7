"""Read-only use cases of the staff page (the Mini App's counter): today's feed and search.

Each checks, in its own transaction, that the person is staff of the business (as every staff
use case does: domain.access.staff_business); a customer who never came to the business is as
good as unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.access import staff_business
from domain.errors import NotFound
from domain.models import Card, Customer, Program
from domain.ports import CustomerSummary, LedgerLine, UnitOfWork
from domain.rules import start_of_day
from domain.scanning import customer_by_manual_code

FEED_ROWS = 30
SEARCH_ROWS = 20


@dataclass(frozen=True)
class Feed:
    lines: list[LedgerLine]  # today's ledger rows of the business, newest first
    time_zone: str


@dataclass(frozen=True)
class CardAt:
    card: Card
    program: Program


async def todays_feed(
    uow: UnitOfWork, business_id: int, telegram_id: int, limit: int = FEED_ROWS
) -> Feed:
    async with uow:
        business = await staff_business(uow, business_id, telegram_id)
        since = start_of_day(uow.now(), business.time_zone)
        lines = await uow.reports.ledger(business_id, None, limit)
        return Feed([line for line in lines if line.created_at >= since], business.time_zone)


async def find_customers(
    uow: UnitOfWork, business_id: int, telegram_id: int, text: str
) -> list[CustomerSummary]:
    """The business's customers whose name holds `text`, or whose manual code it is."""
    async with uow:
        await staff_business(uow, business_id, telegram_id)
        wanted = text.strip().casefold()
        if not wanted:
            return []
        by_code = await customer_by_manual_code(uow, text)
        code_id = by_code.id if isinstance(by_code, Customer) else None
        rows = await uow.reports.customers(business_id)
        found = [r for r in rows if r.customer_id == code_id or wanted in r.name.casefold()]
        return found[:SEARCH_ROWS]


async def cards_at(
    uow: UnitOfWork, business_id: int, telegram_id: int, customer_id: int
) -> list[CardAt]:
    """The customer's cards at this business (for +1 and Redeem on the staff page)."""
    async with uow:
        await staff_business(uow, business_id, telegram_id)
        if await uow.business_customers.get(business_id, customer_id) is None:
            raise NotFound("customer_not_found")
        found = []
        for card in await uow.cards.list_for_customer(customer_id):
            program = await uow.programs.get(card.program_id)
            if card.business_id == business_id and card.left_at is None and program is not None:
                found.append(CardAt(card, program))
        return found
