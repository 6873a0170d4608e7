"""SQLAlchemy tables for the loyalty data model (names as in DESIGN.md)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Deterministic constraint names: Alembic batch mode on SQLite can only drop or alter constraints
# it can name, and PostgreSQL migrations need the same names.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware, SQLite included."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            # A naive time is ambiguous; refusing it catches a missing clock early.
            raise ValueError(f"naive datetime refused: {value!r}")
        value = value.astimezone(UTC)
        # SQLite's DATETIME drops the offset anyway; plain UTC keeps text order = time order.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    if TYPE_CHECKING:
        # Every row class here maps one Table (none a join or a select): say so to the checker,
        # so Core statements on `Row.__table__` (update, its `.c`) type-check.
        __table__: ClassVar[Table]

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
    }


metadata = Base.metadata

# Balances, amounts and lifetime points: 64-bit on PostgreSQL; SQLite's INTEGER already is.
Amount = BigInteger().with_variant(Integer(), "sqlite")


def _telegram_id(*, nullable: bool = False, unique: bool = False) -> Mapped[Any]:
    return mapped_column(
        BigInteger, ForeignKey("telegram_users.telegram_id"), nullable=nullable, unique=unique
    )


class TelegramUserRow(Base):
    __tablename__ = "telegram_users"
    __table_args__ = (
        # The chats that blocked the bot, which the outbox claim leaves out (migration 0017):
        # partial, so it holds only them and the planner never mistakes it for a scan.
        Index(
            "ix_telegram_users_blocked_chat_id",
            "chat_id",
            sqlite_where=text("blocked_at IS NOT NULL"),
            postgresql_where=text("blocked_at IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    first_name: Mapped[str] = mapped_column(String(255), default="")
    last_name: Mapped[str] = mapped_column(String(255), default="")
    username: Mapped[str] = mapped_column(String(255), default="")
    language: Mapped[str] = mapped_column(String(16), default="")
    locale: Mapped[str | None] = mapped_column(String(8))  # chosen in Settings
    blocked_at: Mapped[datetime | None]
    forgotten_at: Mapped[datetime | None]  # asked /forgetme: no names are stored again


class CustomerRow(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = _telegram_id(unique=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    manual_code: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(255))
    qr_key_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime]
    # With a QR lifetime set, the manual code works only this long after it was last shown.
    manual_code_expires_at: Mapped[datetime | None]


class BusinessRow(Base):
    __tablename__ = "businesses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    owner_telegram_id: Mapped[int] = _telegram_id()
    staff_invite_code: Mapped[str] = mapped_column(String(64), unique=True)
    # use_alter: businesses and loyalty_programs refer to each other.
    default_program_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("loyalty_programs.id", use_alter=True)
    )
    suspended_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    digest_day: Mapped[str | None] = mapped_column(String(10))  # last day digested, ISO date
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")  # IANA name
    # Set while an operator has not approved the business yet (None: approved or no operators).
    awaiting_approval_since: Mapped[datetime | None]


class StaffRow(Base):
    __tablename__ = "business_staff"
    __table_args__ = (UniqueConstraint("business_id", "telegram_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"))
    telegram_id: Mapped[int] = _telegram_id(nullable=False)
    role: Mapped[str] = mapped_column(String(16))
    added_at: Mapped[datetime]
    daily_award_limit: Mapped[int | None] = mapped_column(Integer)  # manual awards a day


class StaffInvitationRow(Base):
    """A single-use staff invitation link of a business, open until used, revoked or expired."""

    __tablename__ = "staff_invitations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"), index=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    created_by: Mapped[int] = _telegram_id()
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_by: Mapped[int | None] = _telegram_id(nullable=True)
    used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class ProgramRow(Base):
    __tablename__ = "loyalty_programs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(16))
    points_per_scan: Mapped[int] = mapped_column(Integer)
    join_code: Mapped[str] = mapped_column(String(64), unique=True)
    max_per_scan: Mapped[int] = mapped_column(Integer, default=100)
    daily_cap: Mapped[int | None] = mapped_column(Integer)
    expires_at: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]
    miss_you_days: Mapped[int | None] = mapped_column(Integer)  # None or 0: no "we miss you"
    redeem_keeps: Mapped[bool] = mapped_column(default=False)  # stamps stay on redemption
    expiry_days: Mapped[int | None] = mapped_column(Integer)  # None: points never expire
    expiry_warning_days: Mapped[int] = mapped_column(Integer, default=7)
    # Tiers count points earned in this many months (None: lifetime, ever).
    tier_window_months: Mapped[int | None] = mapped_column(Integer)


class ProgramRewardRow(Base):
    """A rung of a program's rewards ladder; a removed one stays, inactive (requests name it)."""

    __tablename__ = "program_rewards"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    cost: Mapped[int] = mapped_column(Amount)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]


class EnrollmentRow(Base):
    __tablename__ = "customer_programs"
    __table_args__ = (UniqueConstraint("customer_id", "program_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"))
    status: Mapped[str] = mapped_column(String(16))
    invited_by: Mapped[int | None] = _telegram_id(nullable=True)  # the inviting staff member
    decided_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class CardRow(Base):
    __tablename__ = "loyalty_cards"
    __table_args__ = (
        UniqueConstraint("customer_id", "program_id"),
        CheckConstraint("balance >= 0", name="balance_not_negative"),
        Index("ix_loyalty_cards_program_id_id", "program_id", "id"),  # the tier sweep's walk
        # The reward sweep's cards one scan below a rung (migration 0022).
        Index("ix_loyalty_cards_program_id_balance", "program_id", "balance"),
        # The few cards marked near their reward, which the sweep re-checks (migration 0017).
        Index(
            "ix_loyalty_cards_reward_near",
            "id",
            sqlite_where=text("reward_near_at IS NOT NULL"),
            postgresql_where=text("reward_near_at IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"))
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"), index=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    balance: Mapped[int] = mapped_column(Amount, default=0)
    # Points earned, ever: awards less their undos (domain.ledger.EARNING_KINDS); spending or
    # expiry never lowers it.
    lifetime_points: Mapped[int] = mapped_column(Amount, default=0)
    created_at: Mapped[datetime]
    # Marks that keep sweeps from repeating a message, set when it is sent. reward_near_at is
    # cleared when the card leaves the zone; nudged_at stays, and counts until the next visit.
    reward_near_at: Mapped[datetime | None]
    nudged_at: Mapped[datetime | None]
    left_at: Mapped[datetime | None]  # the customer left the program: kept as history, inactive
    # The expiry sweep's marks (domain/expiry_sweep.py): points earned up to `expiry_swept_through`
    # are expired or spent, those up to `expiry_warned_through` were looked at for a warning, and
    # `expiry_warned_for` is the latest expiry day (ISO) the holder was warned of.
    expiry_swept_through: Mapped[datetime | None]
    expiry_warned_through: Mapped[datetime | None]
    expiry_warned_for: Mapped[str | None] = mapped_column(String(10))
    tier_id: Mapped[int | None] = mapped_column(ForeignKey("program_tiers.id"))  # tier held


class TierRow(Base):
    """A program's tier: reached at `threshold` points earned, scans ×`percent`/100.

    A removed tier keeps its row (`removed_at` set) so a card still holding it says which it was
    until the tier sweep moves the card.
    """

    __tablename__ = "program_tiers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    threshold: Mapped[int] = mapped_column(Amount)
    percent: Mapped[int] = mapped_column(SmallInteger)
    created_at: Mapped[datetime]
    removed_at: Mapped[datetime | None]


class LedgerRow(Base):
    __tablename__ = "point_transactions"
    __table_args__ = (Index("ix_point_transactions_card_id_created_at", "card_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("loyalty_cards.id"))
    delta: Mapped[int] = mapped_column(Amount)
    kind: Mapped[str] = mapped_column(String(16))
    idempotency_key: Mapped[str] = mapped_column(String(128), unique=True)
    staff_telegram_id: Mapped[int | None] = _telegram_id(nullable=True)
    reason: Mapped[str] = mapped_column(String(16))  # a domain LedgerReason code
    note: Mapped[str] = mapped_column(String(255), default="")
    reverses_entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("point_transactions.id"), index=True
    )
    created_at: Mapped[datetime]


class PointExpiryRow(Base):
    """Which earned entry an `expire` ledger entry expired, and how many of its points.

    Kept beside the ledger, which stays append-only: an expiry's links are written with it.
    """

    __tablename__ = "point_expiries"

    expire_entry_id: Mapped[int] = mapped_column(
        ForeignKey("point_transactions.id"), primary_key=True, autoincrement=False
    )
    earned_entry_id: Mapped[int] = mapped_column(
        ForeignKey("point_transactions.id"), primary_key=True, autoincrement=False, index=True
    )
    points: Mapped[int] = mapped_column(Amount)


class InvitationBlockRow(Base):
    """A customer who wants no invitations from a business: until a time, or for good (NULL)."""

    __tablename__ = "invitation_blocks"
    __table_args__ = (UniqueConstraint("business_id", "customer_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    until: Mapped[datetime | None]
    created_at: Mapped[datetime]


class AwardReplyRow(Base):
    """The scan reply that carries an award's Undo button: only that message may undo it.

    Kept beside the ledger, which stays append-only.
    """

    __tablename__ = "award_replies"

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("point_transactions.id"), primary_key=True, autoincrement=False
    )
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]


class BusinessHourRow(Base):
    """A business's figures for one UTC hour, kept in the transactions that post them.

    /stats, its chart and the owner's digest sum these (at most 24 rows a day) instead of the
    scan log and the ledger; local days are cut from the hours in the reader's time zone. The
    scan log, the ledger and business_customers stay the truth: migration 0018 and `doctor
    --repair` rebuild these rows from them (storage/business_hours.py)."""

    __tablename__ = "business_hours"

    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"), primary_key=True)
    hour: Mapped[datetime] = mapped_column(primary_key=True)
    scans: Mapped[int] = mapped_column(Integer, default=0)  # awarded scans
    issued: Mapped[int] = mapped_column(Integer, default=0)  # awards less undos
    redeemed: Mapped[int] = mapped_column(Integer, default=0)  # redemptions and deductions
    new_customers: Mapped[int] = mapped_column(Integer, default=0)
    # first awarded scan of a local day (business's zone) by a customer first seen before it
    returning_customers: Mapped[int] = mapped_column(Integer, default=0)
    rewards: Mapped[int] = mapped_column(Integer, default=0)  # approved redemptions (0020)


class BusinessStaffHourRow(Base):
    """What one staff member did at a business in one UTC hour: the /stats chart's staff
    figures, kept and rebuilt like business_hours."""

    __tablename__ = "business_staff_hours"

    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"), primary_key=True)
    hour: Mapped[datetime] = mapped_column(primary_key=True)
    staff_telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    scans: Mapped[int] = mapped_column(Integer, default=0)  # awarded scans
    manual_awards: Mapped[int] = mapped_column(Integer, default=0)  # entries of reason manual
    manual_points: Mapped[int] = mapped_column(Integer, default=0)
    undos: Mapped[int] = mapped_column(Integer, default=0)
    redemptions: Mapped[int] = mapped_column(Integer, default=0)


class BusinessCustomerRow(Base):
    __tablename__ = "business_customers"
    __table_args__ = (
        UniqueConstraint("business_id", "customer_id"),
        # A /customers page, newest visit first, read off the index (migration 0017).
        Index("ix_business_customers_business_id_last_seen_id", "business_id", "last_seen", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
    visits: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="active")


class RequestRow(Base):
    __tablename__ = "customer_approval_requests"
    __table_args__ = (
        Index("ix_customer_approval_requests_status_expires_at", "status", "expires_at"),
        # The reminder sweep's pending invitations not reminded yet (migration 0022).
        Index(
            "ix_customer_approval_requests_status_reminded_at_created_at",
            "status",
            "reminded_at",
            "created_at",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"))
    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"))
    # Indexed for a card's claimed rewards (migration 0023).
    card_id: Mapped[int | None] = mapped_column(ForeignKey("loyalty_cards.id"), index=True)
    reward_id: Mapped[int | None] = mapped_column(ForeignKey("program_rewards.id"))
    requested_by: Mapped[int] = _telegram_id()  # the staff member who asked
    amount: Mapped[int] = mapped_column(Amount, default=0)
    reason: Mapped[str] = mapped_column(String(255), default="")
    status: Mapped[str] = mapped_column(String(16))
    outcome: Mapped[str | None] = mapped_column(String(32))  # a domain RequestOutcome code
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]


class NotificationRow(Base):
    __tablename__ = "customer_notifications"
    __table_args__ = (
        Index("ix_customer_notifications_status_next_attempt_at", "status", "next_attempt_at"),
        # The outbox claim walks pending rows in sending order (migration 0017).
        Index("ix_customer_notifications_status_priority_id", "status", "priority", "id"),
        Index("ix_customer_notifications_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Staff messages go to chats that are not customers, so the chat is the recipient.
    chat_id: Mapped[int] = mapped_column(BigInteger)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    card_id: Mapped[int | None] = mapped_column(ForeignKey("loyalty_cards.id"))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("customer_approval_requests.id"))
    category: Mapped[str] = mapped_column(String(32))
    template: Mapped[str] = mapped_column(String(64))  # the message key
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    broadcast_id: Mapped[str | None] = mapped_column(String(32), index=True)
    merge_group: Mapped[str | None] = mapped_column(String(64))
    priority: Mapped[int] = mapped_column(SmallInteger, default=0)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    last_error: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime]


class PreferenceRow(Base):
    __tablename__ = "customer_notification_preferences"
    __table_args__ = (UniqueConstraint("customer_id", "category"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    category: Mapped[str] = mapped_column(String(32))
    enabled: Mapped[bool]


class ScanLogRow(Base):
    __tablename__ = "qr_scan_logs"
    __table_args__ = (
        Index("ix_qr_scan_logs_business_id_created_at", "business_id", "created_at"),
        # A customer's scans at a business lately: the cooldown, the day's first visit.
        Index(
            "ix_qr_scan_logs_business_id_customer_id_created_at",
            "business_id",
            "customer_id",
            "created_at",
        ),
        Index("ix_qr_scan_logs_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"))
    staff_telegram_id: Mapped[int] = _telegram_id()
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    program_id: Mapped[int | None] = mapped_column(ForeignKey("loyalty_programs.id"))
    outcome: Mapped[str] = mapped_column(String(16))
    points: Mapped[int] = mapped_column(Amount, default=0)
    # Not unique: a retried scan is logged again; by_key picks the first that counted.
    idempotency_key: Mapped[str] = mapped_column(String(128), default="", index=True)
    created_at: Mapped[datetime]


class ConversationRow(Base):
    """A chat's guided step and acting business (domain.models.ChatState)."""

    __tablename__ = "conversations"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    step: Mapped[str | None] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    business_id: Mapped[int | None] = mapped_column(ForeignKey("businesses.id"))
    updated_at: Mapped[datetime]


class SweepRunRow(Base):
    """The last period each scheduler sweep ran in, so workers run it once per period."""

    __tablename__ = "sweep_runs"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    period: Mapped[int] = mapped_column(BigInteger)
    ran_at: Mapped[datetime]


class BotIdentityRow(Base):
    """Which bot (Telegram id) last ran on this database: one row, so a sandbox never serves
    a real bot's customers by mistake (bot/runner.py)."""

    __tablename__ = "bot_identity"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    bot_id: Mapped[int] = mapped_column(BigInteger)
    username: Mapped[str] = mapped_column(String(64))
    seen_at: Mapped[datetime]


# Growth tools (domain.growth): referral terms, links and referrals; promo codes and their uses.


class ReferralTermsRow(Base):
    """A program's referral bonus and monthly cap per referrer; no row: referrals off."""

    __tablename__ = "referral_terms"

    program_id: Mapped[int] = mapped_column(
        ForeignKey("loyalty_programs.id"), primary_key=True, autoincrement=False
    )
    bonus: Mapped[int] = mapped_column(Integer, default=0)
    monthly_cap: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime]


class ReferralLinkRow(Base):
    """A customer's "invite a friend" code at one business (random; names nobody)."""

    __tablename__ = "referral_links"
    __table_args__ = (UniqueConstraint("business_id", "customer_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    code: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime]


class ReferralRow(Base):
    """A friend who joined through a link; unique per business and friend (referred once)."""

    __tablename__ = "referrals"
    __table_args__ = (
        UniqueConstraint("business_id", "referee_id"),
        Index("ix_referrals_referrer_id_settled_at", "referrer_id", "settled_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"))
    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"))
    referrer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    referee_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    created_at: Mapped[datetime]
    settled_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(String(16))  # a ReferralOutcome code


class PromoCodeRow(Base):
    """A promo code: points until it expires, `uses` counted against `max_uses`."""

    __tablename__ = "promo_codes"
    __table_args__ = (
        CheckConstraint("uses >= 0 AND uses <= max_uses", name="uses_within_limit"),
        Index("ix_promo_codes_business_id_batch", "business_id", "batch"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"))
    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"))
    code: Mapped[str] = mapped_column(String(32), unique=True)
    points: Mapped[int] = mapped_column(Amount)
    expires_at: Mapped[datetime]
    max_uses: Mapped[int] = mapped_column(Integer)
    per_customer: Mapped[int] = mapped_column(Integer)
    uses: Mapped[int] = mapped_column(Integer, default=0)
    batch: Mapped[str | None] = mapped_column(String(16))
    created_by: Mapped[int] = _telegram_id()
    created_at: Mapped[datetime]


class PromoRedemptionRow(Base):
    """One use of a promo code: unique per code, customer and use number, and keyed."""

    __tablename__ = "promo_redemptions"
    __table_args__ = (UniqueConstraint("promo_code_id", "customer_id", "use_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    promo_code_id: Mapped[int] = mapped_column(ForeignKey("promo_codes.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    card_id: Mapped[int] = mapped_column(ForeignKey("loyalty_cards.id"))
    use_number: Mapped[int] = mapped_column(Integer)
    idempotency_key: Mapped[str] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime]


class PromoGuessRow(Base):
    """A wrong promo code someone sent: counted per person to refuse guessing."""

    __tablename__ = "promo_guesses"
    __table_args__ = (Index("ix_promo_guesses_telegram_id_at", "telegram_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime]


class WebAppLoginRow(Base):
    """Mini App initData already exchanged for a session (its hash), kept until it is too old
    to be accepted anyway: the same initData twice, on any worker, opens no second session."""

    __tablename__ = "webapp_logins"

    signature: Mapped[str] = mapped_column(String(64), primary_key=True)
    forget_after: Mapped[datetime] = mapped_column(index=True)


class InboxRow(Base):
    """A webhook update, stored before Telegram is answered (storage/inbox.py): pending until a
    worker's claim (claimed_by, lease_until), done once handled. A done row keeps its key, not
    its content, for a day, so Telegram's redelivery of it is recognised and dropped."""

    __tablename__ = "webhook_inbox"
    __table_args__ = (
        Index("ix_webhook_inbox_chat_id_update_id", "chat_id", "update_id"),
        Index("ix_webhook_inbox_done_at", "done_at"),
    )

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)  # None: keeps no chat's order
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    received_at: Mapped[datetime]
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    done_at: Mapped[datetime | None]


# The growth tools' tables live in their own module, on this metadata (imported last: it
# imports Base from here).
from storage import tables_broadcasts as _tables_broadcasts  # noqa: E402, F401
from storage import tables_growth as _tables_growth  # noqa: E402, F401
