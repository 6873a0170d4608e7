"""Guided steps through the real bot: kept in the database, cancelled alike, answered in order."""

from __future__ import annotations

import asyncio
import json

from tests.e2e.helpers import balance_of, scanned_once
from tests.e2e.test_business import open_business

UNKNOWN = "I don't know that command"


async def step_of(harness, user) -> list[tuple]:
    """The chat's stored (step, answers); the JSON column reads back as text through raw SQL."""
    rows = await harness.query(
        "SELECT step, data FROM conversations WHERE chat_id = :c", c=user.chat_id
    )
    return [(step, json.loads(data) if isinstance(data, str) else data) for step, data in rows]


async def test_cancel_typed_or_sent_as_a_command_leaves_every_kind_of_step_alike(harness):
    scan = await scanned_once(harness)
    owner, ann, scanned = scan.owner, scan.ann, scan.reply
    for begin, question, cancel in (
        (lambda: owner.press(scanned, label="Other amount"), "How many to", "cancel"),
        (lambda: owner.press(scanned, label="➖ Deduct"), "How many to", "/cancel"),
        (lambda: owner.send_text("/newbusiness"), "What is your business called?", "Cancel"),
        (lambda: owner.send_text("/newprogram"), "What is it called?", " CANCEL "),
    ):
        await begin()
        await owner.wait_for_text(question)
        await owner.send_text(cancel)
        await owner.wait_for_text("Cancelled.")
        assert [step for step, _ in await step_of(harness, owner)] == [None]
        await owner.send_text("12")  # no longer an answer to anything
        await owner.wait_for_text(UNKNOWN)
    assert await balance_of(harness, ann) == 10
    assert await harness.query("SELECT count(*) FROM businesses") == [(1,)]


async def test_the_typed_amount_is_stored_in_the_database_until_it_is_accepted(harness):
    scan = await scanned_once(harness)
    owner, scanned = scan.owner, scan.reply
    await owner.press(scanned, label="Other amount")
    await owner.wait_for_text("How many to add")
    card_id = (await harness.query("SELECT id FROM loyalty_cards"))[0][0]
    step, data = (await step_of(harness, owner))[0]
    assert (step, data) == ("amount", {"action": "add", "card_id": card_id})
    await owner.send_text("0")
    await owner.wait_for_text("more than zero")  # refused: the step stays for another try
    await owner.send_text("7")
    await owner.wait_for_text("+7 points. Balance: 17")
    assert await step_of(harness, owner) == [(None, {})]


async def test_an_answer_sent_right_behind_its_command_waits_for_the_step_to_be_stored(harness):
    olga, max_ = await harness.user("Olga"), await harness.user("Max")
    # Not waiting for the question: the name must still be taken as the answer.
    await olga.send_text("/newbusiness")
    await olga.send_text("Bean There")
    await max_.send_text("/newbusiness Rival")
    await asyncio.gather(
        olga.wait_for_text("Bean There is registered"), max_.wait_for_text("Rival is registered")
    )


async def test_the_kind_button_counts_only_while_the_flow_is_at_that_question(harness):
    olga = await open_business(harness)
    await olga.send_text("/newprogram")
    await olga.wait_for_text("What is it called?")
    await olga.send_text("Stamp card")
    question = await olga.wait_for_text("Points or stamps?")
    await olga.send_text("stamps")
    await olga.wait_for_text("How many stamps per scan?")
    press = await olga.press(question, label="Points")
    assert await press.answer() == "This button is no longer valid."
    step, data = (await step_of(harness, olga))[0]
    assert step == "program_points" and data["kind"] == "stamps"
