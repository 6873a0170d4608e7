"""Tiers: levels on points earned (never the balance), the multiplier, the owner's edits."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.approvals import answer_request, join_program, request_deduction
from domain.commands import AnswerRequest, AwardPoints, JoinProgram, RequestDeduction
from domain.errors import DomainError, InsufficientBalance, NotAllowed, NotFound
from domain.ledger import award_points, undo_award
from domain.models import EntryKind, RequestKind
from domain.tier_settings import (
    RemoveTier,
    SetTier,
    SetTierWindow,
    remove_tier,
    set_tier,
    set_tier_window,
)
from domain.tiering import requalify_tiers
from domain.tiers import (
    Tier,
    multiplied,
    parse_percent,
    tier_for,
    validate_tiers,
    validate_window,
    window_start,
)
from tests.domain.conftest import ANN, OWNER, STAFF_ID, build_world, undo_here

SILVER, GOLD = Tier(1, "Silver", 500, 125, 1), Tier(1, "Gold", 2000, 150, 2)


def test_the_tier_is_the_highest_threshold_reached():
    tiers = [SILVER, GOLD]
    assert [tier_for(n, tiers) for n in (0, 499, 500, 1999, 2000, 10**6)] == [
        None, None, SILVER, SILVER, GOLD, GOLD,
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("points", "percent", "expected"),
    [
        (10, 125, 13),
        (10, 150, 15),
        (1, 125, 1),
        (1, 150, 2),
        (3, 125, 4),
        (7, 100, 7),
        (2, 500, 10),
    ],
)
def test_a_multiplier_rounds_half_up_to_whole_points(points, percent, expected):
    assert multiplied(points, Tier(1, "T", 1, percent)) == expected


@given(st.integers(1, 10**6), st.integers(100, 500))
def test_a_multiplier_never_gives_less_than_the_scan_and_never_more_than_its_product(points, pct):
    got = multiplied(points, Tier(1, "T", 1, pct))
    assert points <= got and abs(got * 100 - points * pct) <= 50


@pytest.mark.parametrize(
    ("text", "percent"), [("1.25", 125), ("1,5", 150), ("x2", 200), ("×5", 500), ("1", 100)]
)
def test_multipliers_are_read_as_whole_percents(text, percent):
    assert parse_percent(text) == percent


@pytest.mark.parametrize("text", ["0", "7", "0.5", "5.01", "1.255", "abc", "nan", "inf", ""])
def test_a_multiplier_outside_one_to_five_or_finer_than_a_hundredth_is_refused(text):
    with pytest.raises(DomainError) as refused:
        parse_percent(text)
    assert refused.value.key == "tier_bad_multiplier"


@pytest.mark.parametrize(
    ("tiers", "key"),
    [
        ([SILVER, Tier(1, "Gold", 500, 150)], "tier_threshold_twice"),
        ([SILVER, Tier(1, "silver", 900, 150)], "tier_name_twice"),
        ([SILVER, Tier(1, "Gold", 2000, 110)], "tier_multiplier_falls"),
        ([Tier(1, "Zero", 0, 110)], "tier_bad_threshold"),
        ([Tier(1, "Huge", 10**7, 110)], "tier_bad_threshold"),
        ([Tier(1, "   ", 10, 110)], "tier_name_empty"),
        ([Tier(1, "N" * 65, 10, 110)], "tier_name_too_long"),
        ([Tier(1, "Seven", 10, 700)], "tier_bad_multiplier"),
        ([Tier(1, "Nought", 10, 0)], "tier_bad_multiplier"),
        ([Tier(1, f"T{i}", i + 1, 100) for i in range(11)], "tier_too_many"),
    ],
)
def test_tier_lists_that_break_a_rule_are_refused_with_a_clear_key(tiers, key):
    with pytest.raises(DomainError) as refused:
        validate_tiers(tiers)
    assert refused.value.key == key


def test_a_valid_tier_list_comes_back_in_threshold_order():
    assert [t.name for t in validate_tiers([GOLD, SILVER])] == ["Silver", "Gold"]


@pytest.mark.parametrize("months", [0, 121, -1, True])
def test_a_window_outside_one_to_120_months_is_refused(months):
    with pytest.raises(DomainError) as refused:
        validate_window(months)
    assert refused.value.key == "tier_bad_window"


def test_a_window_starts_calendar_months_back_clamping_the_day():
    now = datetime(2026, 3, 31, 12, 0, tzinfo=UTC)
    assert window_start(now, 1) == datetime(2026, 2, 28, 12, 0, tzinfo=UTC)
    assert window_start(now, 12) == datetime(2025, 3, 31, 12, 0, tzinfo=UTC)
    assert window_start(now, 3) == datetime(2025, 12, 31, 12, 0, tzinfo=UTC)


async def tiered_world(*tiers: tuple[str, int, str], window: int | None = None, **fields):
    world = await build_world(max_per_scan=100, **fields)
    for name, threshold, multiplier in tiers:
        cmd = SetTier(world.program.id, OWNER, name, threshold, parse_percent(multiplier))
        await set_tier(world.uow, cmd)
    if window:
        await set_tier_window(world.uow, SetTierWindow(world.program.id, OWNER, window))
    card = await join_program(world.uow, JoinProgram(ANN, world.program.join_code))
    return world, card


def held(world, card):
    tier_id = world.uow.committed.table("cards")[card.id].tier_id
    return world.uow.committed.table("tiers")[tier_id].name if tier_id else None


async def test_an_award_that_reaches_a_threshold_promotes_and_says_so():
    world, card = await tiered_world(("Silver", 50, "1.25"), ("Gold", 200, "1.5"))
    await award_points(world.uow, AwardPoints(world.business.id, OWNER, card.id, 60, "a"))
    assert held(world, card) == "Silver"
    changed = [e for e in world.uow.all("notifications") if e.key == "tier_promoted"]
    assert [(n.params["tier"], n.params["bonus"]) for n in changed] == [("Silver", 25)]


async def test_undoing_the_promoting_award_demotes_at_once():
    world, card = await tiered_world(("Silver", 50, "1.25"))
    posted = await award_points(world.uow, AwardPoints(world.business.id, OWNER, card.id, 60, "a"))
    await undo_award(
        world.uow, await undo_here(world.uow, world.business.id, OWNER, posted.entry.id)
    )
    assert held(world, card) is None
    assert world.uow.all("notifications")[-1].key == "tier_lost"


async def test_spending_points_never_lowers_the_tier():
    world, card = await tiered_world(("Silver", 50, "1.25"))
    await award_points(world.uow, AwardPoints(world.business.id, OWNER, card.id, 60, "a"))
    request = await request_deduction(
        world.uow, RequestDeduction(world.business.id, OWNER, card.id, RequestKind.DEDUCTION, 60)
    )
    await answer_request(world.uow, AnswerRequest(request.id, ANN, approve=True))
    assert await requalify_tiers(world.uow) == 0
    stored = world.uow.committed.table("cards")[card.id]
    assert (stored.balance, stored.lifetime_points, held(world, card)) == (0, 60, "Silver")


async def test_the_sweep_demotes_when_points_leave_the_window_and_only_once():
    world, card = await tiered_world(("Silver", 50, "1.25"), ("Gold", 100, "1.5"), window=1)
    await award_points(world.uow, AwardPoints(world.business.id, OWNER, card.id, 60, "a"))
    world.clock.advance(days=20)
    await award_points(world.uow, AwardPoints(world.business.id, OWNER, card.id, 50, "b"))
    assert held(world, card) == "Gold"
    world.clock.advance(days=15)  # the first 60 left the month: 50 earned in the window
    assert await requalify_tiers(world.uow) == 1
    assert await requalify_tiers(world.uow) == 0
    assert held(world, card) == "Silver"
    notes = [n for n in world.uow.all("notifications") if n.key.startswith("tier_")]
    assert [(n.key, n.params["tier"], n.params["previous"]) for n in notes][-1] == (
        "tier_demoted", "Silver", "Gold",
    )  # fmt: skip


async def test_the_sweep_moves_cards_after_the_owner_removes_their_tier():
    world, card = await tiered_world(("Silver", 50, "1.25"), ("Gold", 100, "1.5"))
    for key in ("a", "b"):
        await award_points(world.uow, AwardPoints(world.business.id, OWNER, card.id, 60, key))
    await remove_tier(world.uow, RemoveTier(world.program.id, OWNER, "gold"))
    assert await requalify_tiers(world.uow) == 1
    assert held(world, card) == "Silver"
    assert world.uow.all("notifications")[-1].key == "tier_demoted"


async def test_a_refused_tier_edit_changes_nothing():
    world, _ = await tiered_world(("Silver", 500, "1.25"), ("Gold", 2000, "1.5"))
    before = (dict(world.uow.committed.table("tiers")), world.uow.commits)
    bad = [
        SetTier(world.program.id, OWNER, "Bronze", 500, 110),  # same threshold as Silver
        SetTier(world.program.id, OWNER, "Gold", 400, 150),  # Gold below Silver, ×1.5 > ×1.25
        SetTier(world.program.id, OWNER, "Platinum", 5000, 700),
        SetTier(world.program.id, OWNER, "Platinum", 5000, 0),
    ]
    for cmd in bad:
        with pytest.raises(DomainError):
            await set_tier(world.uow, cmd)
    with pytest.raises(DomainError):
        await remove_tier(world.uow, RemoveTier(world.program.id, OWNER, "Bronze"))
    with pytest.raises(DomainError):
        await set_tier_window(world.uow, SetTierWindow(world.program.id, OWNER, 0))
    assert (dict(world.uow.committed.table("tiers")), world.uow.commits) == before


async def test_only_the_owner_edits_tiers():
    world, _ = await tiered_world()
    with pytest.raises((NotAllowed, NotFound)):
        await set_tier(world.uow, SetTier(world.program.id, STAFF_ID, "Silver", 5, 125))
    assert world.uow.committed.table("tiers") == {}


operations = st.lists(
    st.tuples(
        st.sampled_from(["award", "undo", "spend", "wait"]), st.integers(min_value=1, max_value=60)
    ),
    max_size=30,
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations, st.sampled_from([None, 1, 2]))
async def test_lifetime_earned_matches_the_ledger_and_the_tier_matches_it(ops, window):
    world, card = await tiered_world(("Silver", 40, "1.25"), ("Gold", 120, "2"), window=window)
    awards: list[int] = []
    for step, (op, amount) in enumerate(ops):
        try:
            await _apply(world, card, op, amount, step, awards)
        except (InsufficientBalance, NotFound, DomainError):
            pass
        await requalify_tiers(world.uow)
        ledger = world.uow.all("ledger")
        stored = world.uow.committed.table("cards")[card.id]
        assert stored.balance == sum(e.delta for e in ledger) >= 0
        earned = sum(e.delta for e in ledger if e.kind in (EntryKind.AWARD, EntryKind.UNDO))
        assert stored.lifetime_points == earned
        since = window_start(world.clock(), window) if window else None
        in_window = _earned_since(ledger, since) if since else earned
        expected = tier_for(in_window, await _tiers(world))
        assert held(world, card) == (expected.name if expected else None)


async def _tiers(world):
    return await world.uow.tiers.of_program(world.program.id)


def _earned_since(ledger, since):
    recent = {e.id: e.delta for e in ledger if e.kind is EntryKind.AWARD and e.created_at >= since}
    undone = sum(e.delta for e in ledger if e.reverses_entry_id in recent)
    return sum(recent.values()) + undone


async def _apply(world, card, op, amount, step, awards):
    bid = world.business.id
    if op == "award":
        cmd = AwardPoints(bid, OWNER, card.id, amount, f"a{step}")
        awards.append((await award_points(world.uow, cmd)).entry.id)
    elif op == "undo" and awards:
        entry_id = awards[amount % len(awards)]
        await undo_award(world.uow, await undo_here(world.uow, bid, OWNER, entry_id, days=400))
    elif op == "spend":
        request = await request_deduction(
            world.uow, RequestDeduction(bid, OWNER, card.id, RequestKind.DEDUCTION, amount)
        )
        await answer_request(world.uow, AnswerRequest(request.id, ANN, approve=True))
    elif op == "wait":
        world.clock.advance(days=amount)


async def test_a_suspended_business_s_cards_wait_for_it_to_resume():
    world, card = await tiered_world(("Silver", 50, "1.25"), window=1)
    await award_points(world.uow, AwardPoints(world.business.id, OWNER, card.id, 60, "a"))
    world.clock.advance(days=40)
    businesses = world.uow.committed.table
    businesses("businesses")[world.business.id].suspended_at = world.clock()
    assert await requalify_tiers(world.uow) == 0
    businesses = world.uow.committed.table  # a commit replaced the committed state
    businesses("businesses")[world.business.id].suspended_at = None
    assert await requalify_tiers(world.uow) == 1
    assert held(world, card) is None
