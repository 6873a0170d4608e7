"""The loyalty domain's entities: people, businesses, programs, cards, ledger, requests, scans.

An entity's `id` is 0 until a repository stores it (stored ids start at 1): an `int`, never
`None`, so code handling entities read from a repository needs no check that it was stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    OWNER = "owner"
    STAFF = "staff"


class ProgramKind(StrEnum):
    POINTS = "points"
    STAMPS = "stamps"


class EnrollmentStatus(StrEnum):
    INVITED = "invited"
    ACTIVE = "active"
    REJECTED = "rejected"
    EXPIRED = "expired"
    LEFT = "left"


class EntryKind(StrEnum):
    AWARD = "award"
    DEDUCT = "deduct"
    REDEEM = "redeem"
    UNDO = "undo"
    ADJUST = "adjust"
    EXPIRE = "expire"  # earned points that reached the program's expiry age (domain/expiry.py)


class LedgerReason(StrEnum):
    """Why points moved: a code, put into words only when shown."""

    SCAN = "scan"
    MANUAL = "manual"
    UNDO = "undo"
    DEDUCTION = "deduction"
    REDEMPTION = "redemption"
    ADJUST = "adjust"
    REFERRAL = "referral"  # a referral bonus (domain.growth)
    PROMO = "promo"  # a promo code (domain.growth)
    BIRTHDAY = "birthday"  # the program's birthday gift (domain.growth.birthdays)
    BULK = "bulk"  # an owner's award to many customers at once (domain.growth.bulk)
    WINBACK = (
        "winback"  # a "we miss you" bonus, credited at the next visit (domain.growth.winback)
    )
    EXPIRY = "expiry"


class RequestKind(StrEnum):
    ENROLLMENT = "enrollment"
    DEDUCTION = "deduction"
    REDEMPTION = "redemption"


class RequestStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


class RequestOutcome(StrEnum):
    """Why a request ended other than by the customer's plain answer."""

    INSUFFICIENT_BALANCE = "insufficient_balance"
    REWARD_REMOVED = "reward_removed"  # the owner removed the reward before the answer


class ScanOutcome(StrEnum):
    AWARDED = "awarded"
    INVALID = "invalid"
    FORGED = "forged"
    EXPIRED = "expired"
    REVOKED = "revoked"
    NOT_ENROLLED = "not_enrolled"
    DUPLICATE = "duplicate"
    CAPPED = "capped"


class Category(StrEnum):
    POINTS_ADDED = "points_added"
    POINTS_DEDUCTED = "points_deducted"
    QR_SCANNED = "qr_scanned"
    ENROLLMENT_REQUEST = "enrollment_request"
    ENROLLMENT_RESULT = "enrollment_result"
    DEDUCTION_REQUEST = "deduction_request"
    DEDUCTION_RESULT = "deduction_result"
    REWARD_REACHED = "reward_reached"
    TIER_CHANGED = "tier_changed"
    REMINDER = "reminder"
    BUSINESS_NEWS = "business_news"
    STAFF = "staff"  # messages to business staff; not a customer preference


# Requests that need an answer are always sent, whatever the preferences say.
ALWAYS_SENT = frozenset({Category.ENROLLMENT_REQUEST, Category.DEDUCTION_REQUEST, Category.STAFF})
CUSTOMER_CATEGORIES = tuple(c for c in Category if c is not Category.STAFF)


# A message's parameters: plain values, stored as JSON and put into words when it is sent.
MessageParams = dict[str, str | int | None]


class NotificationStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    SUPPRESSED = "suppressed"


@dataclass
class TelegramUser:
    telegram_id: int
    chat_id: int
    first_name: str = ""
    last_name: str = ""
    username: str = ""
    language: str = ""  # Telegram's language_code, as the app last sent it
    blocked_at: datetime | None = None
    locale: str | None = None  # the language chosen in Settings; overrides `language`
    forgotten_at: datetime | None = None  # asked to be forgotten: names are never stored again

    @property
    def display_name(self) -> str:
        full = f"{self.first_name} {self.last_name}".strip()
        return full or (f"@{self.username}" if self.username else str(self.telegram_id))


@dataclass
class Customer:
    telegram_id: int
    public_id: str
    manual_code: str
    display_name: str
    created_at: datetime
    qr_key_version: int = 1
    id: int = 0
    # Set when a QR with a lifetime is shown: the manual code printed under it lapses with it.
    manual_code_expires_at: datetime | None = None


@dataclass
class Business:
    name: str
    owner_telegram_id: int
    staff_invite_code: str
    created_at: datetime
    default_program_id: int | None = None
    suspended_at: datetime | None = None
    id: int = 0
    time_zone: str = "UTC"  # IANA name: dates shown to its staff and customers are local
    # Where operators are configured, a new business waits for one to approve it before it
    # scans or invites; None: approved (or no operators configured).
    awaiting_approval_since: datetime | None = None


@dataclass
class Staff:
    business_id: int
    telegram_id: int
    role: Role
    added_at: datetime
    id: int = 0
    daily_award_limit: int | None = None  # manual awards a day, set by the owner; None: none


@dataclass
class StaffInvitation:
    """A staff invitation link: one person may join with it, before it expires or is revoked."""

    business_id: int
    code: str
    created_by: int
    created_at: datetime
    expires_at: datetime
    used_by: int | None = None
    used_at: datetime | None = None
    revoked_at: datetime | None = None
    id: int = 0

    def open_at(self, now: datetime) -> bool:
        return self.used_at is None and self.revoked_at is None and now < self.expires_at


@dataclass(frozen=True)
class Reward:
    """One rung of a program's rewards ladder: what a card can be redeemed for, at what cost."""

    program_id: int
    name: str  # words the owner typed
    cost: int
    position: int = 0  # the rung's place; the ladder is kept in cost order
    active: bool = True  # a removed reward stays (requests and history name it), inactive
    id: int = 0


@dataclass
class Program:
    business_id: int
    name: str
    kind: ProgramKind
    points_per_scan: int
    join_code: str
    created_at: datetime
    max_per_scan: int = 100
    daily_cap: int | None = None
    expires_at: datetime | None = None
    active: bool = True
    id: int = 0
    miss_you_days: int | None = None  # days without a visit before "we miss you"; None: off
    # The active rewards in cost order, read with the program (domain.rewards works on them).
    rewards: tuple[Reward, ...] = ()
    # Stamps kept on redemption: each reward is then given once per card (a milestone).
    redeem_keeps: bool = False
    expiry_days: int | None = None  # earned points expire this many days later; None: never
    expiry_warning_days: int = 7  # customers are warned this many days ahead; 0: no warning
    # Tiers count points earned within this many months (None: lifetime, ever); domain/tiers.py
    tier_window_months: int | None = None


@dataclass
class Enrollment:
    customer_id: int
    program_id: int
    status: EnrollmentStatus
    created_at: datetime
    invited_by: int | None = None
    decided_at: datetime | None = None
    id: int = 0


@dataclass
class Card:
    customer_id: int
    program_id: int
    business_id: int
    number: str
    created_at: datetime
    balance: int = 0
    lifetime_points: int = 0
    id: int = 0
    left_at: datetime | None = None  # the customer left: kept with its balance, inactive
    tier_id: int | None = None  # the program tier the card holds (domain/tiers.py); None: none


@dataclass
class LedgerEntry:
    card_id: int
    delta: int
    kind: EntryKind
    idempotency_key: str
    created_at: datetime
    reason: LedgerReason
    staff_telegram_id: int | None = None
    note: str = ""  # words a person typed (a reward's name, a staff remark); never a code
    reverses_entry_id: int | None = None  # an undo names the award it reverses
    id: int = 0


@dataclass(frozen=True)
class InvitationBlock:
    """No invitations from this business to this customer until `until` (None: never again)."""

    business_id: int
    customer_id: int
    until: datetime | None


@dataclass
class BusinessCustomer:
    business_id: int
    customer_id: int
    first_seen: datetime
    last_seen: datetime
    visits: int = 0
    status: str = "active"
    id: int = 0


@dataclass
class ApprovalRequest:
    kind: RequestKind
    customer_id: int
    business_id: int
    program_id: int
    requested_by: int
    created_at: datetime
    expires_at: datetime
    amount: int = 0
    reason: str = ""  # words staff gave, or the reward's name
    card_id: int | None = None
    reward_id: int | None = None  # the reward a redemption is for
    status: RequestStatus = RequestStatus.PENDING
    outcome: RequestOutcome | None = None
    decided_at: datetime | None = None
    reminded_at: datetime | None = None
    id: int = 0


@dataclass
class Notification:
    """An outbox row: a message for one chat, rendered by the bot from `key` and `params`.

    `domain.notify` decides every field from an event: `priority` orders sending (bulk last),
    and rows sharing a `merge_group` may be folded into one before they are sent.
    """

    chat_id: int
    category: Category
    key: str
    created_at: datetime
    params: MessageParams = field(default_factory=dict)
    customer_id: int | None = None
    card_id: int | None = None
    request_id: int | None = None
    broadcast_id: str | None = None
    merge_group: str | None = None
    priority: int = 0
    status: NotificationStatus = NotificationStatus.PENDING
    attempts: int = 0
    next_attempt_at: datetime | None = None
    sent_at: datetime | None = None
    telegram_message_id: int | None = None
    last_error: str = ""
    id: int = 0
    locale: str = ""  # the recipient's language, read when the row is claimed for sending


@dataclass
class ScanLog:
    business_id: int
    staff_telegram_id: int
    outcome: ScanOutcome
    created_at: datetime
    customer_id: int | None = None
    program_id: int | None = None
    points: int = 0
    idempotency_key: str = ""
    id: int = 0


@dataclass
class ChatState:
    """Where a chat is in a guided step, and the business its staff member acts for.

    `step` names the question the bot asked last (None: no step running); `data` holds the
    answers so far, JSON values only. Kept per chat in the database, so any worker, or the bot
    after a restart, takes the next answer.
    """

    chat_id: int
    step: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    business_id: int | None = None
    updated_at: datetime | None = None
