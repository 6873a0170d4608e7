"""Bulk awards in storage: two workers racing for one job award each card once, and a job's
targets are the segment's cards when it was stored (SQLite, aiosqlite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from domain.growth.bulk import award_bulk_batch
from domain.growth.owner_ports import BulkAward, BulkStatus, Segment, SegmentKind
from tests.storage.builders import OWNER_TG, T0

LEASE = timedelta(seconds=60)


async def stored_job(new_uow, world, segment: Segment) -> BulkAward:
    async with new_uow() as uow:
        job = BulkAward(world.business_id, world.program_id, OWNER_TG, 7, "Thanks", segment, T0)
        job = await uow.bulk_awards.add(job, uow.now())
        await uow.commit()
    return job


async def test_two_workers_at_once_award_each_card_once(new_uow, world, session_factory):
    job = await stored_job(new_uow, world, Segment(SegmentKind.ALL))
    assert job.total == 1
    # Batches of one: the first batch leaves the job running, held by whoever ran it.
    first, second = await asyncio.gather(
        award_bulk_batch(new_uow(), job.id, "worker-a", LEASE, 1),
        award_bulk_batch(new_uow(), job.id, "worker-b", LEASE, 1),
    )
    ran = [result for result in (first, second) if result is not None]
    assert len(ran) == 1 and ran[0].status is BulkStatus.RUNNING and ran[0].done == 1
    holder = ran[0].lease_owner
    other = "worker-b" if holder == "worker-a" else "worker-a"
    assert await award_bulk_batch(new_uow(), job.id, other, LEASE, 1) is None
    finished = await award_bulk_batch(new_uow(), job.id, holder, LEASE, 1)
    assert finished is not None and finished.status is BulkStatus.DONE and finished.done == 1
    async with new_uow() as uow:
        card = await uow.cards.get(world.card_id)
        entry = await uow.ledger.by_key(f"bulk:{job.id}:{world.card_id}")
    assert card.balance == 7 and entry is not None and entry.note == "Thanks"


async def test_a_segment_nobody_is_in_has_no_targets(new_uow, world):
    job = await stored_job(new_uow, world, Segment(SegmentKind.MIN_BALANCE, 1))
    assert job.total == 0
    idle = await stored_job(new_uow, world, Segment(SegmentKind.IDLE, 30))
    assert idle.total == 0  # no visit recorded at all: not "idle for 30 days" either
