"""Staff safety: single-use staff invitations, joining with consent, per-day award limits.

An invitation link is a one-person pass: it opens one staff seat, once, until it expires or the
owner revokes it. A forwarded or leaked link is worthless once the intended person has joined.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.access import business_of, require_owner
from domain.commands import InviteStaff, JoinStaff, RevokeStaffInvitation, SetAwardLimit
from domain.errors import DomainError, NotAllowed, NotFound
from domain.events import StaffMemberJoined
from domain.models import Business, Role, Staff, StaffInvitation
from domain.ports import UnitOfWork
from domain.rules import new_invite_code, start_of_day, validate_amount


@dataclass(frozen=True)
class StaffJoined:
    business: Business
    staff: Staff
    already: bool


@dataclass(frozen=True)
class InvitationPreview:
    """What the person opening a link is asked to confirm."""

    business: Business
    invitation: StaffInvitation
    already: bool  # they work there already: nothing to confirm


async def invite_staff(uow: UnitOfWork, cmd: InviteStaff) -> StaffInvitation:
    """The owner makes a new invitation link, good for one person until it expires."""
    async with uow:
        await require_owner(uow, cmd.business_id, cmd.owner_telegram_id)
        invitation = await uow.staff_invitations.add(
            StaffInvitation(
                business_id=cmd.business_id, code=new_invite_code(),
                created_by=cmd.owner_telegram_id, created_at=uow.now(),
                expires_at=uow.now() + cmd.ttl,
            )
        )  # fmt: skip
        await uow.commit()
        return invitation


async def revoke_staff_invitation(uow: UnitOfWork, cmd: RevokeStaffInvitation) -> None:
    async with uow:
        await require_owner(uow, cmd.business_id, cmd.owner_telegram_id)
        invitation = await uow.staff_invitations.get(cmd.invitation_id)
        if invitation is None or invitation.business_id != cmd.business_id:
            raise NotFound("invite_not_found")
        if not await uow.staff_invitations.revoke(invitation.id, uow.now()):
            raise NotAllowed("invite_closed")
        await uow.commit()


async def preview_staff_invitation(
    uow: UnitOfWork, code: str, telegram_id: int
) -> InvitationPreview:
    """The business behind an open link, before the person confirms; nothing is written."""
    async with uow:
        invitation, business = await _open_invitation(uow, code, telegram_id)
        already = await uow.staff.get(business.id, telegram_id) is not None
        return InvitationPreview(business, invitation, already)


async def join_staff(uow: UnitOfWork, cmd: JoinStaff) -> StaffJoined:
    """The person confirmed: join with the link, using it up; joining twice changes nothing."""
    async with uow:
        invitation, business = await _open_invitation(uow, cmd.invite_code, cmd.telegram_id)
        existing = await uow.staff.get(business.id, cmd.telegram_id)
        if existing is not None:  # the link stays open for the person it was meant for
            return StaffJoined(business, existing, already=True)
        if not await uow.staff_invitations.use(invitation.id, cmd.telegram_id, uow.now()):
            raise NotAllowed("invite_closed")  # someone else took it a moment ago
        staff = await uow.staff.add(
            Staff(business.id, cmd.telegram_id, Role.STAFF, added_at=uow.now())
        )
        user = await uow.users.get(cmd.telegram_id)
        name = user.display_name if user else str(cmd.telegram_id)
        uow.record(StaffMemberJoined(business.owner_telegram_id, name, business.name))
        await uow.commit()
        return StaffJoined(business, staff, already=False)


async def _open_invitation(
    uow: UnitOfWork, code: str, telegram_id: int
) -> tuple[StaffInvitation, Business]:
    invitation = await uow.staff_invitations.by_code(code)
    if invitation is None:
        raise NotFound("invite_not_found")
    business = await business_of(uow, invitation.business_id)
    if business.suspended_at is not None:
        raise NotAllowed("business_suspended")
    already = await uow.staff.get(business.id, telegram_id) is not None
    if not already and not invitation.open_at(uow.now()):
        raise NotAllowed("invite_closed")
    return invitation, business


async def set_award_limit(uow: UnitOfWork, cmd: SetAwardLimit) -> Staff:
    """The owner caps how many points a staff member may award by hand a day (None: no cap)."""
    limit = None if cmd.limit is None else validate_amount(cmd.limit)
    async with uow:
        await require_owner(uow, cmd.business_id, cmd.owner_telegram_id)
        target = await uow.staff.get(cmd.business_id, cmd.telegram_id)
        if target is None:
            raise NotFound("staff_not_found")
        if target.role is Role.OWNER:
            raise NotAllowed("limit_not_for_owner")
        await uow.staff.set_award_limit(cmd.business_id, cmd.telegram_id, limit)
        await uow.commit()
        target.daily_award_limit = limit
        return target


async def check_award_limit(
    uow: UnitOfWork, business: Business, staff_telegram_id: int, amount: int
) -> None:
    """Inside a use case: refuse a manual award past the staff member's limit for today."""
    staff = await uow.staff.get(business.id, staff_telegram_id)
    if staff is None or staff.daily_award_limit is None:
        return
    since = start_of_day(uow.now(), business.time_zone)
    used = await uow.ledger.manual_awarded_by(business.id, staff_telegram_id, since)
    if used + amount > staff.daily_award_limit:
        room = max(staff.daily_award_limit - used, 0)
        raise DomainError("staff_limit_reached", limit=staff.daily_award_limit, room=room)
