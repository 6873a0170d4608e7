"""Domain events: what happened, in the past tense, recorded by use cases on the unit of work.

A use case records events and nothing else about messages; `domain.notify` turns them into
outbox rows when the unit of work commits, in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.models import (
    ApprovalRequest,
    Card,
    Customer,
    LedgerReason,
    Program,
    ScanOutcome,
)
from domain.tiers import Tier


@dataclass(frozen=True)
class PointsAwarded:
    """Points were added to a card (a scan or a staff award); `card` is the card after it."""

    customer: Customer
    card: Card
    program: Program
    business: str
    delta: int
    reason: LedgerReason
    note: str = ""  # words the owner gave (a bulk award's reason)
    # Rewards this card already had where stamps are kept (each given once): "you reached X"
    # is not said of them. Filled in by the outbox policy only when a reward was crossed.
    given: frozenset[int] = frozenset()

    @property
    def balance(self) -> int:
        return self.card.balance


@dataclass(frozen=True)
class AwardUndone:
    """Staff undid an award; `points` were taken back and `card` is the card after it."""

    customer: Customer
    card: Card
    program: Program
    business: str
    points: int


@dataclass(frozen=True)
class ScannedWithoutPoints:
    """A customer's code was scanned but nothing was awarded (scanned again, or capped)."""

    customer: Customer
    card: Card
    business: str
    outcome: ScanOutcome


@dataclass(frozen=True)
class TierChanged:
    """The card moved to another tier of its program (`tier` None: below every tier now).

    `promoted` says which way: up on points earned (in a scan's transaction), down when points
    left the requalification window or the owner changed the tiers (in the tier sweep).
    """

    customer: Customer
    card: Card
    program: Program
    business: str
    tier: Tier | None
    previous: Tier | None
    promoted: bool


@dataclass(frozen=True)
class EnrollmentRequested:
    customer: Customer
    request: ApprovalRequest
    program: Program
    business: str


@dataclass(frozen=True)
class DeductionRequested:
    """Staff asked the customer to approve a deduction or a redemption."""

    customer: Customer
    request: ApprovalRequest
    card: Card
    program: Program
    business: str


@dataclass(frozen=True)
class EnrollmentDecided:
    """The customer accepted or rejected an invitation."""

    customer: Customer
    request: ApprovalRequest
    program: Program
    business: str


@dataclass(frozen=True)
class DeductionDecided:
    """The customer answered a deduction or redemption; `card` is the card after it."""

    customer: Customer
    request: ApprovalRequest
    card: Card | None
    program: Program
    business: str


@dataclass(frozen=True)
class RequestExpired:
    customer: Customer | None
    request: ApprovalRequest
    program: Program | None
    business: str


@dataclass(frozen=True)
class InvitationReminded:
    customer: Customer
    request: ApprovalRequest
    program: Program
    business: str


@dataclass(frozen=True)
class RewardInReach:
    """The card is one visit from the program's reward."""

    customer: Customer
    card: Card
    program: Program
    business: str


@dataclass(frozen=True)
class CustomerMissed:
    """The customer has not visited for the program's "we miss you" days; with a win-back
    `bonus`, it is credited if they visit within `days` (domain.growth.winback)."""

    customer: Customer
    card: Card
    program: Program
    business: str
    bonus: int = 0
    days: int = 0


@dataclass(frozen=True)
class ExpiryWarned:
    """`points` on the card expire on the local day `on` unless spent first."""

    customer: Customer
    card: Card
    program: Program
    business: str
    points: int
    on: date


@dataclass(frozen=True)
class PointsExpired:
    """`points` earned long ago expired; `card` is the card after it."""

    customer: Customer
    card: Card
    program: Program
    business: str
    points: int


@dataclass(frozen=True)
class NewsBroadcast:
    customer: Customer
    broadcast_id: str
    business: str
    text: str


@dataclass(frozen=True)
class StaffMemberJoined:
    owner_telegram_id: int
    name: str
    business: str


@dataclass(frozen=True)
class DigestCompiled:
    """Yesterday's figures of a business, for its owner."""

    owner_telegram_id: int
    business: str
    day: date
    scans: int
    issued: int  # points
    redeemed: int  # rewards redeemed: redemptions, not points (a kept-stamps one moves none)
    new_customers: int


@dataclass(frozen=True)
class BusinessAwaitingApproval:
    """A new business waits for a platform operator to approve it."""

    operators: tuple[int, ...]
    business_id: int
    business: str
    owner: str


@dataclass(frozen=True)
class BusinessStatusChanged:
    """An operator approved, suspended or resumed a business; `change` says which."""

    owner_telegram_id: int
    business: str
    change: str  # approved, suspended, resumed


@dataclass(frozen=True)
class OwnershipTransferred:
    new_owner_telegram_id: int
    old_owner_telegram_id: int
    business: str


@dataclass(frozen=True)
class ManualAwardsAlerted:
    """One staff member's manual awards today passed the owner's threshold (once a day)."""

    owner_telegram_id: int
    business: str
    staff: str
    points: int
    threshold: int


@dataclass(frozen=True)
class ErrorAlerted:
    """An update failed unexpectedly; operators are told what and where, never its data."""

    operators: tuple[int, ...]
    error: str  # the exception's class name
    where: str  # file:line of the innermost frame of our code
    skipped: int  # alerts held back by the rate limit since the last one


@dataclass(frozen=True)
class ReferralRewarded:
    """A referral bonus was credited: to the friend (`friend` is None) on their first visit, or
    to the customer who invited them (`friend` names who visited)."""

    customer: Customer
    card: Card
    program: Program
    business: str
    points: int
    friend: str | None = None


Event = (
    PointsAwarded
    | AwardUndone
    | ScannedWithoutPoints
    | TierChanged
    | EnrollmentRequested
    | DeductionRequested
    | EnrollmentDecided
    | DeductionDecided
    | RequestExpired
    | InvitationReminded
    | RewardInReach
    | CustomerMissed
    | ExpiryWarned
    | PointsExpired
    | NewsBroadcast
    | StaffMemberJoined
    | DigestCompiled
    | BusinessAwaitingApproval
    | BusinessStatusChanged
    | OwnershipTransferred
    | ErrorAlerted
    | ReferralRewarded
    | ManualAwardsAlerted
)
