"""The captioned QR code and the poster in three scripts: whole, distinct, scannable."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from bot.pictures.poster import PosterSpec, poster_files
from bot.pictures.qr import customer_qr_png
from bot.qr_reader import read_qr_texts

LINK = "https://t.me/loyalty_test_bot?start=q_Zk3Lq0aW9xYc2VbN7mRt1uPe5sGh8dJf4oI"
# Each name and the same name with one letter changed (an accent counts as a letter).
NAMES = {
    "latin": ("Café Lumen", "Cafe Lumen"),
    "arabic": ("مقهى لومن", "مقهى لومان"),
    "cyrillic": ("Кофейня", "Кофейна"),
}
SUBTITLES = {
    "latin": "Collect 10 stamps, get a free crème brûlée",
    "arabic": "اجمع ١٠ طوابع واحصل على قهوة مجانية",
    "cyrillic": "Соберите 10 штампов — кофе в подарок",
}


def poster_png(link: str, title: str, subtitle: str) -> bytes:
    """The printable poster (A5, 300 dpi) with `title` as the business and `subtitle` below."""
    return poster_files(PosterSpec(link, title, subtitle, instruction=subtitle))[0]


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("L"))


@pytest.mark.parametrize("script", NAMES)
def test_names_differing_in_one_letter_give_different_captioned_codes(script):
    name, other = NAMES[script]
    assert not np.array_equal(
        pixels(customer_qr_png(LINK, name)), pixels(customer_qr_png(LINK, other))
    )


@pytest.mark.parametrize("script", NAMES)
def test_names_differing_in_one_letter_give_different_posters(script):
    name, other = NAMES[script]
    subtitle = SUBTITLES[script]
    assert not np.array_equal(
        pixels(poster_png(LINK, name, subtitle)), pixels(poster_png(LINK, other, subtitle))
    )


@pytest.mark.parametrize("script", NAMES)
def test_the_captioned_code_and_the_poster_scan_in_every_script(script):
    name = NAMES[script][0]
    assert read_qr_texts(customer_qr_png(LINK, f"{name} · K7QX-4M2P")) == [LINK]
    assert read_qr_texts(poster_png(LINK, name, SUBTITLES[script])) == [LINK]


@pytest.mark.parametrize("script", NAMES)
def test_the_caption_is_whole_and_leaves_the_quiet_zone_white(script):
    plain = pixels(customer_qr_png(LINK))
    captioned = pixels(customer_qr_png(LINK, f"{NAMES[script][0]} · K7QX-4M2P"))
    assert np.array_equal(captioned[: plain.shape[0]], plain)  # the code and its quiet zone
    caption = captioned[plain.shape[0] :]
    assert caption.min() < 128  # something was written
    # No letter is cut at the picture's edges: the outer rows and columns stay white.
    edges = (caption[-4:], caption[:, :4], caption[:, -4:])
    assert all(edge.min() == 255 for edge in edges)


def test_a_long_caption_fits_inside_the_picture():
    caption = "Кофейня «Утренний свет» на Никольской улице · K7QX-4M2P"
    drawn = pixels(customer_qr_png(LINK, caption))
    caption_rows = drawn[pixels(customer_qr_png(LINK)).shape[0] :]
    assert caption_rows.min() < 128
    assert caption_rows[:, :8].min() == 255 and caption_rows[:, -8:].min() == 255


@pytest.mark.parametrize("script", NAMES)
def test_the_poster_title_and_subtitle_stay_inside_the_page(script):
    drawn = pixels(poster_png(LINK, NAMES[script][0] * 3, SUBTITLES[script] * 2))
    assert drawn.shape == (2480, 1748)
    band = drawn[:200]  # the title, white on the default dark band
    assert band.max() > 200
    # No letter is cut at the page's edges: the outer columns are the band's colour only.
    assert band[:, :8].min() == band[:, :8].max() == band[:, -8:].max()


def test_a_character_the_font_lacks_leaves_no_box_in_the_picture():
    assert customer_qr_png(LINK, "Café Lumen ☕") == customer_qr_png(LINK, "Café Lumen")
    assert poster_png(LINK, "Кофейня ☕", "x") == poster_png(LINK, "Кофейня", "x")
