"""The seed's three flows, end to end: scan, enrollment, deduction."""

from __future__ import annotations

from tests.e2e.helpers import balance_of, customer, open_shop, qr_photo


async def test_scanning_a_customer_qr_awards_points_tells_the_customer_and_logs_it(harness):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    photo = await qr_photo(ann)

    await owner.send_photo(photo)
    confirmation = await owner.wait_for_text("Ann: +10")
    assert "Balance: 10" in confirmation.text
    assert {"↩️ Undo", "+1", "+5", "Other amount", "🎁 Redeem reward", "➖ Deduct"} <= set(
        confirmation.button_labels
    )
    push = await ann.wait_for_text("+10 points")
    assert "Café Lumen" in push.text and "Balance: 10" in push.text

    await ann.send_text("💳 My cards")
    cards = await ann.wait_for_text("Coffee club")
    assert "10 points" in cards.text
    assert await harness.query("SELECT outcome, points FROM qr_scan_logs") == [("awarded", 10)]
    visits = await harness.query("SELECT visits FROM business_customers")
    assert visits == [(1,)]


async def test_an_unenrolled_customer_is_invited_and_accepting_makes_the_card(harness):
    owner = await harness.user("Olga")
    await open_shop(harness, owner)
    bob = await customer(harness, "Bob")
    photo = await qr_photo(bob)

    await owner.send_photo(photo)
    await owner.wait_for_text("not in Coffee club yet")
    invitation = await bob.wait_for_text("invites you to Coffee club")
    assert invitation.button_labels == ["✅ Accept", "❌ Reject", "🚫 Don't invite me again"]

    await bob.press(invitation, label="✅ Accept")
    await bob.wait_for_text("You joined Coffee club")
    await owner.wait_for_text("Bob joined Coffee club")
    await bob.send_text("💳 My cards")
    await bob.wait_for_text("0 points")
    names = await harness.query(
        "SELECT u.display_name FROM business_customers b JOIN customers u ON u.id = b.customer_id"
    )
    assert names == [("Bob",)]


async def test_a_rejected_invitation_creates_no_card_and_staff_is_told(harness):
    owner = await harness.user("Olga")
    await open_shop(harness, owner)
    bob = await customer(harness, "Bob")
    await owner.send_photo(await qr_photo(bob))
    invitation = await bob.wait_for_text("invites you")
    await bob.press(invitation, label="❌ Reject")
    await bob.wait_for_text("You declined")
    await owner.wait_for_text("Bob declined")
    assert await harness.query("SELECT count(*) FROM loyalty_cards") == [(0,)]


async def test_a_deduction_moves_points_only_on_approve_and_both_sides_are_told(harness):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner, points_per_scan=30)
    ann = await customer(harness, "Ann", shop)
    await owner.send_photo(await qr_photo(ann))
    scanned = await owner.wait_for_text("Ann: +30")

    await owner.press(scanned, label="➖ Deduct")
    await owner.wait_for_text("How many to deduct")
    await owner.send_text("20")
    await owner.wait_for_text("Sent to the customer for approval")
    request = await ann.wait_for_text("asks to deduct 20 points")
    await ann.press(request, label="❌ Reject")
    await ann.wait_for_text("Nothing was deducted")
    await owner.wait_for_text("Ann rejected the deduction")
    assert await balance_of(harness, ann) == 30

    await owner.press(scanned, label="➖ Deduct")
    await owner.wait_for_text("How many to deduct")
    await owner.send_text("20")
    request = await ann.wait_for_text("asks to deduct 20 points")
    await ann.press(request, label="✅ Approve")
    approved = await ann.wait_for_text("Approved")
    assert "New balance: 10" in approved.text
    await owner.wait_for_text("Ann approved −20 points. New balance: 10")
    assert await balance_of(harness, ann) == 10
    await ann.send_text("💳 My cards")
    await ann.wait_for_text("10 points")


async def test_the_same_telegram_message_processed_twice_awards_once(harness):
    from telegram import Update

    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    sent = await owner.send_photo(await qr_photo(ann))
    await owner.wait_for_text("Ann: +10")
    # Telegram redelivers an update when the bot's confirmation was lost: same message again.
    redelivered = Update.de_json({"update_id": 10**6, "message": sent.raw}, harness.app.bot)
    await harness.app.update_queue.put(redelivered)
    await owner.wait_for_text("Already counted")
    assert await balance_of(harness, ann) == 10
    outcomes = await harness.query("SELECT outcome FROM qr_scan_logs ORDER BY id")
    assert outcomes == [("awarded",), ("duplicate",)]
