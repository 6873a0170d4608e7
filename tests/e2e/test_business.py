"""Business staff through the real bot: register a business, staff links, invitations, refusals."""

from __future__ import annotations

from sandbox.client import SandboxUser
from tests.e2e.helpers import join_staff_by_link, staff_link

NOT_STAFF = "Only staff of this business can do that."


async def open_business(harness, owner: str = "Olga", business: str = "Bean There"):
    """A new user registers a business in one line and becomes its owner."""
    user = await harness.user(owner)
    await user.send_text(f"/newbusiness {business}")
    await user.wait_for_text("is registered")
    return user


async def open_program(
    user: SandboxUser, line: str = "Coffee club | points | 10 | 100 | Free coffee"
):
    await user.send_text(f"/newprogram {line}")
    return await user.wait_for_text("created")


async def join_customer(harness, name: str, program: str = "Coffee club") -> SandboxUser:
    """A customer opens the program's join link, as a poster's QR code would make them."""
    rows = await harness.query("SELECT join_code FROM loyalty_programs WHERE name = :n", n=program)
    customer = await harness.user(name)
    await customer.start(f"j_{rows[0][0]}")
    await customer.wait_for_text("You joined")
    return customer


async def manual_code(harness, user: SandboxUser) -> str:
    rows = await harness.query(
        "SELECT manual_code FROM customers WHERE telegram_id = :i", i=user.id
    )
    return rows[0][0]


async def test_newbusiness_asks_the_name_registers_the_owner_and_sets_the_staff_menu(harness):
    olga = await harness.user("Olga")
    await olga.send_text("/newbusiness")
    await olga.wait_for_text("What is your business called?")
    await olga.send_text("Bean There")
    created = await olga.wait_for_text("Bean There is registered")
    assert "/newprogram" in created.content
    assert await harness.query(
        "SELECT b.name, s.role FROM businesses b JOIN business_staff s ON s.business_id = b.id"
        " WHERE s.telegram_id = :i",
        i=olga.id,
    ) == [("Bean There", "owner")]
    menu = await harness.sb.commands(scope={"type": "chat", "chat_id": olga.chat_id})
    assert {"newprogram", "customers", "stats", "qr"} <= {c["command"] for c in menu}
    default_menu = await harness.sb.commands()
    assert "newprogram" not in {c["command"] for c in default_menu}


async def test_staff_link_joins_a_second_user_as_staff_and_the_owner_can_remove_them(harness):
    olga = await open_business(harness)
    payload = await staff_link(olga)
    bob = await harness.user("Bob")
    await bob.start(payload)
    question = await bob.wait_for_text("Join the staff of Bean There?")
    await bob.press(question, label="✅ Join")
    await bob.wait_for_text("You joined Bean There as staff and now act for Bean There")
    await olga.wait_for_text("Bob joined Bean There as staff")
    bob_menu = await harness.sb.commands(scope={"type": "chat", "chat_id": bob.chat_id})
    assert "customers" in {c["command"] for c in bob_menu}
    assert await harness.query(
        "SELECT role FROM business_staff WHERE telegram_id = :i", i=bob.id
    ) == [("staff",)]

    await olga.send_text("/staff")
    listing = await olga.wait_for_text("• Bob (staff)")
    assert listing.button_labels == ["🔢 Limit: Bob", "Remove Bob", "➕ New invitation link"]
    press = await olga.press(listing, label="Remove Bob")
    assert await press.answer() == "✅ Removed from staff."
    await olga.wait_for(lambda m: m.message_id == listing.message_id and "Bob" not in m.content)
    assert await harness.query(
        "SELECT count(*) FROM business_staff WHERE telegram_id = :i", i=bob.id
    ) == [(0,)]
    await bob.send_text("/stats")
    await bob.wait_for_text(NOT_STAFF)
    bob_menu = await harness.sb.commands(scope={"type": "chat", "chat_id": bob.chat_id})
    assert "customers" not in {c["command"] for c in bob_menu}


async def test_staff_member_cannot_open_the_owners_staff_list(harness):
    olga = await open_business(harness)
    bob = await join_staff_by_link(harness, olga, "Bob")
    await bob.send_text("/staff")
    await bob.wait_for_text("Only the business owner can do that.")
    await bob.send_text("/bhelp")
    await bob.wait_for_text("Staff commands")
    assert olga.id != bob.id


async def test_business_lists_the_users_businesses_and_a_button_chooses_one(harness):
    olga = await open_business(harness, business="Bean There")
    await olga.send_text("/newbusiness Tea Time")
    await olga.wait_for_text("Tea Time is registered")
    await olga.send_text("/business")
    listing = await olga.wait_for_text("Choose the one you act for")
    assert "👉 Tea Time (owner)" in listing.content
    assert listing.button_labels == ["Bean There", "Tea Time"]
    await olga.press(listing, label="Bean There")
    await olga.wait_for_text("You now act for Bean There")
    await olga.send_text("/staff")
    await olga.wait_for_text("Staff of Bean There")


async def test_a_crafted_business_button_of_another_business_is_refused(harness):
    olga = await open_business(harness, business="Bean There")
    await open_business(harness, owner="Max", business="Rival")
    rival_id = (await harness.query("SELECT id FROM businesses WHERE name = 'Rival'"))[0][0]
    await olga.send_text("/business")
    listing = await olga.wait_for_text("Choose the one you act for")
    press = await olga.press_data(listing, f"bz:{rival_id}")
    assert await press.answer() == NOT_STAFF
    await olga.send_text("/staff")
    await olga.wait_for_text("Staff of Bean There")


async def test_invite_by_manual_code_sends_the_customer_an_invitation_they_can_accept(harness):
    olga = await open_business(harness)
    await open_program(olga)
    ann = await harness.user("Ann")
    await ann.start()
    await ann.wait_for_text("Welcome")
    await olga.send_text(f"/invite {(await manual_code(harness, ann)).lower()}")
    await olga.wait_for_text("Invitation to Coffee club sent to Ann")
    invitation = await ann.wait_for_text("invites you to Coffee club")
    await ann.press(invitation, label="✅ Accept")
    await olga.wait_for_text("Ann joined Coffee club")
    assert await harness.query(
        "SELECT count(*) FROM loyalty_cards c JOIN customers u ON u.id = c.customer_id"
        " WHERE u.telegram_id = :i",
        i=ann.id,
    ) == [(1,)]
    await olga.send_text("/invite ZZZZ-ZZZZ")
    await olga.wait_for_text("I don't know this customer yet")


async def test_a_stranger_gets_the_not_staff_answer_to_every_staff_command(harness):
    await open_business(harness)
    eve = await harness.user("Eve")
    for command in (
        "/staff", "/business", "/bhelp", "/invite K7QX-4M2P", "/newprogram",
        "/newprogram A | points | 1 | 10 | R", "/programs", "/editprogram 1 name X",
        "/customers", "/stats", "/export", "/poster",
    ):  # fmt: skip
        await eve.send_text(command)
        await eve.wait_for_text(NOT_STAFF)
    assert await harness.query("SELECT count(*) FROM loyalty_programs") == [(0,)]
