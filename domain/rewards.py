"""A program's rewards ladder, pure: the next reward, the affordable ones, a valid ladder.

A ladder is the program's active rewards in cost order (5 stamps: Cookie, 10: Coffee, 50:
T-shirt). Costs are strictly increasing, so "the next reward" and "what this card can have"
are plain readings of the balance. When a program keeps stamps on redemption, each reward is
given once per card: `claimed` holds the rewards a card already had, and they are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from domain.errors import InvalidInput
from domain.models import Reward
from domain.rules import MAX_AMOUNT, validate_amount, validate_name

MAX_REWARDS = 10  # rungs of one ladder: buttons under a scan and lines on a poster stay readable


@dataclass(frozen=True)
class Rung:
    """A reward as the owner typed it in one line: "10 Coffee"."""

    cost: int
    name: str


def ladder(rewards: Iterable[Reward]) -> tuple[Reward, ...]:
    """The active rewards in cost order (ties broken by position, then id)."""
    active = [r for r in rewards if r.active]
    return tuple(sorted(active, key=lambda r: (r.cost, r.position, r.id)))


def next_reward(
    rewards: Sequence[Reward], balance: int, claimed: frozenset[int] = frozenset()
) -> Reward | None:
    """The cheapest reward the balance does not reach yet (None: the top is reached)."""
    for reward in ladder(rewards):
        if reward.cost > balance and reward.id not in claimed:
            return reward
    return None


def affordable(
    rewards: Sequence[Reward], balance: int, claimed: frozenset[int] = frozenset()
) -> tuple[Reward, ...]:
    """The rewards this balance pays for, cheapest first, skipping those already claimed."""
    return tuple(r for r in ladder(rewards) if r.cost <= balance and r.id not in claimed)


def best_affordable(
    rewards: Sequence[Reward], balance: int, claimed: frozenset[int] = frozenset()
) -> Reward | None:
    """The dearest reward the balance pays for, or None."""
    within = affordable(rewards, balance, claimed)
    return within[-1] if within else None


def first_reward(rewards: Sequence[Reward]) -> Reward | None:
    """The cheapest reward: what a newcomer works toward."""
    rungs = ladder(rewards)
    return rungs[0] if rungs else None


def reached(
    rewards: Sequence[Reward], before: int, after: int, given: frozenset[int] = frozenset()
) -> Reward | None:
    """The dearest reward a rise of the balance from `before` to `after` crossed, or None;
    rewards in `given` (already had on a card that keeps its stamps) are not reached again."""
    crossed = [r for r in ladder(rewards) if before < r.cost <= after and r.id not in given]
    return crossed[-1] if crossed else None


def in_reach(rewards: Sequence[Reward], balance: int, step: int) -> Reward | None:
    """The next reward if one more award of `step` reaches it, else None."""
    upcoming = next_reward(rewards, balance)
    return upcoming if upcoming is not None and upcoming.cost <= balance + step else None


def parse_rung(line: str) -> Rung:
    """ "10 Coffee" (or "Coffee 10", "10 - Coffee"): a cost and a name, both checked."""
    words = line.replace("—", " ").replace(" - ", " ").split()
    if len(words) >= 2 and words[0].isdigit():
        cost, name = words[0], " ".join(words[1:])
    elif len(words) >= 2 and words[-1].isdigit():
        cost, name = words[-1], " ".join(words[:-1])
    else:
        raise InvalidInput("reward_line_usage")
    return Rung(validate_amount(int(cost), MAX_AMOUNT), validate_name(name, "reward"))


def check_ladder(rewards: Sequence[Reward]) -> tuple[Reward, ...]:
    """The active rewards, refused unless names are set and costs strictly increase.

    Checked in position order, the order the owner set them: a ladder whose costs do not rise
    with its rungs (or repeat one) is refused, never silently re-sorted.
    """
    active = sorted((r for r in rewards if r.active), key=lambda r: (r.position, r.id))
    if not active:
        raise InvalidInput("ladder_empty")
    if len(active) > MAX_REWARDS:
        raise InvalidInput("ladder_too_long", maximum=MAX_REWARDS)
    checked: list[Reward] = []
    for reward in active:
        name = validate_name(reward.name, "reward")
        validate_amount(reward.cost, MAX_AMOUNT)
        if checked and reward.cost <= checked[-1].cost:
            raise InvalidInput("ladder_costs_not_increasing", cost=reward.cost,
                               previous=checked[-1].cost, reward=name)  # fmt: skip
        checked.append(replace(reward, name=name))
    return tuple(checked)


def placed(rewards: Sequence[Reward], new: Reward) -> tuple[Reward, ...]:
    """The ladder with `new` added at the place its cost gives it, positions renumbered."""
    rungs = [*ladder(rewards), new]
    rungs.sort(key=lambda r: r.cost)
    return tuple(replace(r, position=i) for i, r in enumerate(rungs))


def ladder_problems(rewards: Sequence[Reward], active_program: bool) -> list[str]:
    """What is wrong with a stored ladder (doctor codes): none for a healthy one."""
    rungs = sorted((r for r in rewards if r.active), key=lambda r: (r.position, r.id))
    problems = []
    if active_program and not rungs:
        problems.append("no_active_reward")
    if any(b.cost <= a.cost for a, b in pairwise(rungs)):
        problems.append("costs_not_increasing")
    return problems
