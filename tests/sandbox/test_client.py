"""The control client: users, their messages and button presses, and waiting for the bot."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, MessageEntity
from telegram.error import BadRequest

from sandbox.client import SandboxClient, SandboxError, SandboxUser


async def test_create_user_is_idempotent_on_username(sb: SandboxClient, ann: SandboxUser) -> None:
    again = await sb.create_user(first_name="Someone else", username="ANN")
    assert again.id == ann.id and again.chat_id == ann.id
    assert (await sb.find_user("@ann")).id == ann.id
    assert await sb.find_user("nobody") is None
    other = await sb.create_user(first_name="No username")
    assert other.id != ann.id and other.username is None


async def test_commands_get_bot_command_entities(bot: Bot, ann: SandboxUser) -> None:
    await ann.send_text("/start@sandbox_bot")
    await ann.start("ref_42")
    await ann.send_text("👍 then /help and a/b")
    first, deep, later = await bot.get_updates()
    assert first.message.entities == (MessageEntity("bot_command", 0, 18),)
    assert deep.message.text == "/start ref_42"
    assert deep.message.entities == (MessageEntity("bot_command", 0, 6),)
    assert later.message.entities == (MessageEntity("bot_command", 8, 5),)
    assert later.message.from_user.language_code == "en"
    assert first.message.from_user.username == "ann"


async def test_press_sends_the_button_data_and_returns_the_answer(
    bot: Bot, ann: SandboxUser
) -> None:
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Accept", callback_data="ok:1"),
                InlineKeyboardButton("Site", url="https://example.org"),
            ]
        ]
    )
    msg = await bot.send_message(ann.chat_id, "Approve?", reply_markup=markup)
    [shown] = await ann.transcript()
    press = await ann.press(shown, label="Accept")
    [update] = await bot.get_updates()
    query = update.callback_query
    assert query.data == "ok:1" and query.from_user.id == ann.id
    assert query.message.message_id == msg.message_id
    assert await query.answer("Accepted!") is True
    with pytest.raises(BadRequest, match="Query is too old"):
        await query.answer("twice")
    answer = await press.answer(timeout=1)
    assert answer == "Accepted!" and not answer.show_alert
    assert await ann.callback_answers() == ["Accepted!"]
    with pytest.raises(SandboxError, match="no button"):
        await ann.press(msg.message_id, label="Site")  # a url button sends no callback
    with pytest.raises(SandboxError, match="no button"):
        await ann.press(msg.message_id, data="forged")


async def test_press_data_forges_arbitrary_callback_data(bot: Bot, ann: SandboxUser) -> None:
    msg = await bot.send_message(ann.chat_id, "no buttons here")
    press = await ann.press_data(msg.message_id, "admin:grant:1000")
    [update] = await bot.get_updates()
    assert update.callback_query.data == "admin:grant:1000"
    assert await press.answer(timeout=0.1) is None  # the bot never answered
    with pytest.raises(SandboxError, match="no bot message"):
        await ann.press_data(999, "x")


async def test_wait_for_sees_replies_and_edits_after_the_last_action(
    bot: Bot, ann: SandboxUser
) -> None:
    old = await bot.send_message(ann.chat_id, "Welcome")
    await ann.send_text("/balance")

    async def reply_later() -> None:
        await bot.get_updates(timeout=5)
        await bot.edit_message_text("Welcome back", chat_id=ann.chat_id, message_id=old.message_id)
        await bot.send_message(ann.chat_id, "Your balance is 10")

    task = asyncio.create_task(reply_later())
    edited = await ann.wait_for_text("Welcome", timeout=5)  # the old message only once edited
    assert edited.text == "Welcome back" and edited.edited
    balance = await ann.wait_for(lambda m: "balance" in (m.text or ""), timeout=5)
    assert balance.text == "Your balance is 10"
    await task
    assert (await ann.last_message()).message_id == balance.message_id
    assert (await ann.wait_for_text("Welcome", timeout=0)).message_id == old.message_id


async def test_wait_for_times_out_showing_the_transcript(bot: Bot, ann: SandboxUser) -> None:
    await bot.send_message(ann.chat_id, "Something else")
    with pytest.raises(TimeoutError, match="Something else"):
        await ann.wait_for(lambda m: "never" in m.content, timeout=0.2, since=0)


async def test_stats_and_server_stats_agree(server, sb: SandboxClient, bot: Bot) -> None:
    await bot.get_me()
    over_http = await sb.stats()
    assert over_http == server.stats
    assert over_http["calls"]["getMe"] == 2  # Bot.initialize() called it once
    assert (await sb.reset_stats())["total_calls"] == 0
