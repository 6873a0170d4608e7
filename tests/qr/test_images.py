"""The customer QR picture and the poster read well, also after a camera's worst."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from bot.pictures.poster import PosterSpec, parse_colour, poster_files
from bot.pictures.qr import QUIET_ZONE_MODULES, SCREEN_MODULE_PX, customer_qr_png
from bot.qr_reader import read_qr_texts


def test_customer_code_has_big_modules_and_a_full_quiet_zone(link):
    png = customer_qr_png(link)
    assert png.startswith(b"\x89PNG")
    img = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    border = QUIET_ZONE_MODULES * SCREEN_MODULE_PX
    assert SCREEN_MODULE_PX >= 10
    for edge in (img[:border], img[-border:], img[:, :border], img[:, -border:]):
        assert edge.min() == 255
    assert img[border, border] == 0  # the finder pattern starts right after the quiet zone
    assert read_qr_texts(png) == [link]


def test_caption_goes_under_the_code_without_eating_the_quiet_zone(link):
    plain = Image.open(io.BytesIO(customer_qr_png(link)))
    captioned = Image.open(io.BytesIO(customer_qr_png(link, "Anna · card 0042")))
    assert captioned.width == plain.width and captioned.height > plain.height
    below = np.asarray(captioned.convert("L"))[plain.height :]
    assert below.min() < 128  # some text was drawn there
    assert read_qr_texts(customer_qr_png(link, "Anna · card 0042")) == [link]


def test_customer_code_survives_the_corpus_distortions(corpus_sample):
    # Screen shots in the corpus are photos of customer_qr_png on a phone; posters are not.
    screens = [(data, text) for _name, data, text in corpus_sample if "?start=q_" in text]
    assert len(screens) >= len(corpus_sample) // 2
    hits = sum(text in read_qr_texts(data) for data, text in screens)
    assert hits >= len(screens) - 1


@pytest.mark.parametrize(("paper", "size"), [("a5", (1748, 2480)), ("a4", (2480, 3508))])
def test_poster_is_printable_at_300_dpi_as_png_and_pdf_and_reads(link, paper, size):
    spec = PosterSpec(link, "Bean There", "Bean Club", ["🎁 Free coffee at 10 stamps"],
                      "Scan with your phone camera", paper, parse_colour("#C0392B"))  # fmt: skip
    png, pdf = poster_files(spec)
    image = Image.open(io.BytesIO(png))
    assert image.size == size and image.info["dpi"] == pytest.approx((300, 300), abs=0.5)
    assert pdf.startswith(b"%PDF")
    assert read_qr_texts(png) == [link]
