"""The printable promo sheet: 21 cards a page, each QR readable and leading to its own code."""

from __future__ import annotations

import io

from PIL import Image

from bot.pictures.promo_sheet import COLUMNS, ROWS, SheetCard, SheetWords, sheet_pages, sheet_pdf
from bot.qr_reader import read_qr_texts

WORDS = {
    "en": SheetWords("Café Lumen", "+20 points", "Valid until Dec 30, 2026", "Send /promo"),
    "ar": SheetWords("مقهى لومن", "+20 نقطة", "صالح حتى 30 ديسمبر", "أرسل /promo", rtl=True),
}


def cards(count: int) -> list[SheetCard]:
    return [
        SheetCard(f"K7QXM-{n:05d}", f"https://t.me/loyalty_test_bot?start=p_K7QXM{n:05d}")
        for n in range(count)
    ]


def test_a_page_holds_21_cards_and_more_codes_make_more_pages():
    per_page = COLUMNS * ROWS
    assert per_page == 21
    assert len(sheet_pages(cards(per_page), WORDS["en"])) == 1
    assert len(sheet_pages(cards(per_page + 1), WORDS["en"])) == 2
    assert sheet_pdf(cards(30), WORDS["ar"]).startswith(b"%PDF")


def test_every_card_on_a_page_reads_back_as_its_own_link():
    made = cards(COLUMNS * ROWS)
    for words in WORDS.values():
        page = sheet_pages(made, words)[0]
        out = io.BytesIO()
        page.save(out, format="PNG")
        found = read_qr_texts(out.getvalue())
        assert sorted(found) == sorted(card.link for card in made)


def test_the_sheet_is_an_a4_page_at_300_dpi():
    page = sheet_pages(cards(1), WORDS["en"])[0]
    assert isinstance(page, Image.Image) and page.size == (2480, 3508)
