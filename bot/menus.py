"""Command menus: customers' by default, staff's set per chat with a chat scope."""

from __future__ import annotations

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault

CUSTOMER_COMMANDS = [
    ("start", "Start and show the menu"),
    ("qr", "My QR code"),
    ("cards", "My loyalty cards"),
    ("history", "My latest points"),
    ("requests", "Requests waiting for my answer"),
    ("settings", "Which messages I get"),
    ("newqr", "Replace my QR code"),
    ("help", "How it works"),
]
STAFF_COMMANDS = [
    ("code", "Scan by the customer's manual code"),
    ("customers", "Our customers"),
    ("programs", "Loyalty programs"),
    ("newprogram", "Create a program"),
    ("staff", "Staff and invitation link"),
    ("stats", "Statistics"),
    ("export", "Export customers and ledger as CSV"),
    ("poster", "A printable join poster"),
    ("broadcast", "Message all customers"),
    ("business", "Choose the business to act for"),
    ("bhelp", "Staff help"),
]


async def set_default_commands(bot: Bot) -> None:
    await bot.set_my_commands(
        [BotCommand(c, d) for c, d in CUSTOMER_COMMANDS], scope=BotCommandScopeDefault()
    )


async def set_staff_commands(bot: Bot, chat_id: int) -> None:
    """Staff see both sets: they are customers too."""
    commands = [BotCommand(c, d) for c, d in STAFF_COMMANDS + CUSTOMER_COMMANDS]
    await bot.set_my_commands(commands, scope=BotCommandScopeChat(chat_id))


async def clear_staff_commands(bot: Bot, chat_id: int) -> None:
    """Back to the customers' menu, for someone who is no longer staff anywhere."""
    await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id))
