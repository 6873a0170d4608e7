"""The Mini App through the real stack: the sandbox signs initData as Telegram does, the bot
serves the page on its own aiohttp server, and headless Chromium drives it.

Set LOYALTY_SCREENSHOTS=docs to refresh the README's Mini App screenshots.
"""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.webapp.server import LocalServer, announce
from sandbox.client import SandboxUser
from sandbox.server import SandboxServer
from sandbox.webapps import init_data
from tests.e2e.browser import chromium, need_browser
from tests.e2e.conftest import TOKEN, Harness, e2e_settings, start_bot, stop_bot
from tests.e2e.helpers import customer, open_shop, qr_photo


@dataclass
class MiniApp:
    harness: Harness
    server: LocalServer

    @property
    def url(self) -> str:
        return self.server.url

    async def open_url(self, user: SandboxUser, **body: Any) -> dict[str, Any]:
        """What the sandbox page opens for this user: the address with signed initData."""
        async with aiohttp.ClientSession() as http:
            path = f"{self.harness.server.url}/sandbox/users/{user.id}/webapp"
            async with http.post(path, json={"url": self.url, **body}) as response:
                assert response.status == 200
                return dict(await response.json())

    async def session(self, http: aiohttp.ClientSession, data: str) -> aiohttp.ClientResponse:
        return await http.post(f"{self.url}api/session", json={"init_data": data})

    async def token(self, http: aiohttp.ClientSession, user: SandboxUser) -> str:
        response = await self.session(http, (await self.open_url(user))["init_data"])
        assert response.status == 200
        return str((await response.json())["token"])


@pytest.fixture
async def mini(tmp_path: Path, e2e_db_url: str) -> AsyncIterator[MiniApp]:
    sandbox = SandboxServer(token=TOKEN, rate_limits=None)
    await sandbox.start(host="127.0.0.1", port=0)
    settings = e2e_settings(
        tmp_path, sandbox, e2e_db_url, webapp_port=0,
        webapp_telegram_js=f"{sandbox.url}/web/telegram-web-app.js",
    )  # fmt: skip
    app = await start_bot(settings)
    server = LocalServer(app, settings)
    await server.start()
    await announce(app, server.url, sandbox=True)
    from sandbox.client import SandboxClient

    try:
        async with SandboxClient(sandbox.url) as sb:
            yield MiniApp(Harness(sandbox, sb, app, e2e_db_url), server)
    finally:
        await server.stop()
        await stop_bot(app)
        await sandbox.stop()


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    need_browser()
    async with chromium() as context:
        yield context


async def open_page(context: Any, url: str) -> Any:
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    await page.goto(url)
    await page.wait_for_selector("body[data-ready='1']")
    return page


# Where the text itself ends on the right (an element's box spans the line whatever its text).
TEXT_RIGHT_EDGE = """e => {
  const range = document.createRange();
  range.selectNodeContents(e);
  return range.getBoundingClientRect().right;
}"""


def shots(tmp_path: Path) -> Path:
    return Path(os.environ.get("LOYALTY_SCREENSHOTS") or tmp_path)


# --- who you are ------------------------------------------------------------------------------


async def test_forged_altered_expired_replayed_and_other_bots_init_data_get_401(mini) -> None:
    harness = mini.harness
    ann = await customer(harness, "Ann")
    good = (await mini.open_url(ann))["init_data"]
    old = (await mini.open_url(ann, auth_date=int(time.time()) - 2 * 3600))["init_data"]
    other_bot = SandboxServer(token="999999:ANOTHER-BOT").store
    theirs = init_data(other_bot, harness.server.store.users[ann.id].data)
    altered = good.replace(f"%22id%22%3A{ann.id}", f"%22id%22%3A{ann.id + 1}")
    assert altered != good
    forged = good.rsplit("hash=", 1)[0] + "hash=" + "0" * 64
    async with aiohttp.ClientSession() as http:
        for refused in (forged, altered, old, theirs, "", "user=%7B%7D&auth_date=1"):
            response = await mini.session(http, refused)
            assert response.status == 401, refused
        assert (await mini.session(http, good)).status == 200
        assert (await mini.session(http, good)).status == 401  # the same initData again
        # Without a session, or with a doctored one, nothing answers.
        for token in ("", "1.en.9999999999.00", "x"):
            headers = {"Authorization": f"Bearer {token}"}
            async with http.get(f"{mini.url}api/wallet", headers=headers) as response:
                assert response.status == 401
        token = await mini.token(http, ann)
        mine = f"{ann.id}.en."
        assert token.startswith(mine)
        stranger = token.replace(mine, f"{ann.id + 1}.en.", 1)  # someone else, same signature
        async with http.get(
            f"{mini.url}api/wallet", headers={"Authorization": f"Bearer {stranger}"}
        ) as response:
            assert response.status == 401


async def test_a_customer_cannot_read_another_customers_card(mini) -> None:
    harness = mini.harness
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)
    ann = await customer(harness, "Ann", shop)
    bob = await customer(harness, "Bob", shop)
    async with aiohttp.ClientSession() as http:
        ann_token, bob_token = await mini.token(http, ann), await mini.token(http, bob)

        async def get(path: str, token: str) -> tuple[int, dict[str, Any]]:
            headers = {"Authorization": f"Bearer {token}"}
            async with http.get(f"{mini.url}{path}", headers=headers) as response:
                return response.status, await response.json()

        status, wallet = await get("api/wallet", ann_token)
        [card] = wallet["cards"]
        assert (await get(f"api/cards/{card['id']}", ann_token))[0] == 200
        status, body = await get(f"api/cards/{card['id']}", bob_token)
        assert status == 404 and body["error"] == "card_not_found"
        # Nor through the staff endpoints: Bob is no staff of Olga's business.
        business = shop.business.id
        status, _ = await get(f"api/staff/{business}/customers?q=Ann", bob_token)
        assert status == 403
        status, _ = await get(f"api/staff/{business}/today", bob_token)
        assert status == 403
        async with http.get(
            f"{mini.url}api/staff/{business}/chart.png",
            headers={"Authorization": f"Bearer {bob_token}"},
        ) as response:
            assert response.status == 403

        # Olga, staff there, finds Ann by her manual code, and sees the chart.
        olga_token = await mini.token(http, olga)
        [(code,)] = await harness.query(
            "SELECT manual_code FROM customers WHERE telegram_id = :tid", tid=ann.id
        )
        status, found = await get(f"api/staff/{business}/customers?q={code}", olga_token)
        assert status == 200 and [c["name"] for c in found["customers"]] == ["Ann"]
        async with http.get(
            f"{mini.url}api/staff/{business}/chart.png",
            headers={"Authorization": f"Bearer {olga_token}"},
        ) as response:
            assert response.status == 200 and (await response.read()).startswith(b"\x89PNG")


# --- live wallet and counter ------------------------------------------------------------------


async def test_wallet_shows_a_staff_scan_within_a_second(mini, browser, tmp_path) -> None:
    harness = mini.harness
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)
    ann = await customer(harness, "Ann", shop)
    qr = await qr_photo(ann)
    from bot.qr_reader import read_qr_texts

    [qr_text] = read_qr_texts(qr)

    wallet = await open_page(browser, (await mini.open_url(ann))["url"])
    balance = wallet.locator(".card .balance").first
    assert await balance.inner_text() == "0"
    counter = await open_page(browser, (await mini.open_url(olga))["url"])
    await counter.click("#tab-staff")
    await counter.wait_for_selector("#figures .figure")
    await wallet.evaluate("window.notReloaded = true")

    await counter.click("#scan")  # the stand-in for Telegram's scanner: type the QR's text
    await counter.fill("#tg-scan-text", qr_text)
    started = time.monotonic()
    await counter.click("#tg-scan-send")
    await wallet.locator(".card .balance", has_text="10").wait_for(timeout=1000)
    took = time.monotonic() - started
    assert took < 1.0
    assert await counter.locator("#tg-scan-popup").count() == 0  # the scanner closed
    await counter.locator("#result-text", has_text="Ann: +10").wait_for()
    await counter.locator("#feed li", has_text="Ann").first.wait_for()
    assert await wallet.evaluate("window.notReloaded === true")

    await counter.click("#undo")  # Undo, as under the chat's scan reply
    await wallet.locator(".card .balance", has_text="0").wait_for(timeout=1000)
    await counter.click("#plus-one")
    await wallet.locator(".card .balance", has_text="1").wait_for(timeout=1000)
    assert wallet.errors == [] and counter.errors == []


async def test_staff_scan_a_picture_and_the_customer_approves_on_the_page(
    mini, browser, tmp_path
) -> None:
    olga = await mini.harness.user("Olga")
    shop = await open_shop(mini.harness, olga, reward_threshold=10)
    ann = await customer(mini.harness, "Ann", shop)
    picture = tmp_path / "qr.png"
    picture.write_bytes(await qr_photo(ann))
    counter = await open_page(
        browser, (await mini.open_url(olga, url=f"{mini.url}?view=staff"))["url"]
    )
    await counter.wait_for_selector("#figures .figure")
    await counter.click("#scan")
    await counter.set_input_files("#tg-scan-file", str(picture))  # a picture, read by the sandbox
    await counter.locator("#result-text", has_text="Ann: +10").wait_for()

    wallet = await open_page(browser, (await mini.open_url(ann))["url"])
    await counter.fill("#search", "ann")
    await counter.press("#search", "Enter")
    await counter.click("#results [data-customer-id]")
    card = counter.locator("#customer-cards .customer-card").first
    await card.wait_for()
    await card.locator("button", has_text="Redeem").click()  # the rewards her 10 points pay for
    await counter.click("#customer-rewards .reward-choice")  # asks Ann; her page shows it live
    request = wallet.locator(".request").first
    await request.wait_for(timeout=1000)
    await request.locator("button.no").click()
    await request.wait_for(state="detached")
    assert counter.errors == [] and wallet.errors == []


async def test_the_wallet_in_arabic_lays_out_right_to_left(mini, browser, tmp_path) -> None:
    harness = mini.harness
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)
    layla = await customer(harness, "ليلى", shop, locale="ar")
    page = await open_page(browser, (await mini.open_url(layla))["url"])
    assert await page.evaluate("document.documentElement.dir") == "rtl"
    assert await page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert await page.inner_text("#cards-title") == "بطاقاتي"
    card = page.locator(".card").first
    box = await card.bounding_box()
    # Right to left: even a Latin name sits at the card's right edge, and the balance too.
    for part in (".business", ".balance"):
        right = await card.locator(part).evaluate(TEXT_RIGHT_EDGE)
        assert box["x"] + box["width"] - right < 30, part
    await page.click("#show-qr")
    await page.locator("#qr-screen").wait_for()
    await page.screenshot(path=str(shots(tmp_path) / "webapp-qr-ar.png"))
    await page.click("#qr-close")
    assert page.errors == []


async def test_the_sandbox_page_opens_the_mini_app_from_the_menu_key(mini, browser) -> None:
    from tests.e2e.browser import ChatPage

    chat = await ChatPage.open(browser, mini.harness.server.page_url)
    await chat.add_user("Ann")
    await chat.page.click("#start")
    async with browser.expect_page() as opened:
        await chat.key("📱 Open app")
    page = await opened.value
    await page.wait_for_selector("body[data-ready='1']")
    assert await page.locator("#cards .empty").count() == 1  # Ann, with no card yet
    async with browser.expect_page() as again:
        await chat.page.click("#menu-button")
    await (await again.value).wait_for_selector("body[data-ready='1']")


async def test_typed_codes_at_the_counter_are_limited_as_code_is(mini) -> None:
    """Manual codes can be guessed: the counter allows as few a minute as /code does."""
    harness = mini.harness
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)
    limit = harness.app.bot_data["services"].settings.code_rate_per_minute
    async with aiohttp.ClientSession() as http:
        headers = {"Authorization": f"Bearer {await mini.token(http, olga)}"}
        statuses = []
        for n in range(limit + 1):
            async with http.post(
                f"{mini.url}api/staff/{shop.business.id}/scan",
                json={"text": "K7QX-4M2P", "key": f"guess-{n:04d}"}, headers=headers,
            ) as response:  # fmt: skip
                statuses.append((response.status, (await response.json()).get("outcome")))
    assert statuses[:limit] == [(200, "invalid")] * limit
    assert statuses[limit] == (403, None)


async def test_an_open_page_renews_its_session_but_not_for_ever(mini) -> None:
    from bot.webapp.session import MAX_SESSION_HOURS, Session, SessionSigner
    from tests.e2e.conftest import SECRET

    ann = await customer(mini.harness, "Ann")
    signer = SessionSigner(SECRET.encode())
    now = int(time.time())
    async with aiohttp.ClientSession() as http:

        async def renew(token: str) -> int:
            headers = {"Authorization": f"Bearer {token}"}
            async with http.post(f"{mini.url}api/renew", headers=headers) as response:
                return response.status

        assert await renew(await mini.token(http, ann)) == 200
        opened_long_ago = now - MAX_SESSION_HOURS * 3600 - 60
        assert await renew(signer.issue(Session(ann.id, "en", now + 600, opened_long_ago))) == 401
