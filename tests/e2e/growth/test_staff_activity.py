"""Staff activity for owners end to end: /activity shows each staff member's scans, manual
awards, undos and redemptions today and this week; /awardalert tells the owner once a day
when one staff member's manual awards pass the threshold."""

from __future__ import annotations

from tests.e2e.growth.conftest import count, settle_then_move
from tests.e2e.helpers import balance_of, customer, join_staff_by_link, open_shop, qr_photo

BACKENDS = ("sqlite", "postgresql")  # its SQL (upserts, locks, selects into) runs on both

ALERT = "⚠️ Café Lumen: Bob has awarded"


async def award_by_hand(staff, reply, points: int) -> None:
    """Other amount under a scan reply, then the number: one manual award each time."""
    await (await staff.press(reply, label="Other amount")).answer()
    await staff.wait_for_text("How many to add?")
    await staff.send_text(str(points))
    await staff.wait_for_text(f"+{points}")


async def test_the_owner_sees_what_each_staff_member_did_today_and_this_week(harness, clock):
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga, reward_threshold=20)
    bob = await join_staff_by_link(harness, olga, "Bob")
    ann = await customer(harness, "Ann", shop)
    await bob.send_photo(await qr_photo(ann))
    first = await bob.wait_for_text("Ann: +10")
    await (await bob.press(first, label="↩️ Undo")).answer()
    await bob.wait_for_text("Undone")
    await settle_then_move(harness, clock, minutes=2)  # past the scan cooldown
    await bob.send_photo(await qr_photo(ann))
    second = await bob.wait_for_text("Ann: +10")
    await award_by_hand(bob, second, 4)
    await award_by_hand(bob, second, 6)
    await ann.wait_for_text("Balance: 20")
    await bob.press(second, label="🎁 Redeem reward")
    choice = await bob.wait_for_text("Which reward? Balance: 20")
    await bob.press(choice, label=choice.button_labels[0])
    request = await ann.wait_for_text("asks to redeem")
    await (await ann.press(request, label=request.button_labels[0])).answer()
    assert await balance_of(harness, ann) == 0

    await olga.send_text("/activity")
    shown = await olga.wait_for_text("Staff activity at Café Lumen")
    line = "• Bob: scans 2, manual awards 2 (+10), undos 1, redemptions 1"
    today, week = shown.content.split("This week:")
    assert line in today and line in week
    assert "alert above off" in shown.content

    await settle_then_move(harness, clock, days=1)  # Tuesday: a new day, the same week
    await olga.send_text("/activity")
    shown = await olga.wait_for_text("Staff activity at Café Lumen")
    today, week = shown.content.split("This week:")
    assert "— nothing yet" in today and line in week


async def test_only_the_owner_sees_staff_activity(harness):
    olga = await harness.user("Olga")
    await open_shop(harness, olga)
    bob = await join_staff_by_link(harness, olga, "Bob")
    await bob.send_text("/activity")
    await bob.wait_for_text("Only the business owner can do that.")
    await bob.send_text("/awardalert 5")
    await bob.wait_for_text("Only the business owner can do that.")


async def test_the_owner_is_alerted_once_a_day_per_staff_member_past_the_threshold(harness, clock):
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)
    bob = await join_staff_by_link(harness, olga, "Bob")
    ann = await customer(harness, "Ann", shop)
    await olga.send_text("/awardalert many")
    await olga.wait_for_text("Use: /awardalert <points>")
    await olga.send_text("/awardalert 8")
    await olga.wait_for_text("more than 8 by hand in a day")

    await bob.send_photo(await qr_photo(ann))
    reply = await bob.wait_for_text("Ann: +10")  # a scan is no award by hand
    await award_by_hand(bob, reply, 8)
    assert await count(harness, olga, ALERT) == 0  # 8: not past 8
    await award_by_hand(bob, reply, 2)
    await olga.wait_for_text(f"{ALERT} 10 by hand today, above your alert of 8.")
    await award_by_hand(bob, reply, 3)
    assert await count(harness, olga, ALERT) == 1  # once a day

    # The owner's own awards raise no alert.
    await olga.send_photo(await qr_photo(ann))
    own = await olga.wait_for_text("Already counted")  # within the cooldown: buttons still
    await award_by_hand(olga, own, 20)
    assert await count(harness, olga, "⚠️") == 1

    await settle_then_move(harness, clock, days=1)  # a new day: a new alert
    await bob.send_photo(await qr_photo(ann))
    reply = await bob.wait_for_text("Ann: +10")
    await award_by_hand(bob, reply, 9)
    await olga.wait_for_text(f"{ALERT} 9 by hand today")
    assert await count(harness, olga, ALERT) == 2

    await olga.send_text("/awardalert off")
    await olga.wait_for_text("Manual-award alerts are off.")
    await settle_then_move(harness, clock, days=1)
    await bob.send_photo(await qr_photo(ann))
    reply = await bob.wait_for_text("Ann: +10")
    await award_by_hand(bob, reply, 20)
    assert await count(harness, olga, ALERT) == 2
