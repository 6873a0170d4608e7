"""A /broadcast to a large business never holds the bot's event loop more than 50 ms: its
messages are written a chunk of card holders per transaction, the loop free between chunks
(20,000 customers on SQLite, where the bot's statements run on the loop's thread; the pattern
of tests/e2e/test_report_stalls.py)."""

from __future__ import annotations

from tests.e2e.test_report_stalls import CUSTOMERS, HOLD_LIMIT, big_shop, watched
from tests.waiting import eventually


async def test_a_broadcast_to_a_large_business_never_holds_the_loop(harness):
    olga = await big_shop(harness, CUSTOMERS, CUSTOMERS)
    written = "SELECT count(*) FROM customer_notifications WHERE broadcast_id IS NOT NULL"

    async def finished() -> bool:
        rows = await harness.query("SELECT finished_at FROM broadcasts")
        return bool(rows) and rows[0][0] is not None

    async with watched() as hold:
        await olga.send_text("/broadcast Two for one today")
        await olga.wait_for_text("📣", timeout=30)
        await eventually(finished, timeout=120, what="every card holder's message written")
    assert hold.longest < HOLD_LIMIT, f"/broadcast held the loop {hold.longest * 1000:.0f} ms"
    assert await harness.query(written) == [(CUSTOMERS,)]
