"""Where people find the newer commands: the command menus and the /help and /bhelp texts list
every one of them (referrals, promo codes, birthdays, tiers, expiry, the rewards ladder, the
owners' growth tools), in every language."""

from __future__ import annotations

from bot.i18n import LOCALES, t
from tests.e2e.helpers import join_staff_by_link, open_shop

CUSTOMER_NEW = ("refer", "promo", "birthday")
STAFF_NEW = ("newpromo", "tiers", "expiry", "bulkaward", "activity", "awardalert")


def described(menu: list[dict]) -> dict[str, str]:
    return {c["command"]: c["description"] for c in menu}


async def test_the_menus_list_the_new_commands_in_every_language(harness):
    for locale in LOCALES:
        menu = described(await harness.sb.commands({"type": "default"}, language_code=locale))
        assert {name: menu.get(name) for name in CUSTOMER_NEW} == {
            name: t(f"cmd_{name}", locale) for name in CUSTOMER_NEW
        }, locale
        assert not set(STAFF_NEW) & set(menu), locale  # owners' tools stay off customers' menus
    owner = await harness.user("Olga")
    await open_shop(harness, owner)
    sam = await join_staff_by_link(harness, owner, "Sam")
    staff_menu = described(await harness.sb.commands({"type": "chat", "chat_id": sam.chat_id}))
    for name in CUSTOMER_NEW + STAFF_NEW:
        assert staff_menu.get(name) == t(f"cmd_{name}", "en"), name


async def test_help_and_bhelp_list_the_new_commands_in_every_language(harness):
    for locale in LOCALES:
        owner = await harness.user(f"Olga{locale}", locale)
        await open_shop(harness, owner, f"Café {locale}")
        await owner.send_text("/help")
        help_text = (await owner.wait_for(lambda m: "/newqr" in m.content)).content
        for name in CUSTOMER_NEW:
            assert f"/{name}" in help_text, (locale, name)
        await owner.send_text("/bhelp")
        bhelp = (await owner.wait_for(lambda m: "/customers" in m.content)).content
        for name in STAFF_NEW:
            assert f"/{name}" in bhelp, (locale, name)
        # The rewards ladder has no command: /bhelp names its button under /programs.
        ladder = t("ladder_button", locale, id=1).split("#")[0].strip()
        assert any("/programs" in line and ladder in line for line in bhelp.splitlines()), locale
