"""The printable join poster: A5 or A4 at 300 dpi, as PNG and PDF, in the owner's language.

A band in the business's colour carries its name; below it the program and its rewards, a big
join QR code and one line of instructions. The code stays black on white whatever the colour
(a scanner needs the contrast), and takes most of the page's width, so a phone reads it from a
metre away. Words arrive translated; right-to-left lines are laid out right to left.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from PIL import Image, ImageDraw

from bot.pictures import fonts
from bot.pictures.qr import POSTER_ERROR_CORRECTION, qr_matrix
from bot.pictures.text import draw_lines, fit_lines

DPI = 300
PAPER_MM = {"a5": (148, 210), "a4": (210, 297)}
HEX_COLOUR = re.compile(r"#?([0-9a-fA-F]{6})")
DEFAULT_COLOUR = (34, 34, 34)
TEXT_WIDTH = 0.86  # of the page: a margin on each side
CODE_WIDTH = 0.7  # of the page
MAX_REWARD_LINES = 10  # a rewards ladder's most rungs (domain.rewards.MAX_REWARDS)


@dataclass(frozen=True)
class PosterSpec:
    link: str
    business: str
    program: str
    rewards: list[str] = field(default_factory=list)  # one line per reward, cheapest first
    instruction: str = ""
    paper: str = "a5"
    colour: tuple[int, int, int] | None = None
    rtl: bool | None = None


def parse_colour(text: str) -> tuple[int, int, int] | None:
    """#RRGGBB (or RRGGBB) as a colour; None if it is not one."""
    match = HEX_COLOUR.fullmatch(text.strip())
    if match is None:
        return None
    value = int(match[1], 16)
    return (value >> 16) & 255, (value >> 8) & 255, value & 255


def page_size(paper: str) -> tuple[int, int]:
    width_mm, height_mm = PAPER_MM[paper]
    return round(width_mm / 25.4 * DPI), round(height_mm / 25.4 * DPI)


def poster_image(spec: PosterSpec) -> Image.Image:
    width, height = page_size(spec.paper)
    scale = width / page_size("a5")[0]  # A4 is the same layout, larger
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    colour = spec.colour or DEFAULT_COLOUR
    room = width * TEXT_WIDTH
    title = fit_lines(spec.business, int(130 * scale), room, weight=fonts.BOLD, rtl=spec.rtl,
                      max_lines=2)  # fmt: skip
    band = int(sum(line.height for line in title) + 120 * scale)
    draw.rectangle((0, 0, width, band), fill=colour)
    draw_lines(draw, title, width / 2, int(60 * scale), fill=_ink_on(colour))
    bottom = band + int(50 * scale)
    program = fit_lines(spec.program, int(80 * scale), room, weight=fonts.MEDIUM, rtl=spec.rtl,
                        max_lines=2)  # fmt: skip
    bottom = draw_lines(draw, program, width / 2, bottom, fill=colour)
    # The whole ladder: a long one in smaller type, a line each, so the code keeps its room.
    shown = spec.rewards[:MAX_REWARD_LINES]
    size = 58 if len(shown) <= 5 else 58 * 5 // len(shown) + 6
    for reward in shown:
        lines = fit_lines(reward, int(size * scale), room, rtl=spec.rtl,
                          max_lines=2 if len(shown) <= 5 else 1)  # fmt: skip
        bottom = draw_lines(draw, lines, width / 2, bottom + int(10 * scale))
    instruction = fit_lines(spec.instruction, int(52 * scale), room, rtl=spec.rtl, max_lines=2)
    words = sum(line.height for line in instruction) + int(40 * scale)
    code = _code(spec.link, int(width * CODE_WIDTH), height - bottom - words - int(160 * scale))
    # What is left is shared out: a little more below than above the code looks settled.
    top = bottom + (height - bottom - code.height - words) * 2 // 5
    page.paste(code, ((width - code.width) // 2, top))
    draw_lines(draw, instruction, width / 2, top + code.height + int(40 * scale))
    return page


def poster_files(spec: PosterSpec) -> tuple[bytes, bytes]:
    """The poster as a PNG and as a PDF (the page size printed, at 300 dpi)."""
    image = poster_image(spec)
    png, pdf = io.BytesIO(), io.BytesIO()
    image.save(png, format="PNG", optimize=True, dpi=(DPI, DPI))
    image.save(pdf, format="PDF", resolution=DPI)
    return png.getvalue(), pdf.getvalue()


def _code(link: str, most: int, room: int) -> Image.Image:
    """The join code as large as fits, in whole pixels per module so its edges stay crisp."""
    code = qr_matrix(link, POSTER_ERROR_CORRECTION, 1)
    side = max(min(most, room) // code.width, 1) * code.width
    return code.resize((side, side), Image.Resampling.NEAREST).convert("RGB")


def _ink_on(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    """Black or white, whichever reads better on the colour (its relative luminance)."""
    red, green, blue = (_linear(c / 255) for c in colour)
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return (0, 0, 0) if luminance > 0.4 else (255, 255, 255)


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
