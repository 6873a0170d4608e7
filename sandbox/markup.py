"""Message text as Telegram stores it: bot_command entities, and the text the bot sent.

The bot sends plain text (no parse_mode), so the sandbox renders no formatting. It still
accepts a parse_mode parameter, as Telegram does, and keeps the text as sent, tags and all: a
bot that starts formatting sees its markup in the transcript, and the sandbox then needs a
parser for it.
"""

from __future__ import annotations

import re
from typing import Any

_COMMAND = re.compile(r"(?<![\w/@])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w@/])")


def utf16_len(text: str) -> int:
    """Entity offsets and lengths count UTF-16 code units, as Telegram's do."""
    return len(text.encode("utf-16-le")) // 2


def command_entities(text: str) -> list[dict[str, Any]]:
    """bot_command entities for "/cmd", "/cmd@botname" anywhere a word may start."""
    return [
        {"type": "bot_command", "offset": utf16_len(text[: m.start()]), "length": len(m.group())}
        for m in _COMMAND.finditer(text)
    ]


def parse_text(
    text: str, parse_mode: str | None, entities: list[dict[str, Any]] | None
) -> tuple[str, list[dict[str, Any]]]:
    """The text and the entities the bot gave; parse_mode is accepted and not rendered."""
    del parse_mode  # see the module's docstring
    return text, list(entities or [])
