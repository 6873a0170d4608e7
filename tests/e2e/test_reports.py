"""Reports through the real bot: customers by page, history, statistics, CSV export, poster."""

from __future__ import annotations

import csv
import io

import numpy as np
from PIL import Image

from bot.pictures.poster import PosterSpec, poster_image
from bot.qr_reader import read_qr_texts
from tests.e2e.helpers import join_staff_by_link, open_shop
from tests.e2e.test_business import (
    NOT_STAFF,
    join_customer,
    manual_code,
    open_business,
    open_program,
)

BACKENDS = ("sqlite", "postgresql")  # /stats reads the hours the scans and ledger keep on both


async def award(harness, staff, customer) -> None:
    """Staff type the customer's manual code: one scan, the program's points per scan."""
    await staff.send_text(f"/code {await manual_code(harness, customer)}")
    await staff.wait_for_text(f"{customer.first_name}: +")


async def test_customers_are_shown_ten_per_page_with_prev_and_next(harness):
    olga = await open_business(harness)
    await open_program(olga)
    for n in range(12):
        await join_customer(harness, f"Cust{n:02d}")
    await olga.send_text("/customers")
    first = await olga.wait_for_text("Customers (12), page 1 of 2")
    assert len(first.content.splitlines()) == 11
    assert first.buttons[-1] == [("Next ➡️", "cp:1")]
    await olga.press(first, label="Next ➡️")
    second = await olga.wait_for_text("page 2 of 2")
    assert second.message_id == first.message_id  # the same message, edited
    assert len(second.content.splitlines()) == 3
    assert second.buttons[-1] == [("⬅️ Prev", "cp:0")]
    await olga.press(second, label="⬅️ Prev")
    await olga.wait_for_text("page 1 of 2")
    shown = {line.split(":")[0].split(". ")[1] for line in first.content.splitlines()[1:]}
    shown |= {line.split(":")[0].split(". ")[1] for line in second.content.splitlines()[1:]}
    assert shown == {f"Cust{n:02d}" for n in range(12)}


async def test_a_customer_button_shows_their_history_at_this_business_only(harness):
    olga = await open_business(harness)
    await open_program(olga)
    max_ = await open_business(harness, owner="Max", business="Rival")
    await open_program(max_, "Rival club | points | 7 | 50 | Free tea")
    ann = await join_customer(harness, "Ann", "Coffee club")
    rival = "SELECT join_code FROM loyalty_programs WHERE name = 'Rival club'"
    await ann.start(f"j_{(await harness.query(rival))[0][0]}")
    await ann.wait_for_text("You joined Rival club")
    await award(harness, olga, ann)
    await award(harness, max_, ann)
    await olga.send_text("/customers")
    listing = await olga.wait_for_text("Customers (1)")
    assert "Ann: balance 10, visits 1" in listing.content
    await olga.press(listing, label="📜 Ann")
    history = await olga.wait_for_text("📜 Ann here:")
    assert "+10  Coffee club" in history.content
    assert "Rival" not in history.content and "+7" not in history.content

    await max_.send_text("/customers")
    rival_list = await max_.wait_for_text("Customers (1)")
    bob = await join_customer(harness, "Bob", "Coffee club")  # Olga's customer only
    bob_id = (await harness.query("SELECT id FROM customers WHERE telegram_id = :i", i=bob.id))[0][
        0
    ]
    press = await max_.press_data(rival_list, f"ch:{bob_id}")
    assert (
        await press.answer()
        == "I don't know this customer yet. Ask them to open the bot and press Start."
    )


async def test_stats_count_scans_points_and_customers(harness):
    olga = await open_business(harness)
    await open_program(olga)
    ann = await join_customer(harness, "Ann")
    bob = await join_customer(harness, "Bob")
    await join_customer(harness, "Cid")
    await award(harness, olga, ann)
    await award(harness, olga, bob)
    await olga.send_text("/stats")
    stats = await olga.wait_for_text("📊 Statistics")
    assert stats.photo is not None  # the chart, with the figures as its caption
    for period in ("Today", "Last 7 days", "Last 30 days"):
        assert (
            f"{period}: 2 scans, 20 points issued, 0 redeemed, 3 new and 3 active customers"
            in stats.content
        )


async def test_export_sends_customers_and_ledger_csv_matching_the_database(harness):
    olga = await open_business(harness)
    await open_program(olga)
    ann = await join_customer(harness, "Ann")
    await join_customer(harness, "=HYPERLINK(1)")  # a name a spreadsheet would run
    await award(harness, olga, ann)
    await olga.send_text("/export")
    customers_doc = await olga.wait_for(
        lambda m: (m.document or {}).get("file_name") == "customers.csv"
    )
    ledger_doc = await olga.wait_for(lambda m: (m.document or {}).get("file_name") == "ledger.csv")
    customers = list(csv.DictReader(io.StringIO(customers_doc.document_bytes.decode("utf-8-sig"))))
    ledger = list(csv.DictReader(io.StringIO(ledger_doc.document_bytes.decode("utf-8-sig"))))
    stored = await harness.query(
        "SELECT c.id, c.display_name, bc.visits FROM business_customers bc"
        " JOIN customers c ON c.id = bc.customer_id ORDER BY bc.id"
    )
    assert [(int(r["customer_id"]), r["name"], int(r["visits"])) for r in customers] == [
        (cid, name if not name.startswith("=") else "'" + name, visits)
        for cid, name, visits in stored
    ]
    assert [r["balance"] for r in customers] == ["10", "0"]
    stored_ledger = await harness.query(
        "SELECT t.id, t.delta, t.kind, c.number FROM point_transactions t"
        " JOIN loyalty_cards c ON c.id = t.card_id"
    )
    assert [
        (int(r["entry_id"]), int(r["delta"]), r["kind"], r["card"]) for r in ledger
    ] == stored_ledger


async def test_export_is_for_the_owner_only(harness):
    olga = await open_business(harness)
    bob = await join_staff_by_link(harness, olga, "Bob")
    await bob.send_text("/export")
    await bob.wait_for_text("Only the business owner can do that.")


async def test_poster_is_a_png_whose_qr_code_is_the_join_link(harness):
    olga = await open_business(harness)
    await olga.send_text("/poster")
    await olga.wait_for_text("No active program")
    await open_program(olga)
    await olga.send_text("/poster")
    poster = await olga.wait_for(lambda m: (m.document or {}).get("file_name") == "poster-a5.png")
    assert poster.document_bytes.startswith(b"\x89PNG")
    pdf = await olga.wait_for(lambda m: (m.document or {}).get("file_name") == "poster-a5.pdf")
    assert pdf.document_bytes.startswith(b"%PDF")
    code = (await harness.query("SELECT join_code FROM loyalty_programs"))[0][0]
    bot = await harness.sb.bot_info()
    assert read_qr_texts(poster.document_bytes) == [
        f"https://t.me/{bot['username']}?start=j_{code}"
    ]


async def test_poster_of_an_arabic_named_business_prints_its_name_and_reads(harness):
    owner = await harness.user("Karim")
    shop = await open_shop(harness, owner, name="مقهى لومن")
    await owner.send_text("/poster")
    poster = await owner.wait_for(lambda m: (m.document or {}).get("file_name") == "poster-a5.png")
    bot = await harness.sb.bot_info()
    link = f"https://t.me/{bot['username']}?start=j_{shop.program.join_code}"
    assert read_qr_texts(poster.document_bytes) == [link]
    # The title band (above the program, whatever its words) is the shaped Arabic name.
    sent = np.asarray(Image.open(io.BytesIO(poster.document_bytes)))[:200]
    expected = np.asarray(poster_image(PosterSpec(link, "مقهى لومن", "x")))[:200]
    assert sent.max() > 200 and np.array_equal(sent, expected)


async def test_poster_in_a4_with_the_brand_colour_and_bad_options_refused(harness):
    olga = await open_business(harness)
    await open_program(olga)
    await olga.send_text("/poster #1e6b52 A4")
    poster = await olga.wait_for(lambda m: (m.document or {}).get("file_name") == "poster-a4.png")
    image = Image.open(io.BytesIO(poster.document_bytes)).convert("RGB")
    assert image.size == (2480, 3508) and image.getpixel((5, 5)) == (0x1E, 0x6B, 0x52)
    await olga.send_text("/poster letter purple")
    await olga.wait_for_text("choose the paper and your colour")


async def test_reports_refuse_people_who_are_not_staff(harness):
    await open_business(harness)
    eve = await harness.user("Eve")
    for command in ("/customers", "/stats", "/export", "/poster"):
        await eve.send_text(command)
        await eve.wait_for_text(NOT_STAFF)
