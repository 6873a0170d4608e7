"""A guided step survives the bot being killed: the bot as its own process, SIGKILLed mid-step.

The worker runs in webhook mode (tests/e2e/workers.py); the sandbox, like Telegram, retries an
update until a worker takes it, and the restarted worker points the webhook at itself.
"""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sandbox.client import SandboxClient
from sandbox.server import SandboxServer
from tests.e2e.conftest import SECRET, TOKEN, Harness
from tests.e2e.workers import free_port, start_worker, stop_worker, wait_healthy

HOOK_SECRET = "restart-secret-42"


@dataclass
class Worker:
    process: subprocess.Popen
    port: int
    log: Path


@dataclass
class Restartable(Harness):
    """One bot process that a test can SIGKILL and start again on the same database."""

    launch: Callable[[], Worker] | None = None
    workers: list[Worker] = field(default_factory=list)

    async def start(self) -> None:
        assert self.launch is not None
        worker = self.launch()
        self.workers.append(worker)
        await wait_healthy(worker.port, worker.process, worker.log)

    def kill(self) -> None:
        """SIGKILL: no shutdown, nothing flushed; whatever is not in the database is gone."""
        process = self.workers[-1].process
        process.kill()
        process.wait()


@pytest.fixture
async def bot_process(tmp_path: Path, e2e_db_url: str) -> AsyncIterator[Restartable]:
    server = SandboxServer(token=TOKEN, rate_limits=None)
    await server.start(host="127.0.0.1", port=0)
    launches = iter(range(100))

    def launch() -> Worker:
        # A new port each time: the new process points the webhook at itself when it starts.
        n, port = next(launches), free_port()
        env = {
            "LOYALTY_BOT_TOKEN": TOKEN, "LOYALTY_API_BASE_URL": server.bot_api_url,
            "LOYALTY_FILE_BASE_URL": server.file_url, "LOYALTY_DATABASE_URL": e2e_db_url,
            "LOYALTY_DATA_DIR": str(tmp_path), "LOYALTY_SECRET_KEY": SECRET,
            "LOYALTY_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram/webhook",
            "LOYALTY_WEBHOOK_SECRET": HOOK_SECRET, "LOYALTY_SCHEDULER_ENABLED": "false",
            "LOYALTY_LOG_LEVEL": "WARNING",
        }  # fmt: skip
        log = tmp_path / f"bot{n}.log"
        return Worker(start_worker(env, port, tmp_path, log), port, log)

    bot = None
    try:
        async with SandboxClient(server.url) as sb:
            bot = Restartable(server, sb, None, e2e_db_url, launch)
            await bot.start()
            yield bot
    finally:
        for worker in bot.workers if bot else []:
            await asyncio.to_thread(stop_worker, worker.process)
        await server.stop()


async def test_a_guided_newprogram_continues_after_the_bot_is_killed_and_started_again(
    bot_process,
):
    olga = await bot_process.user("Olga")
    await olga.send_text("/newbusiness Bean There")
    await olga.wait_for_text("is registered", timeout=15)
    await olga.send_text("/newprogram")
    await olga.wait_for_text("What is it called?", timeout=15)
    await olga.send_text("Stamp card")
    question = await olga.wait_for_text("Points or stamps?", timeout=15)

    bot_process.kill()
    await bot_process.start()

    await olga.press(question, label="Stamps")
    await olga.wait_for_text("How many stamps per scan?", timeout=15)
    await olga.send_text("1")
    await olga.wait_for_text("How many stamps for the reward?", timeout=15)
    bot_process.kill()  # once more, between two typed answers
    await bot_process.start()
    await olga.send_text("10")
    await olga.wait_for_text("What is the reward called?", timeout=15)
    await olga.send_text("Free cake")
    await olga.wait_for_text("Stamp card created", timeout=15)
    assert await bot_process.query(
        "SELECT p.name, kind, points_per_scan, r.cost, r.name FROM loyalty_programs p"
        " JOIN program_rewards r ON r.program_id = p.id"
    ) == [("Stamp card", "stamps", 1, 10, "Free cake")]
