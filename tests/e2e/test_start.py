"""The real bot answers /start through the sandbox and registers the customer once."""

from __future__ import annotations


async def test_start_greets_the_customer_with_the_menu_and_registers_them_once(harness):
    ann = await harness.user("Ann")
    await ann.start()
    welcome = await ann.wait_for_text("Welcome, Ann")
    assert welcome.reply_markup["keyboard"][0][0]["text"] == "📱 My QR"
    await ann.start()
    await ann.wait_for_text("Welcome, Ann")
    rows = await harness.query("SELECT count(*) FROM customers")
    assert rows == [(1,)]
