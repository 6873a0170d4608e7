"""Promo codes through the real bot: batches (CSV and a printable sheet) and shared codes made
by the owner, redeemed by /promo or deep link; expired, used-up, unknown and foreign codes, and
guessing, each answered clearly with nothing changed."""

from __future__ import annotations

import csv
import io
import re

from sqlalchemy import text

from domain.growth.codes import bits
from domain.growth.promos import WRONG_GUESSES
from storage.engine import make_engine
from tests.e2e.helpers import balance_of, customer, join_staff_by_link, open_shop

PROMO_ENTRIES = "SELECT count(*), coalesce(sum(delta), 0) FROM point_transactions" \
    " WHERE reason = 'promo'"  # fmt: skip


async def execute(harness, sql: str, **params) -> None:
    """Change the bot's database directly (what a test cannot do through the bot: time)."""
    engine = make_engine(harness.db_url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text(sql), params)
    finally:
        await engine.dispose()


async def batch(harness, owner, count: int, points: int = 20, days: int = 30) -> list[dict]:
    """The owner makes single-use codes; the rows of the CSV the bot sends."""
    await owner.send_text(f"/newpromo batch {count} {points} {days}")
    await owner.wait_for_text(f"Single-use promo codes made: {count}")
    sheet = await owner.wait_for(lambda m: (m.document or {}).get("file_name", "").endswith("csv"))
    return list(csv.DictReader(io.StringIO(sheet.document_bytes.decode())))


async def shared(owner, args: str) -> str:
    await owner.send_text(f"/newpromo shared {args}")
    made = await owner.wait_for_text("Shared promo code")
    return re.search(r"code (\S+):", made.content).group(1)


async def test_a_batch_comes_as_csv_and_sheet_and_each_code_works_once(harness):
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)
    rows = await batch(harness, olga, 3)
    assert [set(r) for r in rows] == [{"code", "link", "points", "expires_at"}] * 3
    sheet = await olga.wait_for(lambda m: (m.document or {}).get("file_name", "").endswith("pdf"))
    assert sheet.document_bytes.startswith(b"%PDF")
    codes = [r["code"] for r in rows]
    assert len(set(codes)) == 3 and all(len(c.replace("-", "")) == 10 for c in codes)
    assert bits(10) >= 40
    assert all(r["link"].endswith("?start=p_" + r["code"].replace("-", "")) for r in rows)

    ann = await customer(harness, "Ann", shop)
    await ann.send_text(f"/promo {codes[0].lower()}")  # typed in small letters: still the code
    done = await ann.wait_for_text("+20 points in Coffee club with a promo code")
    assert "Balance: 20" in done.content
    await ann.send_text(f"/promo {codes[0]}")
    await ann.wait_for_text("This promo code has been used up")
    bob = await customer(harness, "Bob", shop)
    await bob.send_text(f"/promo {codes[0]}")
    await bob.wait_for_text("This promo code has been used up")
    assert await harness.query(PROMO_ENTRIES) == [(1, 20)]
    assert await balance_of(harness, bob) == 0


async def test_a_deep_link_code_enrolls_a_customer_without_a_card(harness):
    olga = await harness.user("Olga")
    await open_shop(harness, olga)
    rows = await batch(harness, olga, 1, points=7)
    cid = await customer(harness, "Cid")  # no card anywhere: the code brings them in
    await cid.start(rows[0]["link"].split("?start=")[1])
    done = await cid.wait_for_text("+7 points in Coffee club with a promo code")
    assert "You now have a card in Coffee club" in done.content
    assert await balance_of(harness, cid) == 7
    assert await harness.query("SELECT count(*) FROM business_customers") == [(1,)]


async def test_a_shared_code_keeps_its_total_and_per_customer_limits(harness):
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)
    code = await shared(olga, "5 7 2 1")
    ann = await customer(harness, "Ann", shop)
    bob = await customer(harness, "Bob", shop)
    cid = await customer(harness, "Cid", shop)
    await ann.send_text(f"/promo {code}")
    await ann.wait_for_text("+5 points")
    await ann.send_text(f"/promo {code}")
    await ann.wait_for_text("You have already used this promo code")
    await bob.send_text(f"/promo {code}")
    await bob.wait_for_text("+5 points")
    await cid.send_text(f"/promo {code}")
    await cid.wait_for_text("This promo code has been used up")
    assert await harness.query(PROMO_ENTRIES) == [(2, 10)]
    assert await harness.query("SELECT uses, max_uses FROM promo_codes") == [(2, 2)]


async def test_a_shared_code_may_allow_a_customer_several_uses(harness):
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)
    code = await shared(olga, "3 7 10 2")
    ann = await customer(harness, "Ann", shop)
    for balance in (3, 6):
        await ann.send_text(f"/promo {code}")
        await ann.wait_for_text(f"Balance: {balance}")
    await ann.send_text(f"/promo {code}")
    await ann.wait_for_text("You have already used this promo code")
    assert await harness.query(
        "SELECT use_number, idempotency_key LIKE 'promo:%' FROM promo_redemptions ORDER BY id"
    ) == [(1, 1), (2, 1)]


async def test_an_expired_code_is_refused_and_changes_nothing(harness):
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)
    code = await shared(olga, "5 1 10 1")
    await execute(harness, "UPDATE promo_codes SET expires_at = created_at")
    ann = await customer(harness, "Ann", shop)
    await ann.send_text(f"/promo {code}")
    await ann.wait_for_text("This promo code has expired")
    assert await harness.query(PROMO_ENTRIES) == [(0, 0)]
    assert await harness.query("SELECT uses FROM promo_codes") == [(0,)]


async def test_wrong_guesses_are_limited_per_person_and_stored(harness):
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)
    code = await shared(olga, "5 7 10 1")
    mallory = await customer(harness, "Mallory", shop)
    for guess in ("AAAAA-AAAAA", "not a code!", "23456-789AB", "ZZZZZ-ZZZZZ", "XXXXX-XXXXX"):
        await mallory.send_text(f"/promo {guess}")
        await mallory.wait_for_text("There is no such promo code")
    assert await harness.query("SELECT count(*) FROM promo_guesses") == [(WRONG_GUESSES,)]
    await mallory.send_text(f"/promo {code}")  # even the right code waits now
    await mallory.wait_for_text("Too many wrong codes. Try again in 15 min")
    assert await harness.query(PROMO_ENTRIES) == [(0, 0)]
    # Someone else is not held back by Mallory's guesses.
    ann = await customer(harness, "Ann", shop)
    await ann.send_text(f"/promo {code}")
    await ann.wait_for_text("+5 points")
    # Guesses older than the window count no more.
    await execute(harness, "UPDATE promo_guesses SET at = '2000-01-01 00:00:00.000000'")
    await mallory.send_text(f"/promo {code}")
    await mallory.wait_for_text("+5 points")


async def test_a_code_of_a_closed_program_or_suspended_business_is_refused(harness):
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)
    code = await shared(olga, "5 7 10 1")
    ann = await customer(harness, "Ann")
    await execute(harness, "UPDATE loyalty_programs SET active = false")
    await ann.send_text(f"/promo {code}")
    await ann.wait_for_text("That program is no longer active")
    await execute(harness, "UPDATE loyalty_programs SET active = true")
    await execute(harness, "UPDATE businesses SET suspended_at = created_at")
    await ann.send_text(f"/promo {code}")
    await ann.wait_for_text("This business is suspended")
    assert await harness.query(PROMO_ENTRIES) == [(0, 0)]
    assert await harness.query("SELECT count(*) FROM loyalty_cards") == [(0,)]
    assert shop.program.active


async def test_only_the_owner_makes_codes_and_bad_input_is_answered(harness):
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga)
    for args, answer in (
        ("", "Promo codes for your default program"),
        ("batch 0 20 30", "The amount must be more than zero"),
        ("batch 501 20 30", "at most 500"),
        ("batch 5 twenty 30", "The amount must be a whole number"),
        ("shared 5 7 2 3", "Uses per customer cannot be more than uses in all"),
    ):
        await olga.send_text(f"/newpromo {args}".strip())
        await olga.wait_for_text(answer)
    assert await harness.query("SELECT count(*) FROM promo_codes") == [(0,)]
    ann = await customer(harness, "Ann", shop)
    await ann.send_text("/promo")
    await ann.wait_for_text("Send the code after the command")
    await ann.send_text("/newpromo batch 5 20 30")
    await ann.wait_for_text("Only staff of this business can do that")
    sam = await join_staff_by_link(harness, olga, "Sam")
    await sam.send_text("/newpromo shared 5 7 10 1")
    await sam.wait_for_text("Only the business owner can do that")
    assert await harness.query("SELECT count(*) FROM promo_codes") == [(0,)]
