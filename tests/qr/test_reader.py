"""The QR reader: decode rate on photos like staff take, refusals, orientation, several codes."""

from __future__ import annotations

import io
import struct
import time
import zlib

import pytest
from PIL import Image

from bot.qr_reader import QrReadError, read_qr_texts


def test_reads_nearly_every_photo_of_the_corpus_sample(corpus_sample):
    hits = sum(expected in read_qr_texts(data) for _name, data, expected in corpus_sample)
    # The full corpus reads at 99.5 %+ (bench/qr_read.py); one miss in a dozen is slack for
    # another zxing-cpp version, not for a broken cascade.
    assert hits >= len(corpus_sample) - 1


def test_reads_a_customer_code_on_a_plain_photo(photo, link):
    assert read_qr_texts(photo([link])) == [link]


def test_returns_both_codes_of_a_picture_in_reading_order(photo, link):
    other = link.replace("?start=q_", "?start=q_X")[:-1]
    assert read_qr_texts(photo([link, other], size=(1800, 900))) == [link, other]


def test_applies_the_exif_orientation_before_reading(photo, link):
    other = link[:-1] + ("A" if link[-1] != "A" else "B")
    # Stored left | right, shown turned a quarter to the left: `other` is on top, then `link`.
    data = photo([link, other], size=(1800, 900), exif_orientation=8)
    assert read_qr_texts(data) == [other, link]
    assert read_qr_texts(photo([link], exif_orientation=6)) == [link]


def test_refuses_bytes_that_are_no_image():
    with pytest.raises(QrReadError) as caught:
        read_qr_texts(b"%PDF-1.7 this is not a picture at all")
    assert caught.value.key == "not_an_image"


def test_refuses_a_truncated_jpeg(photo, link):
    data = photo([link])
    with pytest.raises(QrReadError) as caught:
        read_qr_texts(data[: len(data) // 2])
    assert caught.value.key == "truncated_image"


def test_refuses_a_file_over_the_size_limit(photo, link):
    data = photo([link])
    with pytest.raises(QrReadError) as caught:
        read_qr_texts(data, max_bytes=len(data) - 1)
    assert caught.value.key == "image_too_large"
    assert read_qr_texts(data, max_bytes=len(data)) == [link]


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims the given size: a decompression bomb's calling card."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0"))


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("size", [(100_000, 100_000), (9_500, 9_500), (30_000, 10)])
def test_refuses_absurd_pixel_dimensions_before_decoding(size):
    started = time.monotonic()
    with pytest.raises(QrReadError) as caught:
        read_qr_texts(_png_claiming(*size))
    assert caught.value.key == "image_too_many_pixels"
    assert time.monotonic() - started < 0.5  # timing is the point: refused before decoding


def test_reads_a_15_mb_camera_original_quickly(big_photo):
    data, expected = big_photo
    started = time.monotonic()
    assert read_qr_texts(data) == [expected]
    assert time.monotonic() - started < 5.0  # QrReader's default time bound


def test_reads_a_transparent_png(link):
    from bot.pictures.qr import customer_qr_png

    code = Image.open(io.BytesIO(customer_qr_png(link))).convert("L")
    clear = Image.new("LA", code.size, (0, 0))
    clear.putalpha(Image.eval(code, lambda v: 255 - v))  # black modules on nothing
    out = io.BytesIO()
    clear.save(out, format="PNG")
    assert read_qr_texts(out.getvalue()) == [link]


# Photos of ~240 px from bench/qr_corpus.py's small set (seed 1) that the reader missed before
# it enlarged small pictures first.
@pytest.mark.parametrize("index", [44, 86, 87, 117, 152, 185])
def test_reads_a_low_resolution_photo_of_about_240_px(index):
    from bench.qr_corpus import small_photo

    data, expected = small_photo(1, index)
    assert max(Image.open(io.BytesIO(data)).size) < 320
    assert read_qr_texts(data) == [expected]
