"""Real photos through the bot: two codes in one picture, EXIF rotation, a 15 MB camera file."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from domain.commands import EditProgram
from domain.programs import edit_program
from tests.e2e.helpers import balance_of, customer, open_shop, qr_photo


def _jpeg(image: Image.Image, **save) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=90, **save)
    return out.getvalue()


def _code(png: bytes, side: int) -> Image.Image:
    code = Image.open(io.BytesIO(png)).convert("L")
    code.thumbnail((side, side))
    return code


async def test_a_photo_with_two_codes_asks_which_one_and_scans_the_one_chosen(harness):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    bob = await customer(harness, "Bob", shop)
    canvas = Image.new("L", (900, 1400), 170)
    canvas.paste(_code(await qr_photo(ann), 620), (140, 20))  # Ann on top
    canvas.paste(_code(await qr_photo(bob), 620), (140, 720))
    await owner.send_photo(_jpeg(canvas))
    question = await owner.wait_for_text("I see 2 customer codes")
    assert question.button_labels == [
        "Code 1 (counting from the top)",
        "Code 2 (counting from the top)",
    ]
    await owner.press(question, label="Code 1 (counting from the top)")
    await owner.wait_for_text("Ann: +10")
    assert await balance_of(harness, ann) == 10 and await balance_of(harness, bob) == 0


async def test_a_photo_file_with_an_exif_rotation_scans(harness):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    canvas = Image.new("L", (1280, 960), 160)
    canvas.paste(_code(await qr_photo(ann), 700), (290, 130))
    sideways = canvas.rotate(90, expand=True)  # stored sideways; the EXIF tag turns it back
    exif = Image.Exif()
    exif[0x0112] = 8
    await owner.send_document(_jpeg(sideways, exif=exif.tobytes()), "IMG_0042.jpg", "image/jpeg")
    await owner.wait_for_text("Ann: +10")


async def test_a_15_mb_camera_original_sent_as_a_file_scans(harness):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    rng = np.random.default_rng(7)
    pixels = rng.integers(125, 195, (2500, 3600), dtype=np.uint8)
    canvas = Image.fromarray(pixels).resize((7200, 5000), Image.Resampling.NEAREST)
    code = _code(await qr_photo(ann), 2000)
    canvas.paste(code.resize((1400, 1400), Image.Resampling.NEAREST), (4000, 1600))
    data = _jpeg(canvas)
    assert 12e6 < len(data) < 20e6
    await owner.send_document(data, "DSC_0001.jpg", "image/jpeg")
    await owner.wait_for_text("Ann: +10", timeout=15)


async def test_a_refused_code_button_answers_the_press_with_the_refusal(harness):
    """The code buttons answer the press after the scan, so a refusal (here: the program was
    switched off meanwhile) is the press's alert, not lost."""
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    bob = await customer(harness, "Bob", shop)
    canvas = Image.new("L", (900, 1400), 170)
    canvas.paste(_code(await qr_photo(ann), 620), (140, 20))
    canvas.paste(_code(await qr_photo(bob), 620), (140, 720))
    await owner.send_photo(_jpeg(canvas))
    question = await owner.wait_for_text("I see 2 customer codes")
    services = harness.app.bot_data["services"]
    await edit_program(services.uow(), EditProgram(shop.program.id, owner.id, active=False))
    press = await owner.press(question, label="Code 1 (counting from the top)")
    answer = await press.answer()
    assert answer.show_alert and answer.startswith("No active program to award points in")
    assert await balance_of(harness, ann) == 0
