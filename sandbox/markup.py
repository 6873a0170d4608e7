"""Formatted text: parse_mode HTML/MarkdownV2/Markdown into plain text and MessageEntity lists."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from sandbox.params import ApiError, bad_request

_COMMAND = re.compile(r"(?<![\w/@])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w@/])")
_MDV2_RESERVED = set("_*[]()~`>#+-=|{}.!")


def utf16_len(text: str) -> int:
    """Entity offsets and lengths count UTF-16 code units, as Telegram's do."""
    return len(text.encode("utf-16-le")) // 2


def command_entities(text: str) -> list[dict[str, Any]]:
    """bot_command entities for "/cmd", "/cmd@botname" anywhere a word may start."""
    return [
        {"type": "bot_command", "offset": utf16_len(text[: m.start()]), "length": len(m.group())}
        for m in _COMMAND.finditer(text)
    ]


def parse_error(reason: str) -> ApiError:
    return bad_request(f"can't parse entities: {reason}")


class _Builder:
    """Collects plain text and the entities opened and closed over it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0  # in UTF-16 units
        self.entities: list[dict[str, Any]] = []

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.pos += utf16_len(text)

    def close(self, start: int, kind: str, **extra: Any) -> None:
        if self.pos > start:  # Telegram drops empty entities
            self.entities.append(
                {"type": kind, "offset": start, "length": self.pos - start, **extra}
            )

    def result(self) -> tuple[str, list[dict[str, Any]]]:
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.parts), self.entities


_HTML_TAGS = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "tg-spoiler": "spoiler", "span": "spoiler", "a": "text_link", "code": "code", "pre": "pre",
    "blockquote": "blockquote", "tg-emoji": "custom_emoji",
}  # fmt: skip


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = _Builder()
        self.stack: list[tuple[str, int, dict[str, Any]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = _HTML_TAGS.get(tag)
        values = dict(attrs)
        if kind is None or (tag == "span" and values.get("class") != "tg-spoiler"):
            raise parse_error(f'Unsupported start tag "{tag}"')
        extra: dict[str, Any] = {}
        if tag == "a":
            href = values.get("href") or ""
            if href.startswith("tg://user?id="):
                kind, extra = "text_mention", {"user": {"id": int(href[13:] or 0)}}
            else:
                extra = {"url": href}
        elif tag == "tg-emoji":
            extra = {"custom_emoji_id": values.get("emoji-id") or ""}
        elif tag == "blockquote" and "expandable" in values:
            kind = "expandable_blockquote"
        elif tag == "code" and self.stack and self.stack[-1][0] == "pre":
            language = (values.get("class") or "").removeprefix("language-")
            if language:
                self.stack[-1][2]["language"] = language
        self.stack.append((tag, self.out.pos, {"kind": kind, **extra}))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            expected = f'"</{self.stack[-1][0]}>"' if self.stack else "no end tag"
            raise parse_error(f'Unmatched end tag, expected {expected}, found "</{tag}>"')
        _, start, extra = self.stack.pop()
        kind = extra.pop("kind")
        if kind == "code" and self.stack and self.stack[-1][0] == "pre":
            return  # <pre><code class="language-x"> is one pre entity
        self.out.close(start, kind, **extra)

    def handle_data(self, data: str) -> None:
        self.out.add(data)


def _parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    parser = _Html()
    parser.feed(text)
    parser.close()
    if parser.stack:
        raise parse_error(
            f'Can\'t find end tag corresponding to start tag "{parser.stack[-1][0]}"'
        )
    return parser.out.result()


_MD_NAMES = {
    "*": "bold", "_": "italic", "__": "underline", "~": "strikethrough", "||": "spoiler",
}  # fmt: skip


def _parse_markdown(text: str, v2: bool) -> tuple[str, list[dict[str, Any]]]:
    out = _Builder()
    open_: dict[str, int] = {}
    link_start: int | None = None
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and (v2 or text[i + 1] in "_*`["):
            out.add(text[i + 1])
            i += 2
            continue
        if text.startswith("```", i):
            end = text.find("```", i + 3)
            if end < 0:
                raise parse_error(f"Can't find end of Pre entity at byte offset {i}")
            body = text[i + 3 : end]
            language, newline, rest = body.partition("\n")
            extra = {"language": language} if newline and language.strip() else {}
            if newline and (extra or not language):
                body = rest
            start = out.pos
            out.add(body.replace("\\`", "`").replace("\\\\", "\\") if v2 else body)
            out.close(start, "pre", **extra)
            i = end + 3
            continue
        if ch == "`":
            end = text.find("`", i + 1)
            if end < 0:
                raise parse_error(f"Can't find end of Code entity at byte offset {i}")
            start = out.pos
            out.add(text[i + 1 : end])
            out.close(start, "code")
            i = end + 1
            continue
        if ch == "[" and link_start is None:
            link_start = out.pos
            i += 1
            continue
        if ch == "]" and link_start is not None:
            if not text.startswith("(", i + 1):
                raise parse_error(f"Can't find end of a url at byte offset {i}")
            end = text.find(")", i + 2)
            if end < 0:
                raise parse_error(f"Can't find end of a url at byte offset {i}")
            out.close(link_start, "text_link", url=text[i + 2 : end])
            link_start = None
            i = end + 1
            continue
        marker = next((m for m in ("||", "__") if v2 and text.startswith(m, i)), None)
        marker = marker or (ch if ch in "*_" or (v2 and ch == "~") else None)
        if marker is not None:
            if marker in open_:
                out.close(open_.pop(marker), _MD_NAMES[marker])
            else:
                open_[marker] = out.pos
            i += len(marker)
            continue
        if v2 and ch in _MDV2_RESERVED:
            raise parse_error(
                f"Character '{ch}' is reserved and must be escaped with the preceding '\\'"
            )
        out.add(ch)
        i += 1
    if open_ or link_start is not None:
        name = _MD_NAMES[next(iter(open_))].capitalize() if open_ else "TextUrl"
        raise parse_error(f"Can't find end of {name} entity")
    return out.result()


def parse_text(
    text: str, parse_mode: str | None, entities: list[dict[str, Any]] | None
) -> tuple[str, list[dict[str, Any]]]:
    """Return plain text and its entities, as Telegram stores a message after parsing."""
    mode = (parse_mode or "").lower()
    if entities is not None or not mode:
        return text, list(entities or [])
    if mode == "html":
        return _parse_html(text)
    if mode in ("markdown", "markdownv2"):
        return _parse_markdown(text, v2=mode == "markdownv2")
    raise bad_request(f"unsupported parse_mode {parse_mode}")
