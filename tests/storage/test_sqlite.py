"""The SQLite engine: pragmas in force, immediate transactions, and its own folder."""

from __future__ import annotations

import asyncio
import itertools
import os
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError, OperationalError

from domain.events import StaffMemberJoined
from domain.models import Category, Notification
from domain.notify import URGENT
from domain.queries import list_customer_cards
from storage import checkpoints, sqlite_inline
from storage.checkpoints import engine_checkpointer
from storage.engine import BUSY_TIMEOUT_MS, make_engine, make_session_factory
from storage.migrate import upgrade
from storage.outbox import MMAP_BYTES, OutboxStore
from storage.uow import SqlUnitOfWork, uow_factory
from tests.storage.builders import CUSTOMER_TG, OWNER_TG, T0, build_world, user
from tests.waiting import eventually


async def pragma(engine, name: str):
    async with engine.connect() as conn:
        return (await conn.execute(text(f"PRAGMA {name}"))).scalar()


async def test_wal_foreign_keys_busy_timeout_and_synchronous_are_set(engine, backend):
    assert await pragma(engine, "journal_mode") == "wal"
    assert await pragma(engine, "foreign_keys") == 1
    # Inline, SQLite must never sleep on the loop's thread: storage.gate waits for the lock.
    expected = 0 if backend == "sqlite" else BUSY_TIMEOUT_MS
    assert await pragma(engine, "busy_timeout") == expected
    assert await pragma(engine, "synchronous") == 2  # FULL: see README, Operations, Durability


def test_plain_sqlite_urls_run_inline_and_aiosqlite_urls_stay_threaded(tmp_path):
    assert make_engine(f"sqlite:///{tmp_path / 'a.db'}").dialect.driver == "inline"
    assert make_engine(f"sqlite+pysqlite:///{tmp_path / 'b.db'}").dialect.driver == "inline"
    assert make_engine(f"sqlite+aiosqlite:///{tmp_path / 'c.db'}").dialect.driver == "aiosqlite"


async def test_a_row_with_a_dangling_foreign_key_is_refused(engine):
    with pytest.raises(IntegrityError, match="FOREIGN KEY"):
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO loyalty_cards (customer_id, program_id, business_id, number,"
                    " balance, lifetime_points, created_at) VALUES (404, 404, 404, 'X', 0, 0, :t)"
                ),
                {"t": T0.replace(tzinfo=None)},
            )


async def test_every_transaction_begins_immediate(engine):
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("SELECT 1"))
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)
    assert statements[0] == "BEGIN IMMEDIATE"


async def test_a_write_lock_is_taken_at_begin_not_at_first_write(engine):
    # With a deferred BEGIN a second transaction would start fine and fail only when it tried
    # to write; with BEGIN IMMEDIATE it waits at its start (here: gives up after 50 ms).
    impatient = make_engine(engine.url.render_as_string(hide_password=False))

    @event.listens_for(impatient.sync_engine, "connect")
    def wait_briefly(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 50")
        cursor.close()

    try:
        async with engine.connect() as holder:
            await holder.execute(text("SELECT 1"))
            async with impatient.connect() as other:
                with pytest.raises(OperationalError, match="locked"):
                    await other.execute(text("SELECT 1"))
    finally:
        await impatient.dispose()


async def test_the_database_folder_is_created(tmp_path):
    path = tmp_path / "deep" / "er" / "x.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    finally:
        await engine.dispose()
    assert path.exists()


async def test_a_transaction_waits_for_another_process_lock_without_stalling_the_loop(
    db_path, new_uow
):
    """Another process holds the write lock a while: our transaction waits its turn and then
    commits, while the event loop keeps running other work (on either driver)."""
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    ticks: list[float] = []

    async def ticker() -> None:
        # The loop's heartbeat: a gap between ticks is a stall. This is a timing test, so the
        # sleep is the instrument, not a wait for an event.
        while True:
            await asyncio.sleep(0.01)
            ticks.append(time.monotonic())

    async def write() -> float:
        async with new_uow() as uow:
            await build_world(uow)
            await uow.commit()
        return time.monotonic()

    ticking = asyncio.create_task(ticker())
    writing = asyncio.create_task(write())
    # The lock stays held for 30 heartbeats of other work: the writer waits all along.
    await eventually(lambda: len(ticks) >= 30, what="30 ticks while the writer waits")
    assert not writing.done()
    released = time.monotonic()
    other.execute("ROLLBACK")
    committed = await asyncio.wait_for(writing, 5)
    ticking.cancel()
    other.close()
    assert committed >= released
    # A blocking wait would stall the loop for as long as the lock was held; a busy shared
    # machine may delay one tick by tens of milliseconds.
    stall = max(b - a for a, b in itertools.pairwise(ticks))
    assert stall < 0.25, f"the loop stalled {stall:.3f} s"
    async with new_uow() as uow:
        assert await uow.customers.by_telegram(CUSTOMER_TG) is not None


async def test_a_lock_held_past_the_wait_fails_as_locked(tmp_path, monkeypatch):
    monkeypatch.setattr(sqlite_inline, "LOCK_WAIT_SECONDS", 0.1)
    url = f"sqlite:///{tmp_path / 'held.db'}"
    upgrade(url)
    other = sqlite3.connect(tmp_path / "held.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    engine = make_engine(url)
    try:
        with pytest.raises(OperationalError, match="locked"):
            async with uow_factory(make_session_factory(engine))() as uow:
                await uow.customers.by_telegram(CUSTOMER_TG)
    finally:
        other.close()
        await engine.dispose()


async def test_an_outbox_claim_commits_without_waiting_for_the_disk_and_only_it(engine):
    """A lost claim only puts rows back to pending: its commit may skip the fsync. Every other
    transaction still commits with synchronous=FULL (README, Operations, Durability)."""
    said: list[str] = []

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def record(_conn, _cursor, statement, *_args):
        if statement.startswith(("PRAGMA synchronous =", "BEGIN")):
            said.append(statement)

    await OutboxStore(make_session_factory(engine), lambda: T0).claim()
    assert said == ["PRAGMA synchronous = NORMAL", "BEGIN IMMEDIATE"]
    said.clear()
    assert await pragma(engine, "synchronous") == 2
    assert said == ["PRAGMA synchronous = FULL", "BEGIN IMMEDIATE"]


async def test_the_dispatchers_kept_connection_stays_light_and_leaves_the_others_full(engine):
    """The dispatcher claims on a connection it keeps (`keep_connection`): synchronous=NORMAL
    and a memory map are set on it once, and every other connection's commits stay FULL."""
    said: list[str] = []

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def record(_conn, _cursor, statement, *_args):
        if statement.startswith(("PRAGMA synchronous =", "BEGIN")):
            said.append(statement)

    store = OutboxStore(make_session_factory(engine), lambda: T0, keep_connection=True)
    try:
        await store.claim()
        said.clear()  # its first transaction set mmap_size (one transaction, once)
        await store.claim()
        assert said == ["BEGIN IMMEDIATE"]
        kept = store._kept
        assert kept is not None
        assert (await kept.exec_driver_sql("PRAGMA synchronous")).scalar() == 1  # NORMAL
        assert (await kept.exec_driver_sql("PRAGMA mmap_size")).scalar() == MMAP_BYTES
        await kept.commit()
        said.clear()
        assert await pragma(engine, "synchronous") == 2
        assert said == ["BEGIN IMMEDIATE"]  # another connection, never made light
    finally:
        await store.close()


async def test_a_customers_view_is_not_queued_behind_a_transaction_that_writes(engine):
    """My cards reads through a reading unit of work: while a broadcast's chunk (here: any
    transaction) holds the write gate, the view still answers, with what was committed."""
    sessions = make_session_factory(engine)
    async with uow_factory(sessions)() as setup:
        world = await build_world(setup)
        await setup.commit()
    writer = SqlUnitOfWork(sessions)
    async with writer:
        await writer.cards.apply_delta(world.card_id, 5, earned=5)
        seen = await asyncio.wait_for(
            list_customer_cards(SqlUnitOfWork(sessions, reading=True), CUSTOMER_TG), 5
        )
        assert [view.card.balance for view in seen] == [0]  # the uncommitted write is unseen
        # Any other unit of work waits its turn at the gate until the writer is done.
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(list_customer_cards(SqlUnitOfWork(sessions), CUSTOMER_TG), 0.3)


async def test_a_reading_unit_of_work_cannot_write_and_the_next_one_can(engine):
    said: list[str] = []

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def record(_conn, _cursor, statement, *_args):
        if statement.startswith(("PRAGMA query_only =", "BEGIN")):
            said.append(statement)

    sessions = make_session_factory(engine)
    reader = SqlUnitOfWork(sessions, reading=True)
    async with reader:
        with pytest.raises(OperationalError, match="readonly"):
            await reader.users.upsert(user(CUSTOMER_TG))
        with pytest.raises(RuntimeError, match="records no events"):
            reader.record(StaffMemberJoined(OWNER_TG, "Ann", "Cafe"))
    assert said == ["PRAGMA query_only = ON", "BEGIN"]
    said.clear()
    async with uow_factory(sessions)() as writer:
        await writer.users.upsert(user(CUSTOMER_TG))
        await writer.commit()
    assert said == ["PRAGMA query_only = OFF", "BEGIN IMMEDIATE"]


async def test_the_loops_connections_never_checkpoint_a_thread_does_and_the_log_is_reused(
    tmp_path, monkeypatch
):
    """A checkpoint's I/O on the loop's thread stalled the loop (storage/checkpoints.py)."""
    monkeypatch.setattr(checkpoints, "EVERY", 0.05)
    path = tmp_path / "wal.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        assert await pragma(engine, "wal_autocheckpoint") == 0
        async with engine.begin() as conn:
            await conn.execute(text("CREATE TABLE blobs (b BLOB)"))
        checkpointer = engine_checkpointer(engine)
        assert checkpointer is not None
        sizes = []
        for _ in range(4):  # about 2 MB of log a round: 500 pages, half the usual threshold
            async with engine.begin() as conn:
                await conn.execute(
                    text("INSERT INTO blobs VALUES (randomblob(1000))"), [{}] * 2000
                )
            # A pass under way at the commit may have begun before it: wait for the next one.
            done = checkpointer.passes
            await eventually(lambda done=done: checkpointer.passes > done + 1, 5, "a checkpoint")
            sizes.append(wal_size(path))
        # Each round's log was copied into the file, so the next round wrote over it.
        assert sizes[-1] <= sizes[0] * 1.5, sizes
    finally:
        await engine.dispose()
    assert engine_checkpointer(engine) is None  # stopped with the engine
    # ... after a last checkpoint, closing last: no log left for the next process to read.
    assert wal_size(path) == 0


def wal_size(path) -> int:
    wal = f"{path}-wal"
    return os.path.getsize(wal) if os.path.exists(wal) else 0


async def test_an_engine_disposed_while_a_transaction_holds_the_lock_never_holds_the_loop(
    tmp_path,
):
    """A disposed engine waits for its last checkpoint (storage/checkpoints.py), which waits for
    the write lock; when a transaction on the loop's own thread holds that lock, a blocking wait
    deadlocked the two until the checkpoint's busy timeout: the loop stood still 5 s, long
    enough for the bot's sends on the wire to time out after the server had them, and be sent
    again (tests/e2e/growth/test_broadcast_resume.py delivered one customer the news twice)."""
    path = tmp_path / "two.db"
    url = f"sqlite:///{path}"
    bot, other = make_engine(url), make_engine(url)
    ticks: list[float] = []

    async def ticker() -> None:
        # The loop's heartbeat: a gap between ticks is a stall (the sleep is the instrument).
        while True:
            await asyncio.sleep(0.01)
            ticks.append(time.monotonic())

    ticking = asyncio.create_task(ticker())
    try:
        async with bot.begin() as conn:
            await conn.execute(text("CREATE TABLE notes (n INTEGER)"))
        assert await pragma(other, "wal_autocheckpoint") == 0  # its thread runs
        async with bot.begin() as conn:
            await conn.execute(text("INSERT INTO notes VALUES (1)"))
            disposing = asyncio.create_task(other.dispose())
            await eventually(lambda: len(ticks) >= 30, what="30 ticks while the engine stops")
            # Its last checkpoint waits for this transaction, on asyncio.
            assert not disposing.done()
        await asyncio.wait_for(disposing, 10)
    finally:
        ticking.cancel()
        await bot.dispose()
    stall = max(b - a for a, b in itertools.pairwise(ticks))
    assert stall < 0.25, f"the loop stalled {stall:.3f} s"
    assert engine_checkpointer(other) is None
    assert wal_size(path) == 0  # the last checkpoints still emptied the log


async def test_a_long_transaction_lets_a_task_woken_by_its_timer_run_every_turn(
    tmp_path, monkeypatch
):
    """Statements run inline give the loop a turn every YIELD_AFTER; a task whose timer came
    due meanwhile (a heartbeat here, a handler's wait elsewhere) must run in that turn. With
    `sleep(0)` as the turn it ran only two turns later, after three periods of statements
    (a 5 ms heartbeat measured 30 ms of CPU for 10 ms). The clock the turns are counted on
    moves 1 ms a statement here, so a period is 10 statements whatever the machine's load."""
    clock = itertools.count()
    monkeypatch.setattr(
        sqlite_inline, "time", SimpleNamespace(monotonic=lambda: next(clock) / 1000)
    )
    # The last turn, on the fake clock too: earlier tests left the real clock's there (hours
    # of uptime, which the fake clock would take millions of statements to reach).
    monkeypatch.setattr(sqlite_inline, "_ran_since", 0.0)
    engine = make_engine(f"sqlite:///{tmp_path / 'turns.db'}")
    ran = 0  # statements so far
    between: list[int] = []  # statements between two turns of the heartbeat

    async def heartbeat() -> None:
        while True:
            before = ran
            await asyncio.sleep(0.0001)  # due long before 10 statements have run
            between.append(ran - before)

    beating = asyncio.create_task(heartbeat())
    try:
        async with engine.begin() as conn:
            await conn.execute(text("CREATE TABLE notes (n INTEGER)"))
            while len(between) < 30:
                await conn.execute(text("INSERT INTO notes VALUES (1)"))
                ran += 1
    finally:
        beating.cancel()
        await engine.dispose()
    period = round(sqlite_inline.YIELD_AFTER * 1000)
    assert max(between[1:]) <= period + 1, between


async def test_a_commit_that_waits_for_the_disk_runs_off_the_loop_and_only_it(engine, backend):
    """A commit of written rows fsyncs the log, which a disk busy with another process's writes
    can make take hundreds of milliseconds: it runs on the commit thread, and the loop serves
    everyone else meanwhile. A commit that only read, and an outbox claim's light commit (no
    fsync), stay on the loop's thread."""
    if backend != "sqlite":
        pytest.skip("aiosqlite runs every statement on a thread of its own")
    commits: list[str] = []

    @event.listens_for(engine.sync_engine, "connect")
    def trace(dbapi_connection, _record):
        def seen(statement: str) -> None:
            if statement == "COMMIT":
                commits.append(threading.current_thread().name)

        dbapi_connection.set_trace_callback(seen)

    loop_thread = threading.current_thread().name
    sessions = make_session_factory(engine)
    pushed = Notification(
        chat_id=CUSTOMER_TG, category=Category.POINTS_ADDED, key="points_added",
        created_at=T0, next_attempt_at=T0, priority=URGENT,
    )  # fmt: skip
    async with uow_factory(sessions)() as writer:
        await writer.users.upsert(user(CUSTOMER_TG))
        await writer.notifications.add(pushed)
        await writer.commit()
    assert commits == ["sqlite-commit_0"]
    commits.clear()
    async with uow_factory(sessions)() as reader:  # a transaction that wrote nothing
        assert await reader.users.get(CUSTOMER_TG) is not None
        await reader.commit()
    assert len(await OutboxStore(sessions, lambda: T0).claim()) == 1  # it wrote: claimed
    assert commits == [loop_thread] * 2


async def test_a_unit_of_work_cancelled_during_its_commit_waits_for_it_and_is_kept(
    engine, backend, monkeypatch
):
    """Cancelled (a shutdown) while its commit is on the commit thread, a unit of work waits
    for the commit to end: no rollback, nor another transaction, runs on its connection
    meanwhile, and what it committed is kept whole."""
    if backend != "sqlite":
        pytest.skip("aiosqlite runs every statement on a thread of its own")
    submitted: list[object] = []

    class Recorded(ThreadPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):
            submitted.append(fn)
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(sqlite_inline, "_COMMITS", Recorded(max_workers=1))
    disk = threading.Event()  # the disk, busy until set
    sqlite_inline._COMMITS.submit(disk.wait, 10)
    sessions = make_session_factory(engine)

    async def scan() -> None:
        async with uow_factory(sessions)() as uow:
            await uow.users.upsert(user(CUSTOMER_TG))
            await uow.commit()

    task = asyncio.create_task(scan())
    await eventually(lambda: len(submitted) == 2)  # its commit waits behind the busy disk
    ended_before_the_disk: list[bool] = []

    def free_the_disk() -> None:
        ended_before_the_disk.append(task.done())
        disk.set()

    task.cancel()  # queues the task's wake-up with its cancellation,
    asyncio.get_running_loop().call_soon(free_the_disk)  # and behind it, the disk freed
    with pytest.raises(asyncio.CancelledError):
        await task
    assert ended_before_the_disk == [False]  # it took its cancellation, and waited its commit
    async with uow_factory(sessions)() as reader:
        assert await reader.users.get(CUSTOMER_TG) is not None
