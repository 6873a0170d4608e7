"""Seeded synthetic photos of QR codes as counter staff take them (numpy + PIL only)."""

from __future__ import annotations

import argparse
import io
import math
import sys
from collections.abc import Callable, Iterator
from itertools import chain
from pathlib import Path

import numpy as np
import zxingcpp
from PIL import Image, ImageDraw, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # so `python bench/...` finds us
from bot.pictures.poster import PosterSpec, poster_image
from bot.pictures.qr import customer_qr_png
from domain.tokens import TokenSigner

TEST_SECRET = b"bench-corpus-secret-never-in-production"
BOTS = ("loyalty_demo_bot", "CoffeeStampsBot", "bakery_points_bot", "LoyaltyCardBot")
_SIGNER = TokenSigner(TEST_SECRET)
Array = np.ndarray


def customer_link(rng: np.random.Generator) -> str:
    """A deep link to a random customer's signed token, as the bot puts it in a QR code."""
    token = _SIGNER.sign(rng.bytes(8).hex(), int(rng.integers(1, 9)))
    return f"https://t.me/{rng.choice(BOTS)}?start=q_{token}"


def _join_link(rng: np.random.Generator) -> str:
    code = "".join(
        rng.choice(list("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"), 10)
    )
    return f"https://t.me/{rng.choice(BOTS)}?start=j_{code}"


def _smooth_field(rng: np.random.Generator, shape: tuple[int, int], cells: int) -> Array:
    """Low-frequency random field in [0, 1]: uneven light, paper texture, wallpapers."""
    small = Image.fromarray((rng.random((cells, cells)) * 255).astype(np.uint8))
    return np.asarray(small.resize(shape[::-1], Image.Resampling.BICUBIC), np.float32) / 255


def _background(rng: np.random.Generator, w: int, h: int) -> Image.Image:
    """A counter, a wall, a till: smooth colour blobs plus a few hard-edged objects."""
    base = rng.uniform(40, 220, 3)
    tint = rng.uniform(-60, 60, 3)
    field = _smooth_field(rng, (h // 8, w // 8), int(rng.integers(2, 7)))[..., None]
    img = Image.fromarray(np.clip(base + tint * (field * 2 - 1), 0, 255).astype(np.uint8))
    img = img.resize((w, h), Image.Resampling.BILINEAR)
    draw = ImageDraw.Draw(img)
    for _ in range(int(rng.integers(0, 6))):
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        dx, dy = rng.uniform(0.05, 0.4) * w, rng.uniform(0.05, 0.4) * h
        draw.rectangle((x, y, x + dx, y + dy), fill=tuple(int(c) for c in rng.uniform(0, 255, 3)))
    return img


def _screen(rng: np.random.Generator, code: Image.Image, module_px: float) -> tuple:
    """A phone showing the code in a chat; returns (RGBA phone, code box in its pixels)."""
    shown = code.resize(
        (round(code.width * module_px / 12), round(code.height * module_px / 12)),
        Image.Resampling.BILINEAR,  # the phone's own smooth scaling of the picture
    ).convert("RGB")
    sw = int(shown.width / rng.uniform(0.55, 0.92))
    sh = int(sw * rng.uniform(1.9, 2.2))
    dark = rng.random() < 0.4
    wall = rng.uniform(10, 45, 3) if dark else rng.uniform(150, 235, 3)
    screen = Image.new("RGB", (sw, sh), tuple(int(c) for c in wall))
    draw = ImageDraw.Draw(screen)
    x = int((sw - shown.width) * rng.uniform(0.1, 0.9))
    y = int((sh - shown.height) * rng.uniform(0.2, 0.8))
    pad = max(2, sw // 60)
    bubble = (40, 45, 55) if dark else (255, 255, 255)
    draw.rounded_rectangle(
        (x - pad, y - pad, x + shown.width + pad, y + shown.height + pad),
        radius=3 * pad,
        fill=bubble,
    )
    above, below = (
        range(y - 8 * pad, 0, -10 * pad),
        range(y + shown.height + 4 * pad, sh, 10 * pad),
    )
    for yy in [*above, *below]:  # other messages of the chat
        bw = sw * rng.uniform(0.3, 0.7)
        bx = rng.uniform(pad, sw - bw - pad)
        draw.rounded_rectangle((bx, yy, bx + bw, yy + 6 * pad), radius=2 * pad, fill=bubble)
    draw.rectangle((0, 0, sw, sh // 22), fill=(20, 20, 24) if dark else (80, 110, 150))
    screen.paste(shown, (x, y))
    # Display levels: a screen's black is grey in a photo, its white rarely full.
    lo, hi = rng.uniform(0.0, 0.18), rng.uniform(0.7, 1.0)
    arr = np.asarray(screen, np.float32) * (hi - lo) + lo * 255
    bez = int(sw * rng.uniform(0.03, 0.06))
    phone = Image.new("RGBA", (sw + 2 * bez, sh + 2 * bez), (0, 0, 0, 0))
    ImageDraw.Draw(phone).rounded_rectangle(
        (0, 0, phone.width - 1, phone.height - 1), radius=4 * bez, fill=(18, 18, 20, 255)
    )
    phone.paste(Image.fromarray(arr.astype(np.uint8)), (bez, bez))
    side = shown.width  # the code is the square top of the picture, any caption is below
    return phone, (x + bez, y + bez, x + bez + side, y + bez + side)


def _poster(rng: np.random.Generator, scale: float) -> tuple:
    """A printed poster on slightly textured paper; returns (RGBA poster, code box, its text)."""
    link = _join_link(rng)
    img = poster_image(PosterSpec(link, "Join our loyalty club", "Scan with your phone"))
    img = img.convert("L")
    # The code is the last block of inked rows: a wide gap parts it from the title above.
    rows = np.flatnonzero((np.asarray(img) < 128).any(axis=1))
    top = rows[np.flatnonzero(np.diff(rows) > 30)[-1] + 1]
    box = Image.eval(img.crop((0, top, img.width, img.height)), lambda v: 255 - v).getbbox()
    box = (box[0], box[1] + top, box[2], box[3] + top)
    size = (round(img.width * scale), round(img.height * scale))
    img = img.resize(size, Image.Resampling.LANCZOS)
    g = np.asarray(img, np.float32) / 255
    paper, ink = rng.uniform(215, 255, 3), rng.uniform(15, 70, 3)
    texture = 1 + 0.06 * (_smooth_field(rng, g.shape, 24) - 0.5)
    texture += rng.normal(0, 0.02, g.shape).astype(np.float32)
    rgb = (ink + (paper - ink) * g[..., None]) * texture[..., None]
    poster = Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8)).convert("RGBA")
    b = [round(v * scale) for v in box]
    return poster, tuple(b), link


def _placement(rng, w, h, scale, frame, max_tilt) -> tuple[Callable[[Array], Array], float]:
    """A random 3-D pose of a w×h picture seen by a pinhole camera; returns its projection."""
    psi, phi = rng.uniform(0, 2 * math.pi), rng.uniform(0, 2 * math.pi)
    tilt = math.radians(max_tilt) * math.sqrt(rng.random())  # more steep shots than uniform
    k = np.array([math.cos(phi), math.sin(phi), 0.0])
    kx = np.array([[0, 0, k[1]], [0, 0, -k[0]], [-k[1], k[0], 0]])
    rot = np.eye(3) * math.cos(tilt) + math.sin(tilt) * kx + (1 - math.cos(tilt)) * np.outer(k, k)
    inplane = np.array([[math.cos(psi), -math.sin(psi)], [math.sin(psi), math.cos(psi)]])
    focal = math.hypot(*frame) * rng.uniform(0.7, 1.1)

    def project(pts: Array, centre=(0.0, 0.0)) -> Array:
        p = (pts - [w / 2, h / 2]) * scale @ inplane.T
        p3 = np.c_[p, np.zeros(len(p))] @ rot.T
        return p3[:, :2] * (focal / (focal + p3[:, 2:3])) + centre

    return project, math.cos(tilt)


def _coeffs(out_pts: Array, in_pts: Array) -> Array:
    """PIL's perspective coefficients: output pixel → input pixel."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(out_pts, in_pts, strict=True):
        rows += [[x, y, 1, 0, 0, 0, -u * x, -u * y], [0, 0, 0, x, y, 1, -v * x, -v * y]]
        rhs += [u, v]
    return np.linalg.solve(np.array(rows, float), np.array(rhs, float))


def _shot(rng: np.random.Generator) -> tuple[Image.Image, str, Array]:
    big = rng.random() < 0.12  # the sender picked high quality: 2560 px
    fw, fh = (2560, 1920) if big else (1280, 960)
    if rng.random() < 0.5:
        fw, fh = fh, fw
    k = 2 if big else 1
    small = rng.random() < 0.25  # the code small in a large frame
    module = k * (
        rng.uniform(2.6, 4) if small else math.exp(rng.uniform(math.log(4), math.log(14)))
    )
    poster = rng.random() < 0.18
    # Render the picture at ~1.4× its size in the photo (capped: upscaling is smooth anyway) so
    # that the perspective warp samples it without aliasing.
    src_module = min(module * 1.4, 14.0)
    if poster:
        pic, box, text = _poster(rng, src_module / 27)  # posters draw ~27 px modules (A5, 300 dpi)
    else:
        text = customer_link(rng)
        caption = rng.random() < 0.7
        code = Image.open(
            io.BytesIO(customer_qr_png(text, "Show me at the till" if caption else None))
        )
        pic, box = _screen(rng, code, src_module)
    scale = module / src_module
    for _ in range(20):  # a tilt that leaves at least ~2.3 px per module along the short way
        project, shrink = _placement(rng, pic.width, pic.height, scale, (fw, fh), 45)
        if module * shrink >= 2.3 * k:
            break
    x0, y0, x1, y1 = box
    qr = project(np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], float))
    lo, hi = qr.min(0), qr.max(0)
    span = hi - lo
    # Anywhere the whole code is in the frame; a code too big for the frame is centred.
    centre = tuple(
        rng.uniform(-lo[a] + 4, size - hi[a] - 4)
        if span[a] < size - 8
        else (size - lo[a] - hi[a]) / 2
        for a, size in enumerate((fw, fh))
    )
    corners = np.array([[0, 0], [pic.width, 0], [pic.width, pic.height], [0, pic.height]], float)
    warped = pic.transform(
        (fw, fh),
        Image.Transform.PERSPECTIVE,
        _coeffs(project(corners, centre), corners),
        Image.Resampling.BILINEAR,
    )
    frame = _background(rng, fw, fh)
    frame.paste(warped, (0, 0), warped)
    img = np.asarray(frame, np.float32) / 255
    mask = np.asarray(warped.getchannel("A"), np.float32)[..., None] / 255
    qr_px = float(np.mean(span))
    cx, cy = (float(v) for v in (lo + hi) / 2 + centre)  # Python floats keep arrays float32
    bx0, by0, bx1, by1 = warped.getchannel("A").getbbox() or (0, 0, fw, fh)
    part, pmask = img[by0:by1, bx0:bx1], mask[by0:by1, bx0:bx1]  # effects on the glass only
    yy, xx = (a.astype(np.float32) for a in np.ogrid[by0:by1, bx0:bx1])
    if not poster and rng.random() < 0.6:  # moiré: the camera's grid beating the pixel grid
        period, angle = rng.uniform(2.5, 12) * k, rng.uniform(0, math.pi)
        phase = (xx * math.cos(angle) + yy * math.sin(angle)) * 2 * math.pi / period
        phase = phase + rng.uniform(-1, 1) * ((xx - cx) ** 2 + (yy - cy) ** 2) / (qr_px * 40)
        amp = rng.uniform(0.04, 0.16)
        wave = np.stack([np.cos(phase + j * rng.uniform(0, 1.2)) for j in range(3)], -1)
        part *= 1 + amp * wave * pmask
    if rng.random() < (0.25 if poster else 0.45):  # glare: a lamp reflected on glass or gloss
        gx, gy = cx + rng.uniform(-0.5, 0.5) * qr_px, cy + rng.uniform(-0.5, 0.5) * qr_px
        sx, sy = (float(v) for v in rng.uniform(0.06, 0.3, 2) * qr_px)
        g = rng.uniform(0.3, 0.85) * np.exp(-((xx - gx) ** 2 / sx**2 + (yy - gy) ** 2 / sy**2) / 2)
        part[:] = 1 - (1 - part) * (1 - g[..., None] * pmask)
    yy, xx = (a.astype(np.float32) for a in np.ogrid[0:fh, 0:fw])
    gain = rng.uniform(0.25, 0.6) if rng.random() < 0.2 else rng.uniform(0.7, 1.05)
    uneven = rng.uniform(0, 0.5)
    light = gain * (1 + uneven * (_smooth_field(rng, (fh, fw), 3) * 2 - 1))
    if poster and rng.random() < 0.4:  # the shadow of the phone or a hand across the paper
        turn = rng.uniform(0, 2 * math.pi)
        edge = (xx - cx) * math.cos(turn) + (yy - cy) * math.sin(turn)
        light *= 1 - rng.uniform(0.1, 0.28) * (1 + np.tanh(edge / (0.06 * qr_px)))
    if not poster:  # a screen shines by itself: ambient light changes it less
        light = light * (1 - 0.6 * mask[..., 0]) + 0.6 * mask[..., 0] * min(1.0, gain + 0.3)
    img = np.clip(img * light[..., None] * 255, 0, 255).astype(np.uint8)
    photo = Image.fromarray(img)
    focus = module * rng.uniform(0, 0.4) if rng.random() < 0.6 else 0
    if focus > 0.3:
        photo = photo.filter(ImageFilter.GaussianBlur(focus))
    arr = np.asarray(photo)
    if rng.random() < 0.4:  # motion blur: a straight smear of up to a module
        arr = _smear(arr, module * rng.uniform(0.2, 1.0), rng.uniform(0, math.pi))
    sigma = (rng.uniform(6, 14) if gain < 0.6 else rng.uniform(1, 6)) * (0.6 if big else 1)
    # Luminance noise only: chroma noise barely matters once a reader takes the grey image.
    arr = arr + rng.standard_normal(arr.shape[:2], dtype=np.float32)[..., None] * sigma
    photo = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if rng.random() < 0.5:  # the phone's own sharpening, halos included
        photo = photo.filter(
            ImageFilter.UnsharpMask(rng.uniform(1, 3), int(rng.uniform(40, 140)), 2)
        )
    return photo, text, qr + centre  # the code's corners in the photo


def _smear(arr: Array, length: float, angle: float) -> Array:
    steps = max(2, math.ceil(length))
    acc = np.zeros(arr.shape, np.uint16)
    for t in np.linspace(-length / 2, length / 2, steps):
        dx, dy = round(t * math.cos(angle)), round(t * math.sin(angle))
        acc += np.roll(arr, (dy, dx), (0, 1)) if (dx or dy) else arr
    return (acc / steps).astype(np.float32)


def legible(jpeg: bytes, corners: Array, text: str) -> bool:
    """Whether the code's information survived: straightened out from where we know it is, does
    a plain decoder read it? The reader under test must also find it, with no such help."""
    photo = Image.open(io.BytesIO(jpeg)).convert("L")
    side, pad = 600, 100  # the pad adds a quiet zone where the box has none (posters)
    square = np.array([[pad, pad], [side - pad, pad], [side - pad, side - pad], [pad, side - pad]])
    flat = photo.transform(
        (side, side),
        Image.Transform.PERSPECTIVE,
        _coeffs(square, corners),
        Image.Resampling.BICUBIC,
    )
    for img in (flat, flat.filter(ImageFilter.GaussianBlur(2))):
        for binarizer in (zxingcpp.Binarizer.LocalAverage, zxingcpp.Binarizer.GlobalHistogram):
            codes = zxingcpp.read_barcodes(
                img, formats=zxingcpp.BarcodeFormat.QRCode, binarizer=binarizer
            )
            if any(code.text == text for code in codes):
                return True
    return False


def generate(n: int, seed: int) -> Iterator[tuple[str, bytes, str]]:
    """Yields (name, JPEG bytes, expected text); photo i depends only on (seed, i).

    A draw whose code did not survive its distortions (see `legible`) is drawn again: every photo
    is readable in principle, so a miss is the reader's fault.
    """
    for i in range(n):
        rng = np.random.default_rng((seed, i))
        while True:
            photo, text, corners = _shot(rng)
            out = io.BytesIO()
            photo.save(out, format="JPEG", quality=int(rng.integers(80, 88)))
            if legible(out.getvalue(), corners, text):
                break
        yield f"{seed}_{i:04d}", out.getvalue(), text


def _small_shot(rng: np.random.Generator) -> tuple[Image.Image, str, Array]:
    """A low-resolution photo framed on the code: a ~240 px picture (an old phone's camera, a
    thumbnail, a forwarded preview) where the code spans a third to four fifths of the frame."""
    photo, text, corners = _shot(rng)
    lo, hi = corners.min(0), corners.max(0)
    side = float((hi - lo).max()) / rng.uniform(0.35, 0.8)
    w, h = (side, side * 0.75) if rng.random() < 0.5 else (side * 0.75, side)
    w, h = max(w, float(hi[0] - lo[0]) + 10), max(h, float(hi[1] - lo[1]) + 10)
    x0 = np.clip(rng.uniform(hi[0] + 4 - w, lo[0] - 4), 0, max(0, photo.width - w))
    y0 = np.clip(rng.uniform(hi[1] + 4 - h, lo[1] - 4), 0, max(0, photo.height - h))
    box = (round(x0), round(y0), round(min(photo.width, x0 + w)), round(min(photo.height, y0 + h)))
    crop = photo.crop(box)
    scale = rng.uniform(200, 300) / max(crop.size)
    size = (max(1, round(crop.width * scale)), max(1, round(crop.height * scale)))
    small = crop.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
    return small, text, (corners - [box[0], box[1]]) * scale


def generate_small(n: int, seed: int) -> Iterator[tuple[str, bytes, str]]:
    """Like `generate`, for low-resolution photos of about 240 px (see `_small_shot`)."""
    for i in range(n):
        yield f"small_{seed}_{i:04d}", *small_photo(seed, i)


def small_photo(seed: int, i: int) -> tuple[bytes, str]:
    """Photo i of the small set of `seed`: (JPEG bytes, expected text); legible, as above."""
    rng = np.random.default_rng((seed, 1_000_000 + i))
    while True:
        photo, text, corners = _small_shot(rng)
        out = io.BytesIO()
        photo.save(out, format="JPEG", quality=int(rng.integers(70, 88)))
        if legible(out.getvalue(), corners, text):
            return out.getvalue(), text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=600)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--small", type=int, default=0, help="also this many ~240 px photos")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    photos = chain(generate(args.n, args.seed), generate_small(args.small, args.seed))
    for name, jpeg, text in photos:
        (args.out / f"{name}.jpg").write_bytes(jpeg)
        (args.out / f"{name}.txt").write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
