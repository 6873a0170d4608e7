"""Command menus in every language: customers' by default, staff's per chat with a chat scope.

Telegram picks the most specific list: chat scope and language, then the chat scope, then the
default scope in the app's language, then the default without a language (English). The default
scope is set in every language; a chat's own list (staff, or a language chosen in Settings) is
set without a language code, in the person's language, so the choice wins over the app's.
"""

from __future__ import annotations

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault

from bot.i18n import DEFAULT, LOCALES, current_locale, t

CUSTOMER_COMMANDS = (
    "start", "qr", "cards", "history", "requests", "settings", "newqr", "leave", "forgetme",
    "help", "refer", "promo", "birthday",
)  # fmt: skip
STAFF_COMMANDS = (
    "code", "customers", "programs", "newprogram", "staff", "stats", "export", "poster",
    "broadcast", "business", "timezone", "bhelp", "newpromo", "tiers", "expiry", "bulkaward",
    "activity", "awardalert",
)  # fmt: skip


def commands(names: tuple[str, ...], locale: str) -> list[BotCommand]:
    return [BotCommand(name, t(f"cmd_{name}", locale)) for name in names]


def _languages() -> list[tuple[str, str | None]]:
    """(locale, language_code): the list without a language is the English one."""
    return [(DEFAULT, None)] + [(locale, locale) for locale in LOCALES]


async def set_default_commands(bot: Bot) -> None:
    for locale, code in _languages():
        await bot.set_my_commands(
            commands(CUSTOMER_COMMANDS, locale), scope=BotCommandScopeDefault(), language_code=code
        )


ADMIN_COMMANDS = ("admin",)
PRIVACY_COMMANDS = ("leave", "forgetme")


async def set_staff_commands(
    bot: Bot, chat_id: int, locale: str | None = None, *, operator: bool = False
) -> None:
    """Staff see both sets: they are customers too (operators also see /admin)."""
    names = (ADMIN_COMMANDS if operator else ()) + STAFF_COMMANDS + CUSTOMER_COMMANDS
    await bot.set_my_commands(
        commands(names, locale or current_locale()), scope=BotCommandScopeChat(chat_id)
    )


async def set_customer_commands(
    bot: Bot, chat_id: int, locale: str, *, operator: bool = False
) -> None:
    """A customer who chose a language in Settings: their chat's menu in that language."""
    names = (ADMIN_COMMANDS if operator else ()) + CUSTOMER_COMMANDS
    await bot.set_my_commands(commands(names, locale), scope=BotCommandScopeChat(chat_id))


async def clear_staff_commands(bot: Bot, chat_id: int) -> None:
    """Back to the customers' menu, for someone who is no longer staff anywhere."""
    await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id))
