"""Tiers: a program's optional levels on lifetime points earned, each with a multiplier on scans.

Pure rules, no storage: which tier a number of earned points reaches, what a tier list must
satisfy, how a multiplier turns a scan's points into whole points, and where a requalification
window of N months starts.

Multipliers are kept as whole percentages (×1.25 is 125), so no float ever touches points. A
scan's points times the multiplier is rounded half up to a whole point: 10 at ×1.25 is 13
(12.5), 1 stamp at ×1.5 is 2, 1 stamp at ×1.25 stays 1. It never gives less than the scan's
own points, since a multiplier is at least ×1.
"""

from __future__ import annotations

import calendar
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from domain.errors import InvalidInput
from domain.rules import MAX_AMOUNT, MAX_NAME

MIN_PERCENT, MAX_PERCENT = 100, 500  # ×1 to ×5
MIN_WINDOW, MAX_WINDOW = 1, 120  # months; None means lifetime, ever
MAX_TIERS = 10


@dataclass(frozen=True)
class Tier:
    """One level of a program: reached at `threshold` points earned, scans ×`percent`/100."""

    program_id: int
    name: str
    threshold: int
    percent: int
    id: int = 0

    @property
    def multiplier(self) -> Decimal:
        return Decimal(self.percent) / 100


def tier_for(earned: int, tiers: Sequence[Tier]) -> Tier | None:
    """The highest tier whose threshold `earned` reaches (None: below every tier)."""
    reached = [tier for tier in tiers if earned >= tier.threshold]
    return max(reached, key=lambda tier: tier.threshold) if reached else None


def multiplied(points: int, tier: Tier | None) -> int:
    """A scan's points at the tier's multiplier, rounded half up to a whole point."""
    if tier is None:
        return points
    return (points * tier.percent * 2 + 100) // 200


def promoted(before: Tier | None, after: Tier | None) -> bool:
    """Whether moving from `before` to `after` is a step up (a removed tier counts by its
    threshold as it was)."""
    return _rank(after) > _rank(before)


def _rank(tier: Tier | None) -> int:
    return -1 if tier is None else tier.threshold


def parse_percent(text: str) -> int:
    """ "1.25" (or "1,25", "x1.25", "×1.25") as 125; at most two decimals, 1 to 5."""
    cleaned = text.strip().lower().lstrip("x×").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise InvalidInput("tier_bad_multiplier", value=text.strip()[:16]) from None
    if not value.is_finite() or value * 100 != int(value * 100):
        raise InvalidInput("tier_bad_multiplier", value=text.strip()[:16])
    percent = int(value * 100)
    if not MIN_PERCENT <= percent <= MAX_PERCENT:
        raise InvalidInput("tier_bad_multiplier", value=text.strip()[:16])
    return percent


def validate_tiers(tiers: Sequence[Tier]) -> list[Tier]:
    """The tiers in threshold order, or why not: names given and distinct, thresholds whole,
    positive and strictly increasing, multipliers ×1 to ×5 never falling as thresholds rise."""
    if len(tiers) > MAX_TIERS:
        raise InvalidInput("tier_too_many", maximum=MAX_TIERS)
    checked = [_checked(tier) for tier in tiers]
    names = [tier.name.casefold() for tier in checked]
    if len(set(names)) != len(names):
        raise InvalidInput("tier_name_twice")
    ordered = sorted(checked, key=lambda tier: tier.threshold)
    for lower, upper in itertools.pairwise(ordered):
        if upper.threshold == lower.threshold:
            raise InvalidInput("tier_threshold_twice", threshold=upper.threshold)
        if upper.percent < lower.percent:
            raise InvalidInput("tier_multiplier_falls", lower=lower.name, upper=upper.name)
    return ordered


def _checked(tier: Tier) -> Tier:
    name = " ".join(tier.name.split())
    if not name:
        raise InvalidInput("tier_name_empty")
    if len(name) > MAX_NAME:
        raise InvalidInput("tier_name_too_long", maximum=MAX_NAME)
    threshold = tier.threshold
    if isinstance(threshold, bool) or not isinstance(threshold, int):
        raise InvalidInput("tier_bad_threshold", maximum=MAX_AMOUNT)
    if not 1 <= threshold <= MAX_AMOUNT:
        raise InvalidInput("tier_bad_threshold", maximum=MAX_AMOUNT)
    if not MIN_PERCENT <= tier.percent <= MAX_PERCENT:
        raise InvalidInput("tier_bad_multiplier", value=str(tier.multiplier))
    return Tier(tier.program_id, name, threshold, tier.percent, tier.id)


def validate_window(months: int | None) -> int | None:
    """A requalification window in months, 1 to 120, or None: lifetime points, ever."""
    if months is None:
        return None
    if isinstance(months, bool) or not MIN_WINDOW <= months <= MAX_WINDOW:
        raise InvalidInput("tier_bad_window", minimum=MIN_WINDOW, maximum=MAX_WINDOW)
    return months


def window_start(now: datetime, months: int) -> datetime:
    """The moment `months` calendar months before `now` (31 March less one month: 28/29 Feb)."""
    total = now.year * 12 + (now.month - 1) - months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return now.replace(year=year, month=month + 1, day=min(now.day, last))
