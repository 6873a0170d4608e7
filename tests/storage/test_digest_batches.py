"""The owners' digest sweep: a few businesses a transaction, every due business in one run."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event, select

from domain.reminders import send_owner_digests
from storage.tables import NotificationRow
from storage.uow import uow_factory
from tests.storage.builders import T0, business, user

OWNERS = range(5001, 5008)  # seven businesses


@pytest.fixture
def clock():
    return lambda: T0 + timedelta(days=2)  # their day before is a whole day after T0


async def test_every_due_owner_is_told_once_a_few_businesses_a_transaction(
    engine, session_factory, clock
):
    new_uow = uow_factory(session_factory, clock)
    async with new_uow() as uow:
        for n, owner in enumerate(OWNERS):
            await uow.users.upsert(user(owner))
            await uow.businesses.add(business(owner, code=f"invite-{n}"))
        await uow.commit()
    commits: list[int] = []
    event.listen(engine.sync_engine, "commit", lambda _conn: commits.append(1))

    assert await send_owner_digests(new_uow, hour=0, batch=3) == len(OWNERS)
    assert len(commits) == 3  # 3 + 3 + 1 due: the short batch ends the run
    async with session_factory() as session:
        told = await session.scalars(select(NotificationRow.chat_id).order_by("chat_id"))
        assert list(told) == list(OWNERS)
    assert await send_owner_digests(new_uow, hour=0, batch=3) == 0  # told once a day
