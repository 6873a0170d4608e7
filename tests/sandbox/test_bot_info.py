"""getMe and command menus by scope."""

from __future__ import annotations

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    User,
)
from telegram.error import BadRequest

from sandbox.client import SandboxClient, SandboxUser
from sandbox.server import SandboxServer


async def test_get_me_describes_the_bot(bot: Bot, server: SandboxServer) -> None:
    me = await bot.get_me()
    assert isinstance(me, User)
    assert me.is_bot and me.id == 123456 and me.username == server.bot["username"]
    assert bot.username == server.bot["username"]


async def test_commands_are_kept_per_scope_and_language(
    bot: Bot, sb: SandboxClient, ann: SandboxUser
) -> None:
    default = [BotCommand("start", "Start"), BotCommand("card", "My card")]
    staff = [BotCommand("scan", "Scan a code")]
    assert await bot.set_my_commands(default) is True
    assert await bot.set_my_commands(staff, scope=BotCommandScopeChat(ann.chat_id)) is True
    await bot.set_my_commands([BotCommand("start", "Начать")], language_code="ru")

    assert await bot.get_my_commands() == tuple(default)
    assert await bot.get_my_commands(scope=BotCommandScopeChat(ann.chat_id)) == tuple(staff)
    assert await bot.get_my_commands(scope=BotCommandScopeAllPrivateChats()) == ()
    assert (await bot.get_my_commands(language_code="ru"))[0].description == "Начать"

    chat_scope = {"type": "chat", "chat_id": ann.chat_id}
    assert await sb.commands(scope=chat_scope) == [
        {"command": "scan", "description": "Scan a code"}
    ]
    assert [c["command"] for c in await sb.commands()] == ["start", "card"]

    assert await bot.delete_my_commands(scope=BotCommandScopeChat(ann.chat_id)) is True
    assert await sb.commands(scope=chat_scope) == []
    assert await bot.get_my_commands(scope=BotCommandScopeDefault()) == tuple(default)


@pytest.mark.parametrize(
    ("command", "error"),
    [
        (BotCommand("Start", "Capital letters"), "Bot_command_invalid"),
        (BotCommand("with space", "x"), "Bot_command_invalid"),
        (BotCommand("ok", ""), "Command description"),
    ],
)
async def test_bad_commands_are_refused(bot: Bot, command: BotCommand, error: str) -> None:
    with pytest.raises(BadRequest, match=error):
        await bot.set_my_commands([command])
