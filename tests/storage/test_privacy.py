"""Privacy storage on real databases: the retention sweep, invitation blocks, erased names."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from domain.models import Category, Notification, NotificationStatus, ScanLog, ScanOutcome
from domain.privacy import sweep_retention
from tests.storage.builders import CUSTOMER_TG, OWNER_TG, T0


def old(days: int, status: NotificationStatus) -> Notification:
    return Notification(
        chat_id=CUSTOMER_TG, category=Category.POINTS_ADDED, key="points_added",
        created_at=T0 - timedelta(days=days), status=status,
    )  # fmt: skip


async def test_the_retention_sweep_deletes_only_finished_rows_past_their_limits(new_uow, world):
    async with new_uow() as uow:
        for days, status in [
            (100, NotificationStatus.SENT), (100, NotificationStatus.FAILED),
            (100, NotificationStatus.PENDING), (10, NotificationStatus.SENT),
        ]:  # fmt: skip
            await uow.notifications.add(old(days, status))
        log = ScanLog(world.business_id, OWNER_TG, ScanOutcome.INVALID, T0)
        for days in (200, 10):
            await uow.scans.add(replace(log, created_at=T0 - timedelta(days=days)))
        await uow.commit()
    swept = await sweep_retention(new_uow(), timedelta(days=90), timedelta(days=180))
    assert (swept.notifications, swept.scans) == (2, 1)
    async with new_uow() as uow:
        assert await uow.scans.count(world.business_id) == 1
    again = await sweep_retention(new_uow(), timedelta(days=90), None)
    assert not again  # nothing left to delete; None keeps scans for ever


async def test_an_invitation_block_is_replaced_and_for_good_is_none(new_uow, world):
    async with new_uow() as uow:
        await uow.privacy.block_invitations(world.business_id, world.customer_id, T0, T0)
        await uow.privacy.block_invitations(world.business_id, world.customer_id, None, T0)
        await uow.commit()
    async with new_uow() as uow:
        block = await uow.privacy.invitation_block(world.business_id, world.customer_id)
        assert block is not None and block.until is None
        assert await uow.privacy.invitation_block(world.business_id + 1, world.customer_id) is None


async def test_erasing_names_marks_the_person_forgotten(new_uow, world):
    async with new_uow() as uow:
        await uow.privacy.erase_names(CUSTOMER_TG, T0)
        await uow.commit()
    async with new_uow() as uow:
        user = await uow.users.get(CUSTOMER_TG)
    assert user is not None and user.forgotten_at == T0
    assert (user.first_name, user.last_name, user.username) == ("", "", "")
