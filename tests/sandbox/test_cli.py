"""The command-line pieces: the terminal chat client's session and the serve entry point."""

from __future__ import annotations

import asyncio
from pathlib import Path

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup

from sandbox import cli
from sandbox.chat import ChatSession
from sandbox.client import SandboxClient
from sandbox.server import SandboxServer


async def test_chat_session_sends_shows_presses_and_saves_photos(
    bot: Bot, sb: SandboxClient, tmp_path: Path, make_image
) -> None:
    user = await sb.create_user(first_name="Ann", username="ann")
    printed: list[str] = []
    session = ChatSession(user, tmp_path / "photos", printed.append)
    await session.catch_up()

    assert await session.handle("/start")
    [update] = await bot.get_updates()
    assert update.message.text == "/start"
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="y")]])
    await bot.send_message(user.chat_id, "Join?", reply_markup=markup)
    await bot.send_photo(user.chat_id, make_image(50, 50), caption="Your card")
    session.cursor, changes = await user.changes(session.cursor, 1)
    for message in changes:
        session.show(message)
    assert "bot #2: Join?" in printed and "  [1] Yes" in printed
    saved = [line for line in printed if "photo saved to" in line]
    assert saved and list((tmp_path / "photos").iterdir())

    # The photo came after the buttons: a bare number is now text (an answer), /press presses.
    assert await session.handle("1")
    [update] = await bot.get_updates(offset=update.update_id + 1, timeout=5)
    assert update.message.text == "1"
    pressing = asyncio.create_task(session.handle("/press 1"))
    [update] = await bot.get_updates(offset=update.update_id + 1, timeout=5)
    assert update.callback_query.data == "y"
    await update.callback_query.answer("Joined")
    assert await pressing
    assert "  (toast: Joined)" in printed
    await bot.send_message(user.chat_id, "Again?", reply_markup=markup)
    session.cursor, changes = await user.changes(session.cursor, 1)
    for message in changes:
        session.show(message)
    pressing = asyncio.create_task(session.handle("1"))  # the newest message has buttons
    [update] = await bot.get_updates(offset=update.update_id + 1, timeout=5)
    assert update.callback_query.data == "y"
    await update.callback_query.answer("Again")
    assert await pressing
    assert await session.handle("/press 7") and printed[-1] == "! no button 7"
    # /say sends a number as text even while the newest message has buttons.
    assert await session.handle("/say 5")
    [update] = await bot.get_updates(offset=update.update_id + 1, timeout=5)
    assert update.message.text == "5"
    # A document the bot sends is saved under its own name, like a photo.
    await bot.send_document(user.chat_id, b"id,name\n1,Ann\n", filename="customers.csv")
    session.cursor, changes = await user.changes(session.cursor, 1)
    for message in changes:
        session.show(message)
    saved_doc = next(line for line in printed if "document saved to" in line)
    path = Path(saved_doc.rsplit(" ", 1)[1].rstrip("]"))
    assert path.name.endswith("-customers.csv")
    assert await asyncio.to_thread(path.read_bytes) == b"id,name\n1,Ann\n"
    assert await session.handle("/photo /no/such/file.png") and printed[-1].startswith("! ")
    assert not await session.handle("/quit")


async def test_serve_runs_until_cancelled(capsys) -> None:
    started: asyncio.Future[SandboxServer] = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(cli.serve(port=0, started=started.set_result))
    server = await asyncio.wait_for(started, 5)
    async with SandboxClient(server.url) as sb:
        assert (await sb.bot_info())["username"] == "sandbox_bot"
    assert server.bot_api_url in capsys.readouterr().out
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert server.store.closing
