"""Repositories of win-back offers and staff alerts (domain.growth)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select, update

from domain.growth.owner_ports import WinbackOffer
from storage.repositories.base import SqlRepository
from storage.tables_growth import StaffAlertRow, StaffAlertSettingRow, WinbackOfferRow

_OFFERS = WinbackOfferRow.__table__
# Asked on every awarded scan (does the card hold an open win-back offer?): built once.
_OPEN_FOR = (
    select(_OFFERS)
    .where(
        _OFFERS.c.card_id == bindparam("card_id"),
        _OFFERS.c.credited_at.is_(None),
        _OFFERS.c.offered_at <= bindparam("now", type_=_OFFERS.c.offered_at.type),
        _OFFERS.c.expires_at > bindparam("now", type_=_OFFERS.c.expires_at.type),
    )
    .order_by(_OFFERS.c.id.desc())
    .limit(1)
)


class SqlWinbackRepository(SqlRepository):
    async def add(self, offer: WinbackOffer) -> WinbackOffer:
        row = await self._add(
            WinbackOfferRow(
                card_id=offer.card_id, points=offer.points, offered_at=offer.offered_at,
                expires_at=offer.expires_at,
            )
        )  # fmt: skip
        return WinbackOffer(
            offer.card_id, offer.points, offer.offered_at, offer.expires_at, id=row.id
        )

    async def open_for(self, card_id: int, now: datetime) -> WinbackOffer | None:
        row = await self._row(_OPEN_FOR, card_id=card_id, now=now)
        if row is None:
            return None
        return WinbackOffer(
            row.card_id, row.points, row.offered_at, row.expires_at, row.credited_at, row.id
        )

    async def mark_credited(self, offer_id: int, at: datetime) -> bool:
        stmt = (
            update(WinbackOfferRow)
            .where(WinbackOfferRow.id == offer_id, WinbackOfferRow.credited_at.is_(None))
            .values(credited_at=at)
        )
        return await self._changed(stmt) == 1


class SqlStaffAlertRepository(SqlRepository):
    async def threshold(self, business_id: int) -> int | None:
        return await self._session.scalar(
            select(StaffAlertSettingRow.manual_points).where(
                StaffAlertSettingRow.business_id == business_id
            )
        )

    async def set_threshold(self, business_id: int, points: int | None) -> None:
        if points is None:
            row = await self._session.get(StaffAlertSettingRow, business_id)
            if row is not None:
                await self._session.delete(row)
                await self._session.flush()
            return
        stmt = self._insert(StaffAlertSettingRow).values(
            business_id=business_id, manual_points=points
        )
        await self._session.execute(
            stmt.on_conflict_do_update(
                index_elements=[StaffAlertSettingRow.business_id], set_={"manual_points": points}
            )
        )

    async def mark(self, business_id: int, staff_telegram_id: int, day: str, at: datetime) -> bool:
        stmt = (
            self._insert(StaffAlertRow)
            .values(
                business_id=business_id, staff_telegram_id=staff_telegram_id, day=day,
                created_at=at,
            )
            .on_conflict_do_nothing()
        )  # fmt: skip
        return await self._changed(stmt) == 1
