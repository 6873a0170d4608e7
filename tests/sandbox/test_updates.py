"""Update delivery: getUpdates long polling with offsets, and webhooks with retries."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from telegram import Bot, ChatMemberBanned, Update, WebhookInfo
from telegram.error import Conflict

from sandbox.client import SandboxClient, SandboxUser
from sandbox.server import SandboxServer


async def test_each_update_is_delivered_until_a_later_offset_confirms_it(
    bot: Bot, ann: SandboxUser
) -> None:
    await ann.send_text("one")
    await ann.send_text("two")
    first = await bot.get_updates(timeout=0)
    assert [u.message.text for u in first] == ["one", "two"]
    assert all(isinstance(u, Update) for u in first)
    # Not confirmed yet: the same updates come again.
    again = await bot.get_updates(timeout=0)
    assert [u.update_id for u in again] == [u.update_id for u in first]
    assert first[1].update_id == first[0].update_id + 1
    confirmed = await bot.get_updates(offset=first[0].update_id + 1, timeout=0)
    assert [u.message.text for u in confirmed] == ["two"]
    assert await bot.get_updates(offset=first[1].update_id + 1, timeout=0) == ()
    # The confirmed updates are gone even without an offset.
    assert await bot.get_updates(timeout=0) == ()


async def test_limit_and_negative_offset(bot: Bot, ann: SandboxUser) -> None:
    for text in ("a", "b", "c"):
        await ann.send_text(text)
    assert [u.message.text for u in await bot.get_updates(limit=2)] == ["a", "b"]
    assert [u.message.text for u in await bot.get_updates(offset=-1)] == ["c"]
    assert [u.message.text for u in await bot.get_updates()] == ["c"]


async def test_a_long_poll_wakes_as_soon_as_a_user_writes(
    bot: Bot, server: SandboxServer, ann: SandboxUser
) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    assert await server.store.poll_waiting.wait(5)
    assert not poll.done()
    await ann.send_text("wake up")
    updates = await asyncio.wait_for(poll, 2)
    assert [u.message.text for u in updates] == ["wake up"]
    assert time.monotonic() - started < 1.5  # timing is the point: well before the 10 s


async def test_an_empty_long_poll_returns_after_its_timeout(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert 0.9 <= time.monotonic() - started < 2  # timing is the point: the poll's 1 s


async def test_a_newer_poll_terminates_an_older_one(
    bot: Bot, server: SandboxServer, ann: SandboxUser
) -> None:
    older = asyncio.create_task(bot.get_updates(timeout=10))
    assert await server.store.poll_waiting.wait(5)
    # PTB's Bot polls over a one-connection pool, so the rival poll needs its own Bot.
    async with Bot(server.token, base_url=server.bot_api_url) as rival:
        assert await rival.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await asyncio.wait_for(older, 2)


async def test_allowed_updates_filters_new_updates(bot: Bot, ann: SandboxUser) -> None:
    msg = await bot.send_message(ann.chat_id, "menu", reply_markup=None)
    await bot.get_updates(allowed_updates=["callback_query"])
    await ann.send_text("ignored")
    await ann.press_data(msg.message_id, "cb:1")
    updates = await bot.get_updates()
    assert [u.callback_query.data for u in updates] == ["cb:1"]
    await bot.get_updates(offset=updates[-1].update_id + 1, allowed_updates=[])
    await ann.send_text("seen")
    assert [u.message.text for u in await bot.get_updates()] == ["seen"]


@pytest.fixture
async def hook() -> AsyncIterator[dict[str, Any]]:
    """A webhook receiver on 127.0.0.1 that fails the first ``fail`` requests with 500."""
    state: dict[str, Any] = {"fail": 0, "received": asyncio.Queue(), "attempts": 0}

    async def receive(request: web.Request) -> web.Response:
        state["attempts"] += 1
        if state["fail"] > 0:
            state["fail"] -= 1
            return web.Response(status=500)
        secret = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        await state["received"].put((secret, await request.json()))
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/hook", receive)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    state["url"] = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    yield state
    await runner.cleanup()


async def test_webhook_receives_updates_with_the_secret_and_retries_after_500(
    bot: Bot, ann: SandboxUser, hook: dict[str, Any]
) -> None:
    hook["fail"] = 1
    assert await bot.set_webhook(hook["url"], secret_token="s3cret_token") is True
    await ann.send_text("/start")
    secret, body = await asyncio.wait_for(hook["received"].get(), 5)
    assert secret == "s3cret_token"
    update = Update.de_json(body, bot)
    assert update.message.text == "/start"
    assert hook["attempts"] == 2  # the 500 was retried
    info = await bot.get_webhook_info()
    assert isinstance(info, WebhookInfo)
    assert info.url == hook["url"] and info.pending_update_count == 0
    assert "500" in (info.last_error_message or "")
    # Delivered updates are confirmed, so they never come again.
    await ann.send_text("second")
    _, body = await asyncio.wait_for(hook["received"].get(), 5)
    assert body["message"]["text"] == "second"
    assert body["update_id"] == update.update_id + 1


async def test_get_updates_conflicts_while_a_webhook_is_set(
    bot: Bot, ann: SandboxUser, hook: dict[str, Any]
) -> None:
    hook["fail"] = 10**6  # keep updates pending
    await bot.set_webhook(hook["url"])
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    await ann.send_text("pending")
    assert (await bot.get_webhook_info()).pending_update_count == 1
    assert await bot.delete_webhook(drop_pending_updates=True) is True
    info = await bot.get_webhook_info()
    assert info.url == "" and info.pending_update_count == 0
    assert await bot.get_updates() == ()


async def test_delete_webhook_keeps_pending_updates_by_default(
    bot: Bot, ann: SandboxUser, hook: dict[str, Any]
) -> None:
    hook["fail"] = 10**6
    await bot.set_webhook(hook["url"])
    await ann.send_text("kept")
    await bot.delete_webhook()
    assert [u.message.text for u in await bot.get_updates()] == ["kept"]


async def test_blocking_and_unblocking_the_bot_are_my_chat_member_updates(
    bot: Bot, sb: SandboxClient, ann: SandboxUser
) -> None:
    await sb.block(ann)
    await sb.block(ann)  # already blocked: nothing changes, nothing is sent
    await sb.unblock(ann)
    await sb.block(ann)
    await ann.send_text("hi")  # writing means pressing Restart first: unblocked again
    updates = await bot.get_updates(timeout=0)
    changes = [u.my_chat_member for u in updates if u.my_chat_member]
    assert [(c.old_chat_member.status, c.new_chat_member.status) for c in changes] == [
        ("member", "kicked"), ("kicked", "member"), ("member", "kicked"), ("kicked", "member"),
    ]  # fmt: skip
    assert all(c.chat.id == ann.chat_id and c.from_user.id == ann.id for c in changes)
    assert all(c.new_chat_member.user.id == bot.id for c in changes)
    assert isinstance(changes[0].new_chat_member, ChatMemberBanned)
    assert updates[-1].message.text == "hi"


async def test_a_user_editing_a_message_is_an_edited_message_update(
    bot: Bot, ann: SandboxUser
) -> None:
    sent = await ann.send_text("/code AAAA-BBBB")
    assert await ann.edit_text(sent, "/code CCCC-DDDD") is not None
    updates = await bot.get_updates(timeout=0)
    assert updates[0].message.text == "/code AAAA-BBBB"
    edited = updates[1].edited_message
    assert (edited.message_id, edited.text) == (sent.message_id, "/code CCCC-DDDD")
    assert edited.edit_date is not None and edited.entities[0].type == "bot_command"
    await bot.get_updates(offset=updates[1].update_id + 1, timeout=0)
    # A bot that does not ask for edits is not sent them.
    await bot.get_updates(timeout=0, allowed_updates=["message"])
    assert await ann.edit_text(sent, "/code EEEE-FFFF") is None
