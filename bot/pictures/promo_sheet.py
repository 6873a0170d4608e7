"""A printable sheet of single-use promo codes: A4 pages at 300 dpi, cut along the dashes.

Each card carries the code's QR (its deep link: a phone camera redeems it in one tap), the code
in large letters for typing, its points and its last day, and one line on how to use it. Words
arrive translated; the codes themselves are Latin capitals and digits in any language.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import qrcode
from PIL import Image, ImageDraw

from bot.pictures import fonts
from bot.pictures.poster import DPI, page_size
from bot.pictures.qr import POSTER_ERROR_CORRECTION, QUIET_ZONE_MODULES
from bot.pictures.text import Line, draw_lines, fit_lines

COLUMNS, ROWS = 3, 7  # 21 cards a page, each about 7 × 4 cm
MARGIN = 90  # px, about 7.5 mm: what most printers cannot reach
PAD = 24  # px between a card's edge, its QR and its words
CUT = 0  # the dashes print black: pages go to the PDF as black and white
INK_THRESHOLD = 160  # grey levels above it print white
# One fixed mask (of the eight the standard allows) instead of scoring all eight per code: that
# scoring is pure Python and took 40 of the 90 ms each card cost; every code still reads back
# (tests/pictures/test_promo_sheet.py).
MASK = 2


@dataclass(frozen=True)
class SheetCard:
    code: str  # as printed (grouped)
    link: str


@dataclass(frozen=True)
class SheetWords:
    business: str
    points: str  # "+20 points"
    until: str  # "Valid until 31 Dec 2026"
    hint: str
    rtl: bool | None = None


def sheet_pages(cards: Sequence[SheetCard], words: SheetWords) -> list[Image.Image]:
    per_page = COLUMNS * ROWS
    width, height = page_size("a4")
    cell = ((width - 2 * MARGIN) // COLUMNS, (height - 2 * MARGIN) // ROWS)
    blank = _blank_card(words, cards[0] if cards else SheetCard("", ""), cell)
    return [
        _page(cards[start : start + per_page], blank, cell)
        for start in range(0, max(len(cards), 1), per_page)
    ]


def sheet_pdf(cards: Sequence[SheetCard], words: SheetWords) -> bytes:
    """The sheet as one PDF, a page per 21 codes."""
    pages = [_black_and_white(page) for page in sheet_pages(cards, words)]
    out = io.BytesIO()
    pages[0].save(out, format="PDF", resolution=DPI, save_all=True, append_images=pages[1:])
    return out.getvalue()


def _black_and_white(page: Image.Image) -> Image.Image:
    """One bit a pixel: a page of 21 cards is about 95 KB in the PDF instead of 1 MB."""
    return page.point(lambda v: 255 if v > INK_THRESHOLD else 0).convert("1", dither=None)


@dataclass(frozen=True)
class _Blank:
    """A card with the words every card shares, drawn once; each card adds its QR and code."""

    image: Image.Image
    qr_side: int
    code: Line  # the code line's font (every code has the same length)
    code_centre: float
    code_top: int


def _blank_card(words: SheetWords, sample: SheetCard, cell: tuple[int, int]) -> _Blank:
    width, height = cell
    image = Image.new("L", cell, 255)
    draw = ImageDraw.Draw(image)
    qr = _qr(sample.link or "https://t.me/")
    side = max((height - 2 * PAD) // qr.width, 1) * qr.width
    text_left = PAD + side + PAD
    room = width - text_left - PAD
    centre = text_left + room / 2
    y = draw_lines(draw, fit_lines(words.business, 40, room, rtl=words.rtl), centre, PAD + 10)
    code = fit_lines(sample.code or "XXXXX-XXXXX", 54, room, weight=fonts.BOLD)[0]
    code_top = y + 14
    y = code_top + code.height + 14
    y = draw_lines(draw, fit_lines(words.points, 44, room, weight=fonts.MEDIUM, rtl=words.rtl),
                   centre, y)  # fmt: skip
    y = draw_lines(draw, fit_lines(words.until, 32, room, rtl=words.rtl), centre, y + 10)
    hint = fit_lines(words.hint, 28, room, rtl=words.rtl, max_lines=2)
    draw_lines(draw, hint, centre, y + 12)
    return _Blank(image, side, code, centre, code_top)


def _page(cards: Sequence[SheetCard], blank: _Blank, cell: tuple[int, int]) -> Image.Image:
    page = Image.new("L", page_size("a4"), 255)
    draw = ImageDraw.Draw(page)
    for index, card in enumerate(cards):
        row, column = divmod(index, COLUMNS)
        left, top = MARGIN + column * cell[0], MARGIN + row * cell[1]
        page.paste(blank.image, (left, top))
        qr = _qr(card.link).resize((blank.qr_side, blank.qr_side), Image.Resampling.NEAREST)
        page.paste(qr, (left + PAD, top + PAD))
        line = Line(card.code, blank.code.face, blank.code.direction)
        draw_lines(draw, [line], left + blank.code_centre, top + blank.code_top)
    _cut_lines(draw, *cell)
    return page


def _cut_lines(draw: ImageDraw.ImageDraw, cell_w: int, cell_h: int) -> None:
    for column in range(COLUMNS + 1):
        x = MARGIN + column * cell_w
        for y in range(MARGIN, MARGIN + ROWS * cell_h, 40):
            draw.line((x, y, x, y + 20), fill=CUT, width=2)
    for row in range(ROWS + 1):
        y = MARGIN + row * cell_h
        for x in range(MARGIN, MARGIN + COLUMNS * cell_w, 40):
            draw.line((x, y, x + 20, y), fill=CUT, width=2)


def _qr(link: str) -> Image.Image:
    qr = qrcode.QRCode(
        error_correction=POSTER_ERROR_CORRECTION, box_size=1, border=QUIET_ZONE_MODULES,
        mask_pattern=MASK,
    )  # fmt: skip
    qr.add_data(link)
    qr.make(fit=True)
    return qr.make_image(fill_color="black", back_color="white").get_image().convert("L")
