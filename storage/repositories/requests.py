"""Repository for approval requests: enrollment invitations, deductions and redemptions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, bindparam, select, update

from domain.models import ApprovalRequest, ProgramKind, RequestKind, RequestOutcome, RequestStatus
from domain.ports import PendingRequest
from storage.repositories.base import RowOf, SqlRepository
from storage.tables import BusinessRow, CardRow, CustomerRow, ProgramRow, RequestRow

_PENDING = RequestStatus.PENDING.value


def _request(row: RowOf[RequestRow]) -> ApprovalRequest:
    return ApprovalRequest(
        id=row.id,
        kind=RequestKind(row.kind),
        customer_id=row.customer_id,
        business_id=row.business_id,
        program_id=row.program_id,
        requested_by=row.requested_by,
        created_at=row.created_at,
        expires_at=row.expires_at,
        amount=row.amount,
        reason=row.reason,
        card_id=row.card_id,
        reward_id=row.reward_id,
        status=RequestStatus(row.status),
        outcome=RequestOutcome(row.outcome) if row.outcome else None,
        decided_at=row.decided_at,
        reminded_at=row.reminded_at,
    )


_REQUESTS = RequestRow.__table__
# A customer's pending requests by their Telegram id, with the names and balance shown beside
# each: one statement, however many requests (their program, business and card outer-joined).
_SEEN_BY = (
    select(
        *_REQUESTS.c,
        ProgramRow.name.label("program_name"),
        ProgramRow.kind.label("program_kind"),
        BusinessRow.name.label("business_name"),
        CardRow.balance.label("card_balance"),
    )
    .select_from(_REQUESTS)
    .join(CustomerRow, CustomerRow.id == _REQUESTS.c.customer_id)
    .outerjoin(ProgramRow, ProgramRow.id == _REQUESTS.c.program_id)
    .outerjoin(BusinessRow, BusinessRow.id == _REQUESTS.c.business_id)
    .outerjoin(CardRow, CardRow.id == _REQUESTS.c.card_id)
    .where(CustomerRow.telegram_id == bindparam("telegram_id"), _REQUESTS.c.status == _PENDING)
    .order_by(_REQUESTS.c.created_at, _REQUESTS.c.id)
)


def _pending(row: Row[Any]) -> PendingRequest:
    return PendingRequest(
        _request(row), row.program_name or "",
        ProgramKind(row.program_kind) if row.program_kind else None, row.business_name or "",
        row.card_balance,
    )  # fmt: skip


def _copy(request: ApprovalRequest, row: RequestRow) -> RequestRow:
    row.kind = request.kind.value
    row.customer_id = request.customer_id
    row.business_id = request.business_id
    row.program_id = request.program_id
    row.requested_by = request.requested_by
    row.expires_at = request.expires_at
    row.amount = request.amount
    row.reason = request.reason
    row.card_id = request.card_id
    row.reward_id = request.reward_id
    row.status = request.status.value
    row.outcome = request.outcome.value if request.outcome else None
    row.decided_at = request.decided_at
    row.reminded_at = request.reminded_at
    return row


class SqlRequestRepository(SqlRepository):
    async def get(self, request_id: int) -> ApprovalRequest | None:
        row = await self._get(RequestRow, request_id)
        return _request(row) if row else None

    async def add(self, request: ApprovalRequest) -> ApprovalRequest:
        row = await self._add(_copy(request, RequestRow(created_at=request.created_at)))
        return _request(row)

    async def lock(self, request_id: int) -> ApprovalRequest | None:
        stmt = select(RequestRow).where(RequestRow.id == request_id).with_for_update()
        row = await self._first(stmt)
        return _request(row) if row else None

    async def update(self, request: ApprovalRequest) -> None:
        _copy(request, await self._get_or_fail(RequestRow, request.id))
        await self._session.flush()

    async def pending_for_customer(self, customer_id: int) -> list[ApprovalRequest]:
        stmt = (
            select(RequestRow)
            .where(RequestRow.customer_id == customer_id, RequestRow.status == _PENDING)
            .order_by(RequestRow.created_at, RequestRow.id)
        )
        return [_request(row) for row in await self._all(stmt)]

    async def pending_seen_by(self, telegram_id: int) -> list[PendingRequest]:
        return [_pending(row) for row in await self._rows(_SEEN_BY, telegram_id=telegram_id)]

    async def pending_of(
        self, customer_id: int, program_id: int, kind: str
    ) -> ApprovalRequest | None:
        row = await self._first(
            select(RequestRow)
            .where(
                RequestRow.customer_id == customer_id,
                RequestRow.program_id == program_id,
                RequestRow.kind == str(kind),
                RequestRow.status == _PENDING,
            )
            .order_by(RequestRow.id.desc())
        )
        return _request(row) if row else None

    async def due(self, now: datetime, limit: int = 500) -> list[ApprovalRequest]:
        stmt = (
            select(RequestRow)
            .where(RequestRow.status == _PENDING, RequestRow.expires_at <= now)
            .order_by(RequestRow.expires_at, RequestRow.id)
            .limit(limit)
        )
        return [_request(row) for row in await self._all(stmt)]

    async def unreminded_invitations(
        self, created_before: datetime, limit: int = 500
    ) -> list[ApprovalRequest]:
        stmt = (
            select(RequestRow)
            .where(
                RequestRow.kind == RequestKind.ENROLLMENT.value,
                RequestRow.status == _PENDING,
                RequestRow.reminded_at.is_(None),
                RequestRow.created_at <= created_before,
            )
            # Oldest first, in the order of (status, reminded_at, created_at, id): by id alone
            # SQLite read every request ever made in id order (migration 0022).
            .order_by(RequestRow.created_at, RequestRow.id)
            .limit(limit)
        )
        return [_request(row) for row in await self._all(stmt)]

    async def mark_reminded(self, request_id: int, at: datetime) -> bool:
        # Guarded, so two sweeps at once (two processes on PostgreSQL) remind only once.
        changed = await self._changed(
            update(RequestRow)
            .where(
                RequestRow.id == request_id,
                RequestRow.status == _PENDING,
                RequestRow.reminded_at.is_(None),
            )
            .values(reminded_at=at)
            .execution_options(synchronize_session=False)
        )
        return changed == 1
