"""A /broadcast cut off mid-way (the bot stopped while writing its messages) is finished after a
restart, each customer getting the news exactly once. On the growth tools' harness: the bot on
a movable clock, restarted on the same database."""

from __future__ import annotations

import asyncio

import bot.broadcast_runner
from tests.e2e.growth.conftest import count, run, settle_then_move
from tests.e2e.helpers import enrolled, eventually, open_shop, settled

BACKENDS = ("sqlite", "postgresql")  # its locks and the chunk's read run on both
NEWS = "Fresh croissants at nine"


async def test_a_broadcast_stopped_mid_way_finishes_after_a_restart_reaching_each_once(
    harness, clock, tmp_path, monkeypatch
):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    people = await enrolled(harness, shop, 7)
    harness.app.bot_data["broadcast_runner"].chunk = 3
    # The worker writes its first chunk, then stops for good (as if the bot were killed there).
    write_chunk = bot.broadcast_runner.write_broadcast_chunk
    chunks = 0

    async def first_chunk_only(*args, **kwargs):
        nonlocal chunks
        chunks += 1
        if chunks > 1:
            await asyncio.Event().wait()
        return await write_chunk(*args, **kwargs)

    monkeypatch.setattr(bot.broadcast_runner, "write_broadcast_chunk", first_chunk_only)
    await owner.send_text(f"/broadcast {NEWS}")
    await owner.wait_for_text("📣")
    await eventually(lambda: chunks > 1, what="the first chunk written")
    news = "SELECT count(*), count(DISTINCT customer_id) FROM customer_notifications"
    news += " WHERE broadcast_id IS NOT NULL"
    assert await harness.query(news) == [(3, 3)]
    await settled(harness)

    monkeypatch.undo()
    await harness.restart(tmp_path, clock)
    assert await run(harness, "broadcasts") == 0  # its lease still holds: nobody takes it
    await settle_then_move(harness, clock, seconds=61)
    assert await run(harness, "broadcasts") == 1
    assert await harness.query(news) == [(7, 7)]
    assert await harness.query("SELECT written, total FROM broadcasts") == [(7, 7)]
    assert await run(harness, "broadcasts") == 0  # finished: nothing is written again
    for person in people:
        assert await count(harness, person, NEWS) == 1
