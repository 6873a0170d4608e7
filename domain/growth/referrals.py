"""Referrals: a customer's "invite a friend" link, and the bonus both get on the friend's first
real visit (a scan that awards points, never the join itself).

Closed: opening your own link, being referred twice in one business (or at all once you are
its customer), a bonus without a visit, and more rewarded referrals a month than the owner's
cap for one referrer. Each side's bonus is one ledger entry keyed on the referral, and the
referral is settled by one guarded update, so retries and races reward a pair at most once.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import datetime

from domain.access import require_open, require_owner
from domain.enrollment import activate
from domain.errors import NotAllowed, NotFound
from domain.events import ReferralRewarded
from domain.growth.codes import REFERRAL_LENGTH, new_code, normalize
from domain.growth.commands import JoinByReferral, SetReferralTerms
from domain.growth.models import Referral, ReferralLink, ReferralOutcome, ReferralTerms
from domain.ledger import post_entry
from domain.models import Business, Card, Customer, EntryKind, LedgerReason, Program
from domain.ports import UnitOfWork
from domain.rules import MAX_AMOUNT, start_of_day, validate_amount

MAX_MONTHLY_CAP = 1000


@dataclass(frozen=True)
class InviteLink:
    business: str
    code: str
    terms: ReferralTerms
    kind: str  # what the default program counts: points or stamps


@dataclass(frozen=True)
class Joined:
    business: str
    program: Program
    card: Card
    terms: ReferralTerms


async def set_referral_terms(uow: UnitOfWork, cmd: SetReferralTerms) -> ReferralTerms:
    """The owner turns a program's referral bonus on, off (0) or changes its monthly cap."""
    async with uow:
        program = await uow.programs.get(cmd.program_id)
        if program is None:
            raise NotFound("program_not_found")
        await require_owner(uow, program.business_id, cmd.owner_telegram_id)
        terms = await uow.referrals.terms(program.id)
        bonus = terms.bonus if cmd.bonus is None else _bonus(cmd.bonus)
        cap = terms.monthly_cap
        if cmd.clear_cap:
            cap = None
        elif cmd.monthly_cap is not None:
            cap = validate_amount(cmd.monthly_cap, MAX_MONTHLY_CAP)
        terms = ReferralTerms(program.id, bonus, cap)
        await uow.referrals.set_terms(terms, uow.now())
        await uow.commit()
        return terms


def _bonus(value: int) -> int:
    return 0 if value == 0 else validate_amount(value, MAX_AMOUNT)


async def invite_links(uow: UnitOfWork, telegram_id: int) -> list[InviteLink]:
    """The customer's link for each business whose default program pays a referral bonus and
    where they hold a card; a link is made the first time it is asked for, then kept."""
    async with uow:
        customer = await uow.customers.by_telegram(telegram_id)
        if customer is None:
            return []
        links: list[InviteLink] = []
        seen: set[int] = set()
        for card in await uow.cards.list_for_customer(customer.id):
            if card.left_at is not None or card.business_id in seen:
                continue
            seen.add(card.business_id)
            business = await uow.businesses.get(card.business_id)
            if business is None or business.default_program_id is None:
                continue
            if business.suspended_at is not None:
                continue
            program = await uow.programs.get(business.default_program_id)
            terms = await uow.referrals.terms(business.default_program_id)
            if program is not None and program.active and terms.on:
                link = await _link(uow, business, customer)
                links.append(InviteLink(business.name, link.code, terms, program.kind.value))
        await uow.commit()
        return links


async def _link(uow: UnitOfWork, business: Business, customer: Customer) -> ReferralLink:
    link = await uow.referrals.link_of(business.id, customer.id)
    if link is not None:
        return link
    fresh = ReferralLink(business.id, customer.id, new_code(REFERRAL_LENGTH), uow.now())
    return await uow.referrals.add_link(fresh)


async def join_by_referral(uow: UnitOfWork, cmd: JoinByReferral) -> Joined:
    """A friend opens a customer's link: they join the business's default program (their own
    consent, as with a join link) and the referral waits for their first visit."""
    async with uow:
        code = normalize(cmd.code)
        link = await uow.referrals.link_by_code(code) if code else None
        business = await uow.businesses.get(link.business_id) if link else None
        if link is None or business is None:
            raise NotFound("referral_link_unknown")
        require_open(business)
        program = await _default_program(uow, business)
        friend = await uow.customers.by_telegram(cmd.telegram_id)
        if friend is None:
            raise NotFound("customer_not_found")
        await _may_be_referred(uow, link, friend)
        card = await activate(uow, program, friend, invited_by=None)
        stored = await uow.referrals.add(
            Referral(business.id, program.id, link.customer_id, friend.id, uow.now())
        )
        if stored is None:  # referred in this business a moment ago, on another worker
            raise NotAllowed("referral_already_referred")
        terms = await uow.referrals.terms(program.id)
        await uow.commit()
        return Joined(business.name, program, card, terms)


async def _may_be_referred(uow: UnitOfWork, link: ReferralLink, friend: Customer) -> None:
    if link.customer_id == friend.id:
        raise NotAllowed("referral_own_link")
    if await uow.referrals.of_referee(link.business_id, friend.id) is not None:
        raise NotAllowed("referral_already_referred")
    if await uow.business_customers.get(link.business_id, friend.id) is not None:
        raise NotAllowed("referral_not_new")


async def _default_program(uow: UnitOfWork, business: Business) -> Program:
    program = (
        await uow.programs.get(business.default_program_id)
        if business.default_program_id
        else None
    )
    if program is None or not program.active:
        raise NotAllowed("no_default_program")
    return program


async def reward_first_visit(uow: UnitOfWork, business: Business, friend: Customer) -> None:
    """Called in the scan's transaction once it awarded points: settle the friend's referral
    at this business, if one waits, and credit the bonus to both (within the referrer's cap)."""
    referral = await uow.referrals.of_referee(business.id, friend.id)
    if referral is None or referral.settled_at is not None:
        return
    terms = await uow.referrals.terms(referral.program_id)
    program = await uow.programs.get(referral.program_id)
    if program is None or not terms.on:
        await uow.referrals.settle(referral.id, ReferralOutcome.OFF, uow.now())
        return
    # Locked first: two friends' visits at once count the referrer's month one after the other.
    referrer_card = await uow.cards.of(referral.referrer_id, program.id, lock=True)
    month = _month_start(uow, business)
    capped = terms.monthly_cap is not None and (
        await uow.referrals.rewarded_since(business.id, referral.referrer_id, month)
        >= terms.monthly_cap
    )
    outcome = ReferralOutcome.CAPPED if capped else ReferralOutcome.REWARDED
    if not await uow.referrals.settle(referral.id, outcome, uow.now()):
        return
    friend_card = await uow.cards.of(friend.id, program.id, lock=True)
    await _credit(uow, friend_card, referral, "friend", program, business, terms, None)
    if not capped:
        referrer = await uow.customers.get(referral.referrer_id)
        if referrer is not None:
            await _credit(
                uow, referrer_card, referral, "referrer", program, business, terms,
                friend.display_name,
            )  # fmt: skip


async def _credit(
    uow: UnitOfWork,
    card: Card | None,
    referral: Referral,
    side: str,
    program: Program,
    business: Business,
    terms: ReferralTerms,
    friend: str | None,
) -> None:
    if card is None or card.left_at is not None:
        return  # no card in use to credit: that side gets nothing
    key = f"referral:{referral.id}:{side}"
    posted = await post_entry(uow, card, terms.bonus, EntryKind.AWARD, key, LedgerReason.REFERRAL)
    if posted.duplicate:
        return
    holder = await uow.customers.get(card.customer_id)
    if holder is not None:
        uow.record(
            ReferralRewarded(holder, posted.card, program, business.name, terms.bonus, friend)
        )


def _month_start(uow: UnitOfWork, business: Business) -> datetime:
    """Midnight that began this month, in the business's time zone."""
    now = uow.now()
    first = now.astimezone(zoneinfo.ZoneInfo(business.time_zone)).replace(day=1)
    return start_of_day(first.astimezone(now.tzinfo), business.time_zone)
