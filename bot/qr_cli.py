"""`loyalty-bot qr read IMAGE...` and `loyalty-bot qr make TEXT OUT.png`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.pictures.qr import customer_qr_png
from bot.qr_reader import QrReadError, read_qr_texts

_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def escape(text: str) -> str:
    """One code per line, tab-separated: a text's own newlines and tabs must not break that."""
    return text.translate(_ESCAPES)


def _read(paths: list[Path]) -> int:
    status = 0
    for path in paths:
        try:
            texts = read_qr_texts(path.read_bytes())
        except (OSError, QrReadError) as exc:
            key = exc.key if isinstance(exc, QrReadError) else "unreadable_file"
            print(f"{path}: {key}: {exc}", file=sys.stderr)
            status = 1
            continue
        for text in texts or ["-"]:
            print(f"{path}\t{escape(text) if texts else text}")
    return status


def _make(text: str, out: Path, caption: str | None) -> int:
    try:
        out.write_bytes(customer_qr_png(text, caption))
    except OSError as exc:
        print(f"{out}: {exc}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str]) -> int:
    """Runs the `qr` command; returns the exit status (1: some file failed, 2: bad usage)."""
    if argv[:1] == ["qr"]:  # accept the sub-command name too, however the caller slices argv
        argv = argv[1:]
    parser = argparse.ArgumentParser(prog="loyalty-bot qr", description="Read or make QR codes.")
    commands = parser.add_subparsers(dest="command", required=True)
    read = commands.add_parser("read", help="print PATH<TAB>TEXT for every code in each image")
    read.add_argument("images", nargs="+", type=Path)
    make = commands.add_parser("make", help="write TEXT as a customer QR code PNG")
    make.add_argument("text")
    make.add_argument("out", type=Path)
    make.add_argument("--caption", help="a line of text under the code")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits; the caller wants a status
        return int(exc.code or 0)
    if args.command == "read":
        return _read(args.images)
    return _make(args.text, args.out, args.caption)
