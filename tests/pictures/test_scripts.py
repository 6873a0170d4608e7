"""Text in pictures: Latin, Arabic and Cyrillic names in full, Arabic joined, right to left."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, features

from bot.pictures import fonts
from bot.pictures.text import direction_of, draw_lines, fit_line, fit_lines

NAMES = ["Café Lumen", "مقهى لومن", "Кофейня"]


def ink(text: str, *, rtl: bool | None = None) -> np.ndarray:
    """The drawn line as ink (0 blank .. 255 black), cut to the columns that have some."""
    line = fit_line(text, 40, 10_000, rtl=rtl)
    canvas = Image.new("L", (2000, line.height + 20), 255)
    draw_lines(ImageDraw.Draw(canvas), [line], 1000, 10)
    drawn = 255 - np.asarray(canvas).astype(int)
    columns = np.flatnonzero(drawn.sum(axis=0))
    return drawn[:, columns[0] : columns[-1] + 1]


def test_pillow_shapes_text_with_libraqm():
    # Without it Arabic prints as unjoined letters, left to right: that must fail here, loudly.
    assert features.check("raqm")
    assert fonts.SHAPING


@pytest.mark.parametrize("name", NAMES)
def test_the_font_has_every_letter_of_the_name(name):
    assert all(fonts.has_glyph(char) for char in name if not char.isspace())
    assert fonts.printable(name) == name


def test_a_letter_the_font_lacks_is_told_apart_from_one_it_has():
    # The check compares with the .notdef box: these have no glyph in the font.
    assert not fonts.has_glyph("☕")
    assert not fonts.has_glyph("咖")
    assert fonts.has_glyph("é")


def test_letters_the_font_lacks_are_left_out_rather_than_printed_as_boxes():
    assert fonts.printable("Café Lumen ☕") == "Café Lumen"
    assert fonts.printable("咖啡 Кофейня") == "Кофейня"
    # Bidi isolates (the translations wrap names and codes in them) stay, invisible.
    assert fonts.printable("انضم إلى \u2068Café Lumen\u2069") == "انضم إلى \u2068Café Lumen\u2069"
    assert np.array_equal(ink("\u2068Café Lumen\u2069"), ink("Café Lumen"))


def test_decomposed_accents_print_as_the_composed_letter():
    assert np.array_equal(ink("Cafe\u0301"), ink("Café"))


@pytest.mark.parametrize("word", ["لومن", "مقهى"])
def test_arabic_letters_are_joined(word):
    # Each letter alone takes its isolated form, what an unshaped layout prints side by side;
    # joined, the initial, medial and final forms are narrower.
    def width(text: str) -> float:
        return fit_line(text, 40, 10_000).width()

    assert width(word) < 0.9 * sum(width(letter) for letter in word)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("مقهى لومن", "rtl"),
        ("مقهى لومن K7QX-4M2P", "rtl"),
        ("Join مقهى لومن", "ltr"),
        ("Кофейня", "ltr"),
        ("\u2068Café Lumen\u2069 مقهى", "rtl"),  # what sits inside an isolate does not decide
        ("1234", "ltr"),
    ],
)
def test_a_line_takes_its_direction_from_its_first_strong_letter(text, direction):
    assert direction_of(text) == direction


@pytest.mark.parametrize(
    ("rtl", "code_at"),
    [(True, "left"), (None, "left"), (False, "right")],
)
def test_a_latin_code_in_an_arabic_line_sits_where_the_direction_puts_it(rtl, code_at):
    line = ink("مقهى لومن K7QX-4M2P", rtl=rtl)
    code = ink("K7QX-4M2P")
    width = code.shape[1]
    left = np.abs(line[:, :width] - code).mean()
    right = np.abs(line[:, -width:] - code).mean()
    assert (left < right) == (code_at == "left")
    assert min(left, right) < 1  # the code itself is drawn exactly as alone


def test_arabic_reads_right_to_left():
    # The first word of "مقهى لومن" is at the right end of the line.
    line = ink("مقهى لومن")
    first = ink("مقهى")
    width = first.shape[1]
    assert np.abs(line[:, -width:] - first).mean() < np.abs(line[:, :width] - first).mean()


def test_a_long_name_wraps_between_words_at_full_size_before_it_shrinks():
    lines = fit_lines("مقهى لومن للقهوة المختصة والحلويات الفرنسية", 64, 800, max_lines=2)
    assert [line.text for line in lines] == ["مقهى لومن للقهوة المختصة", "والحلويات الفرنسية"]
    assert {line.face.size for line in lines} == {64}
    assert all(line.direction == "rtl" and line.width() <= 800 for line in lines)


def test_a_line_that_nearly_fits_shrinks_a_little_instead_of_wrapping():
    full = fit_line("Boulangerie Crème Brûlée", 64, 10_000).width()
    lines = fit_lines("Boulangerie Crème Brûlée", 64, full * 0.9, max_lines=2)
    assert len(lines) == 1 and lines[0].face.size < 64


def test_wrapping_keeps_an_isolated_name_whole():
    text = "انضم إلى \u2068Café Lumen de Montmartre\u2069 الآن"
    lines = fit_lines(text, 34, 330, max_lines=2)
    assert len(lines) == 2
    assert any("\u2068Café Lumen de Montmartre\u2069" in line.text for line in lines)
