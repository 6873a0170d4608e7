"""Pixel limits per format, decoding under the deadline, and the reader's bounded queue."""

from __future__ import annotations

import asyncio
import io
import time

import numpy as np
import pytest
from PIL import Image

from bot.qr_image import JPEG_PIXELS, OTHER_PIXELS, PROGRESSIVE_JPEG_PIXELS
from bot.qr_reader import QrReader, QrReadError, read_qr_texts


def _encoded(size: tuple[int, int], fmt: str, **save: object) -> bytes:
    out = io.BytesIO()
    Image.new("L", size, 200).save(out, format=fmt, **save)
    return out.getvalue()


def _refused(data: bytes) -> bool:
    try:
        read_qr_texts(data)
    except QrReadError as error:
        return error.key == "image_too_many_pixels"
    return False


def test_each_format_has_its_own_pixel_limit():
    assert PROGRESSIVE_JPEG_PIXELS < JPEG_PIXELS and OTHER_PIXELS < JPEG_PIXELS
    assert _refused(_encoded((4000, 3100), "PNG"))  # 12.4 MP
    assert not _refused(_encoded((4000, 2900), "PNG"))
    assert _refused(_encoded((5000, 4100), "JPEG", progressive=True))  # 20.5 MP
    assert not _refused(_encoded((5000, 4100), "JPEG"))  # baseline decodes at a smaller scale


def test_a_decode_past_its_deadline_stops_with_a_timeout():
    noise = np.random.default_rng(1).integers(0, 255, (2900, 4000), dtype=np.uint8)
    out = io.BytesIO()
    Image.fromarray(noise).save(out, format="PNG")  # ~11 MB: many of Pillow's 64 KB reads
    started = time.monotonic()
    with pytest.raises(QrReadError) as caught:
        read_qr_texts(out.getvalue(), deadline=time.monotonic() + 0.02)
    assert caught.value.key == "timeout"
    assert time.monotonic() - started < 0.3


async def test_a_full_reader_refuses_at_once_and_takes_photos_again_when_free(big_photo):
    data, expected = big_photo
    reader = QrReader(max_workers=1, max_waiting=1, timeout=10.0)
    try:
        first, second = (asyncio.create_task(reader.read(data)) for _ in range(2))
        await asyncio.sleep(0)  # both tasks submit their job
        assert reader.busy
        with pytest.raises(QrReadError) as caught:
            await reader.read(data)
        assert caught.value.key == "reader_busy"
        assert await first == [expected] and await second == [expected]
        assert not reader.busy
        assert await reader.read(data) == [expected]
    finally:
        reader.close()
