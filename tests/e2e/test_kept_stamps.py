"""A card that keeps its stamps: a reward given once is not "reached" again when the balance
falls below it and rises past it anew; the owner's digest counts its redemptions (0 points
each) as rewards redeemed."""

from __future__ import annotations

from domain.approvals import answer_request, request_deduction
from domain.commands import AnswerRequest, RequestDeduction
from domain.models import RequestKind
from tests.e2e.helpers import customer, settled
from tests.e2e.test_rewards_ladder import give, stamp_shop
from tests.e2e.test_scheduler import clock, harness, run, settle_then_move

__all__ = ["clock", "harness"]  # the bot on a movable clock, for the digest

REACHED = "SELECT count(*) FROM customer_notifications WHERE template = 'reward_reached'"


async def test_a_reward_given_on_a_kept_stamps_card_is_not_reached_twice(harness):
    olga = await harness.user("Olga")
    shop = await keeping_shop(harness, olga)
    uow = harness.app.bot_data["services"].uow
    ann = await customer(harness, "Ann", shop)
    await give(harness, shop, ann, 11)
    await ann.wait_for_text("You reached Coffee at Café Lumen!")
    card_id = await redeem(harness, shop, olga, ann, "Coffee")
    assert await harness.query("SELECT kind, delta FROM point_transactions WHERE delta <= 0") == [
        ("redeem", 0)
    ]
    deduct = RequestDeduction(
        shop.business.id, olga.id, card_id, RequestKind.DEDUCTION, amount=3, reason="mistake"
    )
    request = await request_deduction(uow(), deduct)
    await answer_request(uow(), AnswerRequest(request.id, ann.id, approve=True))

    await give(harness, shop, ann, 2)  # 8 -> 10: past Coffee again, which Ann already had
    await ann.wait_for_text("Balance: 10")
    await settled(harness)
    assert await harness.query(REACHED) == [(1,)]
    await give(harness, shop, ann, 40)  # 10 -> 50: T-shirt is new, and is said
    await ann.wait_for_text("You reached T-shirt at Café Lumen!")
    assert await harness.query(REACHED) == [(2,)]


async def keeping_shop(harness, olga):
    shop = await stamp_shop(harness, olga, (10, "Coffee"), (50, "T-shirt"))
    uow = harness.app.bot_data["services"].uow
    async with uow() as work:
        program = await work.programs.get(shop.program.id)
        program.redeem_keeps = True
        await work.programs.update(program)
        await work.commit()
    return shop


async def redeem(harness, shop, olga, ann, reward: str) -> int:
    """Staff ask for the reward, Ann approves; the card's id."""
    uow = harness.app.bot_data["services"].uow
    [(card_id,)] = await harness.query("SELECT id FROM loyalty_cards")
    [(reward_id,)] = await harness.query(
        "SELECT id FROM program_rewards WHERE name = :name", name=reward
    )
    ask = RequestDeduction(
        shop.business.id, olga.id, card_id, RequestKind.REDEMPTION, reward_id=reward_id
    )
    request = await request_deduction(uow(), ask)
    await answer_request(uow(), AnswerRequest(request.id, ann.id, approve=True))
    return card_id


async def test_the_digest_counts_kept_stamps_redemptions_as_rewards_redeemed(harness, clock):
    olga = await harness.user("Olga")
    shop = await keeping_shop(harness, olga)
    ann = await customer(harness, "Ann", shop)
    await give(harness, shop, ann, 11)
    await redeem(harness, shop, olga, ann, "Coffee")
    await redeem(harness, shop, olga, ann, "Cookie")
    assert await harness.query("SELECT sum(delta) FROM point_transactions") == [(11,)]

    await settle_then_move(harness, clock, hours=23)  # 09:00 the next day: past the digest hour
    assert await run(harness, "owner_digest") == 1
    digest = await olga.wait_for_text("📊 Café Lumen yesterday")
    assert "11 issued, 2 rewards redeemed, 1 new customer." in digest.text
