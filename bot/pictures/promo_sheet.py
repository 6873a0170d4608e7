"""A printable sheet of single-use promo codes: A4 pages at 300 dpi, cut along the dashes.

Each card carries the code's QR (its deep link: a phone camera redeems it in one tap), the code
in large letters for typing, its points and its last day, and one line on how to use it. Words
arrive translated; the codes themselves are Latin capitals and digits in any language.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw

from bot.pictures import fonts
from bot.pictures.poster import DPI, page_size
from bot.pictures.qr import POSTER_ERROR_CORRECTION, qr_matrix
from bot.pictures.text import draw_lines, fit_lines

COLUMNS, ROWS = 3, 7  # 21 cards a page, each about 7 × 4 cm
MARGIN = 90  # px, about 7.5 mm: what most printers cannot reach
CUT = (150, 150, 150)


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
    return [
        _page(cards[start : start + per_page], words)
        for start in range(0, max(len(cards), 1), per_page)
    ]


def sheet_pdf(cards: Sequence[SheetCard], words: SheetWords) -> bytes:
    """The sheet as one PDF, a page per 21 codes."""
    pages = sheet_pages(cards, words)
    out = io.BytesIO()
    pages[0].save(out, format="PDF", resolution=DPI, save_all=True, append_images=pages[1:])
    return out.getvalue()


def _page(cards: Sequence[SheetCard], words: SheetWords) -> Image.Image:
    width, height = page_size("a4")
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    cell_w = (width - 2 * MARGIN) // COLUMNS
    cell_h = (height - 2 * MARGIN) // ROWS
    for index, card in enumerate(cards):
        row, column = divmod(index, COLUMNS)
        _card(page, draw, card, words, MARGIN + column * cell_w, MARGIN + row * cell_h,
              cell_w, cell_h)  # fmt: skip
    _cut_lines(draw, cell_w, cell_h)
    return page


def _card(
    page: Image.Image,
    draw: ImageDraw.ImageDraw,
    card: SheetCard,
    words: SheetWords,
    left: int,
    top: int,
    width: int,
    height: int,
) -> None:
    pad = 24
    code = qr_matrix(card.link, POSTER_ERROR_CORRECTION, 1)
    side = max((height - 2 * pad) // code.width, 1) * code.width
    page.paste(code.resize((side, side), Image.Resampling.NEAREST), (left + pad, top + pad))
    text_left = left + pad + side + pad
    room = width - (text_left - left) - pad
    centre = text_left + room / 2
    y = top + pad + 10
    y = draw_lines(draw, fit_lines(words.business, 40, room, rtl=words.rtl), centre, y)
    y = draw_lines(draw, fit_lines(card.code, 54, room, weight=fonts.BOLD), centre, y + 14)
    y = draw_lines(draw, fit_lines(words.points, 44, room, weight=fonts.MEDIUM, rtl=words.rtl),
                   centre, y + 14)  # fmt: skip
    y = draw_lines(draw, fit_lines(words.until, 32, room, rtl=words.rtl), centre, y + 10)
    hint = fit_lines(words.hint, 28, room, rtl=words.rtl, max_lines=2)
    draw_lines(draw, hint, centre, y + 12, fill=(90, 90, 90))


def _cut_lines(draw: ImageDraw.ImageDraw, cell_w: int, cell_h: int) -> None:
    for column in range(COLUMNS + 1):
        x = MARGIN + column * cell_w
        for y in range(MARGIN, MARGIN + ROWS * cell_h, 40):
            draw.line((x, y, x, y + 20), fill=CUT, width=2)
    for row in range(ROWS + 1):
        y = MARGIN + row * cell_h
        for x in range(MARGIN, MARGIN + COLUMNS * cell_w, 40):
            draw.line((x, y, x + 20, y), fill=CUT, width=2)
