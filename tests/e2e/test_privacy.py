"""Consent and the customer's data through the real bot: invitation blocks, listed only with a
card, /leave, /forgetme."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.i18n import t
from storage.engine import make_engine
from storage.tables import InvitationBlockRow
from tests.e2e.helpers import customer, open_shop

pytestmark = pytest.mark.asyncio


PAST = datetime(2000, 1, 1, tzinfo=UTC)


async def expire_blocks(harness) -> None:
    """Every invitation block ran out long ago (thirty days passed, in effect)."""
    engine = make_engine(harness.db_url)
    try:
        async with engine.begin() as conn:
            await conn.execute(InvitationBlockRow.__table__.update().values(until=PAST))
    finally:
        await engine.dispose()


async def manual_code(harness, user) -> str:
    sql = "SELECT manual_code FROM customers WHERE telegram_id = :i"
    return (await harness.query(sql, i=user.id))[0][0]


async def invite(harness, owner, user):
    await owner.send_text(f"/invite {await manual_code(harness, user)}")


async def test_a_rejected_invitation_keeps_the_business_away_for_30_days(harness):
    owner = await harness.user("Olga")
    await open_shop(harness, owner)
    bob = await customer(harness, "Bob")
    await invite(harness, owner, bob)
    invitation = await bob.wait_for(lambda m: t("btn_reject") in m.button_labels)
    assert t("btn_never_invite") in invitation.button_labels
    await bob.press(invitation, label=t("btn_reject"))
    await bob.wait_for_text(t("answer_rejected", business="Café Lumen", program="Coffee club"))
    [(until,)] = await harness.query("SELECT until FROM invitation_blocks")
    assert until is not None
    await invite(harness, owner, bob)
    await owner.wait_for_text(t("invitation_declined"))
    assert await harness.query("SELECT count(*) FROM customer_approval_requests") == [(1,)]
    # Thirty days later the business may ask again.
    await expire_blocks(harness)
    await invite(harness, owner, bob)
    await owner.wait_for_text("Invitation to Coffee club sent to Bob")


async def test_dont_invite_me_again_blocks_the_business_for_good(harness):
    owner = await harness.user("Olga")
    await open_shop(harness, owner)
    bob = await customer(harness, "Bob")
    await invite(harness, owner, bob)
    invitation = await bob.wait_for(lambda m: t("btn_never_invite") in m.button_labels)
    await bob.press(invitation, label=t("btn_never_invite"))
    await bob.wait_for_text(t("never_invite_done", business="Café Lumen"))
    assert await harness.query("SELECT until FROM invitation_blocks") == [(None,)]
    assert await harness.query("SELECT status FROM customer_approval_requests") == [("rejected",)]
    await owner.send_text(f"/code {await manual_code(harness, bob)}")  # a scan does not invite
    said = t("scan_not_enrolled_declined", customer="Bob", program="Coffee club")
    await owner.wait_for(lambda m: said in m.content)  # staff are told why, not "pending"
    assert await harness.query("SELECT count(*) FROM customer_approval_requests") == [(1,)]


async def test_a_refused_scan_is_logged_but_lists_nobody_until_a_card_exists(harness):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    bob = await customer(harness, "Bob")
    await owner.send_text(f"/code {await manual_code(harness, bob)}")
    await owner.wait_for_text("I sent them an invitation")
    assert await harness.query("SELECT outcome FROM qr_scan_logs") == [("not_enrolled",)]
    assert await harness.query("SELECT count(*) FROM business_customers") == [(0,)]
    await owner.send_text("/customers")
    listing = await owner.wait_for(lambda m: bool(m.content))
    assert "Bob" not in listing.content
    invitation = await bob.wait_for(lambda m: t("btn_accept") in m.button_labels)
    await bob.press(invitation, label=t("btn_accept"))
    await bob.wait_for_text(t("answer_accepted", business="Café Lumen", program="Coffee club"))
    assert await harness.query("SELECT business_id FROM business_customers") == [
        (shop.business.id,)
    ]


async def test_leave_keeps_the_card_as_history_and_stops_points(harness):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    alice = await customer(harness, "Alice", shop)
    await owner.send_text(f"/code {await manual_code(harness, alice)}")
    await owner.wait_for_text("+10")
    await alice.send_text("/leave")
    pick = await alice.wait_for_text(t("leave_pick"))
    await alice.press(pick, label="Café Lumen · Coffee club")
    await alice.wait_for_text(t("leave_done"))
    [(left_at, balance)] = await harness.query("SELECT left_at, balance FROM loyalty_cards")
    assert left_at is not None and balance == 10
    assert await harness.query("SELECT status FROM customer_programs") == [("left",)]
    await alice.send_text("/cards")
    cards = await alice.wait_for(lambda m: m.message_id > pick.message_id + 1)
    assert "Coffee club" not in cards.content
    await alice.send_text("/history")
    await alice.wait_for_text("Coffee club")
    # A scan now invites (she chose to leave); no points move.
    await owner.send_text(f"/code {await manual_code(harness, alice)}")
    await owner.wait_for_text("I sent them an invitation")
    assert await harness.query("SELECT sum(delta) FROM point_transactions") == [(10,)]


async def test_forgetme_erases_names_for_good_and_keeps_the_books(harness):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    alice = await customer(harness, "Alice", shop)
    old_code = await manual_code(harness, alice)
    await owner.send_text(f"/code {old_code}")
    await owner.wait_for_text("+10")
    await alice.send_text("/forgetme")
    ask = await alice.wait_for_text(t("forget_ask"))
    await alice.press(ask, label=t("btn_forget_confirm"))
    await alice.wait_for_text(t("forget_done"))
    await alice.send_text("/cards")  # writing again must not store the names again
    await alice.wait_for_text("Coffee club")
    [(first, last, username, forgotten)] = await harness.query(
        "SELECT first_name, last_name, username, forgotten_at FROM telegram_users "
        "WHERE telegram_id = :i", i=alice.id,
    )  # fmt: skip
    assert (first, last, username) == ("", "", "") and forgotten is not None
    [(cid, name, code)] = await harness.query(
        "SELECT id, display_name, manual_code FROM customers WHERE telegram_id = :i", i=alice.id
    )
    assert name == f"#{cid}" and code != old_code
    assert await harness.query(
        "SELECT c.balance, sum(p.delta) FROM loyalty_cards c "
        "JOIN point_transactions p ON p.card_id = c.id GROUP BY c.balance"
    ) == [(10, 10)]
    await owner.send_text(f"/code {old_code}")  # the old code no longer finds her
    await owner.wait_for(lambda m: "+10" not in m.content and m.content != "")
    assert await harness.query("SELECT count(*) FROM point_transactions") == [(1,)]
