"""QrReader keeps the event loop free while a big photo decodes, and keeps its time bound."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.qr_reader import QrReader, QrReadError


@pytest.fixture
def reader():
    reader = QrReader(max_workers=2, timeout=5.0)
    yield reader
    reader.close()


async def test_other_coroutines_keep_ticking_while_a_big_photo_decodes(reader, big_photo):
    data, expected = big_photo
    gaps: list[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        # The loop's heartbeat: a timing test, so the sleep is the instrument, not a wait.
        last = time.perf_counter()
        while not done.is_set():
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    ticking = asyncio.create_task(ticker())
    started = time.perf_counter()
    texts = await reader.read(data)
    took = time.perf_counter() - started
    done.set()
    await ticking
    assert texts == [expected]
    assert len(gaps) >= 5 and took > 0.02  # the decode took a while and the loop went on
    assert max(gaps) < 0.1, f"the loop stalled for {max(gaps):.3f} s"


async def test_reads_several_photos_at_once(reader, photo, link):
    results = await asyncio.gather(*(reader.read(photo([link])) for _ in range(4)))
    assert results == [[link]] * 4


async def test_a_slow_read_ends_in_a_timeout_error(big_photo):
    reader = QrReader(timeout=0.001)
    try:
        with pytest.raises(QrReadError) as caught:
            await reader.read(big_photo[0])
        assert caught.value.key == "timeout"
    finally:
        reader.close()


async def test_refusals_come_through_the_async_reader(reader):
    with pytest.raises(QrReadError) as caught:
        await reader.read(b"nope")
    assert caught.value.key == "not_an_image"
