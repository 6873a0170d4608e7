"""Every person in their own language: the seed flows in Arabic and Russian, mixed languages,
switching mid-chat, command menus per language, and no English left on an Arabic screen."""

from __future__ import annotations

import re

import pytest

from bot.i18n import t
from domain.models import ProgramKind
from sandbox.client import SandboxUser
from tests.e2e.helpers import balance_of, customer, first_words, open_shop, qr_photo

FSI, PDI = "\u2068", "\u2069"
# What may stay Latin in an Arabic screen: names, codes, commands, links and the one-line form.
ALLOWED_LATIN = re.compile(
    r"https?://\S+|/[a-z_]+|[A-Z0-9]{4}-[A-Z0-9]{4}|Coffee club|Café Lumen|Olga|Layla|Ann"
    r"|Free coffee|points|stamps|K7QX-4M2P|\d[\d.,]*|[A-Z][a-z]+/[A-Za-z_]+|\bQR\b|\bCSV\b|\bUTC\b"
)


def bare(text: str) -> str:
    return text.replace(FSI, "").replace(PDI, "")


def english_words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{2,}", ALLOWED_LATIN.sub(" ", bare(text)))


async def starts(user: SandboxUser, key: str, locale: str, **params: object):
    """Wait for a message that begins as the catalog says `key` begins in `locale`."""
    head = first_words(key, locale, **params)
    head = head.split("\x00")[0]
    return await user.wait_for(lambda m: m.content.startswith(head))


def upto(key: str, locale: str, **params: object) -> str:
    """The text of `key` up to the first parameter given as None (unknown in a test)."""
    filled = {k: ("\x00" if v is None else v) for k, v in params.items()}
    return t(key, locale, **filled).split("\x00")[0]


@pytest.mark.parametrize("locale", ["ar", "ru"])
async def test_the_scan_flow_speaks_the_language_of_each_side(harness, locale):
    owner = await harness.user("Olga", locale)
    shop = await open_shop(harness, owner)
    layla = await customer(harness, "Layla", shop, locale)
    await owner.send_photo(await qr_photo(layla, locale))
    scanned = t("for_business", locale, business="Café Lumen") + "\n" + t(
        "scan_awarded", locale, customer="Layla", points=10, kind="points",
        program="Coffee club", balance=10, threshold=50,
    )  # fmt: skip
    reply = await owner.wait_for(lambda m: m.content == scanned)
    assert t("btn_undo", locale) in reply.button_labels
    push = t("points_added", locale, business="Café Lumen", points=10, kind="points",
             program="Coffee club", balance=10, threshold=50)  # fmt: skip
    await layla.wait_for(lambda m: m.content == push)
    await layla.send_text(t("btn_cards", locale))
    await layla.wait_for(lambda m: m.content.startswith(t("cards_header", locale)))
    assert await balance_of(harness, layla) == 10


@pytest.mark.parametrize("locale", ["ar", "ru"])
async def test_enrollment_and_deduction_flows_in_the_customers_language(harness, locale):
    owner = await harness.user("Olga", locale)
    shop = await open_shop(harness, owner, points_per_scan=30)
    layla = await customer(harness, "Layla", locale=locale)
    await owner.send_photo(await qr_photo(layla, locale))
    invited = upto("enrollment_request", locale, business="Café Lumen", program=None)
    invitation = await layla.wait_for(lambda m: m.content.startswith(invited))
    await layla.press(invitation, label=t("btn_accept", locale))
    await starts(layla, "answer_accepted", locale, program="Coffee club", business="Café Lumen")
    joined = t("enrollment_approved", locale, customer="Layla", program="Coffee club")
    await owner.wait_for(lambda m: m.content == joined)

    await owner.send_photo(await qr_photo(layla, locale))
    scanned = await owner.wait_for(lambda m: t("btn_deduct", locale) in m.button_labels)
    await owner.press(scanned, label=t("btn_deduct", locale))
    await owner.wait_for(lambda m: m.content == t("ask_amount_deduct", locale))
    await owner.send_text("2")
    asked = t("deduction_request", locale, business="Café Lumen", amount=2, kind="points",
              program="Coffee club", reason_suffix="", balance=30)  # fmt: skip
    request = await layla.wait_for(lambda m: m.content == asked)
    await layla.press(request, label=t("btn_approve", locale))
    approved = t("deduction_approved", locale, customer="Layla", amount=2, kind="points",
                 balance=28)  # fmt: skip
    await owner.wait_for(lambda m: m.content == approved)
    assert await balance_of(harness, layla) == 28
    assert shop.program.name == "Coffee club"


async def test_an_arabic_customer_served_by_english_staff_each_read_their_own(harness):
    owner = await harness.user("Olga", "en")
    shop = await open_shop(harness, owner)
    layla = await customer(harness, "Layla", shop, "ar")
    await owner.send_photo(await qr_photo(layla, "ar"))
    await owner.wait_for_text("Layla: +10 points in Coffee club")
    push = t("points_added", "ar", business="Café Lumen", points=10, kind="points",
             program="Coffee club", balance=10, threshold=50)  # fmt: skip
    message = await layla.wait_for(lambda m: m.content == push)
    assert english_words(message.content) == []
    assert FSI + "10" + PDI in message.content  # numbers isolated inside right-to-left text


async def test_a_stamps_program_counts_stamps_with_the_right_plural(harness):
    owner = await harness.user("Olga", "ru")
    shop = await open_shop(
        harness, owner, kind=ProgramKind.STAMPS, points_per_scan=1, reward_threshold=5
    )
    layla = await customer(harness, "Layla", shop, "ru")
    await owner.send_photo(await qr_photo(layla, "ru"))
    one = t("points_added", "ru", business="Café Lumen", points=1, kind="stamps",
            program="Coffee club", balance=1, threshold=5)  # fmt: skip
    await layla.wait_for(lambda m: m.content == one)
    assert one != t("points_added", "ru", business="Café Lumen", points=2, kind="stamps",
                    program="Coffee club", balance=1, threshold=5)  # fmt: skip
    assert one != t("points_added", "ru", business="Café Lumen", points=1, kind="points",
                    program="Coffee club", balance=1, threshold=5)  # fmt: skip


@pytest.mark.parametrize("code", ["pt-BR", "zz", None])
async def test_a_language_we_do_not_have_falls_back_to_english(harness, code):
    user = await harness.user("Pat", code)
    await user.start()
    await user.wait_for_text("Welcome, Pat!")


async def test_switching_language_in_settings_keeps_the_old_keyboard_working(harness):
    owner = await harness.user("Olga")
    shop = await open_shop(harness, owner)
    ann = await customer(harness, "Ann", shop)
    await ann.send_text(t("btn_settings", "en"))
    settings = await ann.wait_for_text("Messages you get")
    await ann.press(settings, label=t("btn_language", "en", language="English"))
    languages = await ann.wait_for_text("Choose the language")
    await ann.press(languages, label="Русский")
    chosen = await ann.wait_for(lambda m: m.content == t("language_chosen", "ru"))
    assert chosen.reply_markup["keyboard"][0][0]["text"] == t("btn_qr", "ru")
    await ann.send_text(t("btn_cards", "en"))  # a button of the old, English keyboard
    await ann.wait_for(lambda m: m.content.startswith(t("cards_header", "ru")))
    # Pushes caused by English-speaking staff now arrive in Russian.
    await owner.send_photo(await qr_photo(ann, "ru"))
    push = t("points_added", "ru", business="Café Lumen", points=10, kind="points",
             program="Coffee club", balance=10, threshold=50)  # fmt: skip
    await ann.wait_for(lambda m: m.content == push)
    menu = await harness.sb.commands({"type": "chat", "chat_id": ann.chat_id})
    assert [c["description"] for c in menu][:1] == [t("cmd_start", "ru")]


async def test_command_menus_are_set_in_every_language(harness):
    for locale in ("ar", "es", "fr", "ru"):
        menu = await harness.sb.commands({"type": "default"}, language_code=locale)
        assert {c["command"]: c["description"] for c in menu}["qr"] == t("cmd_qr", locale)
    english = await harness.sb.commands({"type": "default"})
    assert {c["command"]: c["description"] for c in english}["qr"] == t("cmd_qr", "en")


async def test_every_screen_in_arabic_has_no_english_outside_names_and_codes(harness):
    owner = await harness.user("Olga", "ar")
    shop = await open_shop(harness, owner)
    layla = await customer(harness, "Layla", shop, "ar")
    await owner.send_photo(await qr_photo(layla, "ar"))
    scanned = await owner.wait_for(lambda m: t("btn_undo", "ar") in m.button_labels)
    await owner.press(scanned, label="+1")
    for label in ("btn_cards", "btn_history", "btn_requests", "btn_settings", "btn_help"):
        await layla.send_text(t(label, "ar"))
    await layla.send_text("/newqr")
    for command in (
        "/bhelp",
        "/customers",
        "/stats",
        "/programs",
        "/staff",
        "/business",
        "/timezone",
        "/code",
        "/invite",
        "/newprogram",
        "/cancel",
        "/nonsense",
    ):
        await owner.send_text(command)
    await owner.send_text("/timezone Mars/Base")
    await layla.send_text("/stats")  # not staff: refused in Arabic
    await owner.wait_for(lambda m: m.content == t("unknown_command", "ar"))
    await layla.wait_for(lambda m: m.content == t("not_staff", "ar"))
    found = {}
    for user in (owner, layla):
        for message in await user.transcript():
            words = english_words(message.content) + [
                w for label in message.button_labels for w in english_words(label)
            ]
            if words:
                found[message.content[:60]] = words
    assert found == {}
