"""Property: whatever the order of referral joins, visits and retries (some at the same time),
each friend is referred once per business and each pair is rewarded at most once, never
without the friend's visit, and never past the referrer's monthly cap."""

from __future__ import annotations

import asyncio
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from domain.approvals import join_program
from domain.commands import (
    CreateProgram,
    JoinProgram,
    RegisterBusiness,
    RegisterCustomer,
    ScanCustomer,
)
from domain.errors import DomainError
from domain.growth.commands import JoinByReferral, SetReferralTerms
from domain.growth.referrals import invite_links, join_by_referral, set_referral_terms
from domain.people import register_business, register_customer
from domain.programs import create_program
from domain.scanning import scan_customer
from domain.tokens import TokenSigner
from storage.engine import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.uow import uow_factory

BACKENDS = ("sqlite",)
OWNER, REFERRERS, FRIENDS = 1, (10, 11), (20, 21, 22)
BONUS = 5
SIGNER = TokenSigner("property-test-secret-0123456789")

# Friends join more often than referrers try to (which is refused), so pairs do form.
joiners = st.sampled_from(FRIENDS + FRIENDS + REFERRERS)
join = st.tuples(st.just("join"), joiners, st.sampled_from(REFERRERS))
visit = st.tuples(st.just("visit"), st.sampled_from(FRIENDS + REFERRERS), st.integers(0, 3))
# Batches of steps; the steps of one batch run at the same time.
plans = st.lists(st.lists(st.one_of(join, visit), min_size=1, max_size=3), max_size=10)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("referrals") / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


class Place:
    """A fresh database with a business whose program pays a referral bonus."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self.new_uow = uow_factory(make_session_factory(self.engine), lambda: datetime.now(UTC))
        self.codes: dict[int, str] = {}
        self.manual: dict[int, str] = {}

    async def open(self, cap: int | None) -> None:
        for person in (OWNER, *REFERRERS, *FRIENDS):
            made = await register_customer(self.new_uow(), RegisterCustomer(person, person, "P"))
            self.manual[person] = made.manual_code
        business = await register_business(self.new_uow(), RegisterBusiness(OWNER, "Cafe"))
        self.business_id = business.id
        program = await create_program(
            self.new_uow(), CreateProgram(business.id, OWNER, "Club", points_per_scan=1)
        )
        await set_referral_terms(
            self.new_uow(), SetReferralTerms(program.id, OWNER, bonus=BONUS, monthly_cap=cap)
        )
        for referrer in REFERRERS:
            await join_program(self.new_uow(), JoinProgram(referrer, program.join_code))
            (link,) = await invite_links(self.new_uow(), referrer)
            self.codes[referrer] = link.code

    async def step(self, action: str, person: int, other: int) -> None:
        try:
            if action == "join":
                await join_by_referral(self.new_uow(), JoinByReferral(person, self.codes[other]))
            else:  # a scan; the same key again is a retried update
                cmd = ScanCustomer(
                    self.business_id, OWNER, f"{person}-{other}",
                    manual_code=self.manual[person], cooldown=timedelta(0),
                )  # fmt: skip
                await scan_customer(self.new_uow(), cmd, SIGNER)
        except DomainError:
            pass  # refused: each refusal changes nothing, which the checks below see

    async def rows(self, sql: str) -> list[tuple]:
        async with self.engine.connect() as conn:
            return [tuple(r) for r in await conn.execute(text(sql))]


@settings(
    max_examples=40, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)  # fmt: skip
@given(plans, st.sampled_from([None, 1, 2]))
async def test_each_pair_is_rewarded_at_most_once_and_only_after_a_visit(
    template, tmp_path_factory, plan, cap
):
    path = tmp_path_factory.mktemp("example") / "db.sqlite"
    shutil.copy(template, path)
    place = Place(f"sqlite:///{path}")
    try:
        await place.open(cap)
        for batch in plan:
            await asyncio.gather(*(place.step(*step) for step in batch))
        await check(place, cap)
    finally:
        await place.engine.dispose()


async def check(place: Place, cap: int | None) -> None:
    referrals = await place.rows(
        "SELECT r.id, f.telegram_id, p.telegram_id, r.outcome FROM referrals r"
        " JOIN customers f ON f.id = r.referee_id JOIN customers p ON p.id = r.referrer_id"
    )
    friends = [friend for _, friend, _, _ in referrals]
    assert len(friends) == len(set(friends))  # referred once per business
    assert all(
        friend not in REFERRERS and friend != referrer for _, friend, referrer, _ in referrals
    )
    bonuses = await place.rows(
        "SELECT t.idempotency_key, u.telegram_id, t.delta FROM point_transactions t"
        " JOIN loyalty_cards c ON c.id = t.card_id JOIN customers u ON u.id = c.customer_id"
        " WHERE t.reason = 'referral'"
    )
    visited = {
        row[0]
        for row in await place.rows(
            "SELECT DISTINCT u.telegram_id FROM point_transactions t JOIN loyalty_cards c"
            " ON c.id = t.card_id JOIN customers u ON u.id = c.customer_id"
            " WHERE t.reason = 'scan'"
        )
    }
    by_referral = {
        rid: (friend, referrer, outcome) for rid, friend, referrer, outcome in referrals
    }
    paid: dict[tuple[int, str], int] = {}
    for key, holder, delta in bonuses:
        _, rid, side = key.split(":")
        friend, referrer, outcome = by_referral[int(rid)]
        assert friend in visited  # never a bonus without the friend's visit
        assert holder == (friend if side == "friend" else referrer) and delta == BONUS
        assert outcome == "rewarded" or (outcome == "capped" and side == "friend")
        paid[(int(rid), side)] = paid.get((int(rid), side), 0) + 1
    assert all(times == 1 for times in paid.values())  # each side of a pair at most once
    for rid, (friend, _, outcome) in by_referral.items():
        assert (outcome is not None) == (friend in visited)  # settled by the first visit
        if outcome is not None:
            assert paid.get((rid, "friend")) == 1
    if cap is not None:
        for referrer in REFERRERS:
            rewarded = [k for k, holder, _ in bonuses if holder == referrer]
            assert len(rewarded) <= cap
    assert (
        await place.rows(
            "SELECT c.id FROM loyalty_cards c LEFT JOIN point_transactions t ON t.card_id = c.id"
            " GROUP BY c.id, c.balance HAVING c.balance != coalesce(sum(t.delta), 0)"
        )
        == []
    )
