"""Commands: what a caller asks the domain to do, as imperative frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from domain.models import Category, ProgramKind, RequestKind


@dataclass(frozen=True)
class RegisterCustomer:
    telegram_id: int
    chat_id: int
    first_name: str = ""
    last_name: str = ""
    username: str = ""
    language: str = ""


@dataclass(frozen=True)
class SetBotBlocked:
    """Telegram reported that the user blocked the bot in their chat (or unblocked it)."""

    telegram_id: int
    blocked: bool


@dataclass(frozen=True)
class RegisterBusiness:
    owner_telegram_id: int
    name: str
    operators: tuple[int, ...] = ()  # where there are operators, one must approve the business


@dataclass(frozen=True)
class JoinStaff:
    invite_code: str
    telegram_id: int


@dataclass(frozen=True)
class InviteStaff:
    """The owner makes a single-use staff invitation link that expires after `ttl`."""

    business_id: int
    owner_telegram_id: int
    ttl: timedelta = timedelta(hours=24)


@dataclass(frozen=True)
class RevokeStaffInvitation:
    business_id: int
    owner_telegram_id: int
    invitation_id: int


@dataclass(frozen=True)
class SetAwardLimit:
    """The owner caps a staff member's manual awards per day (None: no limit)."""

    business_id: int
    owner_telegram_id: int
    telegram_id: int
    limit: int | None


@dataclass(frozen=True)
class RemoveStaff:
    business_id: int
    by_telegram_id: int
    telegram_id: int


@dataclass(frozen=True)
class CreateProgram:
    business_id: int
    by_telegram_id: int
    name: str
    kind: ProgramKind = ProgramKind.POINTS
    points_per_scan: int = 1
    reward_threshold: int = 10  # the cost of the ladder's first reward
    reward_name: str = "Reward"  # and its name; more rewards are added afterwards
    max_per_scan: int = 100
    daily_cap: int | None = None


@dataclass(frozen=True)
class EditProgram:
    """Change the named fields of a program; None leaves a field as it is."""

    program_id: int
    by_telegram_id: int
    name: str | None = None
    points_per_scan: int | None = None
    max_per_scan: int | None = None
    daily_cap: int | None = None
    clear_daily_cap: bool = False
    active: bool | None = None
    make_default: bool = False


@dataclass(frozen=True)
class IssueToken:
    telegram_id: int
    ttl: timedelta | None = None


@dataclass(frozen=True)
class RenewQr:
    telegram_id: int


@dataclass(frozen=True)
class ScanCustomer:
    """A staff member presents a customer's QR token (or the manual code) to award a visit."""

    business_id: int
    staff_telegram_id: int
    idempotency_key: str
    token: str | None = None
    manual_code: str | None = None
    cooldown: timedelta = timedelta(seconds=60)
    invite_ttl: timedelta = timedelta(days=7)


@dataclass(frozen=True)
class AwardPoints:
    business_id: int
    staff_telegram_id: int
    card_id: int
    amount: int
    idempotency_key: str
    note: str = ""  # words staff may add; the entry's reason is `manual`


@dataclass(frozen=True)
class UndoAward:
    """Undo pressed under the scan reply (`chat_id`, `message_id`) that made the award."""

    business_id: int
    staff_telegram_id: int
    entry_id: int
    chat_id: int = 0
    message_id: int = 0
    window: timedelta = timedelta(minutes=10)


@dataclass(frozen=True)
class NoteAwardReply:
    """The scan reply carrying an award's Undo button was sent as this message."""

    entry_id: int
    chat_id: int
    message_id: int


@dataclass(frozen=True)
class InviteToProgram:
    business_id: int
    staff_telegram_id: int
    customer_id: int
    program_id: int
    ttl: timedelta = timedelta(days=7)


@dataclass(frozen=True)
class JoinProgram:
    telegram_id: int
    join_code: str


@dataclass(frozen=True)
class RequestDeduction:
    business_id: int
    staff_telegram_id: int
    card_id: int
    kind: RequestKind = RequestKind.DEDUCTION
    amount: int = 0  # ignored for a redemption: the reward's cost is used
    reason: str = ""
    ttl: timedelta = timedelta(minutes=15)
    reward_id: int | None = None  # a redemption's reward; None: the ladder's first


@dataclass(frozen=True)
class AnswerRequest:
    request_id: int
    telegram_id: int
    approve: bool
    never_again: bool = False  # a rejected invitation: "don't invite me again" (this business)
    invite_cooldown: timedelta = timedelta(days=30)  # a plain rejection blocks invitations so


@dataclass(frozen=True)
class SetPreference:
    telegram_id: int
    category: Category
    enabled: bool


@dataclass(frozen=True)
class ChooseLanguage:
    """A person picks the language the bot speaks to them (None: follow their Telegram app)."""

    telegram_id: int
    locale: str | None


@dataclass(frozen=True)
class SetTimeZone:
    """The owner says where the business is, so its dates are shown in local time."""

    business_id: int
    owner_telegram_id: int
    time_zone: str


@dataclass(frozen=True)
class ChangeReward:
    """An owner's change to a program's rewards ladder: add (no `reward_id`), rename, re-cost
    or remove a reward; None leaves a field as it is."""

    program_id: int
    by_telegram_id: int
    reward_id: int | None = None
    name: str | None = None
    cost: int | None = None
    remove: bool = False


@dataclass(frozen=True)
class KeepStamps:
    """A stamps program keeps (True) or consumes (False) the stamps of a redemption."""

    program_id: int
    by_telegram_id: int
    keep: bool


@dataclass(frozen=True)
class SetExpiry:
    """Set a program's points expiry: `days` (None: points never expire) and, if given, how
    many days ahead customers are warned (None: as it is)."""

    program_id: int
    by_telegram_id: int
    days: int | None
    warning_days: int | None = None
