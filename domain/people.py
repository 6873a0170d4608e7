"""Use cases for people: customers, businesses and their staff, and the customer's QR token."""

from __future__ import annotations

from dataclasses import dataclass

from domain.access import business_of, require_owner
from domain.commands import (
    IssueToken,
    RegisterBusiness,
    RegisterCustomer,
    RemoveStaff,
    RenewQr,
    SetBotBlocked,
    SetTimeZone,
)
from domain.conversations import forget_business
from domain.errors import NotAllowed, NotFound
from domain.events import BusinessAwaitingApproval
from domain.models import Business, Customer, Role, Staff, TelegramUser
from domain.ports import UnitOfWork
from domain.rules import new_invite_code, new_manual_code, valid_time_zone, validate_name
from domain.tokens import TokenSigner, new_public_id


async def register_customer(uow: UnitOfWork, cmd: RegisterCustomer) -> Customer:
    """Record the person and give them a customer profile; the same person twice is one customer.

    Writing again also lifts a 'blocked' mark: a user who talks to the bot has unblocked it.
    """
    async with uow:
        known = await uow.users.get(cmd.telegram_id)
        # Someone who asked to be forgotten keeps chatting, but their names are not stored again.
        keep = known is None or known.forgotten_at is None
        user = await uow.users.upsert(
            TelegramUser(
                telegram_id=cmd.telegram_id,
                chat_id=cmd.chat_id,
                first_name=cmd.first_name[:64] if keep else "",
                last_name=cmd.last_name[:64] if keep else "",
                username=cmd.username[:64] if keep else "",
                language=cmd.language[:8],
            )
        )
        customer = await uow.customers.by_telegram(cmd.telegram_id)
        if customer is None:
            customer = await uow.customers.add(
                Customer(
                    telegram_id=cmd.telegram_id,
                    public_id=new_public_id(),
                    manual_code=await _unused_manual_code(uow),
                    display_name=user.display_name,
                    created_at=uow.now(),
                )
            )
        elif keep and customer.display_name != user.display_name:
            customer.display_name = user.display_name
            await uow.customers.update(customer)
        await uow.commit()
        return customer


async def set_bot_blocked(uow: UnitOfWork, cmd: SetBotBlocked) -> None:
    """Mark (or clear) that the user blocked the bot: messages to them wait while it lasts.

    Telegram tells every bot this itself, so the mark no longer depends on a send being refused
    first, nor the unblocking on the user writing (one can unblock a bot without a word).
    """
    async with uow:
        await uow.users.set_blocked(cmd.telegram_id, uow.now() if cmd.blocked else None)
        await uow.commit()


async def register_business(uow: UnitOfWork, cmd: RegisterBusiness) -> Business:
    name = validate_name(cmd.name, "business")
    async with uow:
        business = await uow.businesses.add(
            Business(
                name=name,
                owner_telegram_id=cmd.owner_telegram_id,
                staff_invite_code=new_invite_code(),
                created_at=uow.now(),
                awaiting_approval_since=uow.now() if cmd.operators else None,
            )
        )
        await uow.staff.add(
            Staff(business.id, cmd.owner_telegram_id, Role.OWNER, added_at=uow.now())
        )
        if cmd.operators:
            owner = await uow.users.get(cmd.owner_telegram_id)
            name = owner.display_name if owner else str(cmd.owner_telegram_id)
            uow.record(BusinessAwaitingApproval(cmd.operators, business.id, business.name, name))
        await uow.commit()
        return business


async def remove_staff(uow: UnitOfWork, cmd: RemoveStaff) -> None:
    async with uow:
        await require_owner(uow, cmd.business_id, cmd.by_telegram_id)
        target = await uow.staff.get(cmd.business_id, cmd.telegram_id)
        if target is None:
            raise NotFound("staff_not_found")
        if target.role is Role.OWNER:
            raise NotAllowed("cannot_remove_owner")
        await uow.staff.remove(cmd.business_id, cmd.telegram_id)
        await forget_business(uow, cmd.telegram_id, cmd.business_id)
        await uow.commit()


@dataclass(frozen=True)
class IssuedToken:
    customer: Customer
    token: str


async def issue_customer_token(
    uow: UnitOfWork, cmd: IssueToken, signer: TokenSigner
) -> IssuedToken:
    async with uow:
        customer = await _customer(uow, cmd.telegram_id)
        expires_at = uow.now() + cmd.ttl if cmd.ttl else None
        token = signer.sign(customer.public_id, customer.qr_key_version, expires_at)
        if expires_at is not None:
            # The manual code printed under the QR lapses with it (until the QR is shown again).
            customer.manual_code_expires_at = expires_at
            await uow.customers.update(customer)
            await uow.commit()
        return IssuedToken(customer, token)


async def renew_customer_qr(uow: UnitOfWork, cmd: RenewQr) -> Customer:
    """Revoke every earlier code of the customer: a new key version and a new manual code."""
    async with uow:
        customer = await _customer(uow, cmd.telegram_id)
        customer.qr_key_version += 1
        customer.manual_code = await _unused_manual_code(uow)
        await uow.customers.update(customer)
        await uow.commit()
        return customer


async def _customer(uow: UnitOfWork, telegram_id: int) -> Customer:
    customer = await uow.customers.by_telegram(telegram_id)
    if customer is None:
        raise NotFound("customer_not_found")
    return customer


async def _unused_manual_code(uow: UnitOfWork) -> str:
    while True:
        code = new_manual_code()
        if await uow.customers.by_manual_code(code) is None:
            return code


async def set_time_zone(uow: UnitOfWork, cmd: SetTimeZone) -> Business:
    """The business's time zone (an IANA name such as Europe/Madrid), checked against tzdata."""
    zone = valid_time_zone(cmd.time_zone)
    async with uow:
        await require_owner(uow, cmd.business_id, cmd.owner_telegram_id)
        business = await business_of(uow, cmd.business_id)
        business.time_zone = zone
        await uow.businesses.update(business)
        await uow.commit()
        return business
