"""Who may act where: staff and owner checks for a business."""

from __future__ import annotations

from domain.errors import NotAllowed, NotFound
from domain.models import Business, Program, Role, Staff
from domain.ports import UnitOfWork


async def require_staff(uow: UnitOfWork, business_id: int, telegram_id: int) -> Staff:
    """The staff row of this user in this business; refuses strangers and suspended businesses."""
    business = await uow.businesses.get(business_id)
    if business is None:
        raise NotFound("business_not_found")
    return await _staff_in(uow, business, telegram_id)


async def staff_business(uow: UnitOfWork, business_id: int, telegram_id: int) -> Business:
    """The business, once require_staff's checks pass for this user (one read: both rows)."""
    business, staff = await uow.staff.with_business(business_id, telegram_id)
    if business is None:
        raise NotFound("business_not_found")
    if business.suspended_at is not None:
        raise NotAllowed("business_suspended")
    if staff is None:
        raise NotAllowed("not_staff")
    return business


async def _staff_in(uow: UnitOfWork, business: Business, telegram_id: int) -> Staff:
    if business.suspended_at is not None:
        raise NotAllowed("business_suspended")
    staff = await uow.staff.get(business.id, telegram_id)
    if staff is None:
        raise NotAllowed("not_staff")
    return staff


def require_open(business: Business) -> None:
    """Refuse what reaches customers (scans, invitations, join links) for a business that is
    suspended or still waits for an operator's approval."""
    if business.suspended_at is not None:
        raise NotAllowed("business_suspended")
    if business.awaiting_approval_since is not None:
        raise NotAllowed("business_awaiting_approval")


async def active_memberships(uow: UnitOfWork, telegram_id: int) -> list[Staff]:
    """The staff rows of this person in businesses that are not suspended."""
    memberships = []
    for staff in await uow.staff.of_user(telegram_id):
        business = await uow.businesses.get(staff.business_id)
        if business is not None and business.suspended_at is None:
            memberships.append(staff)
    return memberships


async def require_owner(uow: UnitOfWork, business_id: int, telegram_id: int) -> Staff:
    staff = await require_staff(uow, business_id, telegram_id)
    if staff.role is not Role.OWNER:
        raise NotAllowed("not_owner")
    return staff


async def business_of(uow: UnitOfWork, business_id: int) -> Business:
    business = await uow.businesses.get(business_id)
    if business is None:
        raise NotFound("business_not_found")
    return business


async def program_of(uow: UnitOfWork, business_id: int, program_id: int) -> Program:
    """An active program of this business; another business's program is as good as unknown."""
    program = await uow.programs.get(program_id)
    if program is None or program.business_id != business_id:
        raise NotFound("program_not_found")
    if not program.active:
        raise NotAllowed("program_inactive")
    return program
