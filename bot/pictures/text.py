"""One line of text in a picture: its direction, a size that fits, and drawing it centred."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

from PIL import ImageDraw, ImageFont

from bot.pictures import fonts

Direction = Literal["ltr", "rtl"]

_ISOLATE_OPENERS = {"\u2066", "\u2067", "\u2068"}  # LRI, RLI, FSI
_ISOLATE_CLOSER = "\u2069"  # PDI
_SMALLEST_PX = 10


def direction_of(text: str) -> Direction:
    """The paragraph direction the Unicode bidi rules give (UAX #9, P2 and P3).

    The first strong letter decides, skipping what sits inside isolates: "مقهى لومن K7QX" is
    right to left, "Join مقهى لومن" left to right.
    """
    depth = 0
    for char in text:
        if char in _ISOLATE_OPENERS:
            depth += 1
        elif char == _ISOLATE_CLOSER and depth:
            depth -= 1
        elif depth == 0:
            kind = unicodedata.bidirectional(char)
            if kind == "L":
                return "ltr"
            if kind in ("R", "AL"):
                return "rtl"
    return "ltr"


@dataclass(frozen=True)
class Line:
    """A line ready to draw: printable text, the font size that fits, and its direction."""

    text: str
    face: ImageFont.FreeTypeFont
    direction: Direction

    @property
    def height(self) -> int:
        ascent, descent = self.face.getmetrics()
        return ascent + descent

    @property
    def layout_direction(self) -> Direction | None:
        """The direction to hand Pillow: the basic layout (no libraqm) refuses any."""
        return self.direction if fonts.SHAPING else None

    def width(self) -> float:
        return self.face.getlength(self.text, direction=self.layout_direction)


def fit_lines(
    text: str,
    size: int,
    width: float,
    *,
    weight: int = fonts.REGULAR,
    rtl: bool | None = None,
    max_lines: int = 1,
) -> list[Line]:
    """The text in lines no wider than `width`, as large as they fit from `size` pixels down.

    One line is kept while it fits at four fifths of `size`; then it wraps between words (up to
    `max_lines`, the words in reading order), then shrinks to a legible minimum. `rtl` None takes
    the direction from the text itself.
    """
    text = fonts.printable(text)
    direction: Direction = direction_of(text) if rtl is None else ("rtl" if rtl else "ltr")
    words = _words(text)
    for count in range(1, max_lines + 1):
        floor = _SMALLEST_PX if count == max_lines else int(size * 0.8)
        for px in _sizes(size, floor):
            face = fonts.font(px, weight)
            lines = [Line(part, face, direction) for part in _wrap(words, face, width)]
            if len(lines) <= count and all(line.width() <= width for line in lines):
                return lines
    return [Line(text, fonts.font(_SMALLEST_PX, weight), direction)]  # too long: overflows


def fit_line(
    text: str, size: int, width: float, *, weight: int = fonts.REGULAR, rtl: bool | None = None
) -> Line:
    """The text on one line, shrunk from `size` pixels until it fits `width`."""
    return fit_lines(text, size, width, weight=weight, rtl=rtl)[0]


def _sizes(start: int, floor: int) -> list[int]:
    sizes = [start]
    while sizes[-1] > floor:
        sizes.append(max(floor, int(sizes[-1] * 0.9)))
    return sizes


def _words(text: str) -> list[str]:
    """Split at spaces, except inside a bidi isolate: a wrapped name or code stays whole."""
    words, current, depth = [], "", 0
    for char in text:
        if char == " " and depth == 0:
            words.append(current)
            current = ""
            continue
        if char in _ISOLATE_OPENERS:
            depth += 1
        elif char == _ISOLATE_CLOSER and depth:
            depth -= 1
        current += char
    return [*words, current]


def _wrap(words: list[str], face: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Greedy: each line takes words while it fits (a lone word too long keeps its own line)."""
    lines = [words[0]]
    for word in words[1:]:
        candidate = f"{lines[-1]} {word}"
        if face.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def draw_lines(
    draw: ImageDraw.ImageDraw,
    lines: list[Line],
    center_x: float,
    top: int,
    fill: int | tuple[int, int, int] = 0,
) -> int:
    """Draws the lines centred on `center_x`, one under the other from `top`; returns the bottom.

    Each line takes the font's full ascent and descent, so Arabic marks below the baseline and
    accents above capitals are never cut, whatever letters this text happens to have.
    """
    for line in lines:
        draw.text(
            (center_x, top),
            line.text,
            fill=fill,
            font=line.face,
            anchor="ma",  # middle of the advance, top at the font's ascender
            direction=line.layout_direction,
        )
        top += line.height
    return top
