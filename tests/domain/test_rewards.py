"""Rewards ladders: the pure readings of a balance, ladder checks, and the owner's use cases."""

from __future__ import annotations

import pytest

from domain.approvals import answer_request, join_program, request_deduction
from domain.commands import (
    AnswerRequest,
    AwardPoints,
    ChangeReward,
    JoinProgram,
    KeepStamps,
    RequestDeduction,
)
from domain.errors import DomainError, InsufficientBalance, InvalidAmount, InvalidInput, NotFound
from domain.ledger import award_points
from domain.models import ProgramKind, RequestKind, RequestOutcome, RequestStatus, Reward
from domain.reward_ladder import change_reward, keep_stamps, redeemable
from domain.rewards import (
    MAX_REWARDS,
    affordable,
    best_affordable,
    check_ladder,
    in_reach,
    ladder_problems,
    next_reward,
    parse_rung,
    placed,
    reached,
)
from tests.domain.conftest import ANN, OWNER, STAFF_ID, build_world

COOKIE, COFFEE, SHIRT = (
    Reward(1, "Cookie", 5, 0, id=1),
    Reward(1, "Coffee", 10, 1, id=2),
    Reward(1, "T-shirt", 50, 2, id=3),
)
LADDER = (SHIRT, COOKIE, COFFEE)  # in any order: readings sort by cost


@pytest.mark.parametrize(
    ("balance", "upcoming", "within"),
    [
        (0, "Cookie", []),
        (4, "Cookie", []),
        (5, "Coffee", ["Cookie"]),
        (8, "Coffee", ["Cookie"]),
        (10, "T-shirt", ["Cookie", "Coffee"]),
        (50, None, ["Cookie", "Coffee", "T-shirt"]),
        (999, None, ["Cookie", "Coffee", "T-shirt"]),
    ],
)
def test_the_next_reward_and_the_affordable_ones_follow_the_balance(balance, upcoming, within):
    found = next_reward(LADDER, balance)
    assert (found.name if found else None) == upcoming
    assert [r.name for r in affordable(LADDER, balance)] == within
    best = best_affordable(LADDER, balance)
    assert (best.name if best else None) == (within[-1] if within else None)


def test_claimed_rewards_are_skipped_where_stamps_are_kept():
    claimed = frozenset({COFFEE.id})
    assert [r.name for r in affordable(LADDER, 12, claimed)] == ["Cookie"]
    assert next_reward(LADDER, 12, claimed) == SHIRT
    assert next_reward(LADDER, 8, frozenset({COFFEE.id})) == SHIRT  # Coffee is behind it


def test_removed_rewards_are_not_on_the_ladder():
    removed = Reward(1, "Coffee", 10, 1, active=False, id=2)
    assert [r.name for r in affordable((COOKIE, removed, SHIRT), 20)] == ["Cookie"]
    assert next_reward((COOKIE, removed, SHIRT), 6) == SHIRT


def test_a_rise_of_the_balance_reaches_the_dearest_reward_it_crossed():
    assert reached(LADDER, 3, 12) == COFFEE
    assert reached(LADDER, 5, 9) is None  # Cookie was already reached before
    assert reached(LADDER, 9, 10) == COFFEE
    # Kept stamps: a reward the card already had is not reached again.
    assert reached(LADDER, 3, 12, frozenset({COFFEE.id})) == COOKIE
    assert reached(LADDER, 9, 10, frozenset({COFFEE.id})) is None


def test_in_reach_is_the_next_reward_one_award_away():
    assert in_reach(LADDER, 9, 1) == COFFEE
    assert in_reach(LADDER, 8, 1) is None
    assert in_reach(LADDER, 50, 10) is None  # nothing above the top


@pytest.mark.parametrize(
    ("line", "cost", "name"),
    [
        ("10 Coffee", 10, "Coffee"),
        ("Big  coffee 12", 12, "Big coffee"),
        ("5 - Cookie", 5, "Cookie"),
    ],
)
def test_a_one_line_reward_is_a_cost_and_a_name(line, cost, name):
    rung = parse_rung(line)
    assert (rung.cost, rung.name) == (cost, name)


@pytest.mark.parametrize(
    ("line", "key"),
    [("Coffee", "reward_line_usage"), ("10", "reward_line_usage"),
     ("0 Coffee", "amount_not_positive"), ("10 " + "x" * 65, "name_too_long"),
     ("", "reward_line_usage")],
)  # fmt: skip
def test_a_bad_one_line_reward_is_refused_with_its_reason(line, key):
    with pytest.raises((InvalidInput, InvalidAmount)) as refused:
        parse_rung(line)
    assert refused.value.key == key


def test_a_ladder_whose_costs_do_not_rise_with_its_positions_is_refused():
    with pytest.raises(InvalidInput) as repeated:
        check_ladder([COOKIE, Reward(1, "Tea", 5, 1, id=4)])
    assert repeated.value.key == "ladder_costs_not_increasing"
    with pytest.raises(InvalidInput) as falling:
        check_ladder([COOKIE, Reward(1, "Tea", 4, 1, id=4)])
    assert falling.value.params == {"cost": 4, "previous": 5, "reward": "Tea"}
    with pytest.raises(InvalidInput) as empty:
        check_ladder([Reward(1, "Gone", 5, active=False)])
    assert empty.value.key == "ladder_empty"
    too_many = [Reward(1, f"R{i}", i + 1, i) for i in range(MAX_REWARDS + 1)]
    with pytest.raises(InvalidInput) as long:
        check_ladder(too_many)
    assert long.value.key == "ladder_too_long"
    assert [r.name for r in check_ladder([COOKIE, Reward(1, "  Big   tea ", 9, 1)])] == [
        "Cookie", "Big tea"
    ]  # fmt: skip


def test_a_new_reward_takes_the_place_its_cost_gives_it():
    new = Reward(1, "Tea", 7)
    assert [(r.name, r.position) for r in placed(LADDER, new)] == [
        ("Cookie", 0), ("Tea", 1), ("Coffee", 2), ("T-shirt", 3)
    ]  # fmt: skip


def test_the_doctor_reads_what_is_wrong_with_a_stored_ladder():
    assert ladder_problems(LADDER, active_program=True) == []
    assert ladder_problems([], active_program=True) == ["no_active_reward"]
    assert ladder_problems([], active_program=False) == []
    swapped = [COOKIE, Reward(1, "Coffee", 10, 2, id=2), Reward(1, "T-shirt", 50, 1, id=3)]
    assert ladder_problems(swapped, active_program=True) == ["costs_not_increasing"]


# The use cases, on the in-memory unit of work.


async def stamps_world():
    world = await build_world(kind=ProgramKind.STAMPS, points_per_scan=1, reward_threshold=5,
                              reward_name="Cookie")  # fmt: skip
    for cost, name in ((10, "Coffee"), (50, "T-shirt")):
        await change_reward(world.uow, ChangeReward(world.program.id, OWNER, name=name, cost=cost))
    card = await join_program(world.uow, JoinProgram(ANN, world.program.join_code))
    return world, card


async def stamp(world, card, count):
    cmd = AwardPoints(world.business.id, OWNER, card.id, count, f"seed-{count}-{card.balance}")
    return (await award_points(world.uow, cmd)).card


async def redeem(world, card, reward_id, approve=True):
    cmd = RequestDeduction(world.business.id, OWNER, card.id, RequestKind.REDEMPTION,
                           reward_id=reward_id)  # fmt: skip
    request = await request_deduction(world.uow, cmd)
    return await answer_request(world.uow, AnswerRequest(request.id, ANN, approve=approve))


def rungs(world):
    rewards = [r for r in world.uow.all("rewards") if r.active]
    return [(r.name, r.cost) for r in sorted(rewards, key=lambda r: r.position)]


async def test_owners_add_rename_recost_and_remove_rewards_and_refusals_change_nothing():
    world, _ = await stamps_world()
    assert rungs(world) == [("Cookie", 5), ("Coffee", 10), ("T-shirt", 50)]
    coffee = next(r for r in world.uow.all("rewards") if r.name == "Coffee")
    for bad in ({"cost": 5}, {"cost": 50}, {"cost": 60}, {"cost": 0}, {"name": "  "}):
        with pytest.raises(DomainError):
            await change_reward(world.uow, ChangeReward(world.program.id, OWNER, coffee.id, **bad))
    with pytest.raises(InvalidInput):
        await change_reward(world.uow, ChangeReward(world.program.id, OWNER, name="Tea", cost=10))
    assert rungs(world) == [("Cookie", 5), ("Coffee", 10), ("T-shirt", 50)]
    change = await change_reward(
        world.uow, ChangeReward(world.program.id, OWNER, coffee.id, name="Latte", cost=12)
    )
    assert (change.action, change.before.name, change.reward.name) == (
        "renamed",
        "Coffee",
        "Latte",
    )
    change = await change_reward(world.uow, ChangeReward(world.program.id, OWNER, coffee.id,
                                                         remove=True))  # fmt: skip
    assert [r.name for r in change.program.rewards] == ["Cookie", "T-shirt"]
    assert rungs(world) == [("Cookie", 5), ("T-shirt", 50)]


async def test_the_last_reward_cannot_be_removed_and_strangers_change_nothing():
    world = await build_world()
    [only] = world.uow.all("rewards")
    with pytest.raises(InvalidInput) as refused:
        await change_reward(world.uow, ChangeReward(world.program.id, OWNER, only.id, remove=True))
    assert refused.value.key == "ladder_empty"
    with pytest.raises(DomainError):
        await change_reward(world.uow, ChangeReward(world.program.id, STAFF_ID, name="X", cost=99))
    with pytest.raises(InvalidInput):
        await keep_stamps(world.uow, KeepStamps(world.program.id, OWNER, True))  # points program
    assert [r.active for r in world.uow.all("rewards")] == [True]


async def test_staff_are_offered_what_the_card_pays_for_and_a_dearer_reward_is_refused():
    world, card = await stamps_world()
    card = await stamp(world, card, 8)
    offer = await redeemable(world.uow, world.business.id, OWNER, card.id)
    assert [r.name for r in offer.rewards] == ["Cookie"] and offer.upcoming.name == "Coffee"
    coffee = next(r for r in world.uow.all("rewards") if r.name == "Coffee")
    with pytest.raises(InsufficientBalance):
        await redeem(world, card, coffee.id)
    assert world.uow.all("requests") == []


async def test_spent_stamps_leave_the_card_and_kept_ones_stay_with_a_zero_entry():
    world, card = await stamps_world()
    card = await stamp(world, card, 12)
    cookie, coffee = (next(r for r in world.uow.all("rewards") if r.name == n)
                      for n in ("Cookie", "Coffee"))  # fmt: skip
    answered = await redeem(world, card, cookie.id)
    assert answered.card.balance == 7
    await keep_stamps(world.uow, KeepStamps(world.program.id, OWNER, True))
    card = await stamp(world, answered.card, 3)
    answered = await redeem(world, card, coffee.id)
    assert answered.card.balance == 10 and answered.request.amount == 0
    redeemed = [(e.delta, e.note) for e in world.uow.all("ledger") if e.kind.value == "redeem"]
    assert redeemed == [(-5, "Cookie"), (0, "Coffee")]
    assert sum(e.delta for e in world.uow.all("ledger")) == answered.card.balance
    # Kept stamps give each reward once per card, counting the one given before the switch.
    for given in (coffee, cookie):
        with pytest.raises(DomainError) as again:
            await redeem(world, answered.card, given.id)
        assert again.value.key == "reward_already_given"
    offer = await redeemable(world.uow, world.business.id, OWNER, card.id)
    assert offer.rewards == () and offer.upcoming.name == "T-shirt"


async def test_a_reward_removed_before_the_answer_is_refused_and_nothing_moves():
    world, card = await stamps_world()
    card = await stamp(world, card, 12)
    coffee = next(r for r in world.uow.all("rewards") if r.name == "Coffee")
    cmd = RequestDeduction(world.business.id, OWNER, card.id, RequestKind.REDEMPTION,
                           reward_id=coffee.id)  # fmt: skip
    request = await request_deduction(world.uow, cmd)
    await change_reward(world.uow, ChangeReward(world.program.id, OWNER, coffee.id, remove=True))
    answered = await answer_request(world.uow, AnswerRequest(request.id, ANN, approve=True))
    assert answered.request.status is RequestStatus.CANCELLED
    assert answered.request.outcome is RequestOutcome.REWARD_REMOVED
    assert answered.card.balance == 12
    assert world.uow.all("notifications")[-1].key == "redemption_reward_removed"
    with pytest.raises(NotFound):
        await request_deduction(world.uow, cmd)
