"""Promo codes under races: two workers (each its own engine and pool, as two processes) taking
the last use of a code in the same instant give it out once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import func, select

from domain.commands import CreateProgram, RegisterBusiness, RegisterCustomer
from domain.errors import DomainError
from domain.growth.commands import CreatePromoBatch, CreateSharedPromo, RedeemPromo
from domain.growth.promos import create_promo_batch, create_shared_promo, redeem_promo
from domain.people import register_business, register_customer
from domain.programs import create_program
from storage.engine import make_engine, make_session_factory
from storage.tables import LedgerRow, PromoCodeRow, PromoRedemptionRow
from storage.uow import uow_factory

BACKENDS = ("sqlite", "postgresql")
WORKERS = 2
PEOPLE = 12
OWNER = 500


def now() -> datetime:
    return datetime.now(UTC)


async def shop(new_uow) -> int:
    await register_customer(new_uow(), RegisterCustomer(OWNER, OWNER, "Olga"))
    business = await register_business(new_uow(), RegisterBusiness(OWNER, "Cafe"))
    await create_program(new_uow(), CreateProgram(business.id, OWNER, "Club", points_per_scan=1))
    for person in range(PEOPLE):
        await register_customer(new_uow(), RegisterCustomer(600 + person, 600 + person, "P"))
    return business.id


async def race(db_url: str, attempts: list[tuple[int, str]]) -> list[str]:
    """Each attempt (person, code) on its worker, all at once: 'ok' or the refusal's key."""
    engines = [make_engine(db_url) for _ in range(WORKERS)]
    workers = [uow_factory(make_session_factory(engine), now) for engine in engines]

    async def attempt(index: int, person: int, code: str) -> str:
        try:
            await redeem_promo(workers[index % WORKERS](), RedeemPromo(person, code))
        except DomainError as refused:
            return refused.key
        return "ok"

    try:
        return await asyncio.gather(
            *(attempt(i, person, code) for i, (person, code) in enumerate(attempts))
        )
    finally:
        for engine in engines:
            await engine.dispose()


async def counts(session_factory) -> tuple[int, int, int]:
    async with session_factory() as session:
        uses = await session.scalar(select(func.sum(PromoCodeRow.uses)))
        used = await session.scalar(select(func.count()).select_from(PromoRedemptionRow))
        entries = await session.scalar(select(func.count()).select_from(LedgerRow))
    return int(uses or 0), int(used or 0), int(entries or 0)


async def test_a_single_use_code_sent_by_many_at_once_is_used_exactly_once(
    db_url, session_factory
):
    new_uow = uow_factory(session_factory, now)
    business_id = await shop(new_uow)
    made = await create_promo_batch(
        new_uow(), CreatePromoBatch(business_id, OWNER, count=1, points=9, days=1)
    )
    code = made.codes[0].code
    results = await race(db_url, [(600 + p, code) for p in range(PEOPLE)])
    assert results.count("ok") == 1
    assert set(results) == {"ok", "promo_used_up"}
    assert await counts(session_factory) == (1, 1, 1)


async def test_one_customer_sending_a_shared_code_twice_at_once_gets_it_once(
    db_url, session_factory
):
    new_uow = uow_factory(session_factory, now)
    business_id = await shop(new_uow)
    made = await create_shared_promo(
        new_uow(), CreateSharedPromo(business_id, OWNER, points=4, days=1, total=50)
    )
    code = made.codes[0].code
    results = await race(db_url, [(600, code)] * 6)
    assert results.count("ok") == 1
    assert set(results) == {"ok", "promo_already_used"}
    assert await counts(session_factory) == (1, 1, 1)
