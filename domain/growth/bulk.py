"""Bulk awards: an owner gives N points, with a reason, to every card of a segment.

The job and its targets (the segment's cards when the owner asks) are stored at once; workers
then award them in batches, each batch one transaction that also moves the job's cursor. Each
award is its own ledger entry keyed `bulk:<job>:<card>`, so a batch run again after a crash
(the cursor lost with its transaction, or a worker that died holding the lease) awards nobody
twice. A worker holds a job by a lease; when it lapses any worker takes the job on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from domain.access import business_of, program_of, require_open, require_owner
from domain.errors import DomainError, InvalidInput, NotFound
from domain.events import PointsAwarded
from domain.growth.owner_ports import BulkAward, BulkStatus, Segment, SegmentKind
from domain.ledger import post_entry
from domain.models import EntryKind, LedgerReason
from domain.ports import UnitOfWork
from domain.rules import validate_amount, validate_reason

IDLE_DAYS = 30
_SEGMENT = re.compile(r"^([a-z]+)(?::(\d{1,6}))?$")
_TIER_SEGMENT = re.compile(r"^tier:(.+)$", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class StartBulkAward:
    business_id: int
    owner_telegram_id: int
    program_id: int
    points: int
    segment: Segment
    note: str


def parse_segment(text: str) -> Segment:
    """ "all", "idle" (no visit for 30 days), "idle:N", "balance:N" (a balance of at least N),
    "tier:NAME" (holding that tier; "_" stands for a space in a name of several words)."""
    tier = _TIER_SEGMENT.match(text.strip())
    if tier is not None:
        name = " ".join(tier.group(1).replace("_", " ").split())
        if not name:
            raise InvalidInput("bulk_bad_segment")
        return Segment(SegmentKind.TIER, tier_name=name)
    found = _SEGMENT.match(text.strip().lower())
    if found is None:
        raise InvalidInput("bulk_bad_segment")
    try:
        kind = SegmentKind(found.group(1))
    except ValueError:
        raise InvalidInput("bulk_bad_segment") from None
    value = int(found.group(2)) if found.group(2) is not None else None
    if kind is SegmentKind.IDLE:
        return Segment(kind, value or IDLE_DAYS)
    if kind is SegmentKind.TIER or (kind is SegmentKind.MIN_BALANCE and value is None):
        raise InvalidInput("bulk_bad_segment")
    return Segment(kind, value)


async def start_bulk_award(uow: UnitOfWork, cmd: StartBulkAward) -> BulkAward:
    """Store the job with its targets; 0 points or an empty segment changes nothing."""
    points = validate_amount(cmd.points)
    note = validate_reason(cmd.note)
    if not note:
        raise InvalidInput("bulk_reason_missing")
    async with uow:
        await require_owner(uow, cmd.business_id, cmd.owner_telegram_id)
        require_open(await business_of(uow, cmd.business_id))  # it reaches customers
        await program_of(uow, cmd.business_id, cmd.program_id)
        segment = await _resolved(uow, cmd.program_id, cmd.segment)
        job = BulkAward(
            cmd.business_id, cmd.program_id, cmd.owner_telegram_id, points, note, segment,
            uow.now(),
        )  # fmt: skip
        job = await uow.bulk_awards.add(job, uow.now())
        if job.total == 0:
            raise DomainError("bulk_empty_segment")  # leaving without commit: nothing stored
        await uow.commit()
        return job


async def _resolved(uow: UnitOfWork, program_id: int, segment: Segment) -> Segment:
    """A tier segment names the tier; the job stores the id of the program's tier in use, so
    a tier renamed later does not change whom the job reaches."""
    if segment.kind is not SegmentKind.TIER or segment.value is not None:
        return segment
    wanted = segment.tier_name.casefold()
    tiers = await uow.tiers.of_program(program_id)
    found = next((tier for tier in tiers if tier.name.casefold() == wanted), None)
    if found is None:
        names = ", ".join(tier.name for tier in tiers)
        key = "bulk_unknown_tier" if tiers else "bulk_no_tiers"
        raise InvalidInput(key, tier=segment.tier_name[:32], tiers=names)
    return Segment(SegmentKind.TIER, found.id)


async def note_bulk_message(uow: UnitOfWork, job_id: int, chat_id: int, message_id: int) -> None:
    """The owner's progress message: the one message the workers edit."""
    async with uow:
        job = await uow.bulk_awards.lock(job_id)
        if job is None:
            raise NotFound("bulk_not_found")
        job.chat_id, job.message_id = chat_id, message_id
        await uow.bulk_awards.update(job)
        await uow.commit()


async def runnable_bulk_awards(uow: UnitOfWork) -> list[int]:
    async with uow:
        return await uow.bulk_awards.runnable(uow.now())


async def award_bulk_batch(
    uow: UnitOfWork, job_id: int, worker: str, lease: timedelta, size: int
) -> BulkAward | None:
    """Award the job's next `size` cards, as `worker`; None if another worker holds the job or
    it is done. Returns the job after the batch."""
    async with uow:
        job = await uow.bulk_awards.lock(job_id)
        if job is None or job.status is BulkStatus.DONE:
            return None
        now = uow.now()
        held = job.lease_until is not None and job.lease_until > now
        if held and job.lease_owner != worker:
            return None
        program = await uow.programs.get(job.program_id)
        business = await uow.businesses.get(job.business_id)
        if program is None or business is None:
            raise NotFound("program_not_found")
        card_ids = await uow.bulk_awards.targets(job.id, job.last_card_id, size)
        for card_id in card_ids:
            card = await uow.cards.get(card_id)
            customer = await uow.customers.get(card.customer_id) if card else None
            if card is None or customer is None or card.left_at is not None:
                continue  # left the program since the owner asked: no marketing
            posted = await post_entry(
                uow, card, job.points, EntryKind.AWARD, f"bulk:{job.id}:{card.id}",
                LedgerReason.BULK, staff_telegram_id=job.created_by, note=job.note,
            )  # fmt: skip
            if not posted.duplicate:
                uow.record(
                    PointsAwarded(customer, posted.card, program, business.name, job.points,
                                  LedgerReason.BULK, job.note)
                )  # fmt: skip
        job.done += len(card_ids)
        job.last_card_id = card_ids[-1] if card_ids else job.last_card_id
        job.lease_owner, job.lease_until = worker, now + lease
        if len(card_ids) < size:
            job.status, job.finished_at = BulkStatus.DONE, now
            job.lease_owner, job.lease_until = "", None
        await uow.bulk_awards.update(job)
        await uow.commit()
        return job
