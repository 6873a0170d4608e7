"""A minimal PTB Application polling the sandbox: the whole loop from user to bot and back."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

from sandbox.client import SandboxClient
from sandbox.server import SandboxServer


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Again", callback_data="again")]])
    payload = " ".join(context.args or [])
    await update.effective_message.reply_text(f"hello {payload}".strip(), reply_markup=markup)


async def again(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.callback_query.answer("again!")
    await update.callback_query.edit_message_text("hello again")


async def test_a_ptb_application_answers_start_over_long_polling(
    server: SandboxServer, sb: SandboxClient
) -> None:
    app = (
        ApplicationBuilder()
        .token(server.token)
        .base_url(server.bot_api_url)
        .base_file_url(server.file_url)
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(again))
    ann = await sb.create_user(first_name="Ann", username="ann")
    await app.initialize()
    await app.start()
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        await ann.send_text("/start")
        reply = await ann.wait_for_text("hello", timeout=5)
        assert reply.text == "hello" and reply.buttons == [[("Again", "again")]]

        press = await ann.press(reply, label="Again")
        assert await press.answer(timeout=5) == "again!"
        edited = await ann.wait_for_text("hello again", timeout=5)
        assert edited.message_id == reply.message_id and edited.edited

        await ann.start("ref42")
        assert (await ann.wait_for_text("ref42", timeout=5)).text == "hello ref42"
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    calls = server.stats["calls"]
    assert calls["deleteWebhook"] == 1 and calls["getUpdates"] >= 2
    # Stopping confirmed every update, so nothing is delivered twice to a new poller.
    assert server.store.updates == []
