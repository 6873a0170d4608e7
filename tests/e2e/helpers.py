"""Arranging e2e scenes: a business with a program, customers with cards, QR photos."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass

from bot.i18n import t
from domain.commands import CreateProgram, RegisterBusiness
from domain.enrollment import activate
from domain.models import Business, Customer, Program, TelegramUser
from domain.people import register_business
from domain.programs import create_program
from sandbox.client import SandboxUser
from sandbox.transcript import SandboxMessage
from tests.waiting import eventually


@dataclass
class Shop:
    business: Business
    program: Program


async def open_shop(harness, owner: SandboxUser, name: str = "Café Lumen", **fields) -> Shop:
    """The owner registers (via /start) and opens a business with a default program."""
    await owner.start()
    await owner.wait_for(lambda m: bool(m.content))  # the welcome, in the owner's language
    services = harness.app.bot_data["services"]
    business = await register_business(services.uow(), RegisterBusiness(owner.id, name))
    program_fields = {"points_per_scan": 10, "reward_threshold": 50, "reward_name": "Free coffee"}
    program_fields.update(fields)
    program = await create_program(
        services.uow(), CreateProgram(business.id, owner.id, "Coffee club", **program_fields)
    )
    return Shop(business, program)


async def customer(
    harness, name: str, shop: Shop | None = None, locale: str = "en"
) -> SandboxUser:
    """A customer who pressed Start, and joined the shop's program when one is given."""
    user = await harness.user(name, locale)
    await user.start()
    await user.wait_for(lambda m: m.content.startswith(first_words("welcome", locale, name=name)))
    if shop is not None:
        await user.start(f"j_{shop.program.join_code}")
        joined = t("joined_program", locale, program=shop.program.name,
                   business=shop.business.name, number="\x00").split("\x00")[0]  # fmt: skip
        await user.wait_for(lambda m: m.content.startswith(joined))
    return user


async def enrolled(harness, shop: Shop, count: int, prefix: str = "c") -> list[SandboxUser]:
    """Customers with a card in the shop, written in one transaction (fast for hundreds)."""
    people = await asyncio.gather(*(harness.user(f"{prefix}{i}") for i in range(count)))
    async with harness.app.bot_data["services"].uow() as uow:
        program = await uow.programs.get(shop.program.id)
        for person in people:
            await uow.users.upsert(TelegramUser(person.id, person.chat_id, person.first_name))
            customer = await uow.customers.add(
                Customer(
                    person.id, f"pub{person.id}", f"M{person.id}", person.first_name, uow.now()
                )
            )
            await activate(uow, program, customer, invited_by=None)
        await uow.commit()
    return list(people)


def first_words(key: str, locale: str, **params: object) -> str:
    """The start of a text in a language, up to its first line break (for waiting on it)."""
    return t(key, locale, **params).split("\n")[0]


async def qr_photo(user: SandboxUser, locale: str = "en") -> bytes:
    """What the customer's My QR shows, as image bytes (the button in the user's language)."""
    await user.send_text(t("btn_qr", locale))
    message = await user.wait_for(lambda m: m.photo is not None)
    return await message.fetch_photo()


async def balance_of(harness, user: SandboxUser) -> int:
    rows = await harness.query(
        "SELECT c.balance FROM loyalty_cards c JOIN customers u ON u.id = c.customer_id "
        "WHERE u.telegram_id = :tid",
        tid=user.id,
    )
    return rows[0][0]


def updates_handled(harness, result: str) -> int:
    """How many updates the bot has finished with this result (ok, refused, error)."""
    registry = harness.app.bot_data["metrics"].registry
    found = registry.get_sample_value("loyalty_updates_handled_total", {"result": result})
    return int(found or 0)


async def handled(harness, result: str, count: int, timeout: float = 5.0) -> None:
    """Wait until `count` updates have finished with `result`: the bot is done with them."""
    await eventually(
        lambda: updates_handled(harness, result) >= count, timeout, f"{count} {result} updates"
    )


WAITING_SQL = (
    "SELECT count(*) FROM customer_notifications n LEFT JOIN telegram_users u "
    "ON u.chat_id = n.chat_id WHERE n.status IN ('pending', 'sending') "
    "AND u.blocked_at IS NULL"
)


async def settled(harness, timeout: float = 10.0) -> None:
    """Wait until no outbox row waits to be sent, except those for chats that blocked the bot.

    Every row a use case or sweep committed before this call is then in its chat's transcript.
    """

    async def nothing_waits() -> bool:
        return (await harness.query(WAITING_SQL))[0][0] == 0

    try:
        await eventually(nothing_waits, timeout, "the outbox draining")
    except TimeoutError as error:
        left = await harness.query(
            "SELECT id, chat_id, status, attempts, last_error FROM customer_notifications "
            "WHERE status IN ('pending', 'sending')"
        )
        raise TimeoutError(f"{error}; waiting: {left}") from None


@dataclass
class Scanned:
    """Olga's shop, its customer Ann, and Olga's reply to scanning Ann once (with its buttons)."""

    owner: SandboxUser
    shop: Shop
    ann: SandboxUser
    reply: SandboxMessage


async def scanned_once(harness) -> Scanned:
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    await owner.send_photo(await qr_photo(ann))
    return Scanned(owner, shop, ann, await owner.wait_for_text("Ann: +10"))


async def staff_link(owner: SandboxUser) -> str:
    """The payload of a new single-use staff link the owner makes in /staff."""
    await owner.send_text("/staff")
    listing = await owner.wait_for_text("Staff of")
    await owner.press(listing, label="➕ New invitation link")
    made = await owner.wait_for_text("A new staff invitation link")
    return re.search(r"\?start=(s_[A-Za-z0-9_-]+)", made.content).group(1)


async def join_staff_by_link(harness, owner: SandboxUser, name: str) -> SandboxUser:
    """A new person joins the owner's business with a fresh link, confirming with Join."""
    payload = await staff_link(owner)
    person = await harness.user(name)
    await person.start(payload)
    question = await person.wait_for_text("Join the staff of")
    await person.press(question, label="✅ Join")
    await person.wait_for_text("You joined")
    return person
