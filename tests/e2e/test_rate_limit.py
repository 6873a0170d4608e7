"""One rate limit for every call: a broadcast and a busy counter at once meet no 429.

The sandbox enforces Telegram's flood limits scaled up five times (150 messages a second
overall, 5 a second per chat, bursts of 3), and the bot's limits are scaled alike, so a
broadcast to hundreds takes seconds rather than half a minute.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from sandbox.client import SandboxUser
from sandbox.limits import RateLimits
from tests.e2e.helpers import customer, enrolled, eventually, open_shop, qr_photo, settled

SCALE = 5
LIMITS = {"send_per_second": 29.0 * SCALE, "send_chat_interval": 1.0 / SCALE}
RECIPIENTS = 500
SCANNERS, SCANS_EACH = 3, 4


async def scan_all(owner: SandboxUser, photos: list[tuple[str, bytes]]) -> list[float]:
    """One counter: scan each customer in turn, as soon as the last scan was answered."""
    latencies = []
    for name, photo in photos:
        started = time.monotonic()
        await owner.send_photo(photo)
        await owner.wait_for_text(f"{name}: +10", timeout=10)
        latencies.append(time.monotonic() - started)
    return latencies


async def counter(harness, index: int) -> tuple[SandboxUser, list[tuple[str, bytes]]]:
    owner = await harness.user(f"Staff{index}")
    shop = await open_shop(harness, owner, name=f"Shop {index}")
    guests = [await customer(harness, f"G{index}x{n}", shop) for n in range(SCANS_EACH)]
    return owner, [(guest.first_name, await qr_photo(guest)) for guest in guests]


async def news_sent(harness) -> int:
    [(count,)] = await harness.query(
        "SELECT count(*) FROM customer_notifications "
        "WHERE template = 'business_news' AND status = 'sent'"
    )
    return count


@pytest.mark.parametrize("harness", [LIMITS], indirect=True)
async def test_a_broadcast_and_busy_counters_meet_no_429_and_replies_go_first(harness):
    harness.server.set_rate_limits(RateLimits().scaled(SCALE))
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)
    people = await enrolled(harness, shop, RECIPIENTS)
    counters = [await counter(harness, i) for i in range(SCANNERS)]
    await harness.sb.reset_stats()

    await olga.send_text("/broadcast Two for one today")
    await eventually(lambda: harness.server.stats["messages_sent"] >= 50, 10, "the broadcast")
    # Each counter's first scan, then the rest: the first replies must come while the
    # broadcast still runs (a fast broadcast may be over before the last ones).
    first = await asyncio.gather(*(scan_all(owner, photos[:1]) for owner, photos in counters))
    during = await news_sent(harness)  # read after those replies: at most what was sent then
    rest = await asyncio.gather(*(scan_all(owner, photos[1:]) for owner, photos in counters))
    latencies = first + rest
    await olga.wait_for_text("Broadcast finished", timeout=30)
    await settled(harness, timeout=30)

    stats = await harness.sb.stats()
    assert stats["rate_limited"] == 0 and "429" not in stats["errors"], stats
    assert await news_sent(harness) == RECIPIENTS
    for person in people[:: RECIPIENTS // 10]:
        assert (await person.last_message()).text == "📣 Café Lumen: Two for one today"
    # Replies do not queue behind the broadcast: every counter was served while it still ran,
    # each reply within a second (the broadcast alone takes longer at the sandbox's rate).
    assert during < RECIPIENTS, during
    slowest = max(max(each) for each in latencies)
    assert slowest < 1.0, latencies
