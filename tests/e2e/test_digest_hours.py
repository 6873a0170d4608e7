"""The owner's digest reads yesterday's kept hours (business_hours): a scan, awards net of an
undone one, a reward redeemed and a new customer, and nothing of the day after."""

from __future__ import annotations

from domain.approvals import answer_request, request_deduction
from domain.commands import AnswerRequest, RequestDeduction
from tests.e2e.helpers import customer, open_shop, qr_photo
from tests.e2e.test_kept_stamps import redeem
from tests.e2e.test_scheduler import award, card_of, clock, harness, run, settle_then_move, uow

__all__ = ["clock", "harness"]  # the bot on a movable clock (2025-06-02 10:00 UTC)

YESTERDAY = (
    "SELECT sum(scans), sum(issued), sum(redeemed), sum(rewards), sum(new_customers)"
    " FROM business_hours WHERE hour < '2025-06-03'"
)


async def test_the_digest_gives_yesterdays_kept_figures_with_undos_and_rewards(harness, clock):
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)  # 10 a scan, Free coffee at 50
    ann = await customer(harness, "Ann", shop)
    await olga.send_photo(await qr_photo(ann))
    reply = await olga.wait_for_text("Ann: +10")
    await olga.press(reply, label="↩️ Undo")
    await olga.wait_for_text("Undone: −10 points")
    await award(harness, shop, olga, ann, 60)
    await redeem(harness, shop, olga, ann, "Free coffee")  # −50, one reward
    deduct = RequestDeduction(shop.business.id, olga.id, await card_of(harness, ann), amount=3)
    request = await request_deduction(uow(harness), deduct)  # points, but no reward
    await answer_request(uow(harness), AnswerRequest(request.id, ann.id, approve=True))

    await settle_then_move(harness, clock, hours=21)  # 07:00 the next day: not in the digest
    await award(harness, shop, olga, ann, 20)
    await customer(harness, "Bob", shop)
    await settle_then_move(harness, clock, hours=2)
    assert await run(harness, "owner_digest") == 1

    digest = await olga.wait_for_text("📊 Café Lumen yesterday")
    assert "1 scan, 60 issued, 1 reward redeemed, 1 new customer." in digest.text
    assert await harness.query(YESTERDAY) == [(1, 60, 53, 1, 1)]
