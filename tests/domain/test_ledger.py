"""The ledger: points move only through it, once per key, and never below zero."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.approvals import answer_request, join_program, request_deduction
from domain.commands import (
    AnswerRequest,
    AwardPoints,
    JoinProgram,
    RequestDeduction,
    SetTimeZone,
)
from domain.errors import DomainError, InsufficientBalance, InvalidAmount, NotAllowed, NotFound
from domain.ledger import award_points, undo_award
from domain.models import RequestKind
from domain.people import set_time_zone
from tests.domain.conftest import ANN, OWNER, STRANGER, build_world, undo_here


async def ann_card(world):
    return await join_program(world.uow, JoinProgram(ANN, world.program.join_code))


async def test_an_award_with_a_known_key_moves_points_once(world):
    card = await ann_card(world)
    cmd = AwardPoints(world.business.id, OWNER, card.id, 5, "button-42")
    first = await award_points(world.uow, cmd)
    again = await award_points(world.uow, cmd)
    assert (first.duplicate, again.duplicate, again.card.balance) == (False, True, 5)


async def test_undoing_an_award_twice_reverses_it_once(world):
    card = await ann_card(world)
    posted = await award_points(world.uow, AwardPoints(world.business.id, OWNER, card.id, 5, "k"))
    cmd = await undo_here(world.uow, world.business.id, OWNER, posted.entry.id)
    assert (await undo_award(world.uow, cmd)).card.balance == 0
    assert (await undo_award(world.uow, cmd)).duplicate
    assert sum(e.delta for e in world.uow.all("ledger")) == 0


@pytest.mark.parametrize(
    ("amount", "key"),
    [
        (0, "amount_not_positive"),
        (-5, "amount_not_positive"),
        (101, "amount_too_large"),
        (10**12, "amount_too_large"),
        (2.5, "amount_not_integer"),
        ("7", "amount_not_integer"),
        (True, "amount_not_integer"),
    ],
)
async def test_bad_amounts_are_refused_with_a_clear_key_and_nothing_written(world, amount, key):
    card = await ann_card(world)
    commits = world.uow.commits
    with pytest.raises(InvalidAmount) as refused:
        await award_points(world.uow, AwardPoints(world.business.id, OWNER, card.id, amount, "x"))
    assert refused.value.key == key and world.uow.commits == commits
    assert world.uow.all("ledger") == []


async def test_a_non_staff_user_cannot_award(world):
    card = await ann_card(world)
    with pytest.raises(NotAllowed) as refused:
        await award_points(world.uow, AwardPoints(world.business.id, STRANGER, card.id, 5, "x"))
    assert refused.value.key == "not_staff" and world.uow.all("ledger") == []


async def test_an_unknown_card_is_refused(world):
    with pytest.raises(NotFound) as refused:
        await award_points(world.uow, AwardPoints(world.business.id, OWNER, 999, 5, "x"))
    assert refused.value.key == "card_not_found"


async def test_a_manual_award_above_the_daily_cap_is_refused(world):
    world = await build_world(daily_cap=20)
    card = await ann_card(world)
    await award_points(world.uow, AwardPoints(world.business.id, OWNER, card.id, 15, "a"))
    with pytest.raises(DomainError) as refused:
        await award_points(world.uow, AwardPoints(world.business.id, OWNER, card.id, 6, "b"))
    assert refused.value.key == "daily_cap_reached" and refused.value.params["room"] == 5


operations = st.lists(
    st.tuples(
        st.sampled_from(["award", "deduct", "redeem", "undo"]),
        st.integers(min_value=1, max_value=60),
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations)
async def test_the_balance_always_equals_the_ledger_sum_and_never_goes_negative(ops):
    world = await build_world(max_per_scan=100)
    card = await ann_card(world)
    awards = []
    for step, (op, amount) in enumerate(ops):
        try:
            await _apply(world, card, op, amount, step, awards)
        except (InsufficientBalance, NotFound):
            pass
        balance = world.uow.committed.table("cards")[card.id].balance
        assert balance == sum(e.delta for e in world.uow.all("ledger")) >= 0


async def _apply(world, card, op, amount, step, awards):
    bid = world.business.id
    if op == "award":
        posted = await award_points(
            world.uow, AwardPoints(bid, OWNER, card.id, amount, f"a{step}")
        )
        awards.append(posted.entry.id)
    elif op == "undo":
        entry_id = awards[amount % len(awards)] if awards else 10**6
        await undo_award(world.uow, await undo_here(world.uow, bid, OWNER, entry_id))
    else:
        kind = RequestKind.REDEMPTION if op == "redeem" else RequestKind.DEDUCTION
        request = await request_deduction(
            world.uow, RequestDeduction(bid, OWNER, card.id, kind=kind, amount=amount)
        )
        await answer_request(world.uow, AnswerRequest(request.id, ANN, approve=True))


async def test_undoing_yesterdays_award_does_not_raise_todays_cap(world):
    world = await build_world(daily_cap=20)
    card = await ann_card(world)
    yesterday = await award_points(
        world.uow, AwardPoints(world.business.id, OWNER, card.id, 15, "y")
    )
    world.clock.advance(days=1)
    await undo_award(
        world.uow, await undo_here(world.uow, world.business.id, OWNER, yesterday.entry.id, days=2)
    )
    await award_points(world.uow, AwardPoints(world.business.id, OWNER, card.id, 20, "t"))
    with pytest.raises(DomainError) as refused:
        await award_points(world.uow, AwardPoints(world.business.id, OWNER, card.id, 1, "t2"))
    assert refused.value.key == "daily_cap_reached"


async def test_the_daily_cap_follows_the_businesss_day_in_its_time_zone():
    world = await build_world(daily_cap=10)
    await set_time_zone(world.uow, SetTimeZone(world.business.id, OWNER, "asia/almaty"))
    card = await ann_card(world)
    world.clock.moment = world.clock.moment.replace(hour=18, minute=30)  # 23:30 in Almaty
    await award_points(world.uow, AwardPoints(world.business.id, OWNER, card.id, 10, "late"))
    with pytest.raises(DomainError):
        await award_points(world.uow, AwardPoints(world.business.id, OWNER, card.id, 1, "x"))
    world.clock.advance(hours=1)  # 00:30 in Almaty, still the same day in UTC
    posted = await award_points(world.uow, AwardPoints(world.business.id, OWNER, card.id, 5, "y"))
    assert posted.card.balance == 15


async def test_a_time_zone_is_checked_and_only_the_owner_sets_it(world):
    with pytest.raises(DomainError) as refused:
        await set_time_zone(world.uow, SetTimeZone(world.business.id, OWNER, "Mars/Base"))
    assert refused.value.key == "bad_time_zone"
    with pytest.raises(NotAllowed):
        await set_time_zone(world.uow, SetTimeZone(world.business.id, STRANGER, "Europe/Madrid"))
    business = await set_time_zone(
        world.uow, SetTimeZone(world.business.id, OWNER, "europe/madrid")
    )
    assert business.time_zone == "Europe/Madrid"
