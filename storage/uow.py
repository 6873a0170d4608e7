"""The SQL unit of work: one session, one transaction, every repository on it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from domain.broadcast_ports import BroadcastRepository
from domain.events import Event
from domain.growth.owner_ports import (
    BirthdayRepository,
    BulkAwardRepository,
    ProgramGiftRepository,
    StaffAlertRepository,
    WinbackRepository,
)
from domain.growth.ports import PromoRepository, ReferralRepository
from domain.models import Notification
from domain.notify import write_outbox
from domain.ports import (
    BusinessCustomerRepository,
    BusinessRepository,
    CardRepository,
    ConversationRepository,
    CustomerRepository,
    EnrollmentRepository,
    ExpiryRepository,
    LedgerRepository,
    NotificationRepository,
    OperatorRepository,
    PreferenceRepository,
    PrivacyRepository,
    ProgramRepository,
    ReportRepository,
    RequestRepository,
    RewardRepository,
    ScanRepository,
    StaffInvitationRepository,
    StaffRepository,
    TierRepository,
    UserRepository,
)
from storage.engine import begin_reading
from storage.gate import gate_turn
from storage.hour_tally import drop_tallies, write_tallies
from storage.outbox_statistics import outbox_statistics
from storage.repositories import (
    SqlBusinessCustomerRepository,
    SqlBusinessRepository,
    SqlCardRepository,
    SqlConversationRepository,
    SqlCustomerRepository,
    SqlEnrollmentRepository,
    SqlLedgerRepository,
    SqlNotificationRepository,
    SqlPreferenceRepository,
    SqlProgramRepository,
    SqlReportRepository,
    SqlRequestRepository,
    SqlRewardRepository,
    SqlScanRepository,
    SqlStaffInvitationRepository,
    SqlStaffRepository,
    SqlUserRepository,
)
from storage.repositories.broadcasts import SqlBroadcastRepository
from storage.repositories.expiry import SqlExpiryRepository
from storage.repositories.growth import SqlPromoRepository, SqlReferralRepository
from storage.repositories.growth_birthdays import (
    SqlBirthdayRepository,
    SqlProgramGiftRepository,
)
from storage.repositories.growth_bulk import SqlBulkAwardRepository
from storage.repositories.growth_offers import SqlStaffAlertRepository, SqlWinbackRepository
from storage.repositories.privacy import SqlOperatorRepository, SqlPrivacyRepository
from storage.repositories.tiers import SqlTierRepository

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class SqlUnitOfWork:
    """`async with uow:` ... `await uow.commit()`; leaving without a commit rolls back.

    One block at a time; each block gets a fresh session, so the object can be reused.

    `reading=True` makes a unit of work that only reads (a customer's My cards or History): on
    SQLite its transaction begins DEFERRED on a query-only connection, without waiting for the
    write gate, so a view is never queued behind a broadcast's or a sweep's writes; on
    PostgreSQL it reads without a transaction (READ COMMITTED either way: a BEGIN and a ROLLBACK
    fewer, storage/engine.py READING_POSTGRES); it records no events. `background=True` is for
    work nobody waits on (a broadcast's chunks, sweeps): on SQLite it takes the write gate after
    every waiting transaction someone waits for (storage/gate.py).
    """

    # Typed as the domain's ports: mypy checks each SQL repository against its Protocol where
    # it is set below, and the Protocol's attributes (settable, so invariant) match exactly.
    users: UserRepository
    customers: CustomerRepository
    businesses: BusinessRepository
    staff: StaffRepository
    staff_invitations: StaffInvitationRepository
    programs: ProgramRepository
    rewards: RewardRepository
    enrollments: EnrollmentRepository
    cards: CardRepository
    ledger: LedgerRepository
    tiers: TierRepository
    business_customers: BusinessCustomerRepository
    requests: RequestRepository
    notifications: NotificationRepository
    _outbox_rows: SqlNotificationRepository  # the same, with its count of rows added
    preferences: PreferenceRepository
    scans: ScanRepository
    reports: ReportRepository
    conversations: ConversationRepository
    privacy: PrivacyRepository
    operators: OperatorRepository
    referrals: ReferralRepository
    promos: PromoRepository
    birthdays: BirthdayRepository
    gifts: ProgramGiftRepository
    winbacks: WinbackRepository
    bulk_awards: BulkAwardRepository
    broadcasts: BroadcastRepository
    staff_alerts: StaffAlertRepository
    expiry: ExpiryRepository

    def __init__(
        self, session_factory: async_sessionmaker[Any], clock: Clock = utc_now, *,
        reading: bool = False, background: bool = False,
    ) -> None:  # fmt: skip
        self._session_factory = session_factory
        self._clock = clock
        self._reading = reading
        self._background = background
        self._session: AsyncSession | None = None
        self._events: list[Event] = []
        self._written: list[Notification] = []

    def now(self) -> datetime:
        return self._clock()

    def record(self, event: Event) -> None:
        if self._reading:
            raise RuntimeError("a reading unit of work records no events")
        self._events.append(event)

    @property
    def written(self) -> list[Notification]:
        return self._written

    async def __aenter__(self) -> SqlUnitOfWork:
        if self._session is not None:
            raise RuntimeError("this unit of work is already in use; create one per task")
        self._gate: contextlib.AbstractAsyncContextManager[None] = (
            contextlib.nullcontext()
            if self._reading
            else gate_turn(self._session_factory, background=self._background)
        )
        await self._gate.__aenter__()
        session = self._session_factory()
        self._session = session
        if self._reading:
            try:
                await begin_reading(session)
            except BaseException:
                await self.__aexit__()
                raise
        self._events, self._written = [], []
        self.users = SqlUserRepository(session)
        self.customers = SqlCustomerRepository(session)
        self.businesses = SqlBusinessRepository(session)
        self.staff = SqlStaffRepository(session)
        self.staff_invitations = SqlStaffInvitationRepository(session)
        self.programs = SqlProgramRepository(session)
        self.rewards = SqlRewardRepository(session)
        self.enrollments = SqlEnrollmentRepository(session)
        self.cards = SqlCardRepository(session)
        self.ledger = SqlLedgerRepository(session)
        self.tiers = SqlTierRepository(session)
        self.business_customers = SqlBusinessCustomerRepository(session)
        self.requests = SqlRequestRepository(session)
        self.notifications = self._outbox_rows = SqlNotificationRepository(session)
        self.preferences = SqlPreferenceRepository(session)
        self.scans = SqlScanRepository(session)
        self.reports = SqlReportRepository(session)
        self.conversations = SqlConversationRepository(session)
        self.privacy = SqlPrivacyRepository(session)
        self.operators = SqlOperatorRepository(session)
        self.referrals = SqlReferralRepository(session)
        self.promos = SqlPromoRepository(session)
        self.birthdays = SqlBirthdayRepository(session)
        self.gifts = SqlProgramGiftRepository(session)
        self.winbacks = SqlWinbackRepository(session)
        self.bulk_awards = SqlBulkAwardRepository(session)
        self.broadcasts = SqlBroadcastRepository(session)
        self.staff_alerts = SqlStaffAlertRepository(session)
        self.expiry = SqlExpiryRepository(session)
        return self

    async def __aexit__(self, *exc: object) -> None:
        session, self._session = self._session, None
        if session is None:
            return
        try:
            # Whatever was not committed is dropped; after a commit this is a no-op.
            await session.rollback()
        finally:
            try:
                await session.close()
            finally:
                await self._gate.__aexit__(None, None, None)

    async def commit(self) -> None:
        """Write the messages the recorded events cause, then commit them with the change."""
        session = self._active()
        events, self._events = self._events, []
        self._written = await write_outbox(self, events)
        await write_tallies(session)  # the hours' figures, one upsert a row (hour_tally.py)
        await session.commit()
        written, self._outbox_rows.added = self._outbox_rows.added, 0
        if written and isinstance(session.bind, AsyncEngine):
            if statistics := outbox_statistics(session.bind):
                statistics.written(written)  # PostgreSQL's planner told in time

    async def rollback(self) -> None:
        self._events = []
        self._outbox_rows.added = 0  # rows that were never written
        drop_tallies(self._active())
        await self._active().rollback()

    def _active(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("unit of work used outside `async with`")
        return self._session


def uow_factory(
    session_factory: async_sessionmaker[Any], clock: Clock = utc_now
) -> Callable[[], SqlUnitOfWork]:
    """One fresh unit of work per call, for tests and tools (the bot's own wakes the dispatcher
    after each commit: bot/app.py)."""
    return lambda: SqlUnitOfWork(session_factory, clock)
