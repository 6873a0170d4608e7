"""Referrals through the real bot: a customer's invite link, the friend's join, and the bonus
both get on the friend's first real visit; each abuse case answered and changing nothing."""

from __future__ import annotations

import re
import sqlite3

from sqlalchemy.engine import make_url

from tests.e2e.helpers import customer, open_shop, qr_photo, settled

REFERRAL_ENTRIES = (
    "SELECT u.display_name, t.delta FROM point_transactions t JOIN loyalty_cards c"
    " ON c.id = t.card_id JOIN customers u ON u.id = c.customer_id"
    " WHERE t.reason = 'referral' ORDER BY t.id"
)


async def referral_shop(harness, bonus: int = 25, cap: int | None = None):
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)
    await olga.send_text(f"/editprogram {shop.program.id} referral_bonus {bonus}")
    await olga.wait_for_text(f"you get +{bonus} points each on the friend's first visit")
    if cap is not None:
        await olga.send_text(f"/editprogram {shop.program.id} referral_cap {cap}")
        await olga.wait_for_text(f"at most {cap}")
    return olga, shop


async def invite_link(user) -> str:
    """The payload of the customer's first invite link in /refer."""
    await user.send_text("/refer")
    listing = await user.wait_for_text("Invite a friend")
    return re.search(r"\?start=(r_[A-Za-z0-9_-]+)", listing.content).group(1)


async def friend_joins(harness, name: str, payload: str):
    friend = await customer(harness, name)
    await friend.start(payload)
    await friend.wait_for_text("through a friend's invitation")
    return friend


async def visit(owner, person, name: str) -> None:
    await owner.send_photo(await qr_photo(person))
    await owner.wait_for_text(f"{name}: +10")


async def balances(harness) -> dict[str, int]:
    rows = await harness.query(
        "SELECT u.display_name, c.balance FROM loyalty_cards c JOIN customers u"
        " ON u.id = c.customer_id"
    )
    return dict(rows)


async def test_both_get_the_bonus_on_the_friends_first_visit_and_never_for_the_join(harness):
    olga, shop = await referral_shop(harness)
    ann = await customer(harness, "Ann", shop)
    payload = await invite_link(ann)
    link_code = payload[2:]
    # The code is random (77 bits), stored beside the customer: it carries no id of theirs.
    stored = await harness.query("SELECT c.public_id, c.manual_code FROM customers c")
    assert all(v.replace("-", "") not in link_code for row in stored for v in row)
    assert len(link_code) == 16 and not link_code.isdigit()
    assert await harness.query("SELECT code FROM referral_links") == [(link_code,)]

    bob = await friend_joins(harness, "Bob", payload)
    joined = (await bob.transcript())[-1].content
    assert "On your first visit you both get +25 points" in joined
    assert await harness.query(REFERRAL_ENTRIES) == []  # the join alone gives nothing

    await visit(olga, bob, "Bob")
    await bob.wait_for_text("+25 points welcome bonus in Coffee club")
    told = await ann.wait_for_text("your friend Bob made their first visit. +25 points")
    assert "Balance: 25" in told.content
    await settled(harness)
    assert await harness.query(REFERRAL_ENTRIES) == [("Bob", 25), ("Ann", 25)]
    assert await balances(harness) == {"Ann": 25, "Bob": 35}
    assert await harness.query("SELECT outcome FROM referrals") == [("rewarded",)]
    # Asked again, /refer gives the same link: one per customer and business.
    assert await invite_link(ann) == payload


async def test_opening_your_own_link_is_refused_and_changes_nothing(harness):
    _, shop = await referral_shop(harness)
    ann = await customer(harness, "Ann", shop)
    payload = await invite_link(ann)
    await ann.start(payload)
    await ann.wait_for_text("This is your own invitation link")
    assert await harness.query("SELECT count(*) FROM referrals") == [(0,)]


async def test_a_friend_is_referred_once_per_business(harness):
    _, shop = await referral_shop(harness)
    ann = await customer(harness, "Ann", shop)
    cid = await customer(harness, "Cid", shop)
    first, second = await invite_link(ann), await invite_link(cid)
    bob = await friend_joins(harness, "Bob", first)
    await bob.start(second)
    await bob.wait_for_text("You were already invited to this place by a friend")
    await bob.start(first)  # the same link again
    await bob.wait_for_text("You were already invited to this place by a friend")
    assert await harness.query(
        "SELECT r.display_name, f.display_name FROM referrals"
        " JOIN customers r ON r.id = referrer_id JOIN customers f ON f.id = referee_id"
    ) == [("Ann", "Bob")]


async def test_an_existing_customer_cannot_be_referred(harness):
    _, shop = await referral_shop(harness)
    ann = await customer(harness, "Ann", shop)
    dan = await customer(harness, "Dan", shop)  # already has a card
    await dan.start(await invite_link(ann))
    await dan.wait_for_text("You are already a customer of this place")
    assert await harness.query("SELECT count(*) FROM referrals") == [(0,)]


async def test_the_monthly_cap_stops_the_referrers_bonus_but_not_the_friends(harness):
    olga, shop = await referral_shop(harness, bonus=5, cap=1)
    ann = await customer(harness, "Ann", shop)
    payload = await invite_link(ann)
    bob = await friend_joins(harness, "Bob", payload)
    cid = await friend_joins(harness, "Cid", payload)
    await visit(olga, bob, "Bob")
    await ann.wait_for_text("your friend Bob made their first visit")
    await visit(olga, cid, "Cid")
    await cid.wait_for_text("+5 points welcome bonus")
    await settled(harness)
    assert await harness.query(REFERRAL_ENTRIES) == [("Bob", 5), ("Ann", 5), ("Cid", 5)]
    assert await balances(harness) == {"Ann": 5, "Bob": 15, "Cid": 15}
    assert await harness.query("SELECT outcome FROM referrals ORDER BY id") == [
        ("rewarded",), ("capped",)
    ]  # fmt: skip
    assert not [m for m in await ann.transcript() if "Cid made their first visit" in m.content]


async def test_a_bonus_switched_off_settles_the_referral_with_nothing(harness):
    olga, shop = await referral_shop(harness)
    ann = await customer(harness, "Ann", shop)
    bob = await friend_joins(harness, "Bob", await invite_link(ann))
    await olga.send_text(f"/editprogram {shop.program.id} referral_bonus 0")
    await olga.wait_for_text("no referral bonus")
    await visit(olga, bob, "Bob")
    await settled(harness)
    assert await harness.query(REFERRAL_ENTRIES) == []
    assert await harness.query("SELECT outcome FROM referrals") == [("off",)]
    await ann.send_text("/refer")  # no bonus: no link to share
    await ann.wait_for_text("None of the places where you have a card gives a bonus")


async def test_unknown_suspended_and_deleted_business_links_are_refused(harness):
    _, shop = await referral_shop(harness)
    ann = await customer(harness, "Ann", shop)
    payload = await invite_link(ann)
    bob = await customer(harness, "Bob")
    await bob.start("r_23456789ABCDEFGH")  # well-formed, but nobody's
    await bob.wait_for_text("This invitation link does not work")
    await bob.start("r_not-a-code!")
    await bob.wait_for_text("This invitation link does not work")

    async with harness.app.bot_data["services"].uow() as uow:
        business = await uow.businesses.get(shop.business.id)
        business.suspended_at = uow.now()
        await uow.businesses.update(business)
        await uow.commit()
    await bob.start(payload)
    await bob.wait_for_text("suspended")

    # A business removed from the database behind the bot's back (links left dangling).
    path = make_url(harness.db_url).database
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM businesses WHERE id = ?", (shop.business.id,))
    await bob.start(payload)
    await bob.wait_for_text("This invitation link does not work")
    assert await harness.query("SELECT count(*) FROM referrals") == [(0,)]
    assert await harness.query(
        "SELECT count(*) FROM loyalty_cards c JOIN customers u ON u.id = c.customer_id"
        " WHERE u.display_name = 'Bob'"
    ) == [(0,)]
