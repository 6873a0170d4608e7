"""Staff safety through the real bot: Undo's limits, single-use staff links, award limits, and
the edges (edited messages, unanswered presses, rate limits, code expiry, long lists)."""

from __future__ import annotations

import pytest
from telegram import Update

from domain.commands import CreateProgram, EditProgram
from domain.programs import create_program, edit_program
from tests.e2e.helpers import (
    balance_of,
    customer,
    join_staff_by_link,
    open_shop,
    qr_photo,
    staff_link,
)

TOO_LATE = "Too late to undo"


async def scanned(harness, owner_name: str = "Olga"):
    """Olga's Café Lumen scans Ann once (+10); the scan reply and both people."""
    olga = await harness.user(owner_name)
    shop = await open_shop(harness, olga)
    ann = await customer(harness, "Ann", shop)
    await olga.send_photo(await qr_photo(ann))
    reply = await olga.wait_for_text("Ann: +10")
    return olga, ann, reply, shop


def data_of(message, label: str) -> str:
    return next(data for row in message.buttons for text, data in row if text == label)


async def test_a_scan_reply_names_the_business_and_undo_works_under_it(harness):
    olga, ann, reply, _ = await scanned(harness)
    assert reply.content.splitlines()[0] == "🏪 Café Lumen"
    press = await olga.press(reply, label="↩️ Undo")
    assert await press.answer() == ""
    await olga.wait_for_text("Undone: −10 points")
    assert await balance_of(harness, ann) == 0


async def test_undo_data_sent_from_another_message_is_refused(harness):
    olga, ann, reply, _ = await scanned(harness)
    elsewhere = (await olga.transcript())[0]  # the welcome, long before the scan
    press = await olga.press_data(elsewhere, data_of(reply, "↩️ Undo"))
    assert "only under the scan reply" in await press.answer()
    await olga.wait_for_text("The points stay")
    assert await balance_of(harness, ann) == 10


@pytest.mark.parametrize("harness", [{"undo_window_minutes": 0}], indirect=True)
async def test_a_late_undo_is_refused_and_becomes_a_deduction_the_customer_approves(harness):
    olga, ann, reply, _ = await scanned(harness)
    press = await olga.press(reply, label="↩️ Undo")
    answer = await press.answer()
    assert TOO_LATE in answer and answer.show_alert
    offer = await olga.wait_for_text("The points stay")
    assert await balance_of(harness, ann) == 10
    await olga.press(offer, label="➖ Ask to deduct 10")
    await olga.wait_for_text("Sent to the customer for approval: −10")
    request = await ann.wait_for_text("asks to deduct 10")
    approved = await ann.press(request, label=request.button_labels[0])
    await approved.answer()  # answered once the deduction is committed
    assert await balance_of(harness, ann) == 0


async def test_a_staff_link_lets_one_person_in_once(harness):
    olga = await harness.user("Olga")
    await open_shop(harness, olga)
    payload = await staff_link(olga)
    bob, carl = await harness.user("Bob"), await harness.user("Carl")
    await bob.start(payload)
    await bob.press(await bob.wait_for_text("Join the staff of Café Lumen?"), label="✅ Join")
    await bob.wait_for_text("You joined Café Lumen")
    await carl.start(payload)
    await carl.wait_for_text("already used, revoked, or has expired")
    staff = await harness.query("SELECT telegram_id FROM business_staff ORDER BY id")
    assert staff == [(olga.id,), (bob.id,)]


async def test_the_owner_sees_open_links_and_revokes_one(harness):
    olga = await harness.user("Olga")
    await open_shop(harness, olga)
    payload = await staff_link(olga)
    await olga.send_text("/staff")
    listing = await olga.wait_for_text("Invitation #1 for one person")
    assert payload in listing.content
    press = await olga.press(listing, label="✖ Revoke link #1")
    assert await press.answer() == "Link revoked."
    await olga.wait_for(lambda m: m.message_id == listing.message_id and "#1" not in m.content)
    bob = await harness.user("Bob")
    await bob.start(payload)
    await bob.wait_for_text("already used, revoked, or has expired")


@pytest.mark.parametrize("harness", [{"staff_invite_hours": 0}], indirect=True)
async def test_an_expired_staff_link_is_refused(harness):
    olga = await harness.user("Olga")
    await open_shop(harness, olga)
    payload = await staff_link(olga)
    bob = await harness.user("Bob")
    await bob.start(payload)
    await bob.wait_for_text("already used, revoked, or has expired")
    assert await harness.query("SELECT count(*) FROM business_staff") == [(1,)]


async def test_joining_another_business_asks_first_and_says_whom_you_act_for(harness):
    olga, bob = await harness.user("Olga"), await harness.user("Bob")
    await open_shop(harness, olga)
    await open_shop(harness, bob, "Bar Nord")
    payload = await staff_link(olga)
    await bob.start(payload)
    question = await bob.wait_for_text("Join the staff of Café Lumen?")
    await bob.press(question, label="✖ Don't join")
    await bob.wait_for_text("You did not join")
    await bob.send_text("/business")
    assert "👉 Bar Nord" in (await bob.wait_for_text("Choose the one you act for")).content
    await bob.start(payload)
    question = await bob.wait_for_text("Join the staff of Café Lumen?")
    await bob.press(question, label="✅ Join")
    await bob.wait_for_text("now act for Café Lumen")
    await bob.send_text("/business")
    assert "👉 Café Lumen" in (await bob.wait_for_text("Choose the one you act for")).content


async def test_a_staff_members_daily_limit_refuses_awards_beyond_it(harness):
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)
    bob = await join_staff_by_link(harness, olga, "Bob")
    await olga.send_text("/staff")
    listing = await olga.wait_for_text("• Bob (staff)")
    await olga.press(listing, label="🔢 Limit: Bob")
    await olga.wait_for_text("How many points may this person award by hand")
    await olga.send_text("5")
    await olga.wait_for_text("Daily limit for awards by hand: 5")
    ann = await customer(harness, "Ann", shop)
    await bob.send_photo(await qr_photo(ann))
    reply = await bob.wait_for_text("Ann: +10")  # a scan is not an award by hand
    assert await (await bob.press(reply, label="+5")).answer() == ""
    refused = await (await bob.press(reply, label="+1")).answer()
    assert "daily limit for awards by hand is 5" in refused
    assert await balance_of(harness, ann) == 15


@pytest.mark.parametrize("harness", [{"scan_cooldown_seconds": 0}], indirect=True)
async def test_an_edited_message_does_not_run_a_command_again(harness):
    olga, ann, _, _ = await scanned(harness)
    code = (await harness.query("SELECT manual_code FROM customers WHERE telegram_id = :t",
                                t=ann.id))[0][0]  # fmt: skip
    sent = await olga.send_text("/code ZZZZ-ZZZZ")
    await olga.wait_for_text("not valid")
    # The bot does not ask Telegram for edits...
    assert await olga.edit_text(sent, f"/code {code}") is None
    # ...and drops one that arrives anyway (an allowed_updates list an older version set).
    edited = {**sent.raw, "text": f"/code {code}", "edit_date": sent.raw["date"] + 5,
              "entities": [{"type": "bot_command", "offset": 0, "length": 5}]}  # fmt: skip
    app = harness.app
    await app.update_queue.put(Update.de_json({"update_id": 10**6, "edited_message": edited},
                                              app.bot))  # fmt: skip
    await olga.send_text("/bhelp")  # one chat's updates are handled in order
    await olga.wait_for_text("Staff commands")
    assert await balance_of(harness, ann) == 10
    assert await harness.query("SELECT count(*) FROM point_transactions") == [(1,)]


async def test_every_press_is_answered_even_a_refusal(harness):
    olga, _, reply, shop = await scanned(harness)
    unknown = await olga.press_data(reply, "zz:1")
    assert "no longer valid" in (await unknown.answer() or "")
    redeem = await olga.press(reply, label="🎁 Redeem reward")  # 10 of 50: not enough
    assert (await redeem.answer()).show_alert
    services = harness.app.bot_data["services"]
    await edit_program(services.uow(), EditProgram(shop.program.id, olga.id, active=False))
    pick = await olga.press_data(reply, "qs:" + "A" * 30)  # a refusal after the press
    answer = await pick.answer()
    assert answer and answer.show_alert and "No active program" in answer


@pytest.mark.parametrize("harness", [{"code_rate_per_minute": 2}], indirect=True)
async def test_code_is_rate_limited_per_staff_member(harness):
    olga = await harness.user("Olga")
    await open_shop(harness, olga)
    for _ in range(2):
        await olga.send_text("/code ZZZZ-ZZZZ")
        await olga.wait_for_text("not valid")
    await olga.send_text("/code ZZZZ-ZZZZ")
    await olga.wait_for_text("Too many codes in a minute")
    await olga.send_text("/invite ZZZZ-ZZZZ")
    await olga.wait_for_text("Too many codes in a minute")


@pytest.mark.parametrize("harness", [{"qr_ttl_minutes": 5}], indirect=True)
async def test_the_manual_code_lapses_with_the_qr(harness):
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)
    ann = await customer(harness, "Ann", shop)
    await qr_photo(ann)  # shown with a lifetime: the code printed under it lapses with it
    (code, lapses), = await harness.query(
        "SELECT manual_code, manual_code_expires_at FROM customers WHERE telegram_id = :t",
        t=ann.id,
    )  # fmt: skip
    assert lapses is not None
    # Time passes: the bot's clock cannot be moved here, so the expiry is moved back instead.
    await _write(harness, "UPDATE customers SET manual_code_expires_at = '2000-01-01 00:00:00'")
    await olga.send_text(f"/code {code}")
    await olga.wait_for_text("This code has expired")
    assert await balance_of(harness, ann) == 0


async def _write(harness, sql: str) -> None:
    from sqlalchemy import text

    from storage.engine import make_engine

    engine = make_engine(harness.db_url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text(sql))
    finally:
        await engine.dispose()


async def test_programs_and_staff_lists_are_paginated(harness):
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)
    services = harness.app.bot_data["services"]
    for n in range(11):
        name = f"Program {n:02d} " + "x" * 50
        await create_program(services.uow(), CreateProgram(shop.business.id, olga.id, name))
    await olga.send_text("/programs")
    first = await olga.wait_for_text("Page 1/3")
    assert len(first.content) < 4096 and "Program 03" in first.content
    await olga.press(first, label="Next ▶")
    second = await olga.wait_for(
        lambda m: m.message_id == first.message_id and "Page 2/3" in m.content
    )
    assert "Program 04" in second.content and "Program 03" not in second.content
    for _ in range(8):
        await staff_link(olga)
    await olga.send_text("/staff")
    staff = await olga.wait_for_text("(page 1/2)")
    await olga.press(staff, label="Next ▶")
    await olga.wait_for(lambda m: m.message_id == staff.message_id and "(page 2/2)" in m.content)
