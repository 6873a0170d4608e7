"""Scan latency: staff photograph customers' QR codes; time from the photo to the customer's push.

Runs the sandbox and the load (staff and customers) in this process and the real bot as its own
process (`python -m bot run`: polling, SQLite file, migrations), with the sandbox's flood limits
off and the dispatcher's own limits raised, so the figures are the pipeline's: update →
download → QR decode → scan use case (one transaction) → outbox → push.

    .venv/bin/python bench/scan_latency.py [--staff 10] [--customers 300] [--rate 10]
        [--seconds 10] [--concurrency 20]

Prints a table, then as its last line one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from bot.app import build_application, start_application, stop_application
from bot.pictures.qr import customer_qr_png
from bot.settings import Settings
from domain.approvals import join_program
from domain.commands import (
    CreateProgram,
    InviteStaff,
    IssueToken,
    JoinProgram,
    JoinStaff,
    RegisterBusiness,
    RegisterCustomer,
)
from domain.people import issue_customer_token, register_business, register_customer
from domain.programs import create_program
from domain.staff import invite_staff, join_staff
from domain.tokens import TokenSigner
from sandbox.client import SandboxClient, SandboxUser
from sandbox.server import SandboxServer
from storage.engine import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWork

TOKEN = "777:BENCH"


@dataclass
class Scene:
    staff: list[SandboxUser]
    customers: list[tuple[SandboxUser, bytes]]


async def build_scene(services, sb: SandboxClient, n_staff: int, n_customers: int) -> Scene:
    owner = await sb.create_user(first_name="Owner", username="owner")
    await register_customer(services.uow(), RegisterCustomer(owner.id, owner.chat_id, "Owner"))
    business = await register_business(services.uow(), RegisterBusiness(owner.id, "Bench Café"))
    program = await create_program(
        services.uow(), CreateProgram(business.id, owner.id, "Club", points_per_scan=1,
                                      reward_threshold=10**6, max_per_scan=10)
    )  # fmt: skip
    staff = [owner]
    for i in range(n_staff - 1):
        user = await sb.create_user(first_name=f"Staff{i}", username=f"staff{i}")
        await register_customer(services.uow(), RegisterCustomer(user.id, user.chat_id, "S"))
        link = await invite_staff(services.uow(), InviteStaff(business.id, owner.id))
        await join_staff(services.uow(), JoinStaff(link.code, user.id))
        staff.append(user)
    customers = []
    for i in range(n_customers):
        user = await sb.create_user(first_name=f"Cust{i}", username=f"cust{i}")
        await register_customer(services.uow(), RegisterCustomer(user.id, user.chat_id, "C"))
        await join_program(services.uow(), JoinProgram(user.id, program.join_code))
        issued = await issue_customer_token(services.uow(), IssueToken(user.id), services.signer)
        customers.append((user, customer_qr_png(services.qr_link(issued.token))))
    return Scene(staff, customers)


_seen: dict[int, int] = {}  # each customer's transcript version, so a scan reads only what's new


async def one_scan(staff: SandboxUser, customer: SandboxUser, photo: bytes) -> float:
    cursor = _seen.get(customer.id)
    if cursor is None:
        cursor, _ = await customer.changes(0, 0)
    started = time.perf_counter()
    await staff.send_photo(photo)
    deadline = started + 30
    while True:  # long-polls the customer's chat until the push about the points arrives
        left = deadline - time.perf_counter()
        if left <= 0:
            raise TimeoutError(f"no push to {customer.username} within 30 s")
        cursor, found = await customer.changes(cursor, left)
        if any("+1" in m.content for m in found):  # the push: "+1 point in Club"
            break
    _seen[customer.id] = cursor
    return time.perf_counter() - started


async def open_loop(scene: Scene, rate: float, seconds: float) -> list[float]:
    """Scans started at a fixed rate, each by the next staff member for the next customer."""
    tasks, total = [], int(rate * seconds)
    for i in range(total):
        staff = scene.staff[i % len(scene.staff)]
        customer, photo = scene.customers[i % len(scene.customers)]
        tasks.append(asyncio.create_task(one_scan(staff, customer, photo)))
        await asyncio.sleep(1 / rate)
    return list(await asyncio.gather(*tasks))


async def closed_loop(scene: Scene, concurrency: int, seconds: float) -> tuple[int, float]:
    """As many scans as `concurrency` staff can do back to back; returns (count, elapsed)."""
    deadline = time.perf_counter() + seconds
    counter = iter(range(10**9))

    async def worker(w: int) -> int:
        done = 0
        while time.perf_counter() < deadline:
            i = next(counter)
            customer, photo = scene.customers[i % len(scene.customers)]
            await one_scan(scene.staff[w % len(scene.staff)], customer, photo)
            done += 1
        return done

    started = time.perf_counter()
    counts = await asyncio.gather(*(worker(w) for w in range(concurrency)))
    return sum(counts), time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


async def bench_setup(prefix: str, **extra: object) -> tuple[SandboxServer, Settings]:
    """A migrated SQLite file in a new folder and a started sandbox, with the bot's settings."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    url = f"sqlite:///{workdir / 'bench.db'}"
    await asyncio.to_thread(upgrade, url)
    server = SandboxServer(token=TOKEN, rate_limits=None)
    await server.start(port=0)
    settings = Settings(
        _env_file=None, bot_token=TOKEN, data_dir=workdir, database_url=url,
        secret_key="bench-secret-0123456789abcdef", api_base_url=server.bot_api_url,
        file_base_url=server.file_url, scheduler_enabled=False, **extra,
    )  # fmt: skip
    return server, settings


async def main(args: argparse.Namespace) -> dict:
    server, settings = await bench_setup(
        "scan-bench-", scan_cooldown_seconds=0, send_per_second=10_000, send_chat_interval=0.0
    )
    bot = await start_bot_process(settings, *SCAN_FIELDS) if args.process else None
    app = None if bot else build_application(settings)
    try:
        async with SandboxClient(server.url, timeout=60) as sb:
            if app is not None:
                await start_application(app)
            else:
                await bot_answers(sb)
            scene = await build_scene(scene_services(settings), sb, args.staff, args.customers)
            await open_loop(scene, 5, 1)  # warm up: threads, connections, caches
            latencies = await open_loop(scene, args.rate, args.seconds)
            cpu_before = _cpu_seconds(bot.pid if bot else None), time.process_time()
            count, elapsed = await closed_loop(scene, args.concurrency, args.seconds)
            cpu_after = _cpu_seconds(bot.pid if bot else None), time.process_time()
    finally:
        if app is not None:
            await stop_application(app)
        if bot is not None:
            bot.terminate()
            await bot.wait()
        await server.stop()
    return {
        "bot": "own process" if args.process else "same process as the sandbox",
        "scans": len(latencies),
        "rate_per_second": args.rate,
        "p50_ms": round(percentile(latencies, 0.50), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1),
        "sustained_scans_per_second": round(count / elapsed, 1),
        "sustained_concurrency": args.concurrency,
        # Share of one core while sustained: the bot's process, and this one (sandbox + load).
        "bot_cpu_percent": _percent(cpu_before[0], cpu_after[0], elapsed),
        "sandbox_and_load_cpu_percent": _percent(cpu_before[1], cpu_after[1], elapsed),
    }


def _cpu_seconds(pid: int | None) -> float | None:
    """User + system CPU seconds of a process, from /proc (Linux); None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _percent(before: float | None, after: float | None, elapsed: float) -> float | None:
    return None if before is None or after is None else round(100 * (after - before) / elapsed)


def scene_services(settings: Settings) -> SimpleNamespace:
    """What build_scene needs, on the bot's database, from this process."""
    sessions = make_session_factory(make_engine(settings.database_url))
    signer = TokenSigner(settings.qr_secret())
    return SimpleNamespace(
        uow=lambda: SqlUnitOfWork(sessions),
        signer=signer,
        qr_link=lambda token: f"https://t.me/bench_bot?start=q_{token}",
    )


BASE_FIELDS = ("bot_token", "data_dir", "database_url", "secret_key", "api_base_url",
               "file_base_url", "scheduler_enabled")  # fmt: skip
SCAN_FIELDS = ("scan_cooldown_seconds", "send_per_second", "send_chat_interval")


async def start_bot_process(settings: Settings, *fields: str) -> asyncio.subprocess.Process:
    """`python -m bot run` configured by environment (the base settings and `fields`), as an
    operator would start it."""
    env = {**os.environ, "LOYALTY_LOG_LEVEL": "WARNING"}
    for name in BASE_FIELDS + fields:
        env[f"LOYALTY_{name.upper()}"] = str(getattr(settings, name))
    return await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", env=env)


async def bot_answers(sb: SandboxClient) -> None:
    """Wait until the bot's process answers a /start: it is up and its imports are done."""
    probe = await sb.create_user(first_name="Probe", username="probe")
    await probe.start()
    await probe.wait_for(lambda m: bool(m.content), timeout=60)


def report(figures: dict) -> None:
    print(f"{'figure':<28}{'value':>10}")
    for key, value in figures.items():
        print(f"{key:<28}{value:>10}")
    print(json.dumps(figures))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=10)
    parser.add_argument("--customers", type=int, default=300)
    parser.add_argument("--rate", type=float, default=10.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument(
        "--same-process", dest="process", action="store_false",
        help="run the bot in this process, beside the sandbox and the load (default: its own)",
    )  # fmt: skip
    report(asyncio.run(main(parser.parse_args())))
