"""Staff of one business pressing the buttons of another's scan: refused, and nothing moves.

Olga's Café Lumen scans Ann; Bruno, who owns Bar Nord, sends the callback data of Olga's
buttons from his own chat (a forged press: Telegram delivers any data a client sends).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from sandbox.client import SandboxMessage, SandboxUser
from tests.e2e.helpers import customer, handled, open_shop, qr_photo, updates_handled

BACKENDS = ("sqlite", "postgresql")  # the guards read rows; both backends must refuse
ELSEWHERE = "belongs to another business"
POINTS = 50  # one scan reaches the reward, so a redemption would go through but for the guard


@dataclass
class Scene:
    bruno: SandboxUser
    his_message: SandboxMessage  # a bot message in Bruno's chat to press forged data on
    olgas_buttons: dict[str, str]  # label -> callback data under Olga's scan of Ann


@pytest.fixture
async def scene(harness) -> Scene:
    olga = await harness.user("Olga")
    shop = await open_shop(harness, olga, points_per_scan=POINTS)
    ann = await customer(harness, "Ann", shop)
    await olga.send_photo(await qr_photo(ann))
    scanned = await olga.wait_for_text(f"Ann: +{POINTS}")
    await ann.wait_for_text(f"+{POINTS} points")
    bruno = await harness.user("Bruno")
    await open_shop(harness, bruno, "Bar Nord")
    buttons = {label: data for row in scanned.buttons for label, data in row if data}
    return Scene(bruno, await bruno.last_message(), buttons)


async def nothing_moved(harness) -> None:
    assert await harness.query("SELECT balance FROM loyalty_cards") == [(POINTS,)]
    assert await harness.query("SELECT count(*) FROM point_transactions") == [(1,)]
    assert await harness.query("SELECT count(*) FROM customer_approval_requests") == [(0,)]
    points_messages = "SELECT count(*) FROM customer_notifications WHERE category LIKE 'points%'"
    assert await harness.query(points_messages) == [(1,)]  # only the scan's


@pytest.mark.parametrize("label", ["↩️ Undo", "+1", "+5"])
async def test_another_business_cannot_undo_or_add_with_a_forged_button(harness, scene, label):
    press = await scene.bruno.press_data(scene.his_message, scene.olgas_buttons[label])
    answer = await press.answer()
    assert answer is not None and ELSEWHERE in answer
    await nothing_moved(harness)


async def test_another_business_cannot_ask_to_redeem_with_a_forged_button(harness, scene):
    refused = updates_handled(harness, "refused")
    await scene.bruno.press_data(scene.his_message, scene.olgas_buttons["🎁 Redeem reward"])
    await handled(harness, "refused", refused + 1)  # the bot is done with the press
    await nothing_moved(harness)


@pytest.mark.parametrize(
    ("label", "asked"),
    [("Other amount", "How many to add"), ("➖ Deduct", "How many to deduct")],
)
async def test_another_business_cannot_add_or_deduct_a_typed_amount(harness, scene, label, asked):
    await scene.bruno.press_data(scene.his_message, scene.olgas_buttons[label])
    await scene.bruno.wait_for_text(asked)
    await scene.bruno.send_text("5")
    await scene.bruno.wait_for_text(ELSEWHERE)
    await nothing_moved(harness)
