"""The growth tools' repository Protocols; `storage/` implements them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from domain.growth.models import (
    PromoCode,
    PromoRedemption,
    Referral,
    ReferralLink,
    ReferralOutcome,
    ReferralTerms,
)


class ReferralRepository(Protocol):
    async def terms(self, program_id: int) -> ReferralTerms:
        """The program's referral terms (off when the owner never set them)."""
        ...

    async def set_terms(self, terms: ReferralTerms, at: datetime) -> None: ...
    async def link_of(self, business_id: int, customer_id: int) -> ReferralLink | None: ...
    async def link_by_code(self, code: str) -> ReferralLink | None: ...
    async def add_link(self, link: ReferralLink) -> ReferralLink:
        """Store a new link; when this customer got one meanwhile, that one is returned."""
        ...

    async def of_referee(self, business_id: int, referee_id: int) -> Referral | None: ...
    async def add(self, referral: Referral) -> Referral | None:
        """Store a referral; None if the friend was referred in this business meanwhile."""
        ...

    async def settle(self, referral_id: int, outcome: ReferralOutcome, at: datetime) -> bool:
        """Settle an unsettled referral; False if it was settled already (one visit wins)."""
        ...

    async def rewarded_since(self, business_id: int, referrer_id: int, since: datetime) -> int:
        """Referrals this customer was rewarded for at this business since `since`."""
        ...


class PromoRepository(Protocol):
    async def by_code(self, code: str) -> PromoCode | None: ...
    async def add_many(self, codes: Sequence[PromoCode]) -> list[PromoCode]: ...
    async def take(self, promo_code_id: int, at: datetime) -> bool:
        """Count one use if the code has uses left and has not expired at `at` (one statement,
        so of two workers taking the last use at once exactly one succeeds); it also locks the
        code's row until the transaction ends."""
        ...

    async def uses_by(self, promo_code_id: int, customer_id: int) -> int: ...
    async def add_redemption(self, redemption: PromoRedemption) -> PromoRedemption: ...
    async def note_wrong_guess(self, telegram_id: int, at: datetime) -> None: ...
    async def wrong_guesses_since(self, telegram_id: int, since: datetime) -> int: ...
    async def of_batch(self, business_id: int, batch: str) -> list[PromoCode]: ...
