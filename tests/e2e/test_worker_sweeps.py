"""Three identical workers, each running the scheduler, on one PostgreSQL database: every sweep
runs once per period, so the owner's digest and an invitation's reminder arrive once.

Sweeps run every second here; each worker's /metrics counts the sweeps it ran and skipped.
"""

from __future__ import annotations

import asyncio
import math
import subprocess
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from domain.approvals import invite_to_program
from domain.commands import CreateProgram, InviteToProgram, RegisterBusiness
from domain.models import Customer, TelegramUser
from domain.people import register_business
from domain.programs import create_program
from sandbox.client import SandboxClient, SandboxUser
from sandbox.server import SandboxServer
from storage.engine import make_engine, make_session_factory
from storage.uow import uow_factory
from tests.e2e.conftest import SECRET, TOKEN
from tests.e2e.workers import RoundRobinProxy, free_port, start_worker, stop_worker, wait_healthy
from tests.waiting import eventually

BACKENDS = ("postgresql",)
WORKERS = 3
INTERVAL = 1.0  # seconds per sweep period
PERIODS = 4  # how many periods every worker's timer must have seen before counting


async def shop_with_an_invitation(db_url: str, owner: SandboxUser, bob: SandboxUser) -> None:
    """A business created days ago (so yesterday has a digest) that invited Bob."""
    engine = make_engine(db_url)
    new_uow = uow_factory(make_session_factory(engine))
    async with new_uow() as uow:
        for person in (owner, bob):
            await uow.users.upsert(TelegramUser(person.id, person.chat_id, person.first_name))
        bob_customer = await uow.customers.add(
            Customer(bob.id, "pub-bob", "M-bob", "Bob", uow.now())
        )
        await uow.commit()
    business = await register_business(new_uow(), RegisterBusiness(owner.id, "Twin Café"))
    program = await create_program(new_uow(), CreateProgram(business.id, owner.id, "Club"))
    invite = InviteToProgram(business.id, owner.id, bob_customer.id, program.id)
    await invite_to_program(new_uow(), invite)
    async with engine.begin() as conn:
        await conn.exec_driver_sql(
            "UPDATE businesses SET created_at = created_at - interval '3 days'"
        )
    await engine.dispose()


async def sweep_counts(ports: list[int]) -> list[Counter[tuple[str, str]]]:
    """Per worker: (sweep, outcome) -> how many times, from its /metrics."""
    found = []
    async with aiohttp.ClientSession() as http:
        for port in ports:
            async with http.get(f"http://127.0.0.1:{port}/metrics") as resp:
                text = await resp.text()
            counts: Counter[tuple[str, str]] = Counter()
            for family in text_string_to_metric_families(text):
                for sample in family.samples:
                    if sample.name == "loyalty_sweeps_total":
                        key = (sample.labels["sweep"], sample.labels["outcome"])
                        counts[key] += int(sample.value)
            found.append(counts)
    return found


@dataclass
class Cluster:
    sb: SandboxClient
    ports: list[int]
    start: Callable[[], Awaitable[None]]  # starts the workers (after the test's data is in)


@pytest.fixture
async def cluster(tmp_path: Path, e2e_db_url: str) -> AsyncIterator[Cluster]:
    server = SandboxServer(token=TOKEN, rate_limits=None)
    await server.start(host="127.0.0.1", port=0)
    ports = [free_port() for _ in range(WORKERS)]
    proxy = RoundRobinProxy([f"http://127.0.0.1:{port}/telegram/webhook" for port in ports])
    await proxy.start()
    env = {
        "LOYALTY_BOT_TOKEN": TOKEN, "LOYALTY_API_BASE_URL": server.bot_api_url,
        "LOYALTY_FILE_BASE_URL": server.file_url, "LOYALTY_DATABASE_URL": e2e_db_url,
        "LOYALTY_DATA_DIR": str(tmp_path), "LOYALTY_SECRET_KEY": SECRET,
        "LOYALTY_WEBHOOK_URL": proxy.url, "LOYALTY_WEBHOOK_SECRET": "sweeps-secret",
        "LOYALTY_SWEEP_INTERVAL_SECONDS": str(INTERVAL), "LOYALTY_DIGEST_HOUR_UTC": "0",
        "LOYALTY_REMINDER_AFTER_HOURS": "0.0005", "LOYALTY_LOG_LEVEL": "WARNING",
    }  # fmt: skip
    logs = [tmp_path / f"worker{i}.log" for i in range(WORKERS)]
    workers: list[subprocess.Popen] = []

    async def start() -> None:
        for port, log in zip(ports, logs, strict=True):
            workers.append(start_worker(env, port, tmp_path, log))
        await asyncio.gather(*map(wait_healthy, ports, workers, logs))

    try:
        async with SandboxClient(server.url) as sb:
            yield Cluster(sb, ports, start)
    finally:
        for worker in workers:
            await asyncio.to_thread(stop_worker, worker)
        await proxy.stop()
        await server.stop()


async def test_three_workers_run_each_sweep_once_per_period(cluster: Cluster, e2e_db_url: str):
    owner = await cluster.sb.create_user(first_name="Olga", username="olga", language_code="en")
    bob = await cluster.sb.create_user(first_name="Bob", username="bob", language_code="en")
    await shop_with_an_invitation(e2e_db_url, owner, bob)
    first_period = math.floor(time.time() / INTERVAL)
    await cluster.start()

    await owner.wait_for_text("📊 Twin Café yesterday", timeout=30)
    await bob.wait_for_text("Reminder: Twin Café invited you", timeout=30)

    async def every_worker_saw_enough() -> bool:
        counts = await sweep_counts(cluster.ports)
        return all(sum(c[("owner_digest", o)] for o in ("ran", "skipped")) >= PERIODS
                   for c in counts)  # fmt: skip

    await eventually(every_worker_saw_enough, 30, f"{PERIODS} sweep periods")
    counts = await sweep_counts(cluster.ports)
    periods = math.floor(time.time() / INTERVAL) - first_period + 1

    assert sum("yesterday" in m.content for m in await owner.transcript()) == 1
    assert sum(m.content.startswith("Reminder:") for m in await bob.transcript()) == 1
    for sweep in ("expire_requests", "remind_enrollments", "owner_digest", "outbox_retry"):
        ran = sum(c[(sweep, "ran")] for c in counts)
        skipped = sum(c[(sweep, "skipped")] for c in counts)
        # Each worker's timer fired about once a period; between them they ran it once each.
        fired = max(c[(sweep, "ran")] + c[(sweep, "skipped")] for c in counts)
        assert 1 <= ran <= min(periods, fired + 1), (sweep, ran, periods, counts)
        assert skipped >= (WORKERS - 1) * (PERIODS - 1), (sweep, skipped)  # the others' turns
        assert sum(c[(sweep, "failed")] for c in counts) == 0
