"""Round trips for approval requests, the notification outbox and the scan log."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from domain.models import (
    ApprovalRequest,
    Category,
    Notification,
    NotificationStatus,
    RequestKind,
    RequestStatus,
    ScanLog,
    ScanOutcome,
)
from storage.tables import NotificationRow
from tests.storage.builders import OWNER_TG, T0


def request(world, kind=RequestKind.DEDUCTION, minutes=15) -> ApprovalRequest:
    return ApprovalRequest(
        kind=kind,
        customer_id=world.customer_id,
        business_id=world.business_id,
        program_id=world.program_id,
        requested_by=OWNER_TG,
        created_at=T0,
        expires_at=T0 + timedelta(minutes=minutes),
        amount=3,
        card_id=world.card_id,
    )


async def test_a_request_is_stored_updated_and_found_while_pending(new_uow, world):
    async with new_uow() as uow:
        added = await uow.requests.add(request(world))
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.requests.get(added.id) == added
        assert await uow.requests.pending_for_customer(world.customer_id) == [added]
        found = await uow.requests.pending_of(world.customer_id, world.program_id, "deduction")
        assert found == added
        assert (
            await uow.requests.pending_of(world.customer_id, world.program_id, "enrollment")
            is None
        )
        added.status = RequestStatus.APPROVED
        added.decided_at = T0 + timedelta(minutes=1)
        await uow.requests.update(added)
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.requests.pending_for_customer(world.customer_id) == []
        stored = await uow.requests.get(added.id)
    assert stored == added and stored.status is RequestStatus.APPROVED


async def test_due_returns_pending_requests_expired_at_or_before_now(new_uow, world):
    async with new_uow() as uow:
        soon = await uow.requests.add(request(world, minutes=5))
        late = await uow.requests.add(request(world, RequestKind.ENROLLMENT, minutes=60))
        done = request(world, minutes=1)
        done.status = RequestStatus.CANCELLED
        await uow.requests.add(done)
        await uow.commit()
    async with new_uow() as uow:
        at_soon = await uow.requests.due(T0 + timedelta(minutes=5))
        all_due = await uow.requests.due(T0 + timedelta(hours=2))
        limited = await uow.requests.due(T0 + timedelta(hours=2), limit=1)
    assert at_soon == [soon]
    assert all_due == [soon, late]
    assert limited == [soon]
    assert soon.expires_at.tzinfo is UTC


async def test_a_notification_keeps_its_json_params(new_uow, session_factory, world):
    params = {"points": 5, "business": "Café ☕", "nested": {"ok": True}}
    note = Notification(
        chat_id=2002,
        category=Category.POINTS_ADDED,
        key="points_added",
        created_at=T0,
        params=params,
        customer_id=world.customer_id,
        card_id=world.card_id,
    )
    async with new_uow() as uow:
        added = await uow.notifications.add(note)
        await uow.commit()
    async with session_factory() as session:
        row = (await session.scalars(select(NotificationRow))).one()
    assert added.id == row.id and added.params == params == row.params
    assert added.status is NotificationStatus.PENDING
    assert (row.status, row.attempts, row.category) == ("pending", 0, "points_added")


async def test_a_notification_for_an_unknown_request_is_refused(new_uow, world):
    note = Notification(2002, Category.REMINDER, "reminder", T0, request_id=404)
    async with new_uow() as uow:
        with pytest.raises(IntegrityError):
            await uow.notifications.add(note)


async def test_scans_are_all_logged_and_by_key_finds_the_first_that_counted(new_uow, world):
    def scan(outcome: ScanOutcome, key: str = "msg-1") -> ScanLog:
        return ScanLog(
            world.business_id, OWNER_TG, outcome, T0, world.customer_id, idempotency_key=key
        )

    async with new_uow() as uow:
        await uow.scans.add(scan(ScanOutcome.FORGED))
        awarded = await uow.scans.add(scan(ScanOutcome.AWARDED))
        await uow.scans.add(scan(ScanOutcome.DUPLICATE))
        await uow.scans.add(scan(ScanOutcome.INVALID, key="msg-2"))
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.scans.by_key("msg-1") == awarded
        assert await uow.scans.by_key("msg-2") is None
        assert await uow.scans.count(world.business_id) == 4
        assert await uow.scans.count(world.business_id, ScanOutcome.AWARDED) == 1
    assert awarded.created_at.tzinfo is UTC


async def test_awarded_since_sees_only_this_customers_awarded_scans_from_then_on(new_uow, world):
    def scan(outcome: ScanOutcome, minutes: int) -> ScanLog:
        at = T0 + timedelta(minutes=minutes)
        return ScanLog(world.business_id, OWNER_TG, outcome, at, world.customer_id)

    async with new_uow() as uow:
        await uow.scans.add(scan(ScanOutcome.AWARDED, 0))
        await uow.scans.add(scan(ScanOutcome.CAPPED, 10))
        await uow.commit()
    async with new_uow() as uow:
        scans = uow.scans
        assert await scans.awarded_since(world.business_id, world.customer_id, T0) is True
        later = T0 + timedelta(minutes=1)
        assert await scans.awarded_since(world.business_id, world.customer_id, later) is False
        assert await scans.awarded_since(world.business_id, world.customer_id + 1, T0) is False
        assert await scans.awarded_since(world.business_id + 1, world.customer_id, T0) is False
