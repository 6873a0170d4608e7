"""Programs through the real bot: guided and one-line creation, buttons, edits, refusals."""

from __future__ import annotations

from tests.e2e.helpers import join_staff_by_link
from tests.e2e.test_business import NOT_STAFF, join_customer, open_business, open_program

PROGRAM_COLUMNS = (
    "SELECT p.name, kind, points_per_scan, r.cost, r.name, daily_cap, p.active"
    " FROM loyalty_programs p JOIN program_rewards r ON r.program_id = p.id"
)


async def test_newprogram_guides_the_owner_through_each_question(harness):
    olga = await open_business(harness)
    await olga.send_text("/newprogram")
    await olga.wait_for_text("What is it called?")
    await olga.send_text("Stamp card")
    question = await olga.wait_for_text("Points or stamps?")
    assert question.button_labels == ["Points", "Stamps"]
    await olga.press(question, label="Stamps")
    await olga.wait_for_text("How many stamps per scan?")
    await olga.send_text("one")
    await olga.wait_for_text("The amount must be a whole number")
    await olga.send_text("1")
    await olga.wait_for_text("How many stamps for the reward?")
    await olga.send_text("10")
    await olga.wait_for_text("What is the reward called?")
    await olga.send_text("Free cake")
    created = await olga.wait_for_text("Stamp card created")
    code = (await harness.query("SELECT join_code FROM loyalty_programs"))[0][0]
    assert f"?start=j_{code}" in created.content
    assert await harness.query(PROGRAM_COLUMNS) == [
        ("Stamp card", "stamps", 1, 10, "Free cake", None, 1)
    ]
    assert await harness.query(
        "SELECT b.default_program_id = p.id FROM businesses b JOIN loyalty_programs p"
    ) == [(1,)]
    await olga.send_text("just chatting")  # the flow is over: text is ordinary again
    await olga.wait_for_text("I don't know that command")


async def test_newprogram_in_one_line_creates_the_program_with_its_daily_cap(harness):
    olga = await open_business(harness)
    await open_program(olga, "Coffee club | points | 10 | 100 | Free coffee | 30")
    assert await harness.query(PROGRAM_COLUMNS) == [
        ("Coffee club", "points", 10, 100, "Free coffee", 30, 1)
    ]


async def test_newprogram_with_bad_fields_answers_clearly_and_creates_nothing(harness):
    olga = await open_business(harness)
    for line, answer in (
        ("Club | points | ten | 100 | Coffee", "The amount must be a whole number"),
        ("Club | bananas | 1 | 100 | Coffee", "The kind must be “points” or “stamps”"),
        ("Club | points | 0 | 100 | Coffee", "The amount must be more than zero"),
        ("Club | points | 10", "One line: /newprogram"),
    ):
        await olga.send_text(f"/newprogram {line}")
        await olga.wait_for_text(answer)
    assert await harness.query("SELECT count(*) FROM loyalty_programs") == [(0,)]


async def test_cancel_stops_the_guided_flow(harness):
    olga = await open_business(harness)
    await olga.send_text("/newprogram")
    await olga.wait_for_text("What is it called?")
    await olga.send_text("/cancel")
    await olga.wait_for_text("Cancelled.")
    await olga.send_text("Coffee club")
    await olga.wait_for_text("I don't know that command")
    assert await harness.query("SELECT count(*) FROM loyalty_programs") == [(0,)]


async def test_programs_lists_join_links_and_its_buttons_make_default_and_deactivate(harness):
    olga = await open_business(harness)
    await open_program(olga, "Coffee club | points | 10 | 100 | Free coffee")
    await open_program(olga, "Cake club | stamps | 1 | 8 | Free cake")
    first, second = [
        row[0] for row in await harness.query("SELECT id FROM loyalty_programs ORDER BY id")
    ]
    await olga.send_text("/programs")
    listing = await olga.wait_for_text("Join link")
    codes = [row[0] for row in await harness.query("SELECT join_code FROM loyalty_programs")]
    assert all(f"start=j_{code}" in listing.content for code in codes)
    assert f"⭐ #{first} Coffee club" in listing.content
    await olga.press(listing, label=f"⭐ Default #{second}")
    await olga.wait_for_text(f"#{second} Cake club is now the default program")
    assert await harness.query("SELECT default_program_id FROM businesses") == [(second,)]
    await olga.press(listing, label=f"⏸ Deactivate #{second}")
    await olga.wait_for_text(f"#{second} Cake club is deactivated")
    assert await harness.query("SELECT active FROM loyalty_programs ORDER BY id") == [(1,), (0,)]
    assert await harness.query("SELECT default_program_id FROM businesses") == [(first,)]


async def test_editprogram_changes_one_field_and_refuses_bad_values(harness):
    olga = await open_business(harness)
    await open_program(olga, "Coffee club | points | 10 | 100 | Free coffee | 50")
    program_id = (await harness.query("SELECT id FROM loyalty_programs"))[0][0]
    for command, answer in (
        (f"/editprogram {program_id} points_per_scan 5", "points_per_scan = 5"),
        (f"/editprogram {program_id} name Latte club", "name = Latte club"),
        (f"/editprogram {program_id} daily_cap none", "daily_cap = none"),
        (f"/editprogram {program_id} max_per_scan lots", "must be a whole number"),
        (f"/editprogram {program_id} reward_name Big latte", "Send /editprogram <id>"),
        (f"/editprogram {program_id} points_per_scan 0", "must be more than zero"),
        (f"/editprogram {program_id} colour blue", "Send /editprogram <id> <field> <value>"),
        ("/editprogram", "Send /editprogram <id> <field> <value>"),
    ):
        await olga.send_text(command)
        await olga.wait_for_text(answer)
    assert await harness.query(PROGRAM_COLUMNS) == [
        ("Latte club", "points", 5, 100, "Free coffee", None, 1)
    ]


async def test_staff_of_one_business_cannot_touch_another_business_program(harness):
    olga = await open_business(harness, business="Bean There")
    await open_program(olga, "Coffee club | points | 10 | 100 | Free coffee")
    max_ = await open_business(harness, owner="Max", business="Rival")
    await open_program(max_, "Rival club | points | 5 | 50 | Free tea")
    rival_id = (await harness.query("SELECT id FROM loyalty_programs WHERE name = 'Rival club'"))[
        0
    ][0]
    await olga.send_text("/programs")
    listing = await olga.wait_for_text("Join link")
    assert "Rival" not in listing.content
    for data in (f"pg:{rival_id}:x", f"pg:{rival_id}:d"):
        press = await olga.press_data(listing, data)
        assert await press.answer() == NOT_STAFF
    press = await olga.press_data(listing, "pg:nonsense")
    assert await press.answer() == "This button is no longer valid."
    await olga.send_text(f"/editprogram {rival_id} points_per_scan 99")
    await olga.wait_for_text(NOT_STAFF)
    assert await harness.query(
        "SELECT points_per_scan, active FROM loyalty_programs WHERE id = :i", i=rival_id
    ) == [(5, 1)]


async def test_staff_who_are_not_owners_cannot_create_or_change_programs(harness):
    olga = await open_business(harness)
    await open_program(olga)
    await join_customer(harness, "Ann")  # customers are not staff either
    bob = await join_staff_by_link(harness, olga, "Bob")
    await bob.send_text("/newprogram")
    await bob.wait_for_text("Only the business owner can do that.")
    await bob.send_text("/programs")
    listing = await bob.wait_for_text("Join link")
    press = await bob.press(listing, label=listing.button_labels[0])
    assert await press.answer() == "Only the business owner can do that."
    assert await harness.query("SELECT count(*), min(active) FROM loyalty_programs") == [(1, 1)]
