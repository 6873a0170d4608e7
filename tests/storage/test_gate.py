"""The SQLite write gate: people's transactions before background work, and nobody stranded."""

from __future__ import annotations

import asyncio

from storage.engine import make_session_factory
from storage.gate import write_gate
from storage.uow import SqlUnitOfWork, uow_factory
from tests.storage.builders import CUSTOMER_TG, user
from tests.waiting import eventually

BACKENDS = ("sqlite", "aiosqlite")  # PostgreSQL has no gate


async def test_a_waiting_scan_goes_before_background_work_queued_ahead_of_it(engine):
    sessions = make_session_factory(engine)
    gate = write_gate(sessions)
    assert gate is not None
    order: list[str] = []
    gate_free = asyncio.Event()

    async def transaction(name: str, *, background: bool = False) -> None:
        async with SqlUnitOfWork(sessions, background=background) as uow:
            order.append(name)
            await uow.users.upsert(user(CUSTOMER_TG, first_name=name))
            if name == "chunk 1":
                await gate_free.wait()
            await uow.commit()

    async def background(name: str) -> None:
        await transaction(name, background=True)

    holder = asyncio.create_task(background("chunk 1"))
    await eventually(lambda: order == ["chunk 1"], what="the first chunk under way")
    queued = [asyncio.create_task(background("chunk 2")), asyncio.create_task(background("mark"))]
    await eventually(lambda: gate.waiting == 2, what="both background transactions waiting")
    queued.append(asyncio.create_task(transaction("scan")))
    await eventually(lambda: gate.waiting == 3, what="the scan waiting behind them")
    gate_free.set()
    await asyncio.wait_for(asyncio.gather(holder, *queued), 10)
    assert order == ["chunk 1", "scan", "chunk 2", "mark"]


async def test_a_waiter_cancelled_as_the_gate_reaches_it_hands_it_on(engine):
    sessions = make_session_factory(engine)
    gate = write_gate(sessions)
    assert gate is not None
    entered: list[str] = []

    async def enter(name: str) -> None:
        async with gate.turn():
            entered.append(name)

    await gate.acquire()
    handed = asyncio.create_task(enter("handed"))
    gone = asyncio.create_task(enter("gone"))
    await eventually(lambda: gate.waiting == 2, what="both waiting at the gate")
    gone.cancel()  # cancelled while waiting: it leaves the queue
    gate.release()  # hands the gate to `handed`...
    handed.cancel()  # ...cancelled before it could run
    await asyncio.gather(handed, gone, return_exceptions=True)

    async def write() -> None:
        async with uow_factory(sessions)() as uow:
            await uow.users.upsert(user(CUSTOMER_TG))
            await uow.commit()

    await asyncio.wait_for(write(), 5)  # the gate was passed on, not stranded
    assert entered == []
    assert gate.waiting == 0
