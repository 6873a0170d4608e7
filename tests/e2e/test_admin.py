"""Platform operators through the real bot: /admin only for them, approval, suspension,
ownership, their own menu, and error alerts that carry no update data (logs neither)."""

from __future__ import annotations

import logging

import pytest
from telegram.ext import MessageHandler, filters

from bot.handlers.admin import set_operator_menus
from bot.i18n import t
from bot.logsafety import configure_logging
from tests.e2e.conftest import TOKEN
from tests.e2e.helpers import customer, open_shop, settled

pytestmark = pytest.mark.asyncio


async def make_operator(harness, name: str = "Opal", language: str = "en"):
    """A user who is an operator: LOYALTY_ADMIN_IDS holds their id (set once they exist)."""
    user = await harness.user(name, language)
    await user.start()
    await user.wait_for(lambda m: bool(m.content))
    harness.app.bot_data["services"].settings.admin_ids = [user.id]
    return user


async def manual_code(harness, user) -> str:
    rows = await harness.query(
        "SELECT manual_code FROM customers WHERE telegram_id = :i", i=user.id
    )
    return rows[0][0]


async def test_admin_is_invisible_and_refused_to_everyone_but_operators(harness):
    opal = await make_operator(harness)
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    await owner.send_text("/admin")
    await owner.wait_for_text(t("unknown_command"))
    listing_for_owner = [m for m in await owner.transcript() if "Café Lumen ·" in m.content]
    assert listing_for_owner == []
    # A forged Suspend button from a stranger changes nothing.
    welcome = await owner.last_message()
    press = await owner.press_data(welcome, f"ob:s:{shop.business.id}:0")
    assert await press.answer() == t("not_allowed")
    assert await harness.query("SELECT suspended_at FROM businesses") == [(None,)]

    await opal.send_text("/admin")
    listing = await opal.wait_for_text("#1 Café Lumen")
    assert "Owner: Olga" in listing.content
    assert f"⛔ Suspend #{shop.business.id}" in listing.button_labels


async def test_a_suspended_business_cannot_scan_invite_or_broadcast_and_customers_keep_cards(
    harness,
):
    opal = await make_operator(harness)
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    alice = await customer(harness, "Alice", shop)
    bob = await customer(harness, "Bob")
    await opal.send_text("/admin")
    listing = await opal.wait_for_text("#1 Café Lumen")
    press = await opal.press(listing, label=f"⛔ Suspend #{shop.business.id}")
    assert await press.answer() == t("admin_suspended", business="Café Lumen")
    await owner.wait_for_text(t("biz_suspended", business="Café Lumen"))

    # A suspended business is nobody's to act for: every staff command is refused, saying why.
    refused = (t("business_suspended"),)
    for command in (
        f"/code {await manual_code(harness, alice)}",
        f"/invite {await manual_code(harness, bob)}",
        "/broadcast Fresh croissants",
    ):
        await owner.send_text(command)
        await owner.wait_for(lambda m: m.content in refused)
    await settled(harness)
    assert await harness.query("SELECT count(*) FROM point_transactions") == [(0,)]
    assert await harness.query("SELECT count(*) FROM customer_approval_requests") == [(0,)]
    # Customers keep their cards and still see them.
    await alice.send_text("/cards")
    await alice.wait_for_text("Café Lumen · Coffee club")

    listing = await opal.last_message()
    await opal.press(listing, label=f"▶ Resume #{shop.business.id}")
    await owner.wait_for_text(t("biz_resumed", business="Café Lumen"))
    await owner.send_text(f"/code {await manual_code(harness, alice)}")
    await owner.wait_for_text("+10")


async def test_with_operators_a_new_business_scans_and_invites_only_once_approved(harness):
    opal = await make_operator(harness)
    olga = await harness.user("Olga")
    await olga.send_text("/newbusiness Bean There")
    created = await olga.wait_for_text("Bean There is registered")
    assert t("biz_awaiting_approval", business="Bean There") in created.content
    alert = await opal.wait_for_text("New business #1: Bean There (owner: Olga)")
    assert alert.button_labels == [t("btn_admin_approve")]

    await olga.send_text("/newprogram Coffee club | points | 10 | 100 | Free coffee")
    await olga.wait_for_text("created")
    bob = await customer(harness, "Bob")
    await olga.send_text(f"/code {await manual_code(harness, bob)}")
    await olga.wait_for_text(t("business_awaiting_approval"))
    assert await harness.query("SELECT count(*) FROM customer_approval_requests") == [(0,)]

    await opal.press(alert, label=t("btn_admin_approve"))
    await olga.wait_for_text(t("biz_approved", business="Bean There"))
    await olga.send_text(f"/code {await manual_code(harness, bob)}")
    await olga.wait_for_text("I sent them an invitation")


async def test_without_operators_a_new_business_works_at_once(harness):
    olga = await harness.user("Olga")
    await olga.send_text("/newbusiness Bean There")
    created = await olga.wait_for_text("Bean There is registered")
    assert "⏳" not in created.content
    assert await harness.query("SELECT awaiting_approval_since FROM businesses") == [(None,)]


async def test_an_operator_transfers_ownership_and_the_old_owner_stays_staff(harness):
    opal = await make_operator(harness)
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    nina = await harness.user("Nina")
    await nina.start()
    await nina.wait_for(lambda m: bool(m.content))
    await opal.send_text(f"/admin transfer {shop.business.id} {nina.id}")
    await opal.wait_for_text("now belongs to")
    await nina.wait_for_text(t("biz_ownership_received", business="Café Lumen"))
    await owner.wait_for_text(t("biz_ownership_given", business="Café Lumen"))
    rows = await harness.query("SELECT telegram_id, role FROM business_staff ORDER BY telegram_id")
    assert sorted(rows) == sorted([(owner.id, "staff"), (nina.id, "owner")])
    assert await harness.query("SELECT owner_telegram_id FROM businesses") == [(nina.id,)]


async def test_operators_get_their_own_menu_in_their_language(harness):
    opal = await make_operator(harness, "Oleg", "ru")
    await set_operator_menus(harness.app)
    menu = await harness.sb.commands(scope={"type": "chat", "chat_id": opal.chat_id})
    described = {c["command"]: c["description"] for c in menu}
    assert described["admin"] == t("cmd_admin", "ru")
    assert described["leave"] == t("cmd_leave", "ru")
    everyone = await harness.sb.commands()
    assert "admin" not in {c["command"] for c in everyone}


async def test_errors_alert_operators_once_per_interval_and_logs_hold_no_secrets(
    harness, caplog, request
):
    opal = await make_operator(harness)
    alice = await harness.user("Alice")
    await alice.start()
    await alice.wait_for(lambda m: bool(m.content))
    code = await manual_code(harness, alice)

    async def on_boom(update, context):
        raise RuntimeError("boom")

    harness.app.add_handler(MessageHandler(filters.Regex("boom"), on_boom), group=-2)
    caplog.set_level(logging.DEBUG)
    # As `loyalty-bot run` configures it, at the most talkative level.
    levels = {name: logging.getLogger(name).level for name in ("telegram", "httpx")}
    configure_logging("DEBUG", TOKEN)
    request.addfinalizer(lambda: [logging.getLogger(n).setLevel(v) for n, v in levels.items()])
    await alice.send_text(f"boom {code}")
    await alice.wait_for_text(t("error"))
    await alice.send_text(f"boom again {code}")
    await alice.wait_for(lambda m: m.content == t("error") and m.message_id > 0)
    await settled(harness)
    alerts = [m for m in await opal.transcript() if "An update failed" in m.content]
    assert len(alerts) == 1  # the second error falls inside the alert interval
    assert "RuntimeError at" in alerts[0].content
    assert code not in alerts[0].content
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "update" in logged and "failed" in logged
    for secret in (code, TOKEN, "boom again"):
        assert secret not in logged
