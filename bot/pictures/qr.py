"""QR code pictures the bot sends: a customer's code for a phone screen and a printable poster.

Both take words already in the reader's language; `rtl` None lays each line out in the direction
its own letters give (see `bot.pictures.text.direction_of`).
"""

from __future__ import annotations

import io

import qrcode
from PIL import Image, ImageDraw
from qrcode.constants import ERROR_CORRECT_M, ERROR_CORRECT_Q

from bot.pictures import fonts
from bot.pictures.text import draw_lines, fit_lines

# Error correction for codes shown on a phone screen: M (15 %), not Q (25 %). A screen has no dirt,
# folds or ink spread; what hurts a screen photo is blur, small size and moiré, and those hurt
# smaller modules. Our deep link fits version 5 (37 modules) at M but needs version 6 (41) at Q,
# so M gives 11 % larger modules at the same displayed size. Glare, the one local damage a screen
# suffers, is mostly a contrast loss that a local binarizer rides through, and M still repairs a
# glare spot that spoils up to 15 % of the codewords. (Not yet measured head to head.)
SCREEN_ERROR_CORRECTION = ERROR_CORRECT_M
# Posters live on walls and counters: scuffs, tape, folds, stains. There Q's extra recovery pays
# for the smaller modules, and a poster is large anyway.
POSTER_ERROR_CORRECTION = ERROR_CORRECT_Q
QUIET_ZONE_MODULES = 4  # the minimum the QR specification asks for
SCREEN_MODULE_PX = 12  # big enough that Telegram's downscaling and JPEG leave crisp edges
TEXT_WIDTH = 0.92  # share of the picture's width a line may take


def qr_matrix(link: str, level: int, module_px: int) -> Image.Image:
    qr = qrcode.QRCode(error_correction=level, box_size=module_px, border=QUIET_ZONE_MODULES)
    qr.add_data(link)
    qr.make(fit=True)
    return qr.make_image(fill_color="black", back_color="white").get_image().convert("L")


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def customer_qr_png(link: str, caption: str | None = None, *, rtl: bool | None = None) -> bytes:
    """A customer's QR code as a PNG, with an optional caption (one or two lines) below it."""
    code = qr_matrix(link, SCREEN_ERROR_CORRECTION, SCREEN_MODULE_PX)
    if not caption or not fonts.printable(caption):
        return _png(code)
    size = max(22, code.width // 20)
    lines = fit_lines(
        caption, size, code.width * TEXT_WIDTH, weight=fonts.MEDIUM, rtl=rtl, max_lines=2
    )
    # The caption sits inside the white card under the quiet zone, so it never eats into it.
    text_height = sum(line.height for line in lines)
    canvas = Image.new("L", (code.width, code.height + text_height + lines[0].height // 2), 255)
    canvas.paste(code, (0, 0))
    draw_lines(ImageDraw.Draw(canvas), lines, code.width / 2, code.height)
    return _png(canvas)
