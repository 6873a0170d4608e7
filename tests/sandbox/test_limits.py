"""Telegram's errors and limits: blocked users, flood limits, injected faults, bad tokens."""

from __future__ import annotations

import asyncio
import time

import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter

from sandbox.client import SandboxClient, SandboxUser
from sandbox.limits import RateLimiter, RateLimits
from sandbox.server import SandboxServer


async def test_a_blocked_user_answers_403_until_unblocked(
    bot: Bot, sb: SandboxClient, ann: SandboxUser
) -> None:
    await sb.block(ann)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(ann.chat_id, "promo")
    await sb.unblock(ann)
    assert (await bot.send_message(ann.chat_id, "hello again")).text == "hello again"
    await sb.block(ann)
    await ann.start()  # writing to the bot again restarts it
    assert (await bot.send_message(ann.chat_id, "welcome back")).text == "welcome back"
    assert (await sb.stats())["errors"] == {"403": 1}


async def test_unknown_token_and_unknown_method(server: SandboxServer, api) -> None:
    wrong = Bot("999:WRONG", base_url=server.bot_api_url)
    with pytest.raises(InvalidToken, match="rejected by the server"):
        await wrong.initialize()  # initialize() calls getMe
    await wrong.shutdown()
    status, body = await api("getMe", token="999:WRONG")
    assert (status, body["description"]) == (401, "Unauthorized")
    status, body = await api("sendTelepathy")
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})
    status, body = await api("GETME", how="get")
    assert status == 200 and body["result"]["is_bot"] is True


async def test_flood_limits_answer_429_and_count_each_violation(
    bot: Bot, sb: SandboxClient, ann: SandboxUser
) -> None:
    await sb.set_rate_limits(global_per_second=100, per_chat_per_second=1, per_chat_burst=3)
    for i in range(3):
        await bot.send_message(ann.chat_id, f"burst {i}")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(ann.chat_id, "one too many")
    assert caught.value.retry_after.total_seconds() >= 1
    with pytest.raises(RetryAfter):
        await bot.send_message(ann.chat_id, "still too many")
    stats = await sb.stats()
    assert stats["rate_limited"] == 2 and stats["errors"] == {"429": 2}
    assert len(await ann.transcript()) == 3  # refused messages never reach the chat


async def test_the_global_limit_spans_chats(bot: Bot, sb: SandboxClient) -> None:
    await sb.set_rate_limits(global_per_second=5, per_chat_per_second=1, per_chat_burst=1)
    users = [await sb.create_user(first_name=f"U{i}", username=f"u{i}") for i in range(6)]
    for user in users[:5]:
        await bot.send_message(user.chat_id, "broadcast")
    with pytest.raises(RetryAfter):
        await bot.send_message(users[5].chat_id, "broadcast")
    assert (await sb.stats())["rate_limited"] == 1


async def test_under_the_limits_nothing_is_refused(
    bot: Bot, sb: SandboxClient, server: SandboxServer
) -> None:
    await sb.set_rate_limits(global_per_second=30, per_chat_per_second=1, per_chat_burst=3)
    users = [await sb.create_user(first_name=f"U{i}", username=f"u{i}") for i in range(10)]
    for user in users:
        for _ in range(2):
            await bot.send_message(user.chat_id, "hi")
    assert server.stats["rate_limited"] == 0
    assert server.stats["messages_sent"] == 20


def test_token_buckets_refill_with_time() -> None:
    now = [0.0]
    limiter = RateLimiter(RateLimits(global_per_second=30, per_chat_burst=2), clock=lambda: now[0])
    assert limiter.check(1) is None and limiter.check(1) is None
    assert limiter.check(1) == 1
    now[0] += 1.0
    assert limiter.check(1) is None
    assert limiter.check(2) is None  # other chats have their own bucket
    assert RateLimiter(RateLimits.off()).check(1) is None
    fast = RateLimits().scaled(10)
    assert (fast.global_per_second, fast.per_chat_per_second) == (300, 10)


async def test_injected_429s_and_5xx_raise_ptb_exceptions(
    bot: Bot, sb: SandboxClient, ann: SandboxUser
) -> None:
    await sb.set_faults(rate_429=1.0, methods=["sendMessage"], retry_after=3)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(ann.chat_id, "x")
    assert caught.value.retry_after.total_seconds() == 3
    assert (await bot.get_me()).is_bot  # other methods are untouched
    await sb.set_faults(rate_5xx=1.0)
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.get_me()
    await sb.set_faults()
    stats = await sb.stats()
    assert stats["faults"] == {"429": 1, "5xx": 1} and stats["faults_injected"] == 2
    assert stats["rate_limited"] == 0  # injected faults are not flood-limit violations
    assert await ann.transcript() == []


async def test_a_dropped_connection_is_a_network_error(
    bot: Bot, sb: SandboxClient, ann: SandboxUser
) -> None:
    await sb.set_faults(rate_drop=1.0, methods=["sendMessage"])
    with pytest.raises(NetworkError):
        await bot.send_message(ann.chat_id, "lost")
    await sb.set_faults()
    assert (await bot.send_message(ann.chat_id, "ok")).text == "ok"
    assert (await sb.stats())["faults"] == {"drop": 1}


async def test_fault_shares_are_reproducible_with_a_seed(
    bot: Bot, sb: SandboxClient, ann: SandboxUser
) -> None:
    async def outcomes() -> list[str]:
        await sb.set_faults(rate_429=0.3, rate_5xx=0.2, seed=7, methods=["getMe"])
        seen = []
        for _ in range(40):
            try:
                await bot.get_me()
                seen.append("ok")
            except RetryAfter:
                seen.append("429")
            except NetworkError:
                seen.append("5xx")
        return seen

    first, second = await outcomes(), await outcomes()
    assert first == second
    assert {"ok", "429", "5xx"} == set(first)


async def test_delay_slows_answers(bot: Bot, sb: SandboxClient) -> None:
    await sb.set_faults(delay_ms=200, methods=["getMe"])
    started = time.monotonic()
    await asyncio.gather(bot.get_me(), bot.get_me())
    assert 0.2 <= time.monotonic() - started < 1.5  # the injected delay is what is tested


async def test_bad_command_scope_chat_is_refused(bot: Bot) -> None:
    from telegram import BotCommand, BotCommandScopeChat

    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.set_my_commands([BotCommand("a", "b")], scope=BotCommandScopeChat(42))
