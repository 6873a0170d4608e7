"""Repository for staff invitation links: single use, guarded so one person wins each."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from domain.models import StaffInvitation
from storage.repositories.base import RowOf, SqlRepository
from storage.tables import StaffInvitationRow


def _invitation(row: RowOf[StaffInvitationRow]) -> StaffInvitation:
    return StaffInvitation(
        id=row.id,
        business_id=row.business_id,
        code=row.code,
        created_by=row.created_by,
        created_at=row.created_at,
        expires_at=row.expires_at,
        used_by=row.used_by,
        used_at=row.used_at,
        revoked_at=row.revoked_at,
    )


_OPEN = (StaffInvitationRow.used_at.is_(None), StaffInvitationRow.revoked_at.is_(None))


class SqlStaffInvitationRepository(SqlRepository):
    async def get(self, invitation_id: int) -> StaffInvitation | None:
        row = await self._get(StaffInvitationRow, invitation_id)
        return _invitation(row) if row else None

    async def by_code(self, code: str) -> StaffInvitation | None:
        row = await self._first(select(StaffInvitationRow).where(StaffInvitationRow.code == code))
        return _invitation(row) if row else None

    async def add(self, invitation: StaffInvitation) -> StaffInvitation:
        row = await self._add(
            StaffInvitationRow(
                business_id=invitation.business_id,
                code=invitation.code,
                created_by=invitation.created_by,
                created_at=invitation.created_at,
                expires_at=invitation.expires_at,
            )
        )
        return _invitation(row)

    async def open_for(self, business_id: int, now: datetime) -> list[StaffInvitation]:
        stmt = (
            select(StaffInvitationRow)
            .where(StaffInvitationRow.business_id == business_id, *_OPEN)
            .where(StaffInvitationRow.expires_at > now)
            .order_by(StaffInvitationRow.id)
        )
        return [_invitation(row) for row in await self._all(stmt)]

    async def use(self, invitation_id: int, telegram_id: int, at: datetime) -> bool:
        changed = await self._changed(
            update(StaffInvitationRow)
            .where(StaffInvitationRow.id == invitation_id, *_OPEN)
            .where(StaffInvitationRow.expires_at > at)
            .values(used_by=telegram_id, used_at=at)
            .execution_options(synchronize_session=False)
        )
        return changed == 1

    async def revoke(self, invitation_id: int, at: datetime) -> bool:
        changed = await self._changed(
            update(StaffInvitationRow)
            .where(StaffInvitationRow.id == invitation_id, *_OPEN)
            .values(revoked_at=at)
            .execution_options(synchronize_session=False)
        )
        return changed == 1
