"""Commands of the growth use cases: imperative, frozen."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SetReferralTerms:
    """The owner sets a program's referral bonus (0: off) and monthly cap (None: none)."""

    program_id: int
    owner_telegram_id: int
    bonus: int | None = None  # None: leave as it is
    monthly_cap: int | None = None
    clear_cap: bool = False


@dataclass(frozen=True)
class JoinByReferral:
    """A person opened a customer's "invite a friend" link."""

    telegram_id: int
    code: str


@dataclass(frozen=True)
class CreatePromoBatch:
    """The owner makes `count` single-use codes for the business's default program."""

    business_id: int
    owner_telegram_id: int
    count: int
    points: int
    days: int


@dataclass(frozen=True)
class CreateSharedPromo:
    """The owner makes one code many may use: `total` uses at most, `per_customer` each."""

    business_id: int
    owner_telegram_id: int
    points: int
    days: int
    total: int
    per_customer: int = 1


@dataclass(frozen=True)
class RedeemPromo:
    """A customer typed `/promo CODE` or opened its link."""

    telegram_id: int
    code: str
