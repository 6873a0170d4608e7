"""Notifications end to end through the sandbox: faults, blocked users, preferences, broadcasts."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections import Counter

import pytest

from domain.approvals import request_deduction
from domain.broadcasts import BroadcastNews, broadcast_news
from domain.commands import AwardPoints, RequestDeduction
from domain.ledger import award_points
from sandbox.client import SandboxUser
from sandbox.limits import RateLimits
from tests.e2e.conftest import stop_bot
from tests.e2e.helpers import Shop, customer, enrolled, eventually, open_shop, settled

# Per-chat spacing scaled down so a test sends several messages to one chat in well under 1 s.
FAST = {"send_per_second": 200.0, "send_chat_interval": 0.05}
SCALED = {"send_per_second": 290.0, "send_chat_interval": 0.1}


async def news(harness, shop: Shop, owner: SandboxUser, text: str) -> None:
    services = harness.app.bot_data["services"]
    queued = await broadcast_news(services.uow(), BroadcastNews(shop.business.id, owner.id, text))
    harness.app.bot_data["broadcast_runner"].kick(queued.broadcast_id)

    async def written() -> bool:
        sql = "SELECT finished_at IS NOT NULL FROM broadcasts WHERE id = :id"
        return (await harness.query(sql, id=queued.broadcast_id)) == [(True,)]

    # Its rows are written in the background: only then does "settled" mean they were sent.
    await eventually(written, what="the broadcast's messages written")


async def texts(user: SandboxUser) -> list[str]:
    return [m.content for m in await user.transcript()]


@pytest.mark.parametrize("harness", [FAST], indirect=True)
async def test_with_a_fifth_of_calls_failing_every_notification_arrives_exactly_once(harness):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    people = await enrolled(harness, shop, 8)
    await harness.sb.set_faults(
        rate_429=0.07, rate_5xx=0.07, rate_drop=0.06, methods=["sendMessage"], seed=11
    )
    for n in range(4):
        await news(harness, shop, owner, f"News {n}")
    await settled(harness, timeout=15)
    stats = await harness.sb.stats()
    await harness.sb.set_faults()

    assert stats["faults_injected"] > 0
    for person in people:
        received = Counter(t for t in await texts(person) if "News" in t)
        assert received == {f"📣 Café Lumen: News {n}": 1 for n in range(4)}, person
    assert await harness.query(
        "SELECT status, count(*) FROM customer_notifications "
        "WHERE template = 'business_news' GROUP BY status"
    ) == [("sent", 32)]


async def test_a_blocked_user_is_marked_skipped_and_gets_what_waited_when_back(harness):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)  # has written: the bot remembers her as seen
    bob = await customer(harness, "Bob", shop)
    await harness.sb.block(ann)

    await owner.send_text("/broadcast Fresh croissants")
    done = await owner.wait_for_text("Broadcast finished", timeout=8)
    assert "1 sent, 1 blocked the bot, 0 failed" in done.text
    await bob.wait_for_text("Fresh croissants")
    blocked = await harness.query(
        "SELECT blocked_at IS NOT NULL FROM telegram_users WHERE telegram_id = :id", id=ann.id
    )
    assert blocked == [(1,)]
    refused = (await harness.sb.stats())["errors"].get("403", 0)

    await news(harness, shop, owner, "Second news")
    await bob.wait_for_text("Second news")
    await settled(harness)
    assert (await harness.sb.stats())["errors"].get("403", 0) == refused  # not tried again

    await ann.send_text("💳 My cards")  # writing to the bot unblocks it
    await ann.wait_for_text("Second news")
    assert [t for t in await texts(ann) if "news" in t.lower() or "croissants" in t] == [
        "📣 Café Lumen: Fresh croissants",
        "📣 Café Lumen: Second news",
    ]
    assert await harness.query(
        "SELECT blocked_at FROM telegram_users WHERE telegram_id = :id", id=ann.id
    ) == [(None,)]


async def test_blocking_is_known_at_once_and_unblocking_without_a_word_delivers_what_waited(
    harness,
):
    """Telegram tells the bot (my_chat_member) when a user blocks or unblocks it: nothing is
    tried while blocked, and unblocking from the profile, without writing, resumes delivery."""
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    bob = await customer(harness, "Bob", shop)  # his copy of the news shows the claim happened
    # Asked for explicitly: Telegram would otherwise keep a list an earlier webhook set.
    assert "my_chat_member" in (harness.server.store.allowed_updates or ())
    blocked_sql = "SELECT blocked_at IS NOT NULL FROM telegram_users WHERE telegram_id = :id"
    await harness.sb.block(ann)

    async def block_recorded() -> bool:
        return await harness.query(blocked_sql, id=ann.id) == [(1,)]

    await eventually(block_recorded, what="the block being recorded")

    await news(harness, shop, owner, "While you were away")
    await bob.wait_for_text("While you were away")
    # Ann's row is older than Bob's: had the dispatcher been allowed to take it, it would have
    # been claimed no later than his. It was never tried.
    ann_rows = await harness.query(
        "SELECT status, attempts FROM customer_notifications WHERE chat_id = :chat "
        "AND template = 'business_news'",
        chat=ann.chat_id,
    )
    assert ann_rows == [("pending", 0)]
    assert (await harness.sb.stats())["errors"].get("403", 0) == 0

    await harness.sb.unblock(ann)  # no message from Ann: only Telegram's update says so
    await ann.wait_for(lambda m: "While you were away" in m.content, since=0)
    assert await harness.query(blocked_sql, id=ann.id) == [(0,)]
    assert [t for t in await texts(ann) if "away" in t] == ["📣 Café Lumen: While you were away"]


async def test_a_switched_off_category_is_stored_suppressed_but_requests_still_arrive(harness):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    await ann.send_text("/settings")
    settings = await ann.wait_for_text("Messages you get")
    await ann.press(settings, label="✅ Business news")
    await ann.wait_for(lambda m: "🔕 Business news" in m.button_labels)

    await news(harness, shop, owner, "Happy hour")
    services = harness.app.bot_data["services"]
    card_id = (await harness.query("SELECT id FROM loyalty_cards"))[0][0]
    await award_points(services.uow(), AwardPoints(shop.business.id, owner.id, card_id, 30, "k"))
    cmd = RequestDeduction(shop.business.id, owner.id, card_id, amount=5)
    await request_deduction(services.uow(), cmd)

    request = await ann.wait_for_text("asks to deduct 5 points")
    assert request.button_labels == ["✅ Approve", "❌ Reject"]
    await settled(harness)
    assert not [t for t in await texts(ann) if "Happy hour" in t]
    assert await harness.query(
        "SELECT status FROM customer_notifications WHERE template = 'business_news'"
    ) == [("suppressed",)]


@pytest.mark.parametrize("harness", [SCALED], indirect=True)
async def test_a_broadcast_to_300_customers_within_scaled_limits_meets_no_429(harness):
    harness.server.set_rate_limits(RateLimits(global_per_second=300, per_chat_per_second=10))
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    people = await enrolled(harness, shop, 300)
    await harness.sb.reset_stats()

    started = time.monotonic()
    await owner.send_text("/broadcast Two for one today")
    await owner.wait_for_text("sent", timeout=5)
    done = await owner.wait_for_text("Broadcast finished", timeout=10)
    elapsed = time.monotonic() - started

    assert "300 sent, 0 blocked the bot, 0 failed" in done.text
    stats = await harness.sb.stats()
    assert stats["rate_limited"] == 0 and "429" not in stats["errors"], stats
    # A real timing check: under the limits, not crawling (300 at 290/s is about 1 s).
    assert elapsed < 8
    for person in people[::50]:
        assert "📣 Café Lumen: Two for one today" in await texts(person)


async def start_bot_process(harness, tmp_path, **env: str) -> asyncio.subprocess.Process:
    """`loyalty-bot run` in its own process, polling the sandbox this test serves."""
    settings = harness.app.bot_data["services"].settings
    variables = {
        **os.environ,
        "LOYALTY_BOT_TOKEN": settings.bot_token,
        "LOYALTY_API_BASE_URL": harness.server.bot_api_url,
        "LOYALTY_FILE_BASE_URL": harness.server.file_url,
        "LOYALTY_DATABASE_URL": harness.db_url,
        "LOYALTY_DATA_DIR": str(tmp_path),
        "LOYALTY_SECRET_KEY": settings.secret_key,
        "LOYALTY_LOG_LEVEL": "WARNING",
        **env,
    }
    return await asyncio.create_subprocess_exec(
        sys.executable, "-c", "from bot.cli import main; raise SystemExit(main(['run']))",
        env=variables, cwd=tmp_path,  # cwd: no developer .env is read
    )  # fmt: skip


async def sent_count(harness) -> int:
    return (await harness.sb.stats())["messages_sent"]


async def test_a_bot_killed_while_draining_repeats_at_most_the_rows_in_flight(harness, tmp_path):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    people = await enrolled(harness, shop, 100)
    await stop_bot(harness.app)  # the process under test is the only sender from here on
    for n in range(3):
        await news(harness, shop, owner, f"Backlog {n}")
    fast = {
        "LOYALTY_SEND_PER_SECOND": "60",
        "LOYALTY_SEND_CHAT_INTERVAL": "0.05",
        "LOYALTY_OUTBOX_LEASE_SECONDS": "2",  # rows of the killed process come back soon
    }
    process = await start_bot_process(harness, tmp_path, **fast)
    try:

        async def sent_enough() -> bool:
            return await sent_count(harness) >= 60

        await eventually(sent_enough, 15, "the bot process sending 60 messages")
        process.send_signal(signal.SIGKILL)
        await process.wait()
        [(in_flight,)] = await harness.query(
            "SELECT count(*) FROM customer_notifications WHERE status = 'sending'"
        )
        process = await start_bot_process(harness, tmp_path, **fast)
        await settled(harness, timeout=15)
    finally:
        if process.returncode is None:
            process.terminate()
            await process.wait()

    received = Counter()
    for person in people:
        received.update((person.id, t) for t in await texts(person) if "Backlog" in t)
    assert set(received) == {
        (p.id, f"📣 Café Lumen: Backlog {n}") for p in people for n in range(3)
    }
    repeated = sum(count - 1 for count in received.values())
    assert 0 < in_flight and repeated <= in_flight, (in_flight, repeated)
