"""The one font the pictures use (Rubik: Latin, Cyrillic and Arabic) and which letters it has."""

from __future__ import annotations

import functools
import logging
import threading
import unicodedata
from importlib import resources

from PIL import ImageFont, features

from bot.lru import LruCache

log = logging.getLogger(__name__)

# Rubik is one variable font with Latin (accents included), Cyrillic, Arabic and Hebrew, so a
# line mixing an Arabic phrase with a Latin name or code is shaped and ordered in one pass; it
# comes from PyPI as package data (fontpkg-rubik), so no system font is assumed.
FONT_FILE = resources.files("fontpkg_rubik") / "files" / "Rubik[wght].ttf"
REGULAR = 400
MEDIUM = 500
BOLD = 700

# libraqm (HarfBuzz + FriBiDi, bundled in Pillow's wheels) joins Arabic letters and lays text out
# right to left; Pillow's basic layout would print Arabic as isolated letters, left to right.
SHAPING = features.check_feature("raqm")

_NOT_A_CHARACTER = "\U0010ffff"  # never in a font: FreeType draws the .notdef box for it
COVERAGE_KEPT = 4096  # characters whose answer is remembered (names bring new ones each day)
_coverage: LruCache[str, bool] = LruCache(COVERAGE_KEPT)
_coverage_lock = threading.Lock()


def font(size: int, weight: int = REGULAR) -> ImageFont.FreeTypeFont:
    """A fresh font object (FreeType faces must not be shared between threads); cheap to make."""
    if not SHAPING:
        _warn_unshaped()
    layout = ImageFont.Layout.RAQM if SHAPING else ImageFont.Layout.BASIC
    face = ImageFont.truetype(str(FONT_FILE), size, layout_engine=layout)
    face.set_variation_by_axes([weight])  # the file's own default is Light (300)
    return face


@functools.cache
def _warn_unshaped() -> None:
    log.warning("Pillow has no libraqm: Arabic text in pictures prints unjoined, left to right")


def has_glyph(char: str) -> bool:
    """Whether the font draws this character as itself rather than as the empty box."""
    with _coverage_lock:
        known = _coverage.get(char)
        if known is None:
            known = _coverage[char] = _mask(char) != _mask(_NOT_A_CHARACTER)
        return known


def _mask(char: str) -> tuple[tuple[int, int], bytes]:
    # Basic layout: one character, its own glyph; a missing one comes out as glyph 0 (.notdef).
    face = ImageFont.truetype(str(FONT_FILE), 32, layout_engine=ImageFont.Layout.BASIC)
    mask = face.getmask(char)
    return mask.size, bytes(mask)


def printable(text: str) -> str:
    """The text with what the font lacks (emoji, CJK...) left out, so no box is ever printed.

    Spaces and invisible formatting characters (bidi isolates, joiners) stay: they have no glyph
    to draw, and the layout uses them.
    """
    kept = [
        char
        for char in unicodedata.normalize("NFC", text)
        if char.isspace() or unicodedata.category(char) == "Cf" or has_glyph(char)
    ]
    return " ".join("".join(kept).split())
