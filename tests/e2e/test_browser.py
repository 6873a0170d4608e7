"""The sandbox's chat page in headless Chromium, against the real bot: seed flow 1 by clicks.

Set LOYALTY_SCREENSHOTS=docs to refresh the README's screenshots from the flow test.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.i18n import t
from tests.e2e.browser import ChatPage, chromium, need_browser


@pytest.fixture
async def context() -> AsyncIterator[Any]:
    need_browser()
    async with chromium() as context:
        yield context


async def test_seed_flow_one_through_the_page(context, harness, tmp_path: Path) -> None:
    customer = await ChatPage.open(context, harness.server.page_url)
    await customer.add_user("Ann")
    await customer.page.click("#start")
    await customer.wait_bot(t("welcome", "en", name="Ann").split("\n")[0])
    await customer.key(t("btn_qr", "en"))
    qr = customer.page.locator(".message.bot", has=customer.page.locator(".photo img")).last
    await qr.wait_for()
    qr_file = await customer.download_photo(qr, tmp_path)

    owner = await ChatPage.open(context, harness.server.page_url)
    await owner.add_user("Olga")
    await owner.send("/start")
    await owner.send("/newbusiness Café Lumen")
    await owner.wait_bot("Café Lumen is registered")
    await owner.send("/newprogram Coffee club | points | 10 | 100 | Free coffee")
    await owner.wait_bot("Coffee club created")

    await owner.upload("photo", qr_file)  # the first scan of a stranger invites them
    await owner.wait_bot("Ann is not in Coffee club yet")
    invitation = await customer.wait_bot("invites you to Coffee club")
    await customer.press(invitation, "✅ Accept")
    await customer.wait_bot("You joined Coffee club")

    await owner.upload("photo", qr_file)
    await owner.wait_bot("Ann: +10")
    push = await customer.wait_bot("+10 points in Coffee club")
    assert "Balance: 10" in await push.inner_text()
    assert await customer.still_same_page() and await owner.still_same_page()
    assert customer.errors == [] and owner.errors == []

    shots = Path(os.environ.get("LOYALTY_SCREENSHOTS") or tmp_path)
    await customer.screenshot(shots / "sandbox-customer.png")
    await owner.screenshot(shots / "sandbox-owner.png")


async def test_edits_deletions_documents_and_alerts_appear_live(context, harness, tmp_path):
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup

    page = await ChatPage.open(context, harness.server.page_url)
    user_id = await page.add_user("Ann")
    bot = harness.app.bot
    stale = InlineKeyboardMarkup([[InlineKeyboardButton("Old button", callback_data="un:x")]])
    sent = await bot.send_message(user_id, "first words", reply_markup=stale)
    doomed = await bot.send_message(user_id, "soon deleted")
    csv = b"name,points\nAnn,10\n"
    await bot.send_document(user_id, csv, filename="customers.csv")

    await page.wait_bot("soon deleted")
    await bot.edit_message_text("second words", user_id, sent.message_id, reply_markup=stale)
    await bot.delete_message(user_id, doomed.message_id)
    edited = await page.wait_bot("second words")
    assert "edited" in await edited.inner_text()
    await page.page.locator(".message", has_text="soon deleted").wait_for(state="detached")

    document = await page.wait_bot("customers.csv")
    async with page.page.expect_download() as info:
        await document.locator(".download").click()
    saved = tmp_path / "saved.csv"
    await (await info.value).save_as(str(saved))
    assert saved.read_bytes() == csv
    await page.upload("document", saved)  # and back, as a file from disk
    mine = page.page.locator(".message.mine .document", has_text="saved.csv")
    await mine.wait_for()

    await page.press(edited, "Old button")  # a stranger's Undo: the bot refuses in an alert
    await page.page.locator("#alert").wait_for(state="visible")
    [answer] = await (await harness.sb.user(user_id)).callback_answers()
    assert answer.show_alert and await page.page.inner_text("#alert-text") == answer
    assert await page.still_same_page() and page.errors == []


async def test_markup_in_a_name_is_shown_as_typed_and_runs_nothing(context, harness):
    page = await ChatPage.open(context, harness.server.page_url)
    name = '<img src=x onerror="window.pwned=1"><b>Eve</b>'
    await page.add_user(name)
    await page.page.click("#start")
    welcome = await page.wait_bot(name)  # the bot greets her by name, tags and all
    assert name in await welcome.inner_text()
    assert await page.page.inner_text("#users .user.current .name") == name
    assert await page.page.inner_text("#chat-title") == name
    assert await page.page.locator("#users img, #chat-header img, .message img, b").count() == 0
    assert await page.page.evaluate("window.pwned === undefined")


async def test_bad_uploads_show_a_clear_error_and_the_chat_goes_on(context, harness, tmp_path):
    page = await ChatPage.open(context, harness.server.page_url)
    await page.add_user("Ann")
    notes = tmp_path / "notes.txt"
    notes.write_text("not a picture")
    await page.upload("photo", notes)
    assert "Could not send “notes.txt” as a photo: not an image" in await page.error_text()

    huge = tmp_path / "huge.png"
    huge.write_bytes(b"\x89PNG" + bytes(10 * 1024 * 1024))
    await page.upload("photo", huge)
    error = await page.error_text()
    assert "“huge.png” is 10.0 MB: a photo may be at most 10.0 MB. Nothing was sent." == error
    assert await page.page.locator(".message.mine").count() == 0

    await page.page.click("#error-close")
    await page.page.click("#start")  # the chat still works
    await page.wait_bot(t("welcome", "en", name="Ann").split("\n")[0])
    assert page.errors == []


async def test_an_arabic_user_reads_the_bot_right_to_left(context, harness):
    page = await ChatPage.open(context, harness.server.page_url)
    await page.add_user("ليلى", "ar")
    await page.page.click("#start")
    welcome = await page.wait_bot(t("welcome", "ar", name="ليلى").split("\n")[0])
    text = welcome.locator(".text")
    assert await text.evaluate("e => getComputedStyle(e).direction") == "rtl"
    keys = page.page.locator("#reply-keyboard .key", has_text=t("btn_qr", "ar"))
    assert await keys.count() == 1  # the menu in her language
