"""Promo codes: batches of single-use codes or one shared code, each worth points until it
expires, entered as `/promo CODE` or opened as a deep link.

A code carries 48 random bits (`domain.growth.codes`). Wrong guesses are stored per person and
refused past a limit, whichever worker takes them. A use is counted by one guarded UPDATE and
stored as a redemption unique per code, customer and use number, and its points are one ledger
entry keyed on that redemption: two people sending the last use in the same second get it once.

A code of a business where the customer has no card enrolls them in the code's program (they
asked for it by entering the code), unless that program or business is closed.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.access import business_of, require_open, require_owner
from domain.enrollment import activate
from domain.errors import DomainError, NotAllowed, NotFound
from domain.growth.codes import PROMO_LENGTH, new_code, normalize
from domain.growth.commands import CreatePromoBatch, CreateSharedPromo, RedeemPromo
from domain.growth.models import PromoCode, PromoRedemption
from domain.ledger import post_entry
from domain.models import Business, Card, EntryKind, LedgerReason, Program
from domain.ports import UnitOfWork
from domain.rules import MAX_AMOUNT, validate_amount

MAX_BATCH = 500
MAX_DAYS = 366
MAX_SHARED_USES = 100_000
MAX_PER_CUSTOMER = 100
WRONG_GUESSES = 5  # wrong codes a person may send ...
GUESS_WINDOW = timedelta(minutes=15)  # ... within this long, then must wait


@dataclass(frozen=True)
class PromoBatch:
    business: Business
    program: Program
    codes: list[PromoCode]


@dataclass(frozen=True)
class Redeemed:
    business: str
    program: Program
    card: Card
    points: int
    enrolled: bool  # the code made the customer a card


async def create_promo_batch(uow: UnitOfWork, cmd: CreatePromoBatch) -> PromoBatch:
    """The owner makes single-use codes for the default program (one transaction)."""
    count = validate_amount(cmd.count, MAX_BATCH)
    batch = secrets.token_hex(6)
    async with uow:
        business, program, points, expires_at = await _owner_terms(uow, cmd)
        codes = [
            PromoCode(
                business.id, program.id, new_code(PROMO_LENGTH), points, expires_at, 1, 1,
                cmd.owner_telegram_id, uow.now(), batch=batch,
            )
            for _ in range(count)
        ]  # fmt: skip
        stored = await uow.promos.add_many(codes)
        await uow.commit()
        return PromoBatch(business, program, stored)


async def create_shared_promo(uow: UnitOfWork, cmd: CreateSharedPromo) -> PromoBatch:
    """The owner makes one code with a total and a per-customer limit."""
    total = validate_amount(cmd.total, MAX_SHARED_USES)
    per_customer = validate_amount(cmd.per_customer, MAX_PER_CUSTOMER)
    if per_customer > total:
        raise DomainError("promo_per_customer_over_total")
    async with uow:
        business, program, points, expires_at = await _owner_terms(uow, cmd)
        code = PromoCode(
            business.id, program.id, new_code(PROMO_LENGTH), points, expires_at, total,
            per_customer, cmd.owner_telegram_id, uow.now(),
        )  # fmt: skip
        stored = await uow.promos.add_many([code])
        await uow.commit()
        return PromoBatch(business, program, stored)


async def _owner_terms(
    uow: UnitOfWork, cmd: CreatePromoBatch | CreateSharedPromo
) -> tuple[Business, Program, int, datetime]:
    points = validate_amount(cmd.points, MAX_AMOUNT)
    days = validate_amount(cmd.days, MAX_DAYS)
    await require_owner(uow, cmd.business_id, cmd.owner_telegram_id)
    business = await business_of(uow, cmd.business_id)
    require_open(business)
    program = await uow.programs.get(business.default_program_id or 0)
    if program is None or not program.active:
        raise NotAllowed("no_default_program")
    return business, program, points, uow.now() + timedelta(days=days)


async def redeem_promo(uow: UnitOfWork, cmd: RedeemPromo) -> Redeemed:
    """Credit a promo code's points to the customer's card in its program, once per use."""
    async with uow:
        await _not_guessing(uow, cmd.telegram_id)
        code = normalize(cmd.code)
        promo = await uow.promos.by_code(code) if code else None
        if promo is None:
            # Kept although the use case fails: the next guess must see this one.
            await uow.promos.note_wrong_guess(cmd.telegram_id, uow.now())
            await uow.commit()
            raise NotFound("promo_unknown")
        if promo.expired_at(uow.now()):
            raise NotAllowed("promo_expired")
        business = await business_of(uow, promo.business_id)
        require_open(business)
        program = await uow.programs.get(promo.program_id)
        if program is None or not program.active:
            raise NotAllowed("program_inactive")
        customer = await uow.customers.by_telegram(cmd.telegram_id)
        if customer is None:
            raise NotFound("customer_not_found")
        # The guarded UPDATE first: it locks the code's row until commit, so the count and the
        # enrolment below run one redemption of this code at a time.
        if not await uow.promos.take(promo.id, uow.now()):
            raise NotAllowed("promo_used_up")
        used = await uow.promos.uses_by(promo.id, customer.id)
        if used >= promo.per_customer:
            raise NotAllowed("promo_already_used")
        card = await uow.cards.of(customer.id, program.id)
        enrolled = card is None or card.left_at is not None
        if card is None or enrolled:
            card = await activate(uow, program, customer, invited_by=None)
        key = f"promo:{promo.id}:{customer.id}:{used + 1}"
        await uow.promos.add_redemption(
            PromoRedemption(promo.id, customer.id, card.id, used + 1, key, uow.now())
        )
        posted = await post_entry(
            uow, card, promo.points, EntryKind.AWARD, key, LedgerReason.PROMO
        )
        await uow.business_customers.touch(business.id, customer.id, uow.now(), visit=False)
        await uow.commit()
        return Redeemed(business.name, program, posted.card, promo.points, enrolled)


async def _not_guessing(uow: UnitOfWork, telegram_id: int) -> None:
    wrong = await uow.promos.wrong_guesses_since(telegram_id, uow.now() - GUESS_WINDOW)
    if wrong >= WRONG_GUESSES:
        raise NotAllowed("promo_too_many_tries", minutes=int(GUESS_WINDOW.total_seconds() // 60))
