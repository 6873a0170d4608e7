"""Points expiry, pure: which earned points are left on a card, oldest first, and what expires.

Every positive ledger entry (an award, a positive correction) is a lot of points earned at its
time. Every negative entry consumes lots, oldest first (FIFO): a deduction, a redemption, an
expiry; an undo consumes the award it reverses first, so an undone point never expires. What is
left of the lots earned `days` ago or more expires: one `expire` entry per card and sweep, keyed
by the newest lot it empties (`expire:<card>:<entry>`), which no later expiry can name again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.models import EntryKind, LedgerEntry

MIN_DAYS, MAX_DAYS = 1, 3650  # expiry days an owner may choose
MAX_WARNING_DAYS = MAX_DAYS - 1  # a warning comes before the points expire


@dataclass
class Lot:
    """Points earned by one ledger entry, and how many of them are still on the card."""

    entry_id: int
    earned_at: datetime
    points: int
    left: int


@dataclass(frozen=True)
class Expiry:
    """What one sweep expires on a card: `points` in total, taken from `links` (entry, points)."""

    card_id: int
    points: int
    links: tuple[tuple[int, int], ...]

    @property
    def key(self) -> str:
        return f"expire:{self.card_id}:{self.links[-1][0]}"


@dataclass(frozen=True)
class Upcoming:
    """Points that will expire on a local day unless spent first."""

    on: date
    points: int


def lots_left(entries: Iterable[LedgerEntry]) -> list[Lot]:
    """The card's lots with points left, oldest first, after every entry consumed its share."""
    return _replay(entries)[0]


def overexpired(entries: Iterable[LedgerEntry]) -> list[tuple[int, int]]:
    """`expire` entries that took more than was earned and not yet spent: (entry id, excess).

    The doctor's check: the ledger alone says how many points such an entry took from nothing.
    """
    short = _replay(entries)[1]
    return [(entry_id, excess) for entry_id, excess in short.items() if excess > 0]


def _replay(entries: Iterable[LedgerEntry]) -> tuple[list[Lot], dict[int, int]]:
    """Lots left, and per `expire` entry the points it found no lot for."""
    lots: list[Lot] = []
    by_id: dict[int, Lot] = {}
    short: dict[int, int] = {}
    head = 0  # lots before this one are empty
    for entry in sorted(entries, key=lambda e: (e.created_at, e.id)):
        if entry.delta > 0:
            lot = Lot(entry.id, entry.created_at, entry.delta, entry.delta)
            lots.append(lot)
            by_id[entry.id] = lot
            continue
        need = -entry.delta
        if entry.kind is EntryKind.UNDO and entry.reverses_entry_id in by_id:
            need = _take(by_id[entry.reverses_entry_id], need)
        while need > 0 and head < len(lots):
            need = _take(lots[head], need)
            if lots[head].left == 0:
                head += 1
        if entry.kind is EntryKind.EXPIRE:
            short[entry.id] = need
    return [lot for lot in lots[head:] if lot.left > 0], short


def _take(lot: Lot, need: int) -> int:
    taken = min(lot.left, need)
    lot.left -= taken
    return need - taken


def expiring(
    card_id: int, entries: Iterable[LedgerEntry], days: int, now: datetime, balance: int
) -> Expiry | None:
    """What expires on the card at `now`: the points left of lots earned `days` ago or more.

    Never more than the balance: a ledger the doctor would flag expires no more than is there.
    """
    cutoff = now - timedelta(days=days)
    room = balance
    links = []
    for lot in lots_left(entries):
        if lot.earned_at > cutoff or room <= 0:
            break
        taken = min(lot.left, room)
        links.append((lot.entry_id, taken))
        room -= taken
    if not links:
        return None
    return Expiry(card_id, balance - room, tuple(links))


def upcoming(
    entries: Iterable[LedgerEntry], days: int, now: datetime, time_zone: str, ahead: int | None
) -> list[Upcoming]:
    """Points that expire after `now` (within `ahead` days; None: any time), per local day."""
    until = now + timedelta(days=ahead) if ahead is not None else None
    zone = ZoneInfo(time_zone)
    found: dict[date, int] = {}
    for lot in lots_left(entries):
        at = lot.earned_at + timedelta(days=days)
        if at <= now:
            continue  # due now: the sweep expires it, nobody is warned of the past
        if until is not None and at > until:
            break
        on = at.astimezone(zone).date()
        found[on] = found.get(on, 0) + lot.left
    return [Upcoming(on, points) for on, points in found.items()]


def next_expiry(
    entries: Iterable[LedgerEntry], days: int | None, now: datetime, time_zone: str
) -> Upcoming | None:
    """The first day some of the card's points expire (what My cards shows), if any."""
    if days is None:
        return None
    soon = upcoming(entries, days, now, time_zone, None)
    return soon[0] if soon else None


def warning_horizon(days: int, warning_days: int) -> int:
    """Days ahead a warning looks: never as far as the expiry itself."""
    return max(min(warning_days, days - 1), 0)
