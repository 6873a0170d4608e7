"""A stamps card with three rewards, through the real bot: the owner builds the ladder under
/programs, My cards counts toward the next reward, staff are offered only what the card pays
for, the customer approves; stamps are spent or kept as the program says; a reward removed
while its request waits is refused with nothing taken."""

from __future__ import annotations

from domain.commands import AwardPoints, ChangeReward
from domain.ledger import award_points
from domain.models import ProgramKind
from domain.reward_ladder import change_reward
from sandbox.client import SandboxUser
from tests.e2e.helpers import (
    Shop,
    balance_of,
    customer,
    join_staff_by_link,
    open_shop,
    qr_photo,
)

STAMPS = {"kind": ProgramKind.STAMPS, "points_per_scan": 1, "reward_threshold": 5,
          "reward_name": "Cookie"}  # fmt: skip
LADDER_SQL = "SELECT name, cost, position, active FROM program_rewards ORDER BY cost, id"


async def stamp_shop(harness, owner: SandboxUser, *more: tuple[int, str]) -> Shop:
    """Olga's stamps program: Cookie at 5, then the rewards in `more`."""
    shop = await open_shop(harness, owner, **STAMPS)
    for cost, name in more:
        cmd = ChangeReward(shop.program.id, owner.id, name=name, cost=cost)
        await change_reward(harness.app.bot_data["services"].uow(), cmd)
    return shop


async def give(harness, shop: Shop, user: SandboxUser, stamps: int) -> None:
    """Stamps on the customer's card, as staff's +N would add them."""
    [(card_id,)] = await harness.query(
        "SELECT c.id FROM loyalty_cards c JOIN customers u ON u.id = c.customer_id"
        " WHERE u.telegram_id = :tid", tid=user.id,
    )  # fmt: skip
    cmd = AwardPoints(shop.business.id, shop.business.owner_telegram_id, card_id, stamps,
                      f"test:{user.id}:{stamps}")  # fmt: skip
    await award_points(harness.app.bot_data["services"].uow(), cmd)


async def scan(owner: SandboxUser, user: SandboxUser):
    await owner.send_photo(await qr_photo(user))
    return await owner.wait_for_text(f"{user.first_name}: +1")


async def test_the_owner_builds_a_ladder_under_programs_and_bad_costs_change_nothing(harness):
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga, **STAMPS)
    await olga.send_text("/programs")
    listing = await olga.wait_for_text("🎁 Cookie: 5 stamps")
    await olga.press(listing, label=f"🎁 Rewards of #{shop.program.id}")
    ladder = await olga.wait_for_text("Rewards of #")
    await olga.press(ladder, label="➕ Add a reward")
    await olga.wait_for_text("Send the new reward in one line")
    await olga.send_text("10 Coffee")
    added = await olga.wait_for_text("✅ Coffee added at 10.")
    assert "1. Cookie: 5 stamps\n2. Coffee: 10 stamps" in added.text
    for line, refusal in (("5 Tea", "is not above"), ("Coffee", "Send a cost and a name")):
        await olga.press(added, label="➕ Add a reward")
        await olga.wait_for_text("Send the new reward in one line")
        await olga.send_text(line)
        await olga.wait_for_text(refusal)
        await olga.send_text("/cancel")
        await olga.wait_for_text("Cancelled")
    await olga.press(added, label="➕ Add a reward")
    await olga.wait_for_text("Send the new reward in one line")
    await olga.send_text("50 T-shirt")
    shown = await olga.wait_for_text("✅ T-shirt added at 50.")
    await olga.press(shown, label="✏️ Coffee")
    await olga.wait_for_text("Coffee costs 10 now")
    await olga.send_text("60")  # above the T-shirt: refused, the step waits for another answer
    await olga.wait_for_text("Costs must rise along the ladder")
    await olga.send_text("12 Big coffee")
    await olga.wait_for_text("✅ Coffee is now Big coffee (cost 12).")
    assert await harness.query(LADDER_SQL) == [
        ("Cookie", 5, 0, 1), ("Big coffee", 12, 1, 1), ("T-shirt", 50, 2, 1)
    ]  # fmt: skip


async def test_my_cards_counts_toward_the_next_reward_and_staff_get_only_affordable_ones(harness):
    olga = await harness.user("Olga")
    shop = await stamp_shop(harness, olga, (10, "Coffee"), (50, "T-shirt"))
    ann = await customer(harness, "Ann", shop)
    await ann.send_text("💳 My cards")
    await ann.wait_for_text("5 stamps to go for Cookie")
    reply = await scan(olga, ann)
    assert "(reward at 5)" in reply.text
    await give(harness, shop, ann, 7)
    await ann.send_text("💳 My cards")
    cards = await ann.wait_for_text("to go for Coffee")
    assert "8/10" in cards.text and "Cookie is ready" in cards.text
    assert "2 stamps to go for Coffee" in cards.text

    await olga.press(reply, label="🎁 Redeem reward")
    choice = await olga.wait_for_text("Which reward? Balance: 8 stamps")
    assert choice.button_labels == ["🎁 Cookie (5)"]  # neither Coffee nor the T-shirt
    await olga.press(choice, label="🎁 Cookie (5)")
    await olga.wait_for_text("Sent to the customer for approval: Cookie")
    request = await ann.wait_for_text("asks to redeem Cookie for 5 stamps")
    await ann.press(request, label="✅ Approve")
    await ann.wait_for_text("Enjoy your Cookie at Café Lumen! Balance: 3.")
    await olga.wait_for_text("Ann redeemed Cookie. Balance: 3.")
    assert await balance_of(harness, ann) == 3  # the stamps were spent
    assert await harness.query(
        "SELECT delta, kind, note FROM point_transactions WHERE kind = 'redeem'"
    ) == [(-5, "redeem", "Cookie")]


async def test_redeem_with_too_few_stamps_says_what_the_first_reward_needs(harness):
    olga = await harness.user("Olga")
    shop = await stamp_shop(harness, olga, (10, "Coffee"))
    ann = await customer(harness, "Ann", shop)
    reply = await scan(olga, ann)
    press = await olga.press(reply, label="🎁 Redeem reward")
    answer = await press.answer()
    assert answer is not None and answer.show_alert
    assert "Not enough yet: the balance is 1 stamp; the first reward is Cookie: 5" in answer
    assert await harness.query("SELECT count(*) FROM customer_approval_requests") == [(0,)]


async def test_a_program_that_keeps_stamps_records_each_reward_once_and_takes_nothing(harness):
    olga = await harness.user("Olga")
    shop = await stamp_shop(harness, olga, (10, "Coffee"), (50, "T-shirt"))
    await olga.send_text("/programs")
    listing = await olga.wait_for_text("Coffee club")
    await olga.press(listing, label=f"🎁 Rewards of #{shop.program.id}")
    ladder = await olga.wait_for_text("Redeeming spends the stamps")
    await olga.press(ladder, label="Stamps spent on redemption (tap to keep them)")
    await olga.wait_for_text("✅ Redeeming now keeps the stamps")
    ann = await customer(harness, "Ann", shop)
    reply = await scan(olga, ann)
    await give(harness, shop, ann, 11)

    await olga.press(reply, label="🎁 Redeem reward")
    choice = await olga.wait_for_text("Which reward? Balance: 12 stamps")
    assert choice.button_labels == ["🎁 Coffee (10)", "🎁 Cookie (5)"]
    await olga.press(choice, label="🎁 Coffee (10)")
    request = await ann.wait_for_text("confirm that you receive Coffee")
    assert "Your 12 stamps stay on the card" in request.text
    await ann.press(request, label="✅ Approve")
    await ann.wait_for_text("Enjoy your Coffee at Café Lumen! Balance: 12.")
    assert await balance_of(harness, ann) == 12
    # Recorded in the ledger without moving anything: the balance is still the ledger's sum.
    assert await harness.query(
        "SELECT delta, note FROM point_transactions WHERE kind = 'redeem'"
    ) == [(0, "Coffee")]
    assert await harness.query("SELECT sum(delta) FROM point_transactions") == [(12,)]

    await olga.press(reply, label="🎁 Redeem reward")
    again = await olga.wait_for_text("Which reward? Balance: 12 stamps")
    assert again.button_labels == ["🎁 Cookie (5)"]  # Coffee was given on this card
    await ann.send_text("💳 My cards")
    cards = await ann.wait_for_text("to go for T-shirt")
    assert "Cookie is ready" in cards.text and "38 stamps to go for T-shirt" in cards.text


async def test_a_reward_removed_before_the_customer_approves_is_refused_with_nothing_taken(
    harness,
):
    olga = await harness.user("Olga")
    shop = await stamp_shop(harness, olga, (10, "Coffee"))
    ann = await customer(harness, "Ann", shop)
    reply = await scan(olga, ann)
    await give(harness, shop, ann, 11)
    await olga.press(reply, label="🎁 Redeem reward")
    choice = await olga.wait_for_text("Which reward?")
    await olga.press(choice, label="🎁 Coffee (10)")
    request = await ann.wait_for_text("asks to redeem Coffee")

    await olga.send_text("/programs")
    listing = await olga.wait_for_text("Coffee club")
    await olga.press(listing, label=f"🎁 Rewards of #{shop.program.id}")
    ladder = await olga.wait_for_text("Rewards of #")
    await olga.press(ladder, label="❌ Coffee")
    confirm = await olga.wait_for_text("Remove Coffee: 10 stamps?")
    await olga.press(confirm, label="❌ Yes, remove Coffee")
    await olga.wait_for_text("✅ Coffee removed.")

    await ann.press(request, label="✅ Approve")
    await ann.wait_for_text("Café Lumen no longer offers Coffee; nothing was deducted.")
    await olga.wait_for_text("Ann approved Coffee, but it was removed meanwhile")
    assert await balance_of(harness, ann) == 12
    redeemed = "SELECT count(*) FROM point_transactions WHERE kind = 'redeem'"
    assert await harness.query(redeemed) == [(0,)]
    assert await harness.query("SELECT status, outcome FROM customer_approval_requests") == [
        ("cancelled", "reward_removed")
    ]
    assert await harness.query(LADDER_SQL) == [("Cookie", 5, 0, 1), ("Coffee", 10, 1, 0)]


async def test_a_forged_reward_button_of_another_business_or_program_redeems_nothing(harness):
    olga = await harness.user("Olga")
    shop = await stamp_shop(harness, olga, (10, "Coffee"))
    ann = await customer(harness, "Ann", shop)
    reply = await scan(olga, ann)
    await give(harness, shop, ann, 11)
    max_ = await harness.user("Max")
    rival = await open_shop(harness, max_, name="Rival", **STAMPS)
    [(card_id,)] = await harness.query("SELECT id FROM loyalty_cards")
    [(rival_reward,)] = await harness.query(
        "SELECT id FROM program_rewards WHERE program_id = :p", p=rival.program.id
    )
    [(cookie,)] = await harness.query(
        "SELECT id FROM program_rewards WHERE program_id = :p AND cost = 5", p=shop.program.id
    )
    await max_.send_text("/programs")
    his = await max_.wait_for_text("Coffee club")
    # Max forges Olga's card with her Cookie; Olga forges her card with Max's reward.
    press = await max_.press_data(his, f"rw:{card_id}:{cookie}")
    assert "belongs to another business" in await press.answer()
    press = await olga.press_data(reply, f"rw:{card_id}:{rival_reward}")
    assert "no longer offered" in await press.answer()
    assert await harness.query("SELECT count(*) FROM customer_approval_requests") == [(0,)]


async def test_staff_who_are_not_the_owner_cannot_change_the_ladder_even_with_forged_buttons(
    harness,
):
    olga = await harness.user("Olga")
    shop = await stamp_shop(harness, olga, (10, "Coffee"))
    sam = await join_staff_by_link(harness, olga, "Sam")
    [(coffee,)] = await harness.query("SELECT id FROM program_rewards WHERE cost = 10")
    await sam.send_text("/help")
    mine = await sam.wait_for(lambda m: bool(m.content))
    for data in (f"lr:{shop.program.id}", f"ly:{shop.program.id}:{coffee}",
                 f"lk:{shop.program.id}:1"):  # fmt: skip
        press = await sam.press_data(mine, data)
        assert "Only the business owner" in await press.answer()
    assert await harness.query(LADDER_SQL) == [("Cookie", 5, 0, 1), ("Coffee", 10, 1, 1)]
    assert await harness.query("SELECT redeem_keeps FROM loyalty_programs") == [(0,)]


async def test_the_reward_in_reach_reminder_and_the_reached_message_name_the_next_reward(harness):
    olga = await harness.user("Olga")
    shop = await stamp_shop(harness, olga, (10, "Coffee"), (50, "T-shirt"))
    ann = await customer(harness, "Ann", shop)
    await give(harness, shop, ann, 6)
    await ann.wait_for_text("You reached Cookie at Café Lumen")
    scheduler = harness.app.bot_data["scheduler"]
    assert await scheduler.run("reward_in_reach") == 0  # 6 of 10: two visits from Coffee
    await give(harness, shop, ann, 3)
    assert await scheduler.run("reward_in_reach") == 1
    await ann.wait_for_text("Just one more visit to Café Lumen for Coffee!")
