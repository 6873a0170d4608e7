"""Platform operators' use cases: the list of businesses, approving, suspending and resuming
one, transferring its ownership, and alerts about errors. Every one checks the caller is an
operator (the ids come from configuration, passed in by the bot)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from domain.access import business_of
from domain.errors import NotAllowed, NotFound
from domain.events import BusinessStatusChanged, ErrorAlerted, OwnershipTransferred
from domain.models import Business, Role, Staff
from domain.ports import BusinessOverview, BusinessStats, UnitOfWork

PAGE_SIZE = 5
FIGURES_DAYS = 30


@dataclass(frozen=True)
class AsOperator:
    """Who asks, and who the operators are; a stranger is refused by every use case here."""

    telegram_id: int
    operators: tuple[int, ...]


@dataclass(frozen=True)
class OperatorLine:
    overview: BusinessOverview
    figures: BusinessStats  # the last FIGURES_DAYS days


@dataclass(frozen=True)
class OperatorPage:
    lines: list[OperatorLine]
    page: int
    pages: int
    total: int


def require_operator(who: AsOperator) -> None:
    if who.telegram_id not in who.operators:
        raise NotAllowed("not_operator")


async def businesses_page(uow: UnitOfWork, who: AsOperator, page: int) -> OperatorPage:
    """A page of every business with its people and the last 30 days' figures."""
    require_operator(who)
    async with uow:
        total = await uow.operators.count_businesses()
        pages = max(1, -(-total // PAGE_SIZE))
        page = min(max(page, 0), pages - 1)
        since = uow.now() - timedelta(days=FIGURES_DAYS)
        lines = [
            OperatorLine(row, await uow.businesses.figures(row.business_id, since, uow.now()))
            for row in await uow.operators.businesses(page * PAGE_SIZE, PAGE_SIZE)
        ]
        return OperatorPage(lines, page, pages, total)


async def set_business_status(
    uow: UnitOfWork, who: AsOperator, business_id: int, change: str
) -> Business:
    """`approved`, `suspended` or `resumed`: the owner is told. Doing it twice changes nothing.

    A suspended business cannot scan, invite, award or broadcast; its customers keep their
    cards and balances and still see them.
    """
    require_operator(who)
    async with uow:
        business = await business_of(uow, business_id)
        if change == "approved" and business.awaiting_approval_since is not None:
            business.awaiting_approval_since = None
        elif change == "suspended" and business.suspended_at is None:
            business.suspended_at = uow.now()
        elif change == "resumed" and business.suspended_at is not None:
            business.suspended_at = None
        elif change not in ("approved", "suspended", "resumed"):
            raise NotAllowed("invalid_input")
        else:
            return business
        await uow.businesses.update(business)
        uow.record(BusinessStatusChanged(business.owner_telegram_id, business.name, change))
        await uow.commit()
        return business


async def transfer_ownership(
    uow: UnitOfWork, who: AsOperator, business_id: int, new_owner: int
) -> Business:
    """The business gets a new owner (someone who has talked to the bot); the old one stays
    as staff. Both are told."""
    require_operator(who)
    async with uow:
        business = await business_of(uow, business_id)
        if await uow.users.get(new_owner) is None:
            raise NotFound("user_not_found")
        old_owner = business.owner_telegram_id
        if old_owner == new_owner:
            return business
        await uow.staff.set_role(business.id, old_owner, Role.STAFF)
        if await uow.staff.get(business.id, new_owner) is None:
            await uow.staff.add(Staff(business.id, new_owner, Role.OWNER, added_at=uow.now()))
        else:
            await uow.staff.set_role(business.id, new_owner, Role.OWNER)
        business.owner_telegram_id = new_owner
        await uow.businesses.update(business)
        uow.record(OwnershipTransferred(new_owner, old_owner, business.name))
        await uow.commit()
        return business


async def alert_operators(uow: UnitOfWork, alert: ErrorAlerted) -> None:
    """An outbox row to each operator about an unexpected error (no-op without operators)."""
    if not alert.operators:
        return
    async with uow:
        uow.record(alert)
        await uow.commit()


@dataclass(frozen=True)
class OperatorProfile:
    """What an operator's command menu depends on: their language, and whether they are staff."""

    telegram_id: int
    language: str | None  # chosen in Settings, else what their app reported; None: unknown
    staff: bool


async def operator_profiles(uow: UnitOfWork, operators: tuple[int, ...]) -> list[OperatorProfile]:
    async with uow:
        profiles = []
        for telegram_id in operators:
            user = await uow.users.get(telegram_id)
            language = (user.locale or user.language or None) if user else None
            staff = bool(await uow.staff.of_user(telegram_id))
            profiles.append(OperatorProfile(telegram_id, language, staff))
        return profiles
