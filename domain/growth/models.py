"""The growth tools' entities: referral terms, links and referrals; promo codes and their uses.

As in `domain.models`, `id` is 0 until a repository stores the entity.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


@dataclass(frozen=True)
class ReferralTerms:
    """A program's referral bonus, set by its owner: points to each side of a referral on the
    friend's first visit (0: referrals off), and how many referrals a month one customer may be
    rewarded for (None: no cap)."""

    program_id: int
    bonus: int = 0
    monthly_cap: int | None = None

    @property
    def on(self) -> bool:
        return self.bonus > 0


@dataclass
class ReferralLink:
    """A customer's "invite a friend" link at one business; its code names nobody."""

    business_id: int
    customer_id: int
    code: str
    created_at: datetime
    id: int = 0


class ReferralOutcome(StrEnum):
    """How the friend's first visit settled a referral."""

    REWARDED = "rewarded"  # both got the bonus
    CAPPED = "capped"  # the friend got it; the referrer was past the month's cap
    OFF = "off"  # the program had no referral bonus then: nobody got anything


@dataclass
class Referral:
    """A friend who joined a business through a customer's link; settled on the first visit."""

    business_id: int
    program_id: int
    referrer_id: int  # customer ids
    referee_id: int
    created_at: datetime
    settled_at: datetime | None = None
    outcome: ReferralOutcome | None = None
    id: int = 0


@dataclass
class PromoCode:
    """A code worth `points` in a program until `expires_at`: single-use codes of a batch have
    max_uses = per_customer = 1; a shared code has a total and a per-customer limit."""

    business_id: int
    program_id: int
    code: str
    points: int
    expires_at: datetime
    max_uses: int
    per_customer: int
    created_by: int
    created_at: datetime
    batch: str | None = None  # the batch a single-use code was made in (None: a shared code)
    uses: int = 0
    id: int = 0

    def expired_at(self, now: datetime) -> bool:
        return now >= self.expires_at


@dataclass
class PromoRedemption:
    """One use of a promo code by one customer; `use_number` counts that customer's uses of it."""

    promo_code_id: int
    customer_id: int
    card_id: int
    use_number: int
    idempotency_key: str
    created_at: datetime
    id: int = 0
