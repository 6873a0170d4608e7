"""Ports: the narrow Protocols the use cases work through; `storage/` implements them."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from domain.broadcast_ports import BroadcastRepository
from domain.events import Event
from domain.expiry import Expiry
from domain.growth.owner_ports import (
    BirthdayRepository,
    BulkAwardRepository,
    ProgramGiftRepository,
    StaffAlertRepository,
    WinbackRepository,
)
from domain.growth.ports import PromoRepository, ReferralRepository
from domain.models import (
    ApprovalRequest,
    Business,
    BusinessCustomer,
    Card,
    Category,
    ChatState,
    Customer,
    Enrollment,
    InvitationBlock,
    LedgerEntry,
    Notification,
    Program,
    ProgramKind,
    Reward,
    Role,
    ScanLog,
    ScanOutcome,
    Staff,
    StaffInvitation,
    TelegramUser,
)
from domain.tiers import Tier


@dataclass(frozen=True)
class CustomerSummary:
    """One row of a business's customer list."""

    customer_id: int
    name: str
    balance: int
    visits: int
    last_seen: datetime


@dataclass(frozen=True)
class HeldCard:
    """A customer's card with what their views show beside it, read together (My cards)."""

    card: Card
    program: Program  # with its rewards ladder, as `ProgramRepository.get` reads it
    business: str  # its name ("" if the business is gone)
    time_zone: str = "UTC"  # the business's
    tier: Tier | None = None  # the tier the card holds, a removed one included


@dataclass(frozen=True)
class PendingRequest:
    """A customer's pending request with what their Requests list shows beside it."""

    request: ApprovalRequest
    program: str  # its name ("" if the program is gone)
    kind: ProgramKind | None  # what the program counts (None if it is gone)
    business: str  # its name ("" if the business is gone)
    balance: int | None  # the card's, if the request names one


@dataclass(frozen=True)
class BusinessStats:
    scans: int
    points_issued: int
    points_redeemed: int
    new_customers: int
    active_customers: int
    rewards_redeemed: int = 0  # approved redemptions, a kept-stamps one (0 points) included


@dataclass(frozen=True)
class DayFigures:
    """One local day of a business: visits, points issued (net of undos) and redeemed, new
    customers and returning ones (who visited that day and were first seen before it)."""

    day: date
    visits: int = 0
    issued: int = 0
    redeemed: int = 0
    new_customers: int = 0
    returning: int = 0


@dataclass(frozen=True)
class StaffFigures:
    """What one staff member did over a period: awarded scans, manual awards and their points."""

    telegram_id: int
    name: str
    scans: int
    manual_awards: int
    manual_points: int
    undos: int = 0
    redemptions: int = 0  # rewards redeemed at this staff member's request


@dataclass(frozen=True)
class LedgerLine:
    """One ledger row of a business, with the names a report shows beside it."""

    entry_id: int
    created_at: datetime
    customer_id: int
    customer: str
    card_number: str
    program: str
    delta: int
    kind: str
    reason: str  # a LedgerReason code
    note: str
    staff_telegram_id: int | None


@dataclass(frozen=True)
class BusinessOverview:
    """One business as operators see it in /admin."""

    business_id: int
    name: str
    owner_telegram_id: int
    owner_name: str
    suspended: bool
    awaiting_approval: bool
    customers: int
    cards: int
    staff: int


class UserRepository(Protocol):
    async def get(self, telegram_id: int) -> TelegramUser | None: ...
    async def chats(self, telegram_ids: Collection[int]) -> dict[int, int]:
        """The chat of each of these users that is known (telegram id -> chat id)."""
        ...

    async def upsert(self, user: TelegramUser) -> TelegramUser: ...
    async def set_blocked(self, telegram_id: int, at: datetime | None) -> None: ...
    async def set_locale(self, telegram_id: int, locale: str | None) -> bool:
        """Store the language chosen in Settings (None: follow Telegram's); False: no such user."""
        ...


class CustomerRepository(Protocol):
    async def get(self, customer_id: int) -> Customer | None: ...
    async def by_telegram(self, telegram_id: int) -> Customer | None: ...
    async def by_public_id(self, public_id: str) -> Customer | None: ...
    async def by_manual_code(self, code: str) -> Customer | None: ...
    async def add(self, customer: Customer) -> Customer: ...
    async def update(self, customer: Customer) -> None: ...
    async def cards_of(self, telegram_id: int, *, left: bool = False) -> list[HeldCard]:
        """The cards of the customer with this Telegram id, oldest first, each with its
        program, business and tier, in one read; with `left`, the cards they left too."""
        ...

    async def with_card_in(
        self, business_id: int, after_id: int = 0, limit: int | None = None
    ) -> list[Customer]:
        """Card holders of the business (not of a card they left), once each, by id: those
        after `after_id`, at most `limit`."""
        ...


class BusinessRepository(Protocol):
    async def get(self, business_id: int) -> Business | None: ...
    async def by_invite_code(self, code: str) -> Business | None: ...
    async def add(self, business: Business) -> Business: ...
    async def update(self, business: Business) -> None: ...
    async def digest_due(self, day: str, limit: int = 500) -> list[Business]: ...
    async def mark_digest(self, business_id: int, day: str) -> bool:
        """Record that the owner got the digest of `day`; False if already recorded."""
        ...

    async def figures(self, business_id: int, start: datetime, end: datetime) -> BusinessStats:
        """The figures in [start, end) read from the scan log and the ledger (the operators'
        page)."""
        ...


class StaffRepository(Protocol):
    async def get(self, business_id: int, telegram_id: int) -> Staff | None: ...
    async def with_business(
        self, business_id: int, telegram_id: int
    ) -> tuple[Business | None, Staff | None]:
        """The business (None: no such business) and this user's staff row in it, one read."""
        ...

    async def of_user(self, telegram_id: int) -> list[Staff]: ...
    async def list(self, business_id: int) -> list[Staff]: ...
    async def add(self, staff: Staff) -> Staff: ...
    async def remove(self, business_id: int, telegram_id: int) -> bool: ...
    async def set_role(self, business_id: int, telegram_id: int, role: Role) -> None: ...
    async def set_award_limit(self, business_id: int, telegram_id: int, limit: int | None) -> None:
        """Store a staff member's manual-award limit a day (None: no limit)."""
        ...


class StaffInvitationRepository(Protocol):
    async def get(self, invitation_id: int) -> StaffInvitation | None: ...
    async def by_code(self, code: str) -> StaffInvitation | None: ...
    async def add(self, invitation: StaffInvitation) -> StaffInvitation: ...
    async def open_for(self, business_id: int, now: datetime) -> list[StaffInvitation]: ...
    async def use(self, invitation_id: int, telegram_id: int, at: datetime) -> bool:
        """Mark an open invitation used by this person; False if it was used, revoked or
        expired meanwhile (one person wins, even on two workers at once)."""
        ...

    async def revoke(self, invitation_id: int, at: datetime) -> bool:
        """Revoke an invitation still open; False if it was used or revoked already."""
        ...


class ProgramRepository(Protocol):
    async def get(self, program_id: int) -> Program | None: ...
    async def by_join_code(self, code: str) -> Program | None: ...
    async def list(self, business_id: int, *, active_only: bool = False) -> list[Program]: ...
    async def add(self, program: Program) -> Program: ...
    async def update(self, program: Program) -> None: ...
    # `list` here names the method above, so the builtin is spelled out.
    async def with_nudges(self) -> builtins.list[Program]: ...


class RewardRepository(Protocol):
    """Programs' rewards ladders; `ProgramRepository` reads a program with its active ones."""

    async def lock_ladder(self, program_id: int) -> None:
        """Hold the program's ladder until the transaction ends: changes take turns."""
        ...

    async def get(self, reward_id: int) -> Reward | None: ...
    async def of_program(self, program_id: int, *, removed: bool = False) -> list[Reward]:
        """The rewards in ladder order; with `removed`, the inactive ones too."""
        ...

    async def add(self, reward: Reward, at: datetime) -> Reward: ...
    async def update(self, reward: Reward) -> None: ...
    async def claimed_by(self, card_id: int) -> frozenset[int]:
        """The rewards this card was given (approved redemptions)."""
        ...

    async def claimed_of(self, card_ids: Collection[int]) -> dict[int, frozenset[int]]:
        """`claimed_by` of each of these cards, in one read (cards given none are left out)."""
        ...


class EnrollmentRepository(Protocol):
    async def get(self, customer_id: int, program_id: int) -> Enrollment | None: ...
    async def add(self, enrollment: Enrollment) -> Enrollment: ...
    async def update(self, enrollment: Enrollment) -> None: ...


class CardRepository(Protocol):
    async def get(self, card_id: int) -> Card | None: ...
    async def lock(self, card_id: int) -> Card | None:
        """The card, locked until the transaction ends, so checks on it hold until we write."""
        ...

    async def of(self, customer_id: int, program_id: int, *, lock: bool = False) -> Card | None:
        """The customer's card in this program; `lock=True` locks it as `lock` does."""
        ...

    async def list_for_customer(self, customer_id: int) -> list[Card]: ...
    async def add(self, card: Card, renumber: Callable[[], str] | None = None) -> Card:
        """Store a new card; a number already taken is replaced by `renumber()` and retried."""
        ...

    async def set_left(self, card_id: int, at: datetime | None) -> None:
        """Mark the card left by its holder (None: active again); balance and ledger stay."""
        ...

    async def apply_delta(self, card_id: int, delta: int, *, earned: int) -> Card | None:
        """Add `delta` to the balance and `earned` to lifetime points earned, atomically.

        Returns the updated card, or None when the balance would go below zero (nothing changed).
        """
        ...

    async def near_reward(self, limit: int = 500) -> list[Card]:
        """Cards one scan from the reward whose holder was not told so yet."""
        ...

    async def mark_near_reward(self, card_id: int, at: datetime) -> bool: ...
    async def clear_near_reward(self) -> int: ...
    async def idle_in(
        self, program_id: int, seen_before: datetime, limit: int = 500
    ) -> list[Card]: ...
    async def mark_nudged(self, card_id: int, at: datetime) -> bool: ...


class LedgerRepository(Protocol):
    async def get(self, entry_id: int) -> LedgerEntry | None: ...
    async def by_key(self, idempotency_key: str) -> LedgerEntry | None: ...
    async def add(self, entry: LedgerEntry, business_id: int) -> LedgerEntry: ...
    async def for_card(self, card_id: int, limit: int = 10) -> list[LedgerEntry]: ...
    async def latest_of(
        self, card_ids: Collection[int], limit: int = 10
    ) -> dict[int, list[LedgerEntry]]:
        """`for_card` of each of these cards (newest first, `limit` each), in one read."""
        ...

    async def awarded_since(self, card_id: int, since: datetime) -> int:
        """Sum of award deltas (net of their undos) on the card since `since`."""
        ...

    async def manual_awarded_by(
        self, business_id: int, staff_telegram_id: int, since: datetime
    ) -> int:
        """Points this staff member awarded by hand at this business since `since`."""
        ...

    async def note_reply(self, entry_id: int, chat_id: int, message_id: int, at: datetime) -> None:
        """Remember the message that carries this award's Undo button."""
        ...

    async def reply_of(self, entry_id: int) -> tuple[int, int] | None:
        """(chat id, message id) of the message carrying the award's Undo button, if noted."""
        ...


class TierRepository(Protocol):
    """Programs' tiers, and the tier each card holds."""

    async def of_program(self, program_id: int) -> list[Tier]:
        """The program's tiers in use, lowest threshold first."""
        ...

    async def get(self, tier_id: int) -> Tier | None:
        """A tier by id, a removed one included (a card may still name it)."""
        ...

    async def lock_program(self, program_id: int) -> None:
        """Hold the program's row until the transaction ends: one tier edit at a time."""
        ...

    async def add(self, tier: Tier, at: datetime) -> Tier: ...
    async def update(self, tier: Tier) -> None: ...
    async def remove(self, tier_id: int, at: datetime) -> None:
        """Take a tier out of use; its row stays, so cards holding it still say what it was."""
        ...

    async def set_window(self, program_id: int, months: int | None) -> None: ...
    async def tiered_programs(self) -> builtins.list[int]:
        """Ids of active programs that have or had tiers, for the tier sweep."""
        ...

    async def candidates(
        self, program_id: int, floor: int | None, after_card_id: int, limit: int
    ) -> builtins.list[Card]:
        """Cards in use of the program past `after_card_id`, by id, that may be in the wrong
        tier: holding one, or with lifetime points earned at or over `floor` (None: none can
        reach a tier)."""
        ...

    async def earned_since(self, card_ids: Iterable[int], since: datetime) -> dict[int, int]:
        """Points earned on each card since `since`: awards then, less their undos."""
        ...

    async def set_card_tier(self, card_id: int, before: int | None, after: int | None) -> bool:
        """Move the card from tier `before` to `after`; False if it no longer holds `before`
        (another worker moved it first)."""
        ...


class BusinessCustomerRepository(Protocol):
    async def get(self, business_id: int, customer_id: int) -> BusinessCustomer | None: ...
    async def touch(
        self, business_id: int, customer_id: int, at: datetime, *, visit: bool
    ) -> BusinessCustomer:
        """Create the row on first contact, update last_seen, and count a visit if asked."""
        ...

    async def page(self, business_id: int, offset: int, limit: int) -> list[CustomerSummary]: ...
    async def count(self, business_id: int) -> int: ...


class RequestRepository(Protocol):
    async def get(self, request_id: int) -> ApprovalRequest | None: ...
    async def lock(self, request_id: int) -> ApprovalRequest | None:
        """The request, locked until the transaction ends: one answer or expiry wins."""
        ...

    async def add(self, request: ApprovalRequest) -> ApprovalRequest: ...
    async def update(self, request: ApprovalRequest) -> None: ...
    async def pending_for_customer(self, customer_id: int) -> list[ApprovalRequest]: ...
    async def pending_seen_by(self, telegram_id: int) -> list[PendingRequest]:
        """The pending requests of the customer with this Telegram id, oldest first, each with
        its program, business and card's balance, in one read."""
        ...

    async def pending_of(
        self, customer_id: int, program_id: int, kind: str
    ) -> ApprovalRequest | None: ...
    async def due(self, now: datetime, limit: int = 500) -> list[ApprovalRequest]:
        """Pending requests whose expires_at is at or before `now`."""
        ...

    async def unreminded_invitations(
        self, created_before: datetime, limit: int = 500
    ) -> list[ApprovalRequest]: ...
    async def mark_reminded(self, request_id: int, at: datetime) -> bool:
        """Set reminded_at on a pending request; False if it was reminded or answered."""
        ...


class NotificationRepository(Protocol):
    async def add(self, notification: Notification) -> Notification: ...
    async def add_many(self, notifications: Sequence[Notification]) -> list[Notification]:
        """Store these rows together; returned with their ids, in the same order."""
        ...

    async def broadcast_counts(self, broadcast_id: str) -> dict[str, int]: ...


class PreferenceRepository(Protocol):
    async def enabled(self, customer_id: int, category: Category) -> bool: ...
    async def switched_off(self, customer_ids: Collection[int]) -> set[tuple[int, Category]]:
        """(customer, category) for each category these customers switched off."""
        ...

    async def all_for(self, customer_id: int) -> dict[Category, bool]: ...
    async def set(self, customer_id: int, category: Category, enabled: bool) -> None: ...


class ScanRepository(Protocol):
    async def add(self, log: ScanLog) -> ScanLog: ...
    async def by_key(self, idempotency_key: str) -> ScanLog | None: ...
    async def awarded_since(self, business_id: int, customer_id: int, since: datetime) -> bool:
        """Whether this business awarded this customer a scan at or after `since`."""
        ...

    async def count(self, business_id: int, outcome: ScanOutcome | None = None) -> int: ...


class ReportRepository(Protocol):
    """Read-only figures and listings of one business, for staff reports and exports."""

    async def stats(self, business_id: int, since: datetime) -> BusinessStats: ...
    async def kept_figures(
        self, business_id: int, start: datetime, end: datetime | None = None
    ) -> BusinessStats:
        """The figures in [start, end) from the kept hours, cut at whole UTC hours (the owner's
        digest); active customers are not kept per hour and are left at 0."""
        ...

    async def daily(self, business_id: int, since: datetime, time_zone: str) -> list[DayFigures]:
        """Figures per local day (days with nothing happening are left out)."""
        ...

    async def per_staff(self, business_id: int, since: datetime) -> list[StaffFigures]: ...
    async def customers(self, business_id: int) -> list[CustomerSummary]: ...
    async def ledger(
        self, business_id: int, customer_id: int | None = None, limit: int | None = None
    ) -> list[LedgerLine]:
        """The business's ledger rows (of one customer if given), newest first."""
        ...


class ExportSource(Protocol):
    """A business's rows in batches, read outside any unit of work: an export reads them all,
    so neither a transaction nor the whole list is held meanwhile."""

    def customers(self, business_id: int) -> AsyncIterator[list[CustomerSummary]]: ...
    def ledger(self, business_id: int) -> AsyncIterator[list[LedgerLine]]:
        """Newest first."""
        ...


class ConversationRepository(Protocol):
    """Each chat's guided step and acting business; the two are written independently."""

    async def get(self, chat_id: int) -> ChatState | None: ...
    async def set_step(
        self, chat_id: int, step: str | None, data: dict[str, Any], at: datetime
    ) -> None:
        """Store the chat's step and its answers (None and {}: no step), keeping the business."""
        ...

    async def set_business(self, chat_id: int, business_id: int | None, at: datetime) -> None:
        """Store the business the chat acts for, keeping any step."""
        ...


class PrivacyRepository(Protocol):
    """Consent and the customer's data: invitation blocks, erasing names, retention."""

    async def invitation_block(
        self, business_id: int, customer_id: int
    ) -> InvitationBlock | None: ...
    async def block_invitations(
        self, business_id: int, customer_id: int, until: datetime | None, at: datetime
    ) -> None:
        """Refuse this business's invitations to the customer until `until` (None: for good)."""
        ...

    async def erase_names(self, telegram_id: int, at: datetime) -> None:
        """Blank the person's names and username, and mark them forgotten."""
        ...

    async def delete_notifications_before(self, before: datetime, limit: int) -> int:
        """Delete up to `limit` sent, failed and suppressed outbox rows created before
        `before`; how many."""
        ...

    async def delete_scans_before(self, before: datetime, limit: int) -> int: ...


class OperatorRepository(Protocol):
    """What platform operators read: every business, with its people counted."""

    async def count_businesses(self) -> int: ...
    async def businesses(self, offset: int, limit: int) -> list[BusinessOverview]: ...


@dataclass(frozen=True)
class CardToSweep:
    """A card the expiry sweep holds locked, with the last expiry day its holder was warned of."""

    card: Card
    warned_for: date | None


class ExpiryRepository(Protocol):
    """What the expiry sweep reads and writes, a batch of cards at a time (domain/expiry.py)."""

    async def programs(self) -> list[Program]:
        """Programs whose points expire."""
        ...

    async def due_cards(
        self, program_id: int, cutoff: datetime, horizon: datetime, after: int, limit: int
    ) -> tuple[list[int], int]:
        """Of the program's next `limit` cards above id `after`, the ids of those with points
        earned since their marks and up to `cutoff` (to expire) or `horizon` (to warn of);
        and the last id looked at (0: no cards left)."""
        ...

    async def lock(self, card_ids: list[int]) -> list[CardToSweep]:
        """The cards, locked until the transaction ends (one sweep at a time per card)."""
        ...

    async def ledgers(self, card_ids: list[int]) -> dict[int, list[LedgerEntry]]: ...
    async def holders(self, card_ids: list[int]) -> dict[int, Customer]: ...
    async def post(self, expiries: Iterable[Expiry], at: datetime) -> dict[int, Card]:
        """Write each expiry: its ledger entry, its links and the balance; the cards after."""
        ...

    async def mark(self, card_ids: list[int], swept: datetime, warned: datetime) -> None:
        """Points earned up to `swept` are expired or spent; up to `warned` looked at."""
        ...

    async def mark_warned(self, card_id: int, on: date) -> None: ...


class UnitOfWork(Protocol):
    """One transaction: `async with uow:` ... `await uow.commit()`; no commit rolls back."""

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

    def now(self) -> datetime:
        """The current time (UTC, timezone-aware) from the injected clock."""
        ...

    def record(self, event: Event) -> None:
        """Note what happened; `commit` writes the messages it causes in the same transaction."""
        ...

    @property
    def written(self) -> list[Notification]:
        """The outbox rows the last commit wrote."""
        ...

    async def __aenter__(self) -> UnitOfWork: ...
    async def __aexit__(self, *exc: object) -> None: ...
    async def commit(self) -> None: ...
    async def rollback(self) -> None: ...


class OutboxPort(Protocol):
    """The delivery side of the outbox, for the dispatcher that sends notifications."""

    async def claim(self, limit: int = 100) -> list[Notification]: ...
    async def mark_sent(self, notification_id: int, message_id: int | None) -> None: ...
    async def retry_at(self, notification_id: int, at: datetime, error: str) -> None: ...
    async def release(self, items: Iterable[tuple[int, datetime]]) -> None: ...
    async def fail(self, notification_id: int, error: str) -> None: ...
    async def block_chat(self, chat_id: int, notification_id: int | None = None) -> None: ...
    async def next_due(self) -> datetime | None: ...
