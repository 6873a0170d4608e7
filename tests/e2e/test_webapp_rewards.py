"""The Mini App's cards with their rewards ladder, tier and expiry, and staff's Redeem, through
the real stack in headless Chromium: the wallet counts toward the next rung and updates live
after a scan at the counter; staff are offered only the rewards the card pays for and the
customer approves on the wallet; a promoting scan shows the tier on both pages; the Arabic
wallet lays the ladder out right to left.

Set LOYALTY_SCREENSHOTS=docs to refresh the README's Mini App screenshots.
"""

from __future__ import annotations

from typing import Any

import aiohttp

from bot.qr_reader import read_qr_texts
from domain.commands import ChangeReward, KeepStamps
from domain.reward_ladder import change_reward, keep_stamps
from sandbox.client import SandboxUser
from tests.e2e.helpers import customer, open_shop, qr_photo
from tests.e2e.test_rewards_ladder import give, stamp_shop
from tests.e2e.test_tiers import give as award
from tests.e2e.test_tiers import set_tiers
from tests.e2e.test_webapp import TEXT_RIGHT_EDGE, browser, mini, open_page, shots

__all__ = ["browser", "mini"]
LADDER = ((10, "Coffee"), (15, "Cake"))  # after stamp_shop's Cookie at 5


async def qr_text(user: SandboxUser) -> str:
    [text] = read_qr_texts(await qr_photo(user))
    return text


async def counter_scan(counter: Any, user: SandboxUser) -> None:
    """Staff scan through the stand-in for Telegram's scanner, typing the QR's text."""
    await counter.click("#scan")
    await counter.fill("#tg-scan-text", await qr_text(user))
    await counter.click("#tg-scan-send")


async def rungs(page: Any) -> list[tuple[str, str, str]]:
    """The first card's ladder as drawn: (name, state, note) per rung."""
    return [
        (await li.locator(".rung-name").inner_text(), str(await li.get_attribute("data-state")),
         (await li.locator(".rung-note").inner_text()) if await li.locator(".rung-note").count()
         else "")
        for li in await page.locator(".card").first.locator(".rung").all()
    ]  # fmt: skip


async def staff_page(mini, browser, owner: SandboxUser) -> Any:
    url = (await mini.open_url(owner, url=f"{mini.url}?view=staff"))["url"]
    counter = await open_page(browser, url)
    await counter.wait_for_selector("#figures .figure")
    return counter


async def test_the_wallet_shows_every_rung_and_counts_down_live_after_a_scan(
    mini, browser, tmp_path
) -> None:
    harness = mini.harness
    olga = await harness.user("Olga")
    shop = await stamp_shop(harness, olga, *LADDER)
    ann = await customer(harness, "Ann", shop)
    await give(harness, shop, ann, 3)
    wallet = await open_page(browser, (await mini.open_url(ann))["url"])
    assert await rungs(wallet) == [
        ("Cookie", "next", "2 stamps to go"), ("Coffee", "later", ""), ("Cake", "later", ""),
    ]  # fmt: skip
    assert "5 stamps" in await wallet.locator(".rung").first.inner_text()
    await wallet.evaluate("window.notReloaded = true")

    counter = await staff_page(mini, browser, olga)
    await counter_scan(counter, ann)  # +1: 4 stamps
    await wallet.locator(".rung.next .rung-note", has_text="1 stamp to go").wait_for(timeout=1000)
    await give(harness, shop, ann, 2)  # 6: the Cookie is ready, Coffee next
    await wallet.locator(".rung.ready", has_text="Cookie").wait_for(timeout=1000)
    assert await rungs(wallet) == [
        ("Cookie", "ready", "✅ Ready"), ("Coffee", "next", "4 stamps to go"),
        ("Cake", "later", ""),
    ]  # fmt: skip
    assert await wallet.evaluate("window.notReloaded === true")
    assert wallet.errors == [] and counter.errors == []


async def test_staff_redeem_offers_only_affordable_rewards_and_the_customer_approves(
    mini, browser, tmp_path
) -> None:
    harness = mini.harness
    olga = await harness.user("Olga")
    shop = await stamp_shop(harness, olga, *LADDER)
    ann = await customer(harness, "Ann", shop)
    await customer(harness, "Bob", shop)
    await give(harness, shop, ann, 11)
    wallet = await open_page(browser, (await mini.open_url(ann))["url"])
    counter = await staff_page(mini, browser, olga)

    await counter_scan(counter, ann)  # 12 stamps: Cookie and Coffee, not yet the Cake
    await counter.locator("#result-text", has_text="Ann: +1").wait_for()
    await counter.click("#redeem")
    choices = counter.locator("#reward-choice .reward-choice")
    await choices.first.wait_for()
    assert await choices.all_inner_texts() == ["Cookie: 5 stamps", "Coffee: 10 stamps"]
    assert "Which reward? Balance: 12 stamps" in await counter.inner_text("#reward-says")
    assert "Ann: +1" in await counter.inner_text("#result-text")  # the scan's reply stays
    await counter.screenshot(path=str(shots(tmp_path) / "webapp-staff.png"), full_page=True)

    await choices.filter(has_text="Coffee").click()
    await counter.locator("#reward-says", has_text="approval: Coffee").wait_for()
    assert await choices.count() == 0
    request = wallet.locator(".request", has_text="Coffee")
    await request.wait_for(timeout=1000)  # live on the wallet
    await request.locator("button.yes").click()
    await wallet.locator(".card .balance", has_text="2").wait_for(timeout=1000)
    redeemed = counter.locator("[data-figure='points_redeemed'] .value")
    await redeemed.filter(has_text="10").wait_for(timeout=1000)  # live on the counter too
    assert await harness.query(
        "SELECT amount, reason, status FROM customer_approval_requests WHERE kind = 'redemption'"
    ) == [(10, "Coffee", "approved")]

    # Bob's 0 stamps pay for nothing: the chat's own answer, and no reward to choose.
    await counter.fill("#search", "bob")
    await counter.press("#search", "Enter")
    await counter.click("#results [data-customer-id]")
    await counter.locator("#customer-cards .redeem").click()
    said = counter.locator("#customer-says", has_text="Not enough yet")
    await said.wait_for()
    assert "the first reward is Cookie: 5 stamps" in await said.inner_text()
    assert await counter.locator("#customer-rewards .reward-choice").count() == 0
    assert wallet.errors == [] and counter.errors == []


async def test_a_promoting_scan_shows_the_tier_on_the_wallet_and_the_counter(
    mini, browser, tmp_path
) -> None:
    harness = mini.harness
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)  # 10 points a scan; Free coffee at 50
    for cost, name in ((20, "Cookie"), (100, "Lunch")):
        cmd = ChangeReward(shop.program.id, olga.id, name=name, cost=cost)
        await change_reward(harness.app.bot_data["services"].uow(), cmd)
    await set_tiers(olga, shop, "Silver 15 1.5")
    await olga.send_text(f"/expiry {shop.program.id} 30 7")
    await olga.wait_for_text("points now expire after 30 days")
    ann = await customer(harness, "Ann", shop)
    wallet = await open_page(browser, (await mini.open_url(ann))["url"])
    assert await wallet.locator(".card .expiry").count() == 0  # nothing to expire yet
    await award(harness, shop, olga, ann, 8)  # 8 earned: no tier yet
    await wallet.locator(".card .expiry", has_text="8 points expire on").wait_for(timeout=1000)
    assert await wallet.locator(".card .tier").count() == 0

    counter = await staff_page(mini, browser, olga)
    await counter_scan(counter, ann)  # 8 + 10 reaches Silver: 10 × 1.5
    await counter.locator("#result-text", has_text="Ann: +15").wait_for()
    await counter.locator("#result-text", has_text="🏅 Silver · ×1.5").wait_for()
    tier = wallet.locator(".card .tier")
    await tier.wait_for(timeout=1000)
    assert await tier.inner_text() == "🏅 Silver · ×1.5"
    assert await tier.get_attribute("data-tier") == "Silver"
    assert await rungs(wallet) == [  # 23 points
        ("Cookie", "ready", "✅ Ready"), ("Free coffee", "next", "27 points to go"),
        ("Lunch", "later", ""),
    ]  # fmt: skip
    await wallet.screenshot(path=str(shots(tmp_path) / "webapp-wallet.png"), full_page=True)
    assert wallet.errors == [] and counter.errors == []


async def test_the_arabic_wallet_shows_the_ladder_right_to_left(mini, browser, tmp_path) -> None:
    harness = mini.harness
    olga = await harness.user("Olga")
    shop = await stamp_shop(harness, olga, *LADDER)
    layla = await customer(harness, "ليلى", shop, locale="ar")
    await give(harness, shop, layla, 7)
    page = await open_page(browser, (await mini.open_url(layla))["url"])
    assert await page.evaluate("document.documentElement.dir") == "rtl"
    ladder = page.locator(".card .ladder").first
    assert await ladder.evaluate("e => getComputedStyle(e).direction") == "rtl"
    isolated = [(n, state, note.replace("\u2068", "").replace("\u2069", ""))
                for n, state, note in await rungs(page)]  # fmt: skip
    assert isolated == [  # Fluent isolates the number within the Arabic words
        ("Cookie", "ready", "✅ جاهزة"), ("Coffee", "next", "بقيت 3 أختام"), ("Cake", "later", ""),
    ]  # fmt: skip
    box = await ladder.bounding_box()
    for li in await ladder.locator(".rung").all():
        name = li.locator(".rung-name")
        # The name begins the row at its right edge; the cost follows it to the left.
        assert box["x"] + box["width"] - await name.evaluate(TEXT_RIGHT_EDGE) < 30
        name_box = await name.bounding_box()
        cost_box = await li.locator(".rung-cost").bounding_box()
        assert cost_box["x"] + cost_box["width"] <= name_box["x"] + 1
    assert "أختام" in await page.locator(".rung-cost").nth(1).inner_text()
    await page.screenshot(path=str(shots(tmp_path) / "webapp-wallet-ar.png"), full_page=True)
    assert page.errors == []


async def test_the_reward_offer_and_redeem_reach_only_this_business_cards_and_rewards(
    mini,
) -> None:
    """A card id or reward id changed in a request reaches nothing of another business."""
    harness = mini.harness
    olga = await harness.user("Olga")
    shop = await stamp_shop(harness, olga, *LADDER)
    ann = await customer(harness, "Ann", shop)
    await give(harness, shop, ann, 12)
    max_ = await harness.user("Max")
    rival = await stamp_shop(harness, max_)
    [(card_id,)] = await harness.query("SELECT id FROM loyalty_cards")
    [(rival_reward,)] = await harness.query(
        "SELECT id FROM program_rewards WHERE program_id = :p", p=rival.program.id
    )
    async with aiohttp.ClientSession() as http:

        async def call(user: SandboxUser, method: str, path: str, **body: Any) -> tuple[int, Any]:
            headers = {"Authorization": f"Bearer {await mini.token(http, user)}"}
            async with http.request(
                method, f"{mini.url}{path}", headers=headers, json=body or None
            ) as response:
                return response.status, await response.json()

        mine, his = shop.business.id, rival.business.id
        status, offer = await call(olga, "GET", f"api/staff/{mine}/cards/{card_id}/rewards")
        assert status == 200 and [r["label"] for r in offer["rewards"]] == [
            "Cookie: 5 stamps", "Coffee: 10 stamps",
        ]  # fmt: skip
        # Max, staff of his own business only, names Olga's card there, or her business.
        status, body = await call(max_, "GET", f"api/staff/{his}/cards/{card_id}/rewards")
        assert (status, body["error"]) == (404, "card_not_found")
        assert (await call(max_, "GET", f"api/staff/{mine}/cards/{card_id}/rewards"))[0] == 403
        status, body = await call(max_, "POST", f"api/staff/{his}/redeem", card_id=card_id,
                                  reward_id=offer["rewards"][0]["id"])  # fmt: skip
        assert (status, body["error"]) == (404, "card_not_found")
        # Olga names Max's reward on her card.
        status, _ = await call(olga, "POST", f"api/staff/{mine}/redeem", card_id=card_id,
                               reward_id=rival_reward)  # fmt: skip
        assert status >= 400
    assert await harness.query("SELECT count(*) FROM customer_approval_requests") == [(0,)]


async def test_a_reward_had_on_a_card_that_keeps_stamps_shows_as_already_had(
    mini, browser
) -> None:
    harness = mini.harness
    olga = await harness.user("Olga")
    shop = await stamp_shop(harness, olga, *LADDER)
    await keep_stamps(harness.app.bot_data["services"].uow(),
                      KeepStamps(shop.program.id, olga.id, keep=True))  # fmt: skip
    ann = await customer(harness, "Ann", shop)
    await give(harness, shop, ann, 6)
    wallet = await open_page(browser, (await mini.open_url(ann))["url"])
    counter = await staff_page(mini, browser, olga)
    await counter.fill("#search", "ann")
    await counter.press("#search", "Enter")
    await counter.click("#results [data-customer-id]")
    await counter.locator("#customer-cards .redeem").click()
    await counter.click("#customer-rewards .reward-choice >> text=Cookie")
    request = wallet.locator(".request", has_text="Cookie")
    await request.wait_for(timeout=1000)
    await request.locator("button.yes").click()
    await wallet.locator(".rung.claimed", has_text="Cookie").wait_for(timeout=1000)
    assert await rungs(wallet) == [  # the stamps kept: 6, counting toward the Coffee
        ("Cookie", "claimed", "✔️ Already had"), ("Coffee", "next", "4 stamps to go"),
        ("Cake", "later", ""),
    ]  # fmt: skip
    assert await wallet.inner_text(".card .balance") == "6"
    # Staff are not offered it again: 6 stamps pay for nothing else.
    await counter.locator("#customer-cards .redeem").click()
    await counter.locator("#customer-says", has_text="Not enough yet").wait_for()
    assert wallet.errors == [] and counter.errors == []
