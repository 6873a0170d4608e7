"""Reads QR codes from staff photos: zxing-cpp plus a cascade of image fixes for hard shots."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

import zxingcpp
from PIL import Image, ImageFilter, ImageOps

from bot.qr_image import QrReadError, fit, open_gray

__all__ = ["QrReadError", "QrReader", "read_qr_texts"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # what the Bot API lets a bot download
# Telegram photos are at most 2560 px; the first passes run at ~1280 px where zxing is fast and a
# code that fills a fair part of the frame reads best. Bigger originals keep up to FULL_SIDE px for
# the passes that hunt for small codes.
WORK_SIDE = 1400
FULL_SIDE = 3000
# A low-resolution photo (~240 px: an old camera, a forwarded preview) has modules of 2-4 px,
# blurred by JPEG: zxing's binarizer then merges them. Enlarged smoothly first, every pass
# sees modules of ~6+ px (bench/qr_read.py --small).
SMALL_SIDE = 480
SMALL_TARGET = 960
_QR = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
_LOCAL = zxingcpp.Binarizer.LocalAverage
_GLOBAL = zxingcpp.Binarizer.GlobalHistogram

Found = dict[str, tuple[float, float]]  # text → centre, as fractions of the picture


def _scaled(img: Image.Image, factor: float) -> Image.Image:
    size = (round(img.width * factor), round(img.height * factor))
    resample = Image.Resampling.BILINEAR if factor > 1 else Image.Resampling.BOX
    return img.resize(size, resample)


def _enlarged(img: Image.Image) -> Image.Image:
    factor = SMALL_TARGET / max(img.size)
    size = (round(img.width * factor), round(img.height * factor))
    return img.resize(size, Image.Resampling.BICUBIC)


Box = tuple[float, float, float, float]  # left, top, right, bottom as fractions of the picture


def _read(
    img: Image.Image, found: Found, binarizer: zxingcpp.Binarizer = _LOCAL, invert: bool = False
) -> list[Box]:
    """Adds the codes zxing reads to `found`; returns where it saw symbols it could not decode."""
    failed: list[Box] = []
    for code in zxingcpp.read_barcodes(
        img, formats=_QR, try_invert=invert, binarizer=binarizer, return_errors=True
    ):
        p = code.position
        xs = [pt.x / img.width for pt in (p.top_left, p.top_right, p.bottom_left, p.bottom_right)]
        ys = [pt.y / img.height for pt in (p.top_left, p.top_right, p.bottom_left, p.bottom_right)]
        if code.valid:
            found.setdefault(code.text, (sum(ys) / 4, sum(xs) / 4))
        else:
            failed.append((min(xs), min(ys), max(xs), max(ys)))
    return failed


# The cascade: cheap fixes first, each one measured on the corpus to rescue photos the earlier
# steps miss (bench/qr_read.py). Each step is (name, transform of the working grey picture).
_blur = ImageFilter.GaussianBlur(1)
_soften = ImageFilter.GaussianBlur(0.7)
_sharpen = ImageFilter.UnsharpMask(4, 200, 0)
STEPS: list[tuple[str, Callable[[Image.Image], Image.Image], zxingcpp.Binarizer]] = [
    ("upscale", lambda g: _scaled(g, 1.5), _LOCAL),  # small codes: modules under ~3 px
    ("smooth", lambda g: g.filter(_blur), _LOCAL),  # noise, moiré, JPEG blocking
    ("sharpen", lambda g: g.filter(_sharpen), _LOCAL),  # focus and motion blur
    ("upscale-2", lambda g: _scaled(g, 2), _LOCAL),  # tiny codes: modules of ~2.5 px
    ("smooth-upscale-2", lambda g: _scaled(g.filter(_soften), 2), _LOCAL),  # tiny and noisy
    ("downscale", lambda g: _scaled(g, 0.75), _LOCAL),  # heavy blur and moiré average out
    ("contrast", lambda g: ImageOps.autocontrast(g.filter(_blur), cutoff=1), _GLOBAL),
    ("equalize", ImageOps.equalize, _LOCAL),  # low light, glare washing out one side
    ("upscale-2.5", lambda g: _scaled(g, 2.5), _LOCAL),
    # zxing hunts finder patterns along rows and columns; a blurred, steeply tilted code whose
    # finders smear along those lines can be found once the picture is turned a little.
    ("turn-30", lambda g: _scaled(_turned(g.filter(_blur), 30), 1.5), _LOCAL),
    ("turn-75", lambda g: _turned(g.filter(_blur), 75), _LOCAL),
]


def _turned(img: Image.Image, degrees: float) -> Image.Image:
    return img.rotate(degrees, Image.Resampling.BILINEAR, expand=True, fillcolor=128)


def _crop(img: Image.Image, box: Box) -> Image.Image:
    """The region around a symbol zxing saw but could not decode, with a margin."""
    x0, y0, x1, y1 = (
        box[0] * img.width,
        box[1] * img.height,
        box[2] * img.width,
        box[3] * img.height,
    )
    margin = 0.25 * max(x1 - x0, y1 - y0, 20)
    region = img.crop(
        (
            round(max(0, x0 - margin)),
            round(max(0, y0 - margin)),
            round(min(img.width, x1 + margin)),
            round(min(img.height, y1 + margin)),
        )
    )
    # About 700 px across: small codes get bigger modules, and the passes stay cheap.
    return fit(_scaled(region, max(1.0, 700 / max(region.size))), 1400)


def _unexplained(boxes: list[Box], found: Found) -> list[Box]:
    """Failed symbols that are not just another sighting of a code already read."""
    left: list[Box] = []
    for box in boxes:
        inside = any(box[0] <= x <= box[2] and box[1] <= y <= box[3] for y, x in found.values())
        if not inside and all(abs(box[0] - b[0]) + abs(box[1] - b[1]) > 0.02 for b in left):
            left.append(box)
    return left


def _decode(gray: Image.Image, deadline: float) -> Found:
    found: Found = {}
    if max(gray.size) < SMALL_SIDE:
        gray = _enlarged(gray)
    work = fit(gray, WORK_SIDE)
    failed = _read(work, found)
    if not found and gray is not work:  # a big original: small codes need its full resolution
        failed += _read(gray, found)
    for _name, transform, binarizer in STEPS:
        if found or time.monotonic() > deadline:
            break
        failed += _read(transform(work), found, binarizer)
    # Symbols seen but not decoded (a second code, or the only one): zoom in on each and retry,
    # briefly when we have a code already (most such sightings are then false alarms).
    steps = [("plain", lambda g: g, _LOCAL), *STEPS]
    for box in _unexplained(failed, found)[:4]:
        region = _crop(gray, box)
        for _name, transform, binarizer in steps[:3] if found else steps:
            if time.monotonic() > deadline:
                break
            before = len(found)
            _read(transform(region), found, binarizer)
            if len(found) > before:
                break
    if not found and time.monotonic() <= deadline:
        _read(work, found, invert=True)  # light modules on a dark ground: rare, but legal
    return found


def read_qr_texts(
    data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, deadline: float | None = None
) -> list[str]:
    """Every distinct QR text in the picture, top to bottom then left to right.

    Raises QrReadError for pictures we refuse. `deadline` (time.monotonic()) stops the cascade of
    slower fixes early; what was found by then is returned.
    """
    until = deadline if deadline is not None else float("inf")
    found = _decode(open_gray(data, max_bytes, FULL_SIDE, until), until)
    return sorted(found, key=lambda text: (round(found[text][0], 2), found[text][1], text))


class QrReader:
    """Runs read_qr_texts off the event loop, in a small thread pool, within a time bound.

    Threads, not processes: zxing-cpp, Pillow's decoders and filters release the GIL while they
    work (measured: a 1 s decode in a thread left the loop's longest pause under 3 ms), so threads
    give real parallelism without pickling 20 MB photos across processes.

    The queue is bounded three ways, and a photo past any bound is refused at once
    ("reader_busy") rather than held for a turn that would come after its time bound anyway:
    at most `max_waiting` photos wait, their bytes stay under `max_bytes_in_hand`, and the
    expected wait (photos in hand × the smoothed time a photo takes ÷ workers) stays under the
    time bound. So twenty staff scanning phone photos (a few ms each) are all served, while a
    flood of slow camera originals is told to send again. A job counts until its thread is done
    with it, timed out or not.
    """

    def __init__(
        self,
        *,
        max_workers: int = 2,
        max_waiting: int = 30,
        timeout: float = 5.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_bytes_in_hand: int = 64 * 1024 * 1024,
    ) -> None:
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="qr")
        self._workers = max_workers
        self._capacity = max_workers + max_waiting
        self._bytes_budget = max_bytes_in_hand
        self._jobs = 0
        self._bytes = 0
        self._seconds = 0.05  # a photo's decoding time, smoothed over the last few
        self._lock = threading.Lock()  # jobs end on the pool's threads
        self._timeout = timeout
        self._max_bytes = max_bytes

    @property
    def busy(self) -> bool:
        """A photo sent now would be refused (checked again, with its size, when it comes)."""
        return self._refusal(0) is not None

    def _refusal(self, size: int) -> str | None:
        if self._jobs >= self._capacity:
            return f"{self._jobs} photos in hand"
        if self._jobs and self._bytes + size > self._bytes_budget:
            return f"{self._bytes} bytes in hand"
        if self._jobs * self._seconds / self._workers > self._timeout:
            return f"{self._jobs} photos of ~{self._seconds:.2f} s each in hand"
        return None

    async def read(self, data: bytes) -> list[str]:
        # The worker stops decoding at the same deadline, so a timed-out job frees its thread
        # soon instead of grinding on for an answer nobody waits for.
        deadline = time.monotonic() + self._timeout
        job = self._submit(data, deadline)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(job), self._timeout)
        except TimeoutError:
            raise QrReadError("timeout", f"no answer within {self._timeout} s") from None

    def _submit(self, data: bytes, deadline: float) -> Future[list[str]]:
        with self._lock:
            refusal = self._refusal(len(data))
            if refusal is not None:
                raise QrReadError("reader_busy", refusal)
            self._jobs += 1
            self._bytes += len(data)
        job = self._pool.submit(self._work, data, deadline)
        job.add_done_callback(lambda _job: self._done(len(data)))
        return job

    def _done(self, size: int) -> None:
        with self._lock:
            self._jobs -= 1
            self._bytes -= size

    def _work(self, data: bytes, deadline: float) -> list[str]:
        if time.monotonic() > deadline:  # waited in the queue past its time: don't start
            raise QrReadError("timeout", "expired in the queue")
        started = time.monotonic()
        try:
            return read_qr_texts(data, max_bytes=self._max_bytes, deadline=deadline)
        finally:
            took = time.monotonic() - started
            with self._lock:
                self._seconds = 0.7 * self._seconds + 0.3 * took

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
