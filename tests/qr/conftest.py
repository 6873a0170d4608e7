"""Fixtures for the QR tests: a small corpus sample and hand-made photos."""

from __future__ import annotations

import io
from collections.abc import Callable

import numpy as np
import pytest
from PIL import Image

from bench.qr_corpus import customer_link, generate
from bot.pictures.qr import customer_qr_png

SAMPLE_SEED = 7
SAMPLE_SIZE = 12  # ~0.3 s each to generate: enough to catch a broken cascade, quick to run


@pytest.fixture(scope="session")
def corpus_sample() -> list[tuple[str, bytes, str]]:
    return list(generate(SAMPLE_SIZE, SAMPLE_SEED))


@pytest.fixture(scope="session")
def link() -> str:
    return customer_link(np.random.default_rng(42))


def _jpeg(img: Image.Image, **save: object) -> bytes:
    out = io.BytesIO()
    img.convert("RGB").save(out, format="JPEG", quality=90, **save)
    return out.getvalue()


@pytest.fixture(scope="session")
def photo() -> Callable[..., bytes]:
    """photo(texts, size=(1280, 960), exif_orientation=None): codes side by side on grey."""

    def make(texts: list[str], size=(1280, 960), exif_orientation: int | None = None) -> bytes:
        canvas = Image.new("L", size, 170)
        slot = size[0] // len(texts)
        for i, text in enumerate(texts):
            code = Image.open(io.BytesIO(customer_qr_png(text)))
            code.thumbnail((int(slot * 0.9), int(size[1] * 0.9)))
            canvas.paste(code, (i * slot + (slot - code.width) // 2, (size[1] - code.height) // 2))
        if exif_orientation is None:
            return _jpeg(canvas)
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        return _jpeg(canvas, exif=exif.tobytes())

    return make


@pytest.fixture(scope="session")
def big_photo(link: str) -> tuple[bytes, str]:
    """A ~15 MB, 36-megapixel JPEG (a camera original sent as a file) with one code in it."""
    rng = np.random.default_rng(3)
    width, height = 7200, 5000
    # Fine noise keeps JPEG from compressing the picture to nothing, as a real scene would.
    pixels = rng.integers(125, 195, (height // 2, width // 2), dtype=np.uint8)
    canvas = Image.fromarray(pixels).resize((width, height), Image.Resampling.NEAREST)
    code = Image.open(io.BytesIO(customer_qr_png(link)))
    code = code.resize((code.width * 2, code.height * 2), Image.Resampling.NEAREST)
    canvas.paste(code, (4100, 1700))
    data = _jpeg(canvas)
    assert 12e6 < len(data) < 20e6, len(data)
    return data, link
