"""`loyalty-bot chat --as NAME`: talk to the bot from a terminal as a sandbox user."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import mimetypes
import re
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from sandbox.client import SandboxClient, SandboxError, SandboxMessage, SandboxUser

HELP = """Type text or /commands for the bot. Local commands:
  /photo PATH      send an image as a photo      /doc PATH   send a file as a document
  NUMBER           press that button of the bot's newest message, if it has buttons;
                   after a newer message without buttons the number is sent as text
  /press NUMBER    press that button of the last message with buttons, whatever came after
  /say TEXT        send TEXT as it is (e.g. a number while the newest message has buttons)
  /buttons         show those buttons again      /quit       leave (or Ctrl-D, Ctrl-C)"""


class ChatSession:
    """What the terminal client does, separated from stdin so it can be tested."""

    def __init__(
        self, user: SandboxUser, photos_dir: Path, out: Callable[[str], None] = print
    ) -> None:
        self.user = user
        self.photos_dir = photos_dir
        self.out = out
        self.cursor = 0
        self.keyboard: SandboxMessage | None = None  # last bot message with inline buttons
        self.numbers_press = True  # whether a bare number presses a button of `keyboard`

    async def catch_up(self, last: int = 5) -> None:
        """Show the end of the conversation so far, then follow only new changes."""
        version, messages = await self.user.changes(0, 0)
        for message in [m for m in messages if not m.deleted][-last:]:
            self.show(message)
        self.cursor = version

    async def follow(self, wait: float = 25.0) -> None:
        """Print new and edited bot messages as they arrive, forever."""
        while True:
            self.cursor, messages = await self.user.changes(self.cursor, wait)
            for message in messages:
                self.show(message)

    def show(self, message: SandboxMessage) -> None:
        if message.deleted:
            self.out(f"[bot deleted message #{message.message_id}]")
            return
        head = f"bot #{message.message_id}" + (" (edited)" if message.edited else "")
        if message.photo:
            self.out(f"{head}: [photo saved to {self._save_photo(message)}]")
        if message.document:
            self.out(f"{head}: [document saved to {self._save_document(message)}]")
        if message.content or not (message.photo or message.document):
            self.out(f"{head}: {message.content}")
        markup = message.reply_markup or {}
        if "keyboard" in markup:
            labels = [
                b if isinstance(b, str) else b["text"] for row in markup["keyboard"] for b in row
            ]
            self.out("  keyboard: " + " | ".join(labels))
        if message.buttons:
            self.keyboard = message
            self.numbers_press = True
            self.show_buttons()
        elif self.keyboard is not None and self.keyboard.message_id == message.message_id:
            self.keyboard = None  # its buttons were edited away
        elif self.keyboard is not None and message.message_id > self.keyboard.message_id:
            # A newer message asks on its own ("How many points?"): a number is the answer.
            self.numbers_press = False

    def show_buttons(self) -> None:
        if self.keyboard is None:
            self.out("  (no buttons)")
            return
        for number, (label, _) in enumerate(self._buttons(), start=1):
            self.out(f"  [{number}] {label}")

    def _buttons(self) -> list[tuple[str, str | None]]:
        assert self.keyboard is not None
        return [button for row in self.keyboard.buttons for button in row]

    def _save_document(self, message: SandboxMessage) -> Path:
        """A file the bot sent (a poster, a CSV export), kept under its own name."""
        self.photos_dir.mkdir(parents=True, exist_ok=True)
        name = Path(str((message.document or {}).get("file_name") or "file")).name
        path = self.photos_dir / f"{message.chat_id}-{message.message_id}-{name}"
        path.write_bytes(message.document_bytes or b"")
        return path

    def _save_photo(self, message: SandboxMessage) -> Path:
        self.photos_dir.mkdir(parents=True, exist_ok=True)
        path = self.photos_dir / f"{message.chat_id}-{message.message_id}-v{message.version}.jpg"
        path.write_bytes(message.photo_bytes or b"")
        return path

    async def handle(self, line: str) -> bool:
        """Act on one input line; False means the user wants to leave."""
        line = line.strip()
        if not line:
            return True
        command, _, rest = line.partition(" ")
        try:
            if command in ("/quit", "/exit"):
                return False
            if command in ("/?", "/chathelp"):
                self.out(HELP)
            elif command == "/photo":
                _, data = await asyncio.to_thread(_read_file, rest)
                await self.user.send_photo(data)
            elif command == "/doc":
                name, data = await asyncio.to_thread(_read_file, rest)
                await self.user.send_document(data, name, mimetypes.guess_type(name)[0])
            elif command == "/buttons":
                self.show_buttons()
            elif command == "/say" and rest.strip():
                await self.user.send_text(rest.strip())  # text as it is, even "5"
            elif command == "/press" and re.fullmatch(r"\d+", rest.strip()):
                await self._press(int(rest))
            elif re.fullmatch(r"\d+", line) and self.numbers_press:
                await self._press(int(line))
            else:
                await self.user.send_text(line)
        except (OSError, SandboxError) as exc:
            self.out(f"! {exc}")
        return True

    async def _press(self, number: int) -> None:
        buttons = self._buttons() if self.keyboard is not None else []
        if not 1 <= number <= len(buttons):
            self.out(f"! no button {number}")
            return
        label, data = buttons[number - 1]
        if not data or data.startswith(("http://", "https://", "tg://")):
            self.out(f"  (link: {data})")
            return
        assert self.keyboard is not None
        press = await self.user.press(self.keyboard, label=label)
        answer = await press.answer(timeout=3)
        if answer:
            self.out(f"  ({'alert' if answer.show_alert else 'toast'}: {answer})")


def _read_file(raw_path: str) -> tuple[str, bytes]:
    path = Path(raw_path.strip()).expanduser()
    return path.name, path.read_bytes()


def _start_stdin_reader(loop: asyncio.AbstractEventLoop, lines: asyncio.Queue[str | None]) -> None:
    # input() blocks, so it runs in a daemon thread that hands lines to the event loop.
    def read() -> None:
        for line in sys.stdin:
            loop.call_soon_threadsafe(lines.put_nowait, line)
        loop.call_soon_threadsafe(lines.put_nowait, None)

    threading.Thread(target=read, name="chat-stdin", daemon=True).start()


async def run(name: str, url: str, photos_dir: Path, language: str = "en") -> None:
    async with SandboxClient(url) as sb:
        username = re.sub(r"\W", "_", name).lower()
        user = await sb.create_user(first_name=name, username=username, language_code=language)
        bot = await sb.bot_info()
        print(f"Chatting with @{bot['username']} as {name} (user id {user.id}). /? for help.")
        session = ChatSession(user, photos_dir)
        await session.catch_up()
        follower = asyncio.create_task(session.follow())
        lines: asyncio.Queue[str | None] = asyncio.Queue()
        _start_stdin_reader(asyncio.get_running_loop(), lines)
        try:
            while (line := await lines.get()) is not None and await session.handle(line):
                pass
        finally:
            follower.cancel()
            with contextlib.suppress(asyncio.CancelledError, SandboxError):
                await follower


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="loyalty-bot chat", description=__doc__)
    parser.add_argument("--as", dest="name", required=True, help="sandbox user to act as")
    parser.add_argument("--url", default="http://127.0.0.1:8081", help="sandbox server URL")
    parser.add_argument("--photos-dir", default="data/chat-photos", type=Path)
    parser.add_argument(
        "--lang",
        default="en",
        help="the language your Telegram app reports (en, ar, es, fr, ru...)",
    )
    args = parser.parse_args(argv)
    try:
        asyncio.run(run(args.name, args.url, args.photos_dir, args.lang))
    except KeyboardInterrupt:
        return 0
    except OSError as exc:  # e.g. nothing listening at --url
        print(f"cannot reach the sandbox at {args.url}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
