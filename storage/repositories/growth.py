"""Repositories of the growth tools: referral terms, links and referrals; promo codes, their
uses and the wrong guesses counted against each person."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, func, select, update

from domain.growth.models import (
    PromoCode,
    PromoRedemption,
    Referral,
    ReferralLink,
    ReferralOutcome,
    ReferralTerms,
)
from storage.repositories.base import RowOf, SqlRepository
from storage.tables import (
    PromoCodeRow,
    PromoGuessRow,
    PromoRedemptionRow,
    ReferralLinkRow,
    ReferralRow,
    ReferralTermsRow,
)

_REFERRALS = ReferralRow.__table__
# Asked on every awarded scan (is this a referred friend's first visit?): built once.
_OF_REFEREE = (
    select(_REFERRALS)
    .where(
        _REFERRALS.c.business_id == bindparam("business_id"),
        _REFERRALS.c.referee_id == bindparam("referee_id"),
    )
    .limit(1)
)
_KEPT = timedelta(days=1)  # longer than any guess window the domain uses


def _link(row: RowOf[ReferralLinkRow]) -> ReferralLink:
    return ReferralLink(row.business_id, row.customer_id, row.code, row.created_at, row.id)


def _referral(row: RowOf[ReferralRow]) -> Referral:
    return Referral(
        row.business_id, row.program_id, row.referrer_id, row.referee_id, row.created_at,
        row.settled_at, ReferralOutcome(row.outcome) if row.outcome else None, row.id,
    )  # fmt: skip


def _promo(row: RowOf[PromoCodeRow]) -> PromoCode:
    return PromoCode(
        row.business_id, row.program_id, row.code, row.points, row.expires_at, row.max_uses,
        row.per_customer, row.created_by, row.created_at, row.batch, row.uses, row.id,
    )  # fmt: skip


class SqlReferralRepository(SqlRepository):
    async def terms(self, program_id: int) -> ReferralTerms:
        row = await self._first(
            select(ReferralTermsRow).where(ReferralTermsRow.program_id == program_id)
        )
        if row is None:
            return ReferralTerms(program_id)
        return ReferralTerms(program_id, row.bonus, row.monthly_cap)

    async def set_terms(self, terms: ReferralTerms, at: datetime) -> None:
        stmt = self._insert(ReferralTermsRow).values(
            program_id=terms.program_id, bonus=terms.bonus, monthly_cap=terms.monthly_cap,
            updated_at=at,
        )  # fmt: skip
        await self._session.execute(
            stmt.on_conflict_do_update(
                index_elements=["program_id"],
                set_={"bonus": terms.bonus, "monthly_cap": terms.monthly_cap, "updated_at": at},
            )
        )

    async def link_of(self, business_id: int, customer_id: int) -> ReferralLink | None:
        row = await self._first(
            select(ReferralLinkRow).where(
                ReferralLinkRow.business_id == business_id,
                ReferralLinkRow.customer_id == customer_id,
            )
        )
        return _link(row) if row else None

    async def link_by_code(self, code: str) -> ReferralLink | None:
        row = await self._first(select(ReferralLinkRow).where(ReferralLinkRow.code == code))
        return _link(row) if row else None

    async def add_link(self, link: ReferralLink) -> ReferralLink:
        stmt = self._insert(ReferralLinkRow).values(
            business_id=link.business_id, customer_id=link.customer_id, code=link.code,
            created_at=link.created_at,
        )  # fmt: skip
        await self._session.execute(
            stmt.on_conflict_do_nothing(index_elements=["business_id", "customer_id"])
        )
        stored = await self.link_of(link.business_id, link.customer_id)
        assert stored is not None
        return stored

    async def of_referee(self, business_id: int, referee_id: int) -> Referral | None:
        row = await self._row(_OF_REFEREE, business_id=business_id, referee_id=referee_id)
        return _referral(row) if row else None

    async def add(self, referral: Referral) -> Referral | None:
        stmt = self._insert(ReferralRow).values(
            business_id=referral.business_id, program_id=referral.program_id,
            referrer_id=referral.referrer_id, referee_id=referral.referee_id,
            created_at=referral.created_at,
        )  # fmt: skip
        stmt = stmt.on_conflict_do_nothing(index_elements=["business_id", "referee_id"])
        row = await self._row(stmt.returning(*ReferralRow.__table__.c))
        return _referral(row) if row else None

    async def settle(self, referral_id: int, outcome: ReferralOutcome, at: datetime) -> bool:
        changed = await self._changed(
            update(ReferralRow)
            .where(ReferralRow.id == referral_id, ReferralRow.settled_at.is_(None))
            .values(settled_at=at, outcome=outcome.value)
            .execution_options(synchronize_session=False)
        )
        return changed == 1

    async def rewarded_since(self, business_id: int, referrer_id: int, since: datetime) -> int:
        count = await self._session.scalar(
            select(func.count())
            .select_from(ReferralRow)
            .where(
                ReferralRow.business_id == business_id,
                ReferralRow.referrer_id == referrer_id,
                ReferralRow.outcome == ReferralOutcome.REWARDED.value,
                ReferralRow.settled_at >= since,
            )
        )
        return int(count or 0)


class SqlPromoRepository(SqlRepository):
    async def by_code(self, code: str) -> PromoCode | None:
        row = await self._first(select(PromoCodeRow).where(PromoCodeRow.code == code))
        return _promo(row) if row else None

    async def add_many(self, codes: Sequence[PromoCode]) -> list[PromoCode]:
        stored = []
        for code in codes:
            row = await self._add(
                PromoCodeRow(
                    business_id=code.business_id, program_id=code.program_id, code=code.code,
                    points=code.points, expires_at=code.expires_at, max_uses=code.max_uses,
                    per_customer=code.per_customer, uses=code.uses, batch=code.batch,
                    created_by=code.created_by, created_at=code.created_at,
                )
            )  # fmt: skip
            stored.append(_promo(row))
        return stored

    async def take(self, promo_code_id: int, at: datetime) -> bool:
        changed = await self._changed(
            update(PromoCodeRow)
            .where(
                PromoCodeRow.id == promo_code_id,
                PromoCodeRow.uses < PromoCodeRow.max_uses,
                PromoCodeRow.expires_at > at,
            )
            .values(uses=PromoCodeRow.uses + 1)
            .execution_options(synchronize_session=False)
        )
        return changed == 1

    async def uses_by(self, promo_code_id: int, customer_id: int) -> int:
        count = await self._session.scalar(
            select(func.count())
            .select_from(PromoRedemptionRow)
            .where(
                PromoRedemptionRow.promo_code_id == promo_code_id,
                PromoRedemptionRow.customer_id == customer_id,
            )
        )
        return int(count or 0)

    async def add_redemption(self, redemption: PromoRedemption) -> PromoRedemption:
        row = await self._add(
            PromoRedemptionRow(
                promo_code_id=redemption.promo_code_id, customer_id=redemption.customer_id,
                card_id=redemption.card_id, use_number=redemption.use_number,
                idempotency_key=redemption.idempotency_key, created_at=redemption.created_at,
            )
        )  # fmt: skip
        return PromoRedemption(
            row.promo_code_id, row.customer_id, row.card_id, row.use_number,
            row.idempotency_key, row.created_at, row.id,
        )  # fmt: skip

    async def note_wrong_guess(self, telegram_id: int, at: datetime) -> None:
        # A person's guesses older than a day count for nothing: dropped as new ones come.
        await self._session.execute(
            delete(PromoGuessRow).where(
                PromoGuessRow.telegram_id == telegram_id,
                PromoGuessRow.at < at - _KEPT,
            )
        )
        await self._add(PromoGuessRow(telegram_id=telegram_id, at=at))

    async def wrong_guesses_since(self, telegram_id: int, since: datetime) -> int:
        count = await self._session.scalar(
            select(func.count())
            .select_from(PromoGuessRow)
            .where(PromoGuessRow.telegram_id == telegram_id, PromoGuessRow.at >= since)
        )
        return int(count or 0)

    async def of_batch(self, business_id: int, batch: str) -> list[PromoCode]:
        stmt = (
            select(PromoCodeRow)
            .where(PromoCodeRow.business_id == business_id, PromoCodeRow.batch == batch)
            .order_by(PromoCodeRow.id)
        )
        return [_promo(row) for row in await self._all(stmt)]
