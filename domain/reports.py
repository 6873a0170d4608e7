"""Read-only use cases for staff: their businesses, staff, programs, customers and figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from zoneinfo import ZoneInfo

from domain.access import business_of, require_owner, staff_business
from domain.errors import NotAllowed, NotFound
from domain.models import Business, Customer, Program, Role, ScanOutcome, StaffInvitation
from domain.ports import (
    BusinessStats,
    DayFigures,
    LedgerLine,
    StaffFigures,
    UnitOfWork,
)
from domain.rules import start_of_day
from domain.scanning import customer_by_manual_code

HISTORY_ROWS = 20


@dataclass(frozen=True)
class Membership:
    business: Business
    role: Role


@dataclass(frozen=True)
class StaffMember:
    telegram_id: int
    name: str
    role: Role
    daily_award_limit: int | None = None


@dataclass(frozen=True)
class StaffOverview:
    business: Business
    members: list[StaffMember]
    invitations: list[StaffInvitation] = field(default_factory=list)  # open ones


@dataclass(frozen=True)
class ProgramsOverview:
    business: Business
    programs: list[Program]

    @property
    def default(self) -> Program | None:
        return next((p for p in self.programs if p.id == self.business.default_program_id), None)


@dataclass(frozen=True)
class InviteTarget:
    customer: Customer
    program: Program


@dataclass(frozen=True)
class CustomerHistory:
    customer: str
    lines: list[LedgerLine]
    time_zone: str = "UTC"


async def my_businesses(uow: UnitOfWork, telegram_id: int) -> list[Membership]:
    """The active businesses this person works for, with their role in each."""
    async with uow:
        found = []
        for staff in await uow.staff.of_user(telegram_id):
            business = await uow.businesses.get(staff.business_id)
            if business is not None and business.suspended_at is None:
                found.append(Membership(business, staff.role))
        return found


async def staff_overview(uow: UnitOfWork, business_id: int, telegram_id: int) -> StaffOverview:
    async with uow:
        await require_owner(uow, business_id, telegram_id)
        business = await business_of(uow, business_id)
        members = []
        for staff in await uow.staff.list(business_id):
            user = await uow.users.get(staff.telegram_id)
            name = user.display_name if user else str(staff.telegram_id)
            members.append(
                StaffMember(staff.telegram_id, name, staff.role, staff.daily_award_limit)
            )
        invitations = await uow.staff_invitations.open_for(business_id, uow.now())
        return StaffOverview(business, members, invitations)


async def business_programs(
    uow: UnitOfWork, business_id: int, telegram_id: int
) -> ProgramsOverview:
    async with uow:
        business = await staff_business(uow, business_id, telegram_id)
        return ProgramsOverview(business, await uow.programs.list(business_id))


async def invitation_target(
    uow: UnitOfWork, business_id: int, telegram_id: int, manual_code: str
) -> InviteTarget:
    """The customer behind a manual code and the business's default program to invite them to."""
    async with uow:
        business = await staff_business(uow, business_id, telegram_id)
        customer = await customer_by_manual_code(uow, manual_code)
        if customer is ScanOutcome.EXPIRED:
            raise NotAllowed("scan_expired")
        if not isinstance(customer, Customer):
            raise NotFound("customer_not_found")
        program = await uow.programs.get(business.default_program_id or 0)
        if program is None or program.business_id != business_id or not program.active:
            raise NotFound("no_default_program")
        return InviteTarget(customer, program)


async def customer_history_at(
    uow: UnitOfWork, business_id: int, telegram_id: int, customer_id: int
) -> CustomerHistory:
    """A customer's latest ledger rows at this business only; strangers to it are unknown."""
    async with uow:
        business = await staff_business(uow, business_id, telegram_id)
        if await uow.business_customers.get(business_id, customer_id) is None:
            raise NotFound("customer_not_found")
        customer = await uow.customers.get(customer_id)
        lines = await uow.reports.ledger(business_id, customer_id, HISTORY_ROWS)
        name = customer.display_name if customer else ""
        return CustomerHistory(name, lines, business.time_zone)


async def business_stats(
    uow: UnitOfWork, business_id: int, telegram_id: int
) -> dict[str, BusinessStats]:
    """Figures since the start of today (in the business's time zone), and over 7 and 30 days."""
    async with uow:
        business = await staff_business(uow, business_id, telegram_id)
        now = uow.now()
        periods = {
            "today": start_of_day(now, business.time_zone),
            "7d": now - timedelta(days=7),
            "30d": now - timedelta(days=30),
        }
        return {name: await uow.reports.stats(business_id, at) for name, at in periods.items()}


async def export_business(uow: UnitOfWork, business_id: int, telegram_id: int) -> Business:
    """The business whose every customer and ledger row may be exported (`ExportSource`
    reads them, outside any unit of work): owners only, as it is personal data."""
    async with uow:
        await require_owner(uow, business_id, telegram_id)
        return await business_of(uow, business_id)


@dataclass(frozen=True)
class BusinessChart:
    """The last days of a business, one entry per local day (quiet days included), and what
    each staff member did over them."""

    business: Business
    days: list[DayFigures]
    staff: list[StaffFigures]


async def business_chart(
    uow: UnitOfWork, business_id: int, telegram_id: int, days: int = 30
) -> BusinessChart:
    async with uow:
        business = await staff_business(uow, business_id, telegram_id)
        today = start_of_day(uow.now(), business.time_zone)
        since = today - timedelta(days=days - 1)
        found = {d.day: d for d in await uow.reports.daily(business_id, since, business.time_zone)}
        first = today.astimezone(ZoneInfo(business.time_zone)).date() - timedelta(days=days - 1)
        series = [first + timedelta(days=n) for n in range(days)]
        filled = [found.get(day, DayFigures(day)) for day in series]
        return BusinessChart(business, filled, await uow.reports.per_staff(business_id, since))
