"""getMe and the bot's command menus: setMyCommands, getMyCommands, deleteMyCommands by scope."""

from __future__ import annotations

import re
from typing import Any

from sandbox.params import Params, bad_request
from sandbox.state import Store

_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
_PLAIN_SCOPES = frozenset(
    {"default", "all_private_chats", "all_group_chats", "all_chat_administrators"}
)
_CHAT_SCOPES = frozenset({"chat", "chat_administrators", "chat_member"})
MAX_COMMANDS = 100


async def get_me(store: Store, p: Params) -> dict[str, Any]:
    return {
        **store.bot,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def scope_key(store: Store, scope: Any, language_code: str | None) -> tuple[Any, ...]:
    """A hashable key for a BotCommandScope plus language; unknown chats are refused."""
    scope = scope or {"type": "default"}
    if not isinstance(scope, dict):
        raise bad_request("can't parse BotCommandScope JSON object")
    kind = scope.get("type")
    language = language_code or ""
    if language and not re.fullmatch(r"[a-z]{2}", language):
        raise bad_request("invalid language code specified")
    if kind in _PLAIN_SCOPES:
        return (kind, None, None, language)
    if kind not in _CHAT_SCOPES:
        raise bad_request("unsupported bot command scope type")
    try:
        chat_id = int(scope.get("chat_id"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise bad_request("chat not found") from None
    if chat_id not in store.chats:
        raise bad_request("chat not found")
    user_id = None
    if kind == "chat_member":
        try:
            user_id = int(scope.get("user_id"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise bad_request("user not found") from None
        if user_id not in store.users:
            raise bad_request("user not found")
    return (kind, chat_id, user_id, language)


def _key(store: Store, p: Params) -> tuple[Any, ...]:
    return scope_key(store, p.json("scope", "BotCommandScope"), p.str("language_code"))


async def set_my_commands(store: Store, p: Params) -> bool:
    commands = p.json("commands", "commands")
    if not isinstance(commands, list):
        raise bad_request('field "commands" must be an Array')
    if len(commands) > MAX_COMMANDS:
        raise bad_request("too many commands specified")
    clean = []
    for command in commands:
        if not isinstance(command, dict):
            raise bad_request("can't parse BotCommand JSON object")
        name = str(command.get("command") or "").lstrip("/")
        description = str(command.get("description") or "").strip()
        if not _COMMAND.match(name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(description) <= 256:
            raise bad_request("command description is empty or too long")
        clean.append({"command": name, "description": description})
    key = _key(store, p)
    if clean:
        store.commands[key] = clean
    else:
        store.commands.pop(key, None)
    return True


async def get_my_commands(store: Store, p: Params) -> list[dict[str, str]]:
    return store.commands.get(_key(store, p), [])


async def delete_my_commands(store: Store, p: Params) -> bool:
    store.commands.pop(_key(store, p), None)
    return True


async def set_chat_menu_button(store: Store, p: Params) -> bool:
    button = p.json("menu_button", "MenuButton") or {"type": "default"}
    if not isinstance(button, dict) or button.get("type") not in (
        "commands",
        "web_app",
        "default",
    ):
        raise bad_request("can't parse MenuButton JSON object")
    if button["type"] == "web_app":
        app = button.get("web_app") or {}
        if not button.get("text") or not str(app.get("url", "")).startswith(
            ("https://", "http://")
        ):
            raise bad_request("BUTTON_URL_INVALID")
    chat = p.int("chat_id") or 0
    store.menu_buttons[chat] = button
    return True


async def get_chat_menu_button(store: Store, p: Params) -> dict[str, Any]:
    chat = p.int("chat_id") or 0
    buttons = store.menu_buttons
    return buttons.get(chat) or buttons.get(0) or {"type": "default"}
