"""What the owner's growth tools store (birthdays, gifts, win-back offers, bulk awards, staff
alerts): their value types and the narrow repository Protocols `storage/` implements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from domain.models import Card


@dataclass(frozen=True)
class Birthday:
    """A customer's birthday (no year) and when they last set it."""

    customer_id: int
    day: int
    month: int
    set_at: datetime


@dataclass(frozen=True)
class ProgramGifts:
    """A program's growth settings, chosen by its owner; None: off."""

    program_id: int
    birthday_points: int | None = None
    winback_points: int | None = None
    winback_days: int | None = None


@dataclass(frozen=True)
class WinbackOffer:
    """A "we miss you" bonus, credited if the card's holder visits before `expires_at`."""

    card_id: int
    points: int
    offered_at: datetime
    expires_at: datetime
    credited_at: datetime | None = None
    id: int = 0


class SegmentKind(StrEnum):
    """Whom a bulk award reaches. A new kind adds a code here and a filter in
    storage; a job stores its kind and value, so old jobs keep meaning what they meant."""

    ALL = "all"  # every active card of the program
    IDLE = "idle"  # no visit for `value` days
    MIN_BALANCE = "balance"  # a balance of at least `value`
    TIER = "tier"  # holding the program tier whose id is `value`


@dataclass(frozen=True)
class Segment:
    kind: SegmentKind
    value: int | None = None
    tier_name: str = ""  # a tier segment as the owner typed it, until its id is looked up


class BulkStatus(StrEnum):
    RUNNING = "running"
    DONE = "done"


@dataclass
class BulkAward:
    """An owner's award of `points` to each card of a segment, run in the background.

    The cards are chosen when the owner asks (its targets); `last_card_id` is how far it got,
    and a worker holds `lease_owner` until `lease_until` while it runs a batch.
    """

    business_id: int
    program_id: int
    created_by: int
    points: int
    note: str
    segment: Segment
    created_at: datetime
    total: int = 0
    done: int = 0
    last_card_id: int = 0
    status: BulkStatus = BulkStatus.RUNNING
    chat_id: int | None = None
    message_id: int | None = None
    lease_owner: str = ""
    lease_until: datetime | None = None
    finished_at: datetime | None = None
    id: int = 0


class BirthdayRepository(Protocol):
    async def get(self, customer_id: int) -> Birthday | None: ...
    async def put(self, birthday: Birthday) -> None: ...
    async def cards_on(
        self, program_id: int, days: Sequence[tuple[int, int]], after: int, limit: int = 500
    ) -> list[Card]:
        """Active cards of the program whose holder's birthday is one of `days` (month, day),
        by id, after card id `after`."""
        ...


class ProgramGiftRepository(Protocol):
    async def get(self, program_id: int) -> ProgramGifts: ...
    async def put(self, gifts: ProgramGifts) -> None: ...
    async def with_birthday_gifts(self) -> list[ProgramGifts]: ...


class WinbackRepository(Protocol):
    async def add(self, offer: WinbackOffer) -> WinbackOffer: ...
    async def open_for(self, card_id: int, now: datetime) -> WinbackOffer | None:
        """The card's newest offer not credited yet and still open at `now`."""
        ...

    async def mark_credited(self, offer_id: int, at: datetime) -> bool:
        """Set credited_at; False if it was already set (one scan wins)."""
        ...


class BulkAwardRepository(Protocol):
    async def add(self, job: BulkAward, now: datetime) -> BulkAward:
        """Store the job and its targets (the segment's cards now); `total` is their number."""
        ...

    async def lock(self, job_id: int) -> BulkAward | None: ...
    async def update(self, job: BulkAward) -> None: ...
    async def runnable(self, now: datetime, limit: int = 100) -> list[int]:
        """Running jobs no worker holds at `now`: never started, or whose lease ran out."""
        ...

    async def targets(self, job_id: int, after_card_id: int, limit: int) -> list[int]:
        """The job's next card ids, in order, after `after_card_id`."""
        ...


class StaffAlertRepository(Protocol):
    async def threshold(self, business_id: int) -> int | None: ...
    async def set_threshold(self, business_id: int, points: int | None) -> None: ...
    async def mark(self, business_id: int, staff_telegram_id: int, day: str, at: datetime) -> bool:
        """Record the alert about this staff member on this local day; False if already sent."""
        ...
