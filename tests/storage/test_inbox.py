"""The webhook inbox: a key stored once, each chat's updates claimed in order, a dead worker's
claims taken over when their lease runs out, and workers claiming at once taking different ones."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker

from storage.inbox import InboxStore
from tests.storage.builders import T0

LEASE = timedelta(seconds=10)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def worker(sessions: async_sessionmaker[Any], clock: Clock, name: str) -> InboxStore:
    return InboxStore(sessions, clock, owner=name, lease=LEASE)


async def add(store: InboxStore, update_id: int, chat_id: int | None, payload) -> bool:
    stored, _ = await store.add([(update_id, chat_id, payload)])
    return stored == {update_id}


def ids(items) -> list[int]:
    return [item.update_id for item in items]


async def test_an_update_is_stored_once_however_often_it_is_delivered(session_factory, clock):
    inbox = worker(session_factory, clock, "a")
    assert await add(inbox, 1, 50, {"update_id": 1}) is True
    assert await add(inbox, 1, 50, {"update_id": 1}) is False
    [item] = await inbox.claim(10)
    assert (item.update_id, item.payload, item.attempts) == (1, {"update_id": 1}, 1)
    await inbox.done([1])
    assert await add(inbox, 1, 50, {"update_id": 1}) is False  # done: still known
    assert await inbox.claim(10) == []


async def test_updates_arriving_together_are_stored_in_one_go(session_factory, clock):
    inbox = worker(session_factory, clock, "a")
    await add(inbox, 1, 50, {})
    batch = [(1, 50, {}), (2, 50, {}), (3, 60, {}), (2, 50, {})]
    stored, claimed = await inbox.add(batch, claim=10)
    assert stored == {2, 3}  # 1 was here; the second 2 is a redelivery
    assert ids(claimed) == [3]  # 2 waits for 1, which is older
    assert ids(await inbox.claim(10)) == [1]
    assert ids(await inbox.claim(10, done=[1])) == [2]  # done and the chat's next, one commit
    stored, claimed = await inbox.add([(4, 0, {}), (5, -(2**40), {})], claim=1)
    assert (stored, ids(claimed)) == ({4, 5}, [4])  # no more than the worker has room for
    assert ids(await inbox.claim(10)) == [5]
    stored, claimed = await inbox.add([(6, 50, {})], claim=10, done=[2])
    assert ids(claimed) == [6]  # 2, the chat's update before, marked done on the way


async def test_a_chats_next_update_waits_until_the_one_before_is_done(session_factory, clock):
    a, b = worker(session_factory, clock, "a"), worker(session_factory, clock, "b")
    for update_id, chat in ((1, 50), (2, 50), (3, 60), (4, None), (5, None), (6, 50)):
        await add(a, update_id, chat, {"update_id": update_id})
    assert ids(await a.claim(10)) == [1, 3, 4, 5]  # one per chat; chat-less ones all
    assert await b.claim(10) == []  # 2 waits for 1, even on another worker
    await a.done([1])
    assert ids(await b.claim(10)) == [2]
    await b.done([2])
    assert ids(await a.claim(10)) == [6]


async def test_a_dead_workers_claims_are_taken_over_once_the_lease_runs_out(
    session_factory, clock
):
    a, b = worker(session_factory, clock, "a"), worker(session_factory, clock, "b")
    await add(a, 1, 50, {"update_id": 1})
    await add(a, 2, 50, {"update_id": 2})
    assert ids(await a.claim(10)) == [1]
    clock.now += LEASE - timedelta(seconds=1)
    await a.renew([1])  # a is alive and handling it
    clock.now += timedelta(seconds=5)
    assert await b.claim(10) == []
    clock.now += LEASE  # a died: nothing renews
    [item] = await b.claim(10)
    assert (item.update_id, item.attempts) == (1, 2)
    await a.renew([1])  # a's late renewal does not take it back
    clock.now += LEASE - timedelta(seconds=1)
    await b.renew([1])
    assert await a.claim(10) == []
    counts = await b.counts()
    assert (counts.waiting, counts.claimed) == (1, 1)


async def test_released_updates_are_claimed_at_once_and_done_rows_are_pruned(
    session_factory, clock
):
    a, b = worker(session_factory, clock, "a"), worker(session_factory, clock, "b")
    for update_id in (1, 2, 3):
        await add(a, update_id, update_id, {"update_id": update_id})
    assert ids(await a.claim(2)) == [1, 2]
    await a.release([2])
    assert ids(await b.claim(10)) == [2, 3]
    await b.done([2])
    clock.now += timedelta(hours=2)
    await b.done([3])
    assert await a.prune(T0 + timedelta(hours=1)) == 1  # 2 went; 3 is recent, 1 not done
    assert await add(a, 2, 2, {}) is True  # a key pruned is a new update again
    assert await add(a, 3, 3, {}) is False


async def test_workers_claiming_at_once_never_take_the_same_update(
    session_factory, clock, backend
):
    if backend != "postgresql":
        pytest.skip("SQLite serves one process")
    stores = [worker(session_factory, clock, f"w{i}") for i in range(4)]
    for update_id in range(200):
        await add(stores[0], update_id, update_id % 50, {"update_id": update_id})
    taken: list[int] = []
    while len(taken) < 200:
        batches = await asyncio.gather(*(store.claim(7) for store in stores))
        claimed = [i for batch in batches for i in ids(batch)]
        assert claimed, "nothing claimable while updates wait"
        assert len({i % 50 for i in claimed}) == len(claimed)  # one per chat at a time
        taken += claimed
        await asyncio.gather(*(stores[0].done([i]) for i in claimed))
    assert sorted(taken) == list(range(200))
