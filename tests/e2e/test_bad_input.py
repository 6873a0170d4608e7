"""Bad input end to end: each gets a clear answer and changes nothing."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image

from bot.pictures.qr import customer_qr_png
from domain.tokens import TokenSigner
from tests.e2e.helpers import balance_of, customer, open_shop, qr_photo, scanned_once


def blank_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), "white").save(out, "PNG")
    return out.getvalue()


async def ledger_rows(harness) -> int:
    return (await harness.query("SELECT count(*) FROM point_transactions"))[0][0]


async def scan_outcomes(harness) -> list[str]:
    return [row[0] for row in await harness.query("SELECT outcome FROM qr_scan_logs ORDER BY id")]


async def test_a_photo_without_a_qr_code_is_answered_clearly(harness):
    owner = await harness.user("Olga")
    await open_shop(harness, owner)
    await owner.send_photo(blank_png())
    await owner.wait_for_text("couldn't find a QR code")
    assert await ledger_rows(harness) == 0


async def test_a_qr_code_that_is_not_ours_is_refused(harness):
    owner = await harness.user("Olga")
    await open_shop(harness, owner)
    await owner.send_photo(customer_qr_png("https://example.com/menu"))
    await owner.wait_for_text("not a loyalty code")


async def test_forged_expired_and_revoked_codes_award_nothing_and_are_logged(harness):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    old_photo = await qr_photo(ann)
    public_id, version = (await harness.query("SELECT public_id, qr_key_version FROM customers "
                                              "WHERE telegram_id = :t", t=ann.id))[0]  # fmt: skip
    link = "https://t.me/x?start=q_{}"
    forged = TokenSigner(b"another-secret-key-0123456789").sign(public_id, version)
    await owner.send_photo(customer_qr_png(link.format(forged)))
    await owner.wait_for_text("forged or altered")

    signer = harness.app.bot_data["services"].signer
    expired = signer.sign(public_id, version, datetime.now(UTC) - timedelta(minutes=1))
    await owner.send_photo(customer_qr_png(link.format(expired)))
    await owner.wait_for_text("has expired")

    await ann.send_text("/newqr")
    await ann.wait_for_text("old code no longer works")
    await owner.send_photo(old_photo)
    await owner.wait_for_text("replaced by a newer one")
    assert await ledger_rows(harness) == 0
    assert await scan_outcomes(harness) == ["forged", "expired", "revoked"]


async def test_someone_who_is_not_staff_cannot_scan_or_use_staff_commands(harness):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    mallory = await customer(harness, "Mallory")
    await mallory.send_photo(await qr_photo(ann))
    await mallory.wait_for_text("Only business staff can scan")
    await mallory.send_text("/code ABCD-EFGH")
    await mallory.wait_for_text("Only staff")
    assert await ledger_rows(harness) == 0 and await scan_outcomes(harness) == []


async def invited(harness):
    owner = await harness.user("Olga")
    await open_shop(harness, owner)
    bob = await customer(harness, "Bob")
    await owner.send_photo(await qr_photo(bob))
    invitation = await bob.wait_for_text("invites you")
    return owner, bob, invitation


async def test_a_customer_cannot_answer_another_customers_request(harness):
    await invited(harness)
    request_id = (await harness.query("SELECT id FROM customer_approval_requests"))[0][0]
    eve = await customer(harness, "Eve")
    await eve.send_text("📨 Requests")
    await eve.wait_for_text("No requests")
    press = await eve.press_data(await eve.last_message(), f"rq:{request_id}:y")
    answer = await press.answer()
    assert answer is not None and "not addressed to you" in answer
    assert await harness.query("SELECT status FROM customer_approval_requests") == [("pending",)]


async def test_a_button_pressed_twice_acts_once(harness):
    _owner, bob, invitation = await invited(harness)
    await bob.press(invitation, label="✅ Accept")
    await bob.wait_for_text("You joined")
    press = await bob.press_data(invitation, invitation.buttons[0][1][1])  # Reject, too late
    answer = await press.answer()
    assert answer is not None and "already approved" in answer
    assert await harness.query("SELECT count(*) FROM loyalty_cards") == [(1,)]


async def test_a_stale_button_after_expiry_is_refused(harness):
    _owner, bob, invitation = await invited(harness)
    services = harness.app.bot_data["services"]
    async with services.uow() as uow:  # the invitation's time runs out
        request = await uow.requests.get(1)
        request.expires_at = datetime.now(UTC) - timedelta(seconds=1)
        await uow.requests.update(request)
        await uow.commit()
    press = await bob.press(invitation, label="✅ Accept")
    answer = await press.answer()
    assert answer is not None and "expired" in answer
    assert await harness.query("SELECT count(*) FROM loyalty_cards") == [(0,)]


@pytest.mark.parametrize(
    ("typed", "reply"),
    [
        ("0", "more than zero"),
        ("-5", "more than zero"),
        ("100000000", "too large"),
        ("ten", "whole number"),
        ("2.5", "whole number"),
    ],
)
async def test_bad_amounts_are_refused_and_nothing_moves(harness, typed, reply):
    scan = await scanned_once(harness)
    owner, ann, scanned = scan.owner, scan.ann, scan.reply
    await owner.press(scanned, label="Other amount")
    await owner.wait_for_text("How many to add")
    await owner.send_text(typed)
    await owner.wait_for_text(reply)
    assert await balance_of(harness, ann) == 10


async def test_unknown_commands_and_very_long_texts_get_a_hint(harness):
    ann = await customer(harness, "Ann")
    await ann.send_text("/frobnicate")
    await ann.wait_for_text("I don't know that command")
    await ann.send_text("x" * 4000)
    await ann.wait_for_text("too long")


async def test_a_document_that_is_not_an_image_is_refused_but_an_image_file_scans(harness):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    await owner.send_document(b"%PDF-1.4 not a photo", "menu.pdf", "application/pdf")
    await owner.wait_for_text("as a photo")
    await owner.send_document(await qr_photo(ann), "qr.png", "image/png")
    await owner.wait_for_text("Ann: +10")


@pytest.mark.parametrize("harness", [{"max_photo_bytes": 2000}], indirect=True)
async def test_an_image_over_the_size_limit_is_refused(harness):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    await owner.send_photo(await qr_photo(ann))
    await owner.wait_for_text("too large")
    assert await ledger_rows(harness) == 0
