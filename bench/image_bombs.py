"""Image bombs: the bot's peak memory when staff send small files that decode to huge pictures.

Runs the sandbox in this process and the real bot as its own process (`python -m bot run`), as
bench/scan_latency.py does. Ten staff members (ten chats, so the bot handles them at once) each
send one ~350 KB PNG of 9000 × 9940 px as a document; the bench waits for every reply and reads
the bot's resident memory from /proc (VmRSS before, VmHWM: the peak).

    .venv/bin/python bench/image_bombs.py [--files 10] [--kind png|jpeg-progressive|...]

Prints a table, then as its last line one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # so `python bench/...` finds us
from bench.scan_latency import bench_setup, bot_answers, scene_services, start_bot_process
from bot.settings import Settings
from domain.commands import InviteStaff, JoinStaff, RegisterBusiness, RegisterCustomer
from domain.people import register_business, register_customer
from domain.staff import invite_staff, join_staff
from sandbox.client import SandboxClient, SandboxUser

WIDTH, HEIGHT = 9000, 9940  # the size the security review sent
# Just under each format's pixel limit (bot/qr_image.py): what the reader still decodes.
BIGGEST = {"png-12mp": (4000, 2990), "jpeg-progressive-20mp": (5000, 3990)}


def bomb(kind: str) -> tuple[bytes, str, str]:
    """(file bytes, file name, MIME type): a small file that decodes to ~89 megapixels."""
    rng = np.random.default_rng(1)
    width, height = BIGGEST.get(kind, (WIDTH, HEIGHT))
    # zlib packs at most ~1030:1, so 358 MB of RGBA makes the reviewer's ~350 KB file.
    img = Image.new("RGBA", (width, height), (240, 240, 240, 255))
    img.paste(Image.fromarray(rng.integers(0, 255, (40, 40, 4), dtype=np.uint8)), (100, 100))
    out = io.BytesIO()
    if kind.startswith("png"):
        img.save(out, format="PNG", optimize=False, compress_level=9)
        return out.getvalue(), "bomb.png", "image/png"
    rgb = img.convert("RGB")
    rgb.save(out, format="JPEG", quality=80, progressive="progressive" in kind)
    return out.getvalue(), "bomb.jpg", "image/jpeg"


def memory_mb(pid: int) -> dict[str, float]:
    """VmRSS (now) and VmHWM (peak since start) of a process, in MB, from /proc (Linux)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = round(int(value.split()[0]) / 1024, 1)
    return fields


async def build_staff(settings: Settings, sb: SandboxClient, n: int) -> list[SandboxUser]:
    """The senders: staff of one business whose owner (told of each join) sends nothing."""
    services = scene_services(settings)
    users = []
    for i in range(n + 1):
        user = await sb.create_user(first_name=f"Staff{i}", username=f"staff{i}")
        await register_customer(services.uow(), RegisterCustomer(user.id, user.chat_id, "S"))
        users.append(user)
    owner, staff = users[0], users[1:]
    business = await register_business(services.uow(), RegisterBusiness(owner.id, "Bomb Café"))
    for user in staff:
        link = await invite_staff(services.uow(), InviteStaff(business.id, owner.id))
        await join_staff(services.uow(), JoinStaff(link.code, user.id))
    return staff


async def send_and_wait(user: SandboxUser, data: bytes, name: str, mime: str) -> str:
    await user.send_document(data, name, mime)
    reply = await user.wait_for(lambda m: bool(m.content), timeout=120)
    return reply.content.split("\n")[0]


async def main(args: argparse.Namespace) -> dict:
    server, settings = await bench_setup("bomb-bench-")
    data, name, mime = bomb(args.kind)
    bot = await start_bot_process(settings)
    try:
        async with SandboxClient(server.url, timeout=120) as sb:
            staff = await build_staff(settings, sb, args.files)
            await bot_answers(sb)
            before = memory_mb(bot.pid)
            started = time.perf_counter()
            replies = await asyncio.gather(
                *(send_and_wait(user, data, name, mime) for user in staff)
            )
            elapsed = time.perf_counter() - started
            after = memory_mb(bot.pid)
    finally:
        bot.terminate()
        await bot.wait()
        await server.stop()
    return {
        "kind": args.kind,
        "file_kb": round(len(data) / 1024),
        "pixels": "x".join(map(str, BIGGEST.get(args.kind, (WIDTH, HEIGHT)))),
        "files_at_once": args.files,
        "rss_before_mb": before["VmRSS"],
        "peak_rss_mb": after["VmHWM"],
        "seconds_to_all_replies": round(elapsed, 2),
        "replies": dict(Counter(replies)),
    }


def report(figures: dict) -> None:
    for key, value in figures.items():
        print(f"{key:<24}{value}")
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument(
        "--kind", choices=("png", "jpeg", "jpeg-progressive", *BIGGEST), default="png"
    )
    report(asyncio.run(main(parser.parse_args())))
