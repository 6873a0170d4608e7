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


async def test_seed_flow_one_through_the_page(harness, context, tmp_path: Path) -> None:
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
