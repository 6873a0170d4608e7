"""Opens a staff image for the QR reader without letting it exhaust memory or time.

A small file can decode to a huge picture: a 368 KB PNG of 9000 × 9940 px is 358 MB of RGBA
(zlib packs up to ~1030:1), and ten of them sent at once took the bot from 116 MB to 1.8 GB
(bench/image_bombs.py). So the header is read first and the pixel count bounded per format
before one pixel is decoded, at what each format costs to decode:

- baseline JPEG: libjpeg decodes straight to grey and at 1/2, 1/4 or 1/8 scale (`draft`), so
  even 50 MP costs what ~12 MP of grey does: phone cameras' originals are welcome;
- progressive JPEG: libjpeg keeps every coefficient of the whole picture (~3 bytes a pixel,
  measured) before it can scale anything, so 20 MP;
- everything else (PNG, WebP, GIF, BMP, TIFF): decoded at full size in its own mode, up to 4
  bytes a pixel, so 12 MP (a 4K screenshot is 8.3 MP; Telegram's photos are ≤ 2560 px).

Transparency is flattened on one-byte planes, never on an RGBA copy of the picture. Decoding
reads the file through `_Deadline`, which stops Pillow between its 64 KB reads once the time
bound has passed, so a slow decode gives up instead of holding a worker.
"""

from __future__ import annotations

import io
import time

from PIL import Image, ImageOps, UnidentifiedImageError

JPEG_PIXELS = 50_000_000
PROGRESSIVE_JPEG_PIXELS = 20_000_000
OTHER_PIXELS = 12_000_000
MAX_SIDE = 20_000  # a 20000 × 1 strip is few pixels but a huge row buffer
FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF")  # what phones and screenshots make
_JPEG = ("JPEG", "MPO")  # Pillow opens a multi-picture JPEG (some cameras') as MPO
Image.init()  # registers every plugin now: `formats=` looks names up without doing so


class QrReadError(Exception):
    """A picture we refuse or could not finish; `.key` names the message to show."""

    def __init__(self, key: str, detail: str = "") -> None:
        super().__init__(f"{key}: {detail}" if detail else key)
        self.key = key


class _Deadline(io.BytesIO):
    """The file's bytes, refusing to hand out more once the deadline has passed."""

    def __init__(self, data: bytes, deadline: float) -> None:
        super().__init__(data)
        self.deadline = deadline

    def read(self, size: int | None = -1, /) -> bytes:
        if time.monotonic() > self.deadline:
            raise QrReadError("timeout", "decoding ran past the time bound")
        return super().read(size)


def pixel_limit(img: Image.Image) -> int:
    """The most pixels this image may have, from what its format costs to decode."""
    if img.format in _JPEG:
        return PROGRESSIVE_JPEG_PIXELS if _progressive(img) else JPEG_PIXELS
    return OTHER_PIXELS


def _progressive(img: Image.Image) -> bool:
    return bool(img.info.get("progressive") or img.info.get("progression"))


def open_gray(
    data: bytes, max_bytes: int, side: int, deadline: float = float("inf")
) -> Image.Image:
    """The picture as grey, at most `side` px long (EXIF orientation applied), or QrReadError."""
    if len(data) > max_bytes:
        raise QrReadError("image_too_large", f"{len(data)} bytes, the limit is {max_bytes}")
    img = _open(data, deadline)
    width, height = img.size
    if width * height > pixel_limit(img) or max(width, height) > MAX_SIDE:
        raise QrReadError("image_too_many_pixels", f"{img.format} of {width}×{height} pixels")
    if img.format in _JPEG:
        # Straight to grey (a third faster) and at 1/2, 1/4 or 1/8 scale when far bigger than
        # we need: a 50 MP original then costs what 3 MP does.
        ratio = min(1.0, side / max(width, height))
        img.draft("L", (int(width * ratio), int(height * ratio)))
    try:
        img.load()
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise QrReadError("truncated_image", str(exc)) from None
    _check(deadline)
    ImageOps.exif_transpose(img, in_place=True)
    gray = _flattened(img, side) if _transparent(img) else fit(img.convert("L"), side)
    _check(deadline)
    return gray


def _open(data: bytes, deadline: float) -> Image.Image:
    try:
        # Reads the header only; Pillow's own bomb check (~179 MP) would raise here.
        return Image.open(_Deadline(data, deadline), formats=FORMATS)
    except Image.DecompressionBombError as exc:
        raise QrReadError("image_too_many_pixels", str(exc)) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise QrReadError("not_an_image", str(exc)) from None


def _check(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise QrReadError("timeout", "decoding ran past the time bound")


def _transparent(img: Image.Image) -> bool:
    return img.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in img.info


def _flattened(img: Image.Image, side: int) -> Image.Image:
    """Transparent pixels as white (dark modules on nothing would turn black on black in "L"),
    composed on one-byte planes shrunk first: a 12 MP RGBA never gets a second RGBA copy."""
    if img.mode not in ("RGBA", "LA"):
        img = img.convert("RGBA")  # a palette or a colour key: at most 12 MP × 4 bytes
    alpha = fit(img.getchannel("A"), side)
    gray = fit(img.convert("L"), side)
    return Image.composite(gray, Image.new("L", gray.size, 255), alpha)


def fit(img: Image.Image, side: int) -> Image.Image:
    """The picture shrunk (never enlarged) to at most `side` pixels on its longer side."""
    scale = side / max(img.size)
    if scale >= 1:
        return img
    size = (max(1, round(img.width * scale)), max(1, round(img.height * scale)))
    return img.resize(size, Image.Resampling.BOX)  # BOX averages: no aliasing of the modules
