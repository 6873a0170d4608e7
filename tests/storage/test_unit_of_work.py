"""The unit of work: commit keeps, leaving without commit drops, and the object is reusable."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from storage.uow import SqlUnitOfWork, utc_now
from tests.storage.builders import T0, user


async def test_committed_work_is_kept(new_uow):
    async with new_uow() as uow:
        await uow.users.upsert(user(7))
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.users.get(7) is not None


async def test_leaving_without_commit_rolls_back(new_uow):
    async with new_uow() as uow:
        await uow.users.upsert(user(7))
    async with new_uow() as uow:
        assert await uow.users.get(7) is None


async def test_an_error_inside_the_block_rolls_back_and_propagates(new_uow):
    with pytest.raises(ZeroDivisionError):
        async with new_uow() as uow:
            await uow.users.upsert(user(7))
            _ = 1 / 0
    async with new_uow() as uow:
        assert await uow.users.get(7) is None


async def test_explicit_rollback_drops_work_done_so_far(new_uow):
    async with new_uow() as uow:
        await uow.users.upsert(user(7))
        await uow.rollback()
        await uow.users.upsert(user(8))
        await uow.commit()
    async with new_uow() as uow:
        assert await uow.users.get(7) is None
        assert await uow.users.get(8) is not None


async def test_one_unit_of_work_can_be_entered_again_after_it_exits(new_uow):
    uow = new_uow()
    async with uow:
        await uow.users.upsert(user(7))
        await uow.commit()
    async with uow:
        assert await uow.users.get(7) is not None


async def test_entering_a_unit_of_work_twice_at_once_is_refused(new_uow):
    uow = new_uow()
    async with uow:
        with pytest.raises(RuntimeError):
            async with uow:
                pass


async def test_commit_outside_the_block_is_refused(new_uow):
    with pytest.raises(RuntimeError):
        await new_uow().commit()


async def test_now_comes_from_the_injected_clock(session_factory):
    assert SqlUnitOfWork(session_factory, lambda: T0).now() == T0
    assert utc_now().tzinfo is not None


async def test_a_reading_unit_of_work_on_postgresql_reads_outside_a_transaction(
    backend, session_factory
):
    """No BEGIN and ROLLBACK around a view (two round trips); the pooled connection goes back
    to transactions for the next unit of work, which must still roll back what it left."""
    if backend != "postgresql":
        pytest.skip("SQLite's reading transaction is DEFERRED and query-only instead")
    # Each statement alone is its own transaction, with its own id; in one, they share it.
    xid = text("SELECT txid_current()")
    async with SqlUnitOfWork(session_factory, reading=True) as uow:
        ids = {(await uow._session.execute(xid)).scalar_one() for _ in range(2)}
        assert len(ids) == 2
    async with SqlUnitOfWork(session_factory) as uow:
        assert len({(await uow._session.execute(xid)).scalar_one() for _ in range(2)}) == 1
        await uow.users.upsert(user(4242))
    async with SqlUnitOfWork(session_factory, reading=True) as uow:
        assert await uow.users.get(4242) is None
