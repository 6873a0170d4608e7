"""Repositories for the customer's data rights and for operators: invitation blocks, erasing a
person's names, the retention sweep's deletions, and the operators' list of businesses."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.orm import InstrumentedAttribute

from domain.models import InvitationBlock, NotificationStatus
from domain.ports import BusinessOverview
from storage.repositories.base import SqlRepository
from storage.tables import (
    BusinessCustomerRow,
    BusinessRow,
    CardRow,
    InvitationBlockRow,
    NotificationRow,
    ScanLogRow,
    StaffRow,
    TelegramUserRow,
)

# Rows the dispatcher is done with; pending and sending rows are never swept.
_FINISHED = (
    NotificationStatus.SENT.value,
    NotificationStatus.FAILED.value,
    NotificationStatus.SUPPRESSED.value,
)


class SqlPrivacyRepository(SqlRepository):
    async def invitation_block(self, business_id: int, customer_id: int) -> InvitationBlock | None:
        row = await self._first(
            select(InvitationBlockRow).where(
                InvitationBlockRow.business_id == business_id,
                InvitationBlockRow.customer_id == customer_id,
            )
        )
        return InvitationBlock(row.business_id, row.customer_id, row.until) if row else None

    async def block_invitations(
        self, business_id: int, customer_id: int, until: datetime | None, at: datetime
    ) -> None:
        insert = self._insert(InvitationBlockRow).values(
            business_id=business_id, customer_id=customer_id, until=until, created_at=at
        )
        await self._session.execute(
            insert.on_conflict_do_update(
                index_elements=["business_id", "customer_id"],
                set_={"until": until, "created_at": at},
            )
        )

    async def erase_names(self, telegram_id: int, at: datetime) -> None:
        await self._changed(
            update(TelegramUserRow)
            .where(TelegramUserRow.telegram_id == telegram_id)
            .values(first_name="", last_name="", username="", forgotten_at=at)
            .execution_options(synchronize_session=False)
        )

    async def delete_notifications_before(self, before: datetime, limit: int) -> int:
        old = (
            select(NotificationRow.id)
            .where(NotificationRow.created_at < before, NotificationRow.status.in_(_FINISHED))
            .limit(limit)
        )
        return await self._delete_ids(NotificationRow, old)

    async def delete_scans_before(self, before: datetime, limit: int) -> int:
        old = select(ScanLogRow.id).where(ScanLogRow.created_at < before).limit(limit)
        return await self._delete_ids(ScanLogRow, old)

    async def _delete_ids(self, row: type[NotificationRow | ScanLogRow], ids: Select) -> int:
        # Off each table's created_at index, `limit` rows at a time (IN a subquery with LIMIT:
        # PostgreSQL has no DELETE ... LIMIT, SQLite's is a compile-time option).
        return await self._changed(
            delete(row)
            .where(row.id.in_(ids.scalar_subquery()))
            .execution_options(synchronize_session=False)
        )


class SqlOperatorRepository(SqlRepository):
    async def count_businesses(self) -> int:
        return int((await self._session.scalar(select(func.count(BusinessRow.id)))) or 0)

    async def businesses(self, offset: int, limit: int) -> list[BusinessOverview]:
        """A page of every business, oldest first, with its people counted."""
        listed = _per_business(BusinessCustomerRow.business_id)
        cards = select(func.count(CardRow.id)).where(
            CardRow.business_id == BusinessRow.id, CardRow.left_at.is_(None)
        )
        staff = _per_business(StaffRow.business_id)
        stmt = (
            select(
                BusinessRow.id, BusinessRow.name, TelegramUserRow.first_name,
                TelegramUserRow.username, BusinessRow.owner_telegram_id,
                BusinessRow.suspended_at, BusinessRow.awaiting_approval_since,
                listed.scalar_subquery(), cards.scalar_subquery(), staff.scalar_subquery(),
            )
            .outerjoin(
                TelegramUserRow, TelegramUserRow.telegram_id == BusinessRow.owner_telegram_id
            )
            .order_by(BusinessRow.id)
            .offset(offset)
            .limit(limit)
        )  # fmt: skip
        return [
            BusinessOverview(
                business_id=bid, name=name, owner_telegram_id=owner,
                owner_name=first or (f"@{username}" if username else str(owner)),
                suspended=suspended is not None, awaiting_approval=awaiting is not None,
                customers=int(customers or 0), cards=int(active_cards or 0),
                staff=int(people or 0),
            )
            for bid, name, first, username, owner, suspended, awaiting, customers,
            active_cards, people in (await self._session.execute(stmt)).all()
        ]  # fmt: skip


def _per_business(column: InstrumentedAttribute[int]) -> Select[int]:
    return select(func.count()).where(column == BusinessRow.id)
