"""Contract: approval requests are found pending by customer, program and kind, and when due."""

from __future__ import annotations

from datetime import timedelta

from domain.models import ApprovalRequest, RequestKind, RequestStatus
from tests.storage.builders import OWNER_TG, T0, program

MINUTE = timedelta(minutes=1)


def request(world, kind=RequestKind.DEDUCTION, *, at=T0, ttl=15 * MINUTE, program_id=None):
    return ApprovalRequest(
        kind=kind, customer_id=world.customer_id, business_id=world.business_id,
        program_id=program_id or world.program_id, requested_by=OWNER_TG, created_at=at,
        expires_at=at + ttl, amount=5, reason="coffee", card_id=world.card_id,
    )  # fmt: skip


async def test_a_request_is_found_locked_and_updated(new_uow, world):
    async with new_uow() as uow:
        added = await uow.requests.add(request(world))
        await uow.commit()
    async with new_uow() as uow:
        assert added.id is not None
        assert await uow.requests.get(added.id) == added
        locked = await uow.requests.lock(added.id)
        assert locked == added
        locked.status, locked.decided_at = RequestStatus.APPROVED, T0 + MINUTE
        await uow.requests.update(locked)
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.requests.get(added.id) == locked
        assert await uow.requests.lock(added.id + 1000) is None


async def test_pending_of_matches_customer_program_kind_and_status(new_uow, world):
    async with new_uow() as uow:
        other = await uow.programs.add(program(world.business_id, code="join-2"))
        answered = await uow.requests.add(request(world))
        answered.status = RequestStatus.REJECTED
        await uow.requests.update(answered)
        await uow.requests.add(request(world, RequestKind.REDEMPTION))
        await uow.requests.add(request(world, program_id=other.id))
        await uow.commit()
    async with new_uow() as uow:
        kind = RequestKind.DEDUCTION.value
        assert await uow.requests.pending_of(world.customer_id, world.program_id, kind) is None
        found = await uow.requests.pending_of(world.customer_id, other.id, kind)
        assert found is not None and found.program_id == other.id
        assert await uow.requests.pending_of(world.customer_id + 1, other.id, kind) is None


async def test_pending_of_gives_the_newest_of_two_pending(new_uow, world):
    """An expired request not swept yet stays pending while a new one is asked for."""
    async with new_uow() as uow:
        await uow.requests.add(request(world, ttl=MINUTE))
        newer = await uow.requests.add(request(world, at=T0 + 2 * MINUTE))
        await uow.commit()
    async with new_uow() as uow:
        kind = RequestKind.DEDUCTION.value
        assert await uow.requests.pending_of(world.customer_id, world.program_id, kind) == newer


async def test_due_gives_pending_requests_expired_by_now_soonest_first(new_uow, world):
    async with new_uow() as uow:
        later = await uow.requests.add(request(world, ttl=10 * MINUTE))
        sooner = await uow.requests.add(request(world, ttl=5 * MINUTE))
        await uow.requests.add(request(world, ttl=60 * MINUTE))  # not due yet
        answered = await uow.requests.add(request(world, ttl=MINUTE))
        answered.status = RequestStatus.APPROVED
        await uow.requests.update(answered)
        await uow.commit()
    async with new_uow() as uow:
        now = T0 + 10 * MINUTE  # at its expiry a request is due
        assert [r.id for r in await uow.requests.due(now)] == [sooner.id, later.id]
        assert [r.id for r in await uow.requests.due(now, limit=1)] == [sooner.id]
        assert await uow.requests.due(T0) == []


async def test_a_customers_pending_requests_are_listed_oldest_first(new_uow, world):
    async with new_uow() as uow:
        newer = await uow.requests.add(request(world, at=T0 + MINUTE))
        older = await uow.requests.add(request(world, RequestKind.REDEMPTION))
        answered = await uow.requests.add(request(world, RequestKind.ENROLLMENT))
        answered.status = RequestStatus.EXPIRED
        await uow.requests.update(answered)
        await uow.commit()
    async with new_uow() as uow:
        listed = await uow.requests.pending_for_customer(world.customer_id)
        assert [r.id for r in listed] == [older.id, newer.id]
        assert await uow.requests.pending_for_customer(world.customer_id + 1) == []
