"""Repositories for businesses, their staff, and the customers each business has dealt with."""

from __future__ import annotations

from datetime import datetime
from functools import cache

from sqlalchemy import (
    Executable,
    Result,
    Select,
    SQLColumnExpression,
    and_,
    bindparam,
    delete,
    func,
    or_,
    select,
    update,
)

from domain.models import Business, BusinessCustomer, EntryKind, Role, ScanOutcome, Staff
from domain.ports import BusinessStats, CustomerSummary
from storage.hour_tally import tally
from storage.repositories.base import Columns, RowOf, SqlRepository
from storage.session_notes import note
from storage.tables import (
    BusinessCustomerRow,
    BusinessRow,
    CardRow,
    CustomerRow,
    LedgerRow,
    ScanLogRow,
    StaffRow,
)
from storage.upsert import upsert_for


def _business(row: RowOf[BusinessRow]) -> Business:
    return Business(
        id=row.id,
        name=row.name,
        owner_telegram_id=row.owner_telegram_id,
        staff_invite_code=row.staff_invite_code,
        created_at=row.created_at,
        default_program_id=row.default_program_id,
        suspended_at=row.suspended_at,
        time_zone=row.time_zone,
        awaiting_approval_since=row.awaiting_approval_since,
    )


def _staff(row: RowOf[StaffRow]) -> Staff:
    return Staff(
        id=row.id,
        business_id=row.business_id,
        telegram_id=row.telegram_id,
        role=Role(row.role),
        added_at=row.added_at,
        daily_award_limit=row.daily_award_limit,
    )


def _business_customer(row: RowOf[BusinessCustomerRow]) -> BusinessCustomer:
    return BusinessCustomer(
        id=row.id,
        business_id=row.business_id,
        customer_id=row.customer_id,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        visits=row.visits,
        status=row.status,
    )


class SqlBusinessRepository(SqlRepository):
    async def get(self, business_id: int) -> Business | None:
        row = await self._get(BusinessRow, business_id)
        if row is None:
            return None
        note(self._session, "time_zone", business_id, row.time_zone)  # the scan log's day
        return _business(row)

    async def by_invite_code(self, code: str) -> Business | None:
        row = await self._first(select(BusinessRow).where(BusinessRow.staff_invite_code == code))
        return _business(row) if row else None

    async def add(self, business: Business) -> Business:
        row = await self._add(
            BusinessRow(
                name=business.name,
                owner_telegram_id=business.owner_telegram_id,
                staff_invite_code=business.staff_invite_code,
                default_program_id=business.default_program_id,
                suspended_at=business.suspended_at,
                created_at=business.created_at,
                time_zone=business.time_zone,
                awaiting_approval_since=business.awaiting_approval_since,
            )
        )
        return _business(row)

    async def update(self, business: Business) -> None:
        row = await self._get_or_fail(BusinessRow, business.id)
        row.name = business.name
        row.owner_telegram_id = business.owner_telegram_id
        row.staff_invite_code = business.staff_invite_code
        row.default_program_id = business.default_program_id
        row.suspended_at = business.suspended_at
        row.time_zone = business.time_zone
        note(self._session, "time_zone", business.id, business.time_zone)
        row.awaiting_approval_since = business.awaiting_approval_since
        await self._session.flush()

    async def digest_due(self, day: str, limit: int = 500) -> list[Business]:
        """Active businesses whose owner has not had the digest of `day` (an ISO date) yet."""
        stmt = (
            select(BusinessRow)
            .where(
                BusinessRow.suspended_at.is_(None),
                or_(BusinessRow.digest_day.is_(None), BusinessRow.digest_day < day),
            )
            .order_by(BusinessRow.id)
            .limit(limit)
        )
        return [_business(row) for row in await self._all(stmt)]

    async def mark_digest(self, business_id: int, day: str) -> bool:
        # Guarded, so two sweeps at once send the digest of a day only once.
        changed = await self._changed(
            update(BusinessRow)
            .where(
                BusinessRow.id == business_id,
                or_(BusinessRow.digest_day.is_(None), BusinessRow.digest_day < day),
            )
            .values(digest_day=day)
            .execution_options(synchronize_session=False)
        )
        return changed == 1

    async def figures(
        self, business_id: int, start: datetime, end: datetime | None = None
    ) -> BusinessStats:
        """Scans, points issued (net of undos) and redeemed, new and active customers in
        [start, end), or since `start` with no end, from the scan log and the ledger: the
        operators' page reads this (/stats and the digest read the kept hours)."""
        scan_time, ledger_time = ScanLogRow.created_at, LedgerRow.created_at
        first, last = BusinessCustomerRow.first_seen, BusinessCustomerRow.last_seen
        scans = await self._count(
            _window(select(func.count()), scan_time, start, end).where(
                ScanLogRow.business_id == business_id,
                ScanLogRow.outcome == ScanOutcome.AWARDED.value,
            )
        )
        ledger = (
            _window(select(func.coalesce(func.sum(LedgerRow.delta), 0)), ledger_time, start, end)
            .join(CardRow, CardRow.id == LedgerRow.card_id)
            .where(CardRow.business_id == business_id)
        )
        issued = await self._count(ledger.where(LedgerRow.kind.in_(ISSUED)))
        redeemed = await self._count(ledger.where(LedgerRow.kind.in_(SPENT)))
        rewards = await self._count(
            ledger.with_only_columns(func.count()).where(LedgerRow.kind == EntryKind.REDEEM.value)
        )
        seen = select(func.count()).where(BusinessCustomerRow.business_id == business_id)
        new = await self._count(_window(seen, first, start, end))
        active = await self._count(_window(seen, last, start, end))
        return BusinessStats(scans, issued, -redeemed, new, active, rewards)

    async def _count(self, stmt: Select[int]) -> int:
        return int((await self._session.scalar(stmt)) or 0)


ISSUED = (EntryKind.AWARD.value, EntryKind.UNDO.value)  # undone awards are not issued
SPENT = (EntryKind.REDEEM.value, EntryKind.DEDUCT.value)


def _window(
    stmt: Select[int], column: SQLColumnExpression[datetime], start: datetime, end: datetime | None
) -> Select[int]:
    stmt = stmt.where(column >= start)
    return stmt if end is None else stmt.where(column < end)


_STAFF = StaffRow.__table__
_STAFF_OF = select(_STAFF).where(
    _STAFF.c.business_id == bindparam("business_id"),
    _STAFF.c.telegram_id == bindparam("telegram_id"),
)
_BUSINESSES = BusinessRow.__table__
# The business with this user's staff row if there is one: every staff action's first read.
_WITH_STAFF = (
    select(_BUSINESSES, *(column.label(f"staff_{column.name}") for column in _STAFF.c))
    .select_from(
        _BUSINESSES.outerjoin(
            _STAFF,
            and_(
                _STAFF.c.business_id == _BUSINESSES.c.id,
                _STAFF.c.telegram_id == bindparam("telegram_id"),
            ),
        )
    )
    .where(_BUSINESSES.c.id == bindparam("business_id"))
)


class SqlStaffRepository(SqlRepository):
    async def get(self, business_id: int, telegram_id: int) -> Staff | None:
        row = await self._row(_STAFF_OF, business_id=business_id, telegram_id=telegram_id)
        return _staff(row) if row else None

    async def with_business(
        self, business_id: int, telegram_id: int
    ) -> tuple[Business | None, Staff | None]:
        """The business and this user's staff row in it, in one read."""
        row = await self._row(_WITH_STAFF, business_id=business_id, telegram_id=telegram_id)
        if row is None:
            return None, None
        note(self._session, "time_zone", business_id, row.time_zone)
        if row.staff_id is None:
            return _business(row), None
        staff = Columns(_STAFF, [getattr(row, f"staff_{column.name}") for column in _STAFF.c])
        return _business(row), _staff(staff)

    async def of_user(self, telegram_id: int) -> list[Staff]:
        stmt = select(StaffRow).where(StaffRow.telegram_id == telegram_id).order_by(StaffRow.id)
        return [_staff(row) for row in await self._all(stmt)]

    async def list(self, business_id: int) -> list[Staff]:
        stmt = select(StaffRow).where(StaffRow.business_id == business_id).order_by(StaffRow.id)
        return [_staff(row) for row in await self._all(stmt)]

    async def add(self, staff: Staff) -> Staff:
        row = await self._add(
            StaffRow(
                business_id=staff.business_id,
                telegram_id=staff.telegram_id,
                role=staff.role.value,
                added_at=staff.added_at,
            )
        )
        return _staff(row)

    async def set_role(self, business_id: int, telegram_id: int, role: Role) -> None:
        await self._changed(
            update(StaffRow)
            .where(StaffRow.business_id == business_id, StaffRow.telegram_id == telegram_id)
            .values(role=role.value)
            .execution_options(synchronize_session=False)
        )

    async def remove(self, business_id: int, telegram_id: int) -> bool:
        changed = await self._changed(
            delete(StaffRow)
            .where(StaffRow.business_id == business_id, StaffRow.telegram_id == telegram_id)
            .execution_options(synchronize_session="fetch")
        )
        return bool(changed)

    async def set_award_limit(self, business_id: int, telegram_id: int, limit: int | None) -> None:
        await self._changed(
            update(StaffRow)
            .where(StaffRow.business_id == business_id, StaffRow.telegram_id == telegram_id)
            .values(daily_award_limit=limit)
            .execution_options(synchronize_session=False)
        )


class SqlBusinessCustomerRepository(SqlRepository):
    async def get(self, business_id: int, customer_id: int) -> BusinessCustomer | None:
        row = await self._first(
            select(BusinessCustomerRow).where(
                BusinessCustomerRow.business_id == business_id,
                BusinessCustomerRow.customer_id == customer_id,
            )
        )
        return _business_customer(row) if row else None

    async def touch(
        self, business_id: int, customer_id: int, at: datetime, *, visit: bool
    ) -> BusinessCustomer:
        # One upsert, so two first contacts at once cannot both insert.
        row = await self._returned(
            _touch(self._dialect()),
            business_id=business_id,
            customer_id=customer_id,
            first_seen=at,
            last_seen=at,
            visits=1 if visit else 0,
            status="active",
        )
        note(self._session, "first_seen", (business_id, customer_id), row.first_seen)
        # First seen now: a new customer, unless this transaction touched them already.
        counted = self._session.info.setdefault("new_business_customers", set())
        if row.first_seen == at and (business_id, customer_id) not in counted:
            counted.add((business_id, customer_id))
            tally(self._session, business_id, at, new_customers=1)
        return _business_customer(row)

    async def page(self, business_id: int, offset: int, limit: int) -> list[CustomerSummary]:
        # The page's rows first, off the (business_id, last_seen, id) index; then names and
        # balances for those rows only. (Joining first made SQLite sum the cards of every
        # customer of the business for each page: 343 ms at 100,000 customers.)
        newest_first = (BusinessCustomerRow.last_seen.desc(), BusinessCustomerRow.id.desc())
        chosen = (
            select(BusinessCustomerRow.id)
            .where(BusinessCustomerRow.business_id == business_id)
            .order_by(*newest_first)
            .offset(offset)
            .limit(limit)
            .subquery()
        )
        balance = (
            select(func.coalesce(func.sum(CardRow.balance), 0))
            .where(
                CardRow.customer_id == BusinessCustomerRow.customer_id,
                CardRow.business_id == business_id,
            )
            .scalar_subquery()
        )
        stmt = (
            select(
                CustomerRow.id,
                CustomerRow.display_name,
                balance,
                BusinessCustomerRow.visits,
                BusinessCustomerRow.last_seen,
            )
            .join(chosen, chosen.c.id == BusinessCustomerRow.id)
            .join(CustomerRow, CustomerRow.id == BusinessCustomerRow.customer_id)
            .order_by(*newest_first)
        )
        return summaries(await self._session.execute(stmt))

    async def count(self, business_id: int) -> int:
        stmt = select(func.count()).where(BusinessCustomerRow.business_id == business_id)
        return int((await self._session.scalar(stmt)) or 0)


@cache
def _touch(dialect: str) -> Executable:
    table = BusinessCustomerRow.__table__
    insert = upsert_for(dialect)(table)
    return insert.on_conflict_do_update(
        index_elements=["business_id", "customer_id"],
        set_={
            "last_seen": insert.excluded.last_seen,
            "visits": table.c.visits + insert.excluded.visits,
        },
    ).returning(*table.c)


def customer_summaries(business_id: int) -> Select[int, str, int, int, datetime]:
    """Each customer of a business with their balance there, visits and last visit."""
    # The balances of this business's cards, summed per customer once and joined. (A scalar
    # subquery per customer let SQLite scan every card of the business for each customer:
    # 1.5 s for a page of 5,000 customers.)
    balances = (
        select(CardRow.customer_id, func.sum(CardRow.balance).label("balance"))
        .where(CardRow.business_id == business_id)
        .group_by(CardRow.customer_id)
        .subquery()
    )
    return (
        select(
            CustomerRow.id,
            CustomerRow.display_name,
            func.coalesce(balances.c.balance, 0),
            BusinessCustomerRow.visits,
            BusinessCustomerRow.last_seen,
        )
        .join(CustomerRow, CustomerRow.id == BusinessCustomerRow.customer_id)
        .outerjoin(balances, balances.c.customer_id == BusinessCustomerRow.customer_id)
        .where(BusinessCustomerRow.business_id == business_id)
    )


def summaries(result: Result[int, str, int, int, datetime]) -> list[CustomerSummary]:
    return [
        CustomerSummary(
            customer_id=cid, name=name, balance=int(bal), visits=visits, last_seen=seen
        )
        for cid, name, bal, visits, seen in result.all()
    ]
