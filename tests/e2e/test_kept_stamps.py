"""A card that keeps its stamps: a reward given once is not "reached" again when the balance
falls below it and rises past it anew."""

from __future__ import annotations

from domain.approvals import answer_request, request_deduction
from domain.commands import AnswerRequest, RequestDeduction
from domain.models import RequestKind
from tests.e2e.helpers import customer, settled
from tests.e2e.test_rewards_ladder import give, stamp_shop

REACHED = "SELECT count(*) FROM customer_notifications WHERE template = 'reward_reached'"


async def test_a_reward_given_on_a_kept_stamps_card_is_not_reached_twice(harness):
    olga = await harness.user("Olga")
    shop = await stamp_shop(harness, olga, (10, "Coffee"), (50, "T-shirt"))
    uow = harness.app.bot_data["services"].uow
    async with uow() as work:
        program = await work.programs.get(shop.program.id)
        program.redeem_keeps = True
        await work.programs.update(program)
        await work.commit()
    ann = await customer(harness, "Ann", shop)
    await give(harness, shop, ann, 11)
    await ann.wait_for_text("You reached Coffee at Café Lumen!")
    [(card_id,)] = await harness.query("SELECT id FROM loyalty_cards")
    [(coffee,)] = await harness.query("SELECT id FROM program_rewards WHERE name = 'Coffee'")
    redeem = RequestDeduction(
        shop.business.id, olga.id, card_id, RequestKind.REDEMPTION, reward_id=coffee
    )
    request = await request_deduction(uow(), redeem)
    await answer_request(uow(), AnswerRequest(request.id, ann.id, approve=True))
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
