"""Pictures built to exhaust the bot are refused before they cost memory; a busy reader says so."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from bot.i18n import t
from tests.e2e.helpers import balance_of, customer, open_shop, qr_photo
from tests.waiting import eventually


def _bomb() -> bytes:
    """The security review's file: 368 KB of PNG that decodes to 9000 × 9940 RGBA (358 MB)."""
    out = io.BytesIO()
    Image.new("RGBA", (9000, 9940), (240, 240, 240, 255)).save(out, "PNG", compress_level=9)
    return out.getvalue()


def _camera_file(qr_png: bytes) -> bytes:
    """A ~15 MB camera original with the code in it: about a second of the reader's time."""
    pixels = np.random.default_rng(7).integers(125, 195, (2500, 3600), dtype=np.uint8)
    canvas = Image.fromarray(pixels).resize((7200, 5000), Image.Resampling.NEAREST)
    code = Image.open(io.BytesIO(qr_png)).convert("L")
    canvas.paste(code.resize((1400, 1400), Image.Resampling.NEAREST), (4000, 1600))
    out = io.BytesIO()
    canvas.save(out, format="JPEG", quality=90)
    return out.getvalue()


def _reset_peak() -> float:
    """Start the process's peak (VmHWM) again from now; returns the memory in use (MB)."""
    Path("/proc/self/clear_refs").write_text("5")
    return _memory_mb()["VmRSS"]


def _memory_mb() -> dict[str, float]:
    status = Path("/proc/self/status").read_text().splitlines()
    fields = dict(line.split(":", 1) for line in status if line.startswith(("VmRSS", "VmHWM")))
    return {name: int(value.split()[0]) / 1024 for name, value in fields.items()}


@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs Linux's /proc")
async def test_three_image_bombs_at_once_are_refused_without_decoding_them(harness):
    bomb = _bomb()
    senders = [await harness.user(name) for name in ("Olga", "Omar", "Oleg")]
    for sender in senders:
        await open_shop(harness, sender, name=f"{sender.first_name}'s")
    before = _reset_peak()
    await asyncio.gather(*(s.send_document(bomb, "bomb.png", "image/png") for s in senders))
    for sender in senders:
        await sender.wait_for_text(t("image_too_many_pixels"))
    grew = _memory_mb()["VmHWM"] - before
    assert grew < 60, f"the bot's process grew by {grew:.0f} MB"  # decoding one took ~700


@pytest.mark.parametrize("harness", [{"qr_workers": 1, "qr_waiting": 0}], indirect=True)
async def test_a_photo_sent_while_the_reader_is_full_is_answered_busy(harness):
    olga, omar = await harness.user("Olga"), await harness.user("Omar")
    shop = await open_shop(harness, olga)
    await open_shop(harness, omar, name="Omar's")
    ann = await customer(harness, "Ann", shop)
    await olga.send_document(_camera_file(await qr_photo(ann)), "DSC_1.jpg", "image/jpeg")
    reader = harness.app.bot_data["services"].reader
    await eventually(lambda: reader.busy, what="the reader taking Olga's photo")
    await omar.send_photo(await qr_photo(ann))
    await omar.wait_for_text(t("reader_busy"))
    await olga.wait_for_text("Ann: +10", timeout=15)  # the photo in hand is still read
    assert await balance_of(harness, ann) == 10
