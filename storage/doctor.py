"""Database diagnostics: the health probe behind /healthz and /metrics, and the doctor's checks.

Both read whole tables with set-based SQL (a balance against its ledger sum, pairs missing from
business_customers), which the per-aggregate repository ports cannot express without loading
everything; they answer operators, not customers, so they live here rather than in domain/.
Repairs only restore what the data itself determines, and never move points between cards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    delete,
    exists,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection, async_sessionmaker

from domain.models import EnrollmentStatus, NotificationStatus, RequestStatus
from domain.rules import new_card_number
from storage.doctor_expiry import expiry_findings, repair_expiries
from storage.doctor_hours import hours_off, repair_hours
from storage.doctor_rewards import ladders_off, repair_ladders
from storage.tables import (
    BusinessCustomerRow,
    CardRow,
    EnrollmentRow,
    InboxRow,
    LedgerRow,
    NotificationRow,
    ProgramRow,
    RequestRow,
    TelegramUserRow,
)

PENDING = NotificationStatus.PENDING.value
SENDING = NotificationStatus.SENDING.value


def _reachable() -> ColumnElement[bool]:
    """Rows waiting for a chat that has not blocked the bot (blocked ones wait on purpose)."""
    blocked = select(TelegramUserRow.chat_id).where(TelegramUserRow.blocked_at.is_not(None))
    return NotificationRow.chat_id.not_in(blocked)


class HealthProbe:
    """Database reachable, outbox counts, dispatcher lag and the oldest pending row's age."""

    def __init__(self, sessions: async_sessionmaker[Any], clock: Callable[[], datetime]) -> None:
        self._sessions = sessions
        self._clock = clock

    async def __call__(self) -> dict[str, Any]:
        try:
            return await self._read()
        except Exception as error:  # the answer is "unhealthy", with the reason
            return {"database": "unreachable", "error": f"{type(error).__name__}: {error}"}

    async def _read(self) -> dict[str, Any]:
        now = self._clock()
        # A row is due from its next attempt (a lease or a backoff), or from its creation.
        due_since = func.coalesce(NotificationRow.next_attempt_at, NotificationRow.created_at)
        async with self._sessions() as session:
            await session.execute(text("SELECT 1"))
            counts = dict(
                (await session.execute(
                    select(NotificationRow.status, func.count()).group_by(NotificationRow.status)
                )).all()
            )  # fmt: skip
            oldest_due = await session.scalar(
                select(func.min(due_since)).where(
                    NotificationRow.status.in_((PENDING, SENDING)), due_since <= now, _reachable()
                )
            )
            inbox_waiting, inbox_oldest = (
                await session.execute(
                    select(func.count(), func.min(InboxRow.received_at)).where(
                        InboxRow.done_at.is_(None)
                    )
                )
            ).one()
            oldest_pending = await session.scalar(
                select(func.min(NotificationRow.created_at)).where(
                    NotificationRow.status == PENDING, _reachable()
                )
            )
        return {
            "database": "ok",
            "inbox_waiting": int(inbox_waiting),  # webhook updates stored and not yet handled
            "inbox_oldest_seconds": _age(now, inbox_oldest),
            "notifications": {str(k): int(v) for k, v in counts.items()},
            "dispatcher_lag_seconds": _age(now, oldest_due),
            "oldest_pending_seconds": _age(now, oldest_pending),
        }


def _age(now: datetime, since: datetime | None) -> float:
    return round(max((now - since).total_seconds(), 0.0), 3) if since is not None else 0.0


@dataclass(frozen=True)
class Finding:
    """One broken invariant; `fix` says what --repair does, None: left to a person."""

    check: str
    subject: str
    detail: str
    fix: str | None = None


async def find_problems(
    conn: AsyncConnection, now: datetime, lease: timedelta, scans_from: datetime | None = None
) -> list[Finding]:
    """Every broken invariant; `scans_from`: the scan log may be cleared before it (retention)."""
    found: list[Finding] = []
    for check in (
        _cards_missing, _balances_off, _customers_unlisted, _notes_stuck, _overdue, _expiries_off,
    ):  # fmt: skip
        found += await check(conn, now, lease)
    found += [Finding(*problem) for problem in await ladders_off(conn)]
    found += [Finding(*problem) for problem in await hours_off(conn, scans_from)]
    return found


async def _expiries_off(conn: AsyncConnection, now: datetime, _: timedelta) -> list[Finding]:
    return [
        Finding(check, subject, detail, "give the excess back" if fixable else None)
        for check, subject, detail, fixable in await expiry_findings(conn)
    ]


async def _cards_missing(conn: AsyncConnection, now: datetime, _: timedelta) -> list[Finding]:
    orphans = await _orphan_ledger_rows(conn)
    rows = await conn.execute(_enrollments_without_card())
    # Ledger rows of a vanished card may be this enrollment's points: then a new empty card
    # would hide them, so it is left to a person.
    fix = None if orphans else "give it an empty card"
    note = f"; {orphans} ledger rows point at missing cards" if orphans else ""
    return [
        Finding("card_missing", f"enrollment {e}", f"customer {c}, program {p}{note}", fix)
        for e, c, p in rows
    ]


async def _balances_off(conn: AsyncConnection, now: datetime, _: timedelta) -> list[Finding]:
    found = []
    for card_id, balance, total in await conn.execute(_balance_vs_ledger()):
        fix = f"set the balance to {total}" if total >= 0 else None
        detail = f"balance {balance}, ledger sum {total}"
        found.append(Finding("balance_mismatch", f"card {card_id}", detail, fix))
    return found


async def _customers_unlisted(conn: AsyncConnection, now: datetime, _: timedelta) -> list[Finding]:
    rows = await conn.execute(_unlisted_pairs())
    detail = "has a card there but no business_customers row"
    found = [
        Finding("business_customer_missing", f"business {b}, customer {c}", detail, "add it")
        for b, c, _first, _last in rows
    ]
    # A scan alone (a refused one, or an invitation never accepted) lists nobody.
    listed = await conn.execute(select(BusinessCustomerRow.id).where(_listed_without_card()))
    detail = "listed at the business without a card there"
    return found + [
        Finding("business_customer_without_card", f"business_customers {r}", detail, "remove")
        for (r,) in listed
    ]


async def _notes_stuck(conn: AsyncConnection, now: datetime, lease: timedelta) -> list[Finding]:
    sending = await conn.execute(select(NotificationRow.id).where(_stuck_sending(now)))
    found = [
        Finding("notification_stuck", f"notification {n}", "sending past its lease", "release it")
        for (n,) in sending
    ]
    due_since = func.coalesce(NotificationRow.next_attempt_at, NotificationRow.created_at)
    waiting = await conn.execute(
        select(NotificationRow.id).where(
            NotificationRow.status == PENDING, due_since < now - lease, _reachable()
        )
    )
    detail = "pending and due for longer than a lease: is a dispatcher running?"
    return found + [Finding("notification_stuck", f"notification {n}", detail) for (n,) in waiting]


async def _overdue(conn: AsyncConnection, now: datetime, _: timedelta) -> list[Finding]:
    rows = await conn.execute(select(RequestRow.id, RequestRow.expires_at).where(_past_due(now)))
    return [
        Finding("request_overdue", f"request {r}", f"pending past {at:%Y-%m-%d %H:%M}", "expire")
        for r, at in rows
    ]


async def repair_data(
    conn: AsyncConnection, now: datetime, scans_from: datetime | None = None
) -> None:
    """Fix what the data determines; the caller expires overdue requests through the domain."""
    await repair_expiries(conn, now)  # before the balances: it writes ledger and balance together
    if not await _orphan_ledger_rows(conn):
        for _, customer_id, program_id in (await conn.execute(_enrollments_without_card())).all():
            await _add_empty_card(conn, customer_id, program_id, now)
    for card_id, _, total in (await conn.execute(_balance_vs_ledger())).all():
        if total >= 0:  # a negative sum cannot be a balance: a person must look
            await conn.execute(update(CardRow).where(CardRow.id == card_id).values(balance=total))
    for business_id, customer_id, first, last in (await conn.execute(_unlisted_pairs())).all():
        row: dict[str, object] = {"business_id": business_id, "customer_id": customer_id}
        row |= {"first_seen": first, "last_seen": last, "visits": 0, "status": "active"}
        await conn.execute(insert(BusinessCustomerRow).values(**row))
    await conn.execute(delete(BusinessCustomerRow).where(_listed_without_card()))
    release = {"status": PENDING, "next_attempt_at": now}
    await conn.execute(update(NotificationRow).where(_stuck_sending(now)).values(**release))
    await repair_ladders(conn)
    await repair_hours(
        conn, scans_from
    )  # last: the customers added above count as new in their hour


async def _add_empty_card(
    conn: AsyncConnection, customer_id: int, program_id: int, now: datetime
) -> None:
    business_id = await conn.scalar(
        select(ProgramRow.business_id).where(ProgramRow.id == program_id)
    )
    card: dict[str, object] = {
        "customer_id": customer_id,
        "program_id": program_id,
        "business_id": business_id,
    }
    card |= {"number": new_card_number(), "balance": 0, "lifetime_points": 0, "created_at": now}
    await conn.execute(insert(CardRow).values(**card))


def _enrollments_without_card() -> Select[int, int, int]:
    same = and_(
        CardRow.customer_id == EnrollmentRow.customer_id,
        CardRow.program_id == EnrollmentRow.program_id,
    )
    return (
        select(EnrollmentRow.id, EnrollmentRow.customer_id, EnrollmentRow.program_id)
        .outerjoin(CardRow, same)
        .where(EnrollmentRow.status == EnrollmentStatus.ACTIVE.value, CardRow.id.is_(None))
        .order_by(EnrollmentRow.id)
    )


async def _orphan_ledger_rows(conn: AsyncConnection) -> int:
    # NOT EXISTS, an anti-join: PostgreSQL ran `card_id NOT IN (SELECT id ...)` as a scan of
    # the cards for every ledger row once the ids outgrew work_mem (hours at 10,000,000 rows).
    missing = ~exists().where(CardRow.id == LedgerRow.card_id)
    return int(await conn.scalar(select(func.count()).select_from(LedgerRow).where(missing)) or 0)


def _balance_vs_ledger() -> Select[int, int, int]:
    sums = (
        select(LedgerRow.card_id, func.sum(LedgerRow.delta).label("total"))
        .group_by(LedgerRow.card_id)
        .subquery()
    )
    total = func.coalesce(sums.c.total, 0)
    return (
        select(CardRow.id, CardRow.balance, total)
        .outerjoin(sums, sums.c.card_id == CardRow.id)
        .where(CardRow.balance != total)
        .order_by(CardRow.id)
    )


def _listed_without_card() -> ColumnElement[bool]:
    card = select(CardRow.id).where(
        CardRow.business_id == BusinessCustomerRow.business_id,
        CardRow.customer_id == BusinessCustomerRow.customer_id,
    )
    return ~exists(card)


def _unlisted_pairs() -> Select[int, int, datetime, datetime]:
    seen = select(
        CardRow.business_id, CardRow.customer_id, CardRow.created_at.label("at")
    ).subquery()
    listed = and_(
        BusinessCustomerRow.business_id == seen.c.business_id,
        BusinessCustomerRow.customer_id == seen.c.customer_id,
    )
    return (
        select(seen.c.business_id, seen.c.customer_id, func.min(seen.c.at), func.max(seen.c.at))
        .outerjoin(BusinessCustomerRow, listed)
        .where(BusinessCustomerRow.id.is_(None))
        .group_by(seen.c.business_id, seen.c.customer_id)
        .order_by(seen.c.business_id, seen.c.customer_id)
    )


def _stuck_sending(now: datetime) -> ColumnElement[bool]:
    lease = NotificationRow.next_attempt_at
    return and_(NotificationRow.status == SENDING, lease.is_(None) | (lease < now))


def _past_due(now: datetime) -> ColumnElement[bool]:
    return and_(RequestRow.status == RequestStatus.PENDING.value, RequestRow.expires_at <= now)
