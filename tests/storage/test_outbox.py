"""The outbox's delivery side and the sweeps' marks, on a real migrated SQLite file."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.models import Category, Notification, NotificationStatus, Reward
from domain.notify import BULK, LATER, POINTS_GROUP, URGENT
from storage.outbox import OutboxStore
from tests.storage.builders import CUSTOMER_TG, OWNER_TG, T0, card, customer, program, user


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self):
        return self.now


def note(chat_id: int = CUSTOMER_TG, category=Category.POINTS_ADDED, **fields) -> Notification:
    """A row as the domain's policy would write it: points pushes merge per card, bulk waits."""
    key = fields.pop("key", category.value)
    card_id = fields.get("card_id")
    if key == "points_added" and card_id is not None:
        fields.setdefault("merge_group", f"{POINTS_GROUP}:{card_id}")
    fields.setdefault("priority", LATER if category in BULK else URGENT)
    return Notification(
        chat_id=chat_id, category=category, key=key, created_at=T0,
        next_attempt_at=T0, **fields,
    )  # fmt: skip


async def add(new_uow, *notes: Notification) -> list[int]:
    async with new_uow() as uow:
        ids = [(await uow.notifications.add(n)).id for n in notes]
        await uow.commit()
    return ids


async def statuses(new_uow) -> dict[int, tuple[str, int, str]]:
    from sqlalchemy import select

    from storage.tables import NotificationRow

    async with new_uow() as uow:
        rows = await uow.notifications._session.scalars(select(NotificationRow))
        return {r.id: (r.status, r.attempts, r.last_error) for r in rows}


async def test_a_claimed_row_is_leased_and_claimed_again_only_after_the_lease(
    session_factory, new_uow, world
):
    clock = Clock()
    store = OutboxStore(session_factory, clock, lease=timedelta(seconds=10))
    [row_id] = await add(new_uow, note(category=Category.REMINDER, key="reward_near"))

    assert [n.id for n in await store.claim()] == [row_id]
    assert await store.claim() == []
    clock.now = T0 + timedelta(seconds=11)
    again = await store.claim()
    assert [n.id for n in again] == [row_id] and again[0].attempts == 2


async def test_unsent_points_messages_of_one_card_are_merged_into_the_newest(
    session_factory, new_uow, world
):
    store = OutboxStore(session_factory, Clock())
    ids = await add(
        new_uow,
        *(note(card_id=world.card_id, params={"points": p, "balance": b}) for p, b in
          ((10, 10), (5, 15), (1, 16))),
    )  # fmt: skip
    [sent] = await store.claim()
    assert sent.id == ids[-1] and sent.params == {"points": 16, "balance": 16}
    rows = await statuses(new_uow)
    assert rows[ids[0]] == ("sent", 0, f"merged into #{ids[-1]}")
    assert rows[ids[1]] == ("sent", 0, f"merged into #{ids[-1]}")


async def test_a_message_about_the_card_in_between_keeps_the_points_messages_apart(
    session_factory, new_uow, world
):
    store = OutboxStore(session_factory, Clock())
    added = note(card_id=world.card_id, params={"points": 5, "balance": 5})
    undone = note(
        card_id=world.card_id, category=Category.POINTS_DEDUCTED, key="points_undone",
        params={"points": 5, "balance": 0},
    )  # fmt: skip
    again = note(card_id=world.card_id, params={"points": 1, "balance": 1})
    ids = await add(new_uow, added, undone, again)
    claimed = await store.claim()
    assert [(n.id, n.params["points"]) for n in claimed] == list(zip(ids, (5, 5, 1), strict=True))


async def test_a_row_whose_lease_ran_out_is_not_merged_as_it_may_have_been_sent(
    session_factory, new_uow, world
):
    clock = Clock()
    store = OutboxStore(session_factory, clock, lease=timedelta(seconds=5))
    [first] = await add(new_uow, note(card_id=world.card_id, params={"points": 10}))
    await store.claim()
    [second] = await add(new_uow, note(card_id=world.card_id, params={"points": 5}))
    clock.now = T0 + timedelta(seconds=6)
    claimed = await store.claim()
    assert {n.id: n.params["points"] for n in claimed} == {first: 10, second: 5}


async def test_a_row_whose_send_may_have_reached_telegram_is_not_merged(
    session_factory, new_uow, world
):
    """A timed-out send (or a row the doctor released) may have been delivered: folding its
    points into a newer message would count them twice in what the customer reads."""
    clock = Clock()
    store = OutboxStore(session_factory, clock)
    [first] = await add(new_uow, note(card_id=world.card_id, params={"points": 10}))
    await store.claim()
    await store.retry_at(first, T0, "network: timed out")
    [second] = await add(new_uow, note(card_id=world.card_id, params={"points": 5}))
    claimed = await store.claim()
    assert {n.id: n.params["points"] for n in claimed} == {first: 10, second: 5}


async def test_a_row_handed_back_unsent_is_still_merged(session_factory, new_uow, world):
    store = OutboxStore(session_factory, Clock())
    [first] = await add(new_uow, note(card_id=world.card_id, params={"points": 10}))
    await store.claim()
    await store.release([(first, T0)])  # the chat was busy: never handed to Telegram
    [second] = await add(new_uow, note(card_id=world.card_id, params={"points": 5}))
    [merged] = await store.claim()
    assert (merged.id, merged.params["points"]) == (second, 15)


async def test_a_blocked_chat_waits_and_is_claimed_again_when_the_user_returns(
    session_factory, new_uow, world
):
    store = OutboxStore(session_factory, Clock())
    [row_id, other] = await add(new_uow, note(), note(chat_id=OWNER_TG, category=Category.STAFF))
    [_, _] = await store.claim()
    await store.block_chat(CUSTOMER_TG, row_id)
    await store.mark_sent(other, 7)
    assert await store.claim() == []
    assert (await statuses(new_uow))[row_id][0] == "pending"
    async with new_uow() as uow:
        assert (await uow.users.get(CUSTOMER_TG)).blocked_at is not None
        await uow.users.upsert(user(CUSTOMER_TG))  # what registering on a new update does
        await uow.commit()
    async with new_uow() as uow:
        assert (await uow.users.get(CUSTOMER_TG)).blocked_at is None
    assert [n.id for n in await store.claim()] == [row_id]


async def test_a_released_row_is_not_counted_as_an_attempt_and_waits_until_due(
    session_factory, new_uow, world
):
    clock = Clock()
    store = OutboxStore(session_factory, clock)
    [row_id] = await add(new_uow, note(category=Category.REMINDER, key="x"))
    await store.claim()
    await store.release([(row_id, T0 + timedelta(seconds=2))])
    assert await store.claim() == []
    assert await store.next_due() == T0 + timedelta(seconds=2)
    clock.now = T0 + timedelta(seconds=2)
    [again] = await store.claim()
    assert again.attempts == 1


async def test_pushes_are_claimed_before_a_broadcast_queued_earlier(
    session_factory, new_uow, world
):
    store = OutboxStore(session_factory, Clock())
    news = [note(category=Category.BUSINESS_NEWS) for _ in range(3)]
    ids = await add(new_uow, *news, note(chat_id=OWNER_TG, category=Category.STAFF))
    assert [n.id for n in await store.claim(limit=2)] == [ids[3], ids[0]]


async def test_failed_and_retried_rows_keep_the_reason(session_factory, new_uow, world):
    store = OutboxStore(session_factory, Clock())
    ids = await add(new_uow, note(card_id=world.card_id), note(chat_id=OWNER_TG))
    await store.claim()
    await store.fail(ids[0], "Chat not found")
    await store.retry_at(ids[1], T0 + timedelta(seconds=3), "network: Bad Gateway")
    rows = await statuses(new_uow)
    assert rows[ids[0]] == ("failed", 1, "Chat not found")
    assert rows[ids[1]] == ("pending", 1, "network: Bad Gateway")
    assert await store.counts() == {"failed": 1, "pending": 1}


async def test_broadcast_counts_tell_sent_blocked_and_suppressed_apart(
    session_factory, new_uow, world
):
    store = OutboxStore(session_factory, Clock())
    cat = Category.BUSINESS_NEWS
    ids = await add(
        new_uow,
        note(category=cat, broadcast_id="b1"),
        note(category=cat, broadcast_id="b1", chat_id=OWNER_TG),
        note(category=cat, broadcast_id="b1", status=NotificationStatus.SUPPRESSED),
        note(category=cat, broadcast_id="other"),
    )
    await store.claim()
    await store.mark_sent(ids[1], 1)
    await store.block_chat(CUSTOMER_TG, ids[0])
    async with new_uow() as uow:
        counts = await uow.notifications.broadcast_counts("b1")
    assert counts == {"blocked": 1, "sent": 1, "suppressed": 1}


async def test_a_card_mark_is_set_once_and_lifted_when_the_card_leaves_the_zone(new_uow, world):
    async with new_uow() as uow:
        await uow.cards.apply_delta(
            world.card_id, 9, earned=9
        )  # threshold 10, 1 per scan: one away
        [card] = await uow.cards.near_reward()
        assert await uow.cards.mark_near_reward(card.id, T0)
        assert not await uow.cards.mark_near_reward(card.id, T0)
        assert await uow.cards.near_reward() == []
        assert await uow.cards.clear_near_reward() == 0
        await uow.cards.apply_delta(world.card_id, 1, earned=1)
        assert await uow.cards.clear_near_reward() == 1
        await uow.cards.apply_delta(world.card_id, -1, earned=0)
        assert [c.id for c in await uow.cards.near_reward()] == [world.card_id]


async def test_a_card_that_left_the_zone_is_unmarked_while_another_card_is_in_it(new_uow, world):
    async with new_uow() as uow:
        await uow.users.upsert(user(CUSTOMER_TG + 1))
        other = await uow.customers.add(customer(CUSTOMER_TG + 1, "b"))
        near = await uow.cards.add(card(other.id or 0, world.program_id, world.business_id, "C-2"))
        await uow.cards.apply_delta(near.id or 0, 9, earned=9)  # stays one scan away
        await uow.cards.mark_near_reward(near.id or 0, T0)
        await uow.cards.apply_delta(world.card_id, 10, earned=10)  # reached it: left the zone
        await uow.cards.mark_near_reward(world.card_id, T0)

        assert await uow.cards.clear_near_reward() == 1
        assert [c.id for c in await uow.cards.near_reward()] == []
        await uow.cards.apply_delta(world.card_id, -1, earned=0)  # back one scan below
        assert [c.id for c in await uow.cards.near_reward()] == [world.card_id]


async def test_a_digest_day_is_marked_once(new_uow, world):
    async with new_uow() as uow:
        assert [b.id for b in await uow.businesses.digest_due("2025-03-01")] == [world.business_id]
        assert await uow.businesses.mark_digest(world.business_id, "2025-03-01")
        assert not await uow.businesses.mark_digest(world.business_id, "2025-03-01")
        assert await uow.businesses.digest_due("2025-03-01") == []
        assert len(await uow.businesses.digest_due("2025-03-02")) == 1


async def test_each_claimed_row_carries_its_own_chats_language(session_factory, new_uow, world):
    """Read when claimed: the language chosen in Settings, else the app's, else none."""
    from dataclasses import replace

    async with new_uow() as uow:
        await uow.users.upsert(replace(user(OWNER_TG), language="en"))
        await uow.users.upsert(replace(user(CUSTOMER_TG), language="en"))
        await uow.users.set_locale(CUSTOMER_TG, "ar")
        await uow.commit()
    stranger = 777_000
    ids = await add(new_uow, note(), note(chat_id=OWNER_TG), note(chat_id=stranger))
    claimed = {n.id: n.locale for n in await OutboxStore(session_factory, Clock()).claim()}
    assert claimed == dict(zip(ids, ("ar", "en", ""), strict=True))


async def test_a_claim_alone_commits_without_waiting_for_the_disk(
    engine, session_factory, new_uow, world
):
    """A lost claim only leaves its rows pending; every other commit stays durable (README,
    Operations, Durability). On PostgreSQL the claim is one statement, committed by itself,
    that turns synchronous_commit off for its own transaction. On SQLite see
    tests/storage/test_sqlite.py."""
    from sqlalchemy import event

    from storage.outbox import _claim_stmt

    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's part: synchronous_commit")
    said: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        said.append(statement)

    await add(new_uow, note())
    event.listen(engine.sync_engine, "before_cursor_execute", record)
    assert len(await OutboxStore(session_factory, Clock()).claim()) == 1
    event.remove(engine.sync_engine, "before_cursor_execute", record)
    assert len(said) == 1  # no SET LOCAL of its own
    assert "set_config('synchronous_commit', 'off', true)" in said[0]
    params = {"now": T0, "until": T0, "limit": 1}
    async with engine.connect() as conn:  # what the statement does to its transaction
        async with conn.begin():
            await conn.execute(_claim_stmt("postgresql"), params)
            assert (await conn.exec_driver_sql("SHOW synchronous_commit")).scalar() == "off"
        assert (await conn.exec_driver_sql("SHOW synchronous_commit")).scalar() == "on"


async def test_a_kept_connection_the_server_closed_is_replaced_and_the_claim_made(
    engine, session_factory, new_uow, world
):
    """The dispatcher's claims run on a connection kept between them, never pinged: one the
    server closed meanwhile fails the claim's statement, which then runs on a new one."""
    from sqlalchemy import text

    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL closes connections; a SQLite file has none to close")
    store = OutboxStore(session_factory, Clock(), keep_connection=True)
    try:
        first, second = await add(new_uow, note(), note(category=Category.REMINDER))
        assert [n.id for n in await store.claim(1)] == [first]
        kept = store._kept
        assert kept is not None
        pid = (await kept.exec_driver_sql("SELECT pg_backend_pid()")).scalar()
        await kept.rollback()
        async with engine.begin() as conn:
            await conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        assert [n.id for n in await store.claim(1)] == [second]
        assert store._kept is not None and store._kept is not kept
    finally:
        await store.close()
    assert store._kept is None


async def test_many_rows_are_written_a_page_a_statement_each_with_its_own_id(
    new_uow, world, monkeypatch
):
    """add_many writes ROWS rows a statement (the loop gets turns between them): every row of
    every page comes back with the id of the row stored for it, in order."""
    from storage.repositories import notifications

    monkeypatch.setattr(notifications, "ROWS", 2)
    rows = [note(card_id=world.card_id, key=f"k{i}", merge_group=None) for i in range(5)]
    async with new_uow() as uow:
        stored = await uow.notifications.add_many(rows)
        await uow.commit()
    assert [n.key for n in stored] == [f"k{i}" for i in range(5)]
    assert len({n.id for n in stored}) == 5
    from sqlalchemy import select

    from storage.tables import NotificationRow

    async with new_uow() as uow:
        rows = await uow.notifications._session.execute(
            select(NotificationRow.id, NotificationRow.template)
        )
        assert dict(rows.all()) == {n.id: n.key for n in stored}


async def test_programs_that_nudge_are_read_a_page_at_a_time_with_their_ladders(
    new_uow, world, monkeypatch
):
    from storage.repositories import programs

    monkeypatch.setattr(programs, "NUDGE_PAGE", 2)
    async with new_uow() as uow:
        ids = [world.program_id]
        ids += [(await uow.programs.add(program(world.business_id, f"j{i}"))).id for i in range(4)]
        for program_id in ids[1:]:
            await uow.rewards.add(Reward(program_id, "Cake", 5), T0)
        for program_id in ids[:4]:  # the last one sends none
            nudging = await uow.programs.get(program_id)
            nudging.miss_you_days = 14
            await uow.programs.update(nudging)
        await uow.commit()
    async with new_uow() as uow:
        found = await uow.programs.with_nudges()
    assert [p.id for p in found] == ids[:4]
    assert [[r.name for r in p.rewards] for p in found] == [["Free coffee"]] + [["Cake"]] * 3


async def test_the_outbox_is_analyzed_once_many_rows_were_written_so_claims_keep_their_plan(
    engine, new_uow, world, monkeypatch
):
    """PostgreSQL's planner, told by its statistics that the outbox is empty, claims by reading
    every pending row and sorting them (storage/outbox_statistics.py): after ANALYZE_AFTER rows
    written by this process's commits, the outbox is analyzed again in the background."""
    from storage import outbox_statistics as statistics

    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's planner statistics")
    monkeypatch.setattr(statistics, "ANALYZE_AFTER", 50)

    async def rows_the_planner_knows() -> float:
        async with engine.connect() as conn:
            return float(
                (await conn.exec_driver_sql(
                    "SELECT reltuples FROM pg_class WHERE relname = 'customer_notifications'"
                )).scalar_one()
            )  # fmt: skip

    async with engine.connect() as conn:
        await (await conn.execution_options(isolation_level="AUTOCOMMIT")).exec_driver_sql(
            "ANALYZE customer_notifications"
        )
    assert await rows_the_planner_knows() == 0  # analyzed while empty, as after a migration
    counter = statistics.outbox_statistics(engine)
    assert counter is not None
    batch = [note(card_id=world.card_id, key=f"k{i}", merge_group=None) for i in range(30)]
    async with new_uow() as uow:  # 30 rows: under the mark, nothing runs
        await uow.notifications.add_many(batch)
        await uow.commit()
    await counter.settled()
    assert await rows_the_planner_knows() == 0
    async with new_uow() as uow:  # 60 in all: the outbox is analyzed
        await uow.notifications.add_many(batch)
        await uow.commit()
    await counter.settled()
    assert await rows_the_planner_knows() == 60
