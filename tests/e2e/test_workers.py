"""Two bot processes behind one webhook, on one PostgreSQL database: nothing twice, nothing lost.

The proxy hands updates to the workers in turn, so a guided step begun on one worker is
answered on the other: steps live in the database, not in a process.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import select

from bot.rendering import render_notification
from bot.webhook import SECRET_HEADER
from domain.commands import CreateProgram, RegisterBusiness
from domain.people import register_business
from domain.programs import create_program
from sandbox.client import SandboxClient, SandboxMessage, SandboxUser
from sandbox.server import SandboxServer
from storage.engine import make_engine, make_session_factory
from storage.repositories.notifications import _notification
from storage.tables import NotificationRow
from storage.uow import uow_factory
from tests.e2e.conftest import SECRET, TOKEN, Harness
from tests.e2e.helpers import qr_photo
from tests.e2e.workers import RoundRobinProxy, free_port, running_workers

BACKENDS = ("postgresql",)
HOOK_SECRET = "workers-secret-42"
MEMBERS, GUESTS = 4, 3


@dataclass
class Cluster(Harness):
    proxy: RoundRobinProxy | None = None
    ports: tuple[int, ...] = ()


@pytest.fixture
async def cluster(tmp_path: Path, e2e_db_url: str) -> AsyncIterator[Cluster]:
    server = SandboxServer(token=TOKEN, rate_limits=None)
    await server.start(host="127.0.0.1", port=0)
    ports = (free_port(), free_port())
    proxy = RoundRobinProxy([f"http://127.0.0.1:{port}/telegram/webhook" for port in ports])
    await proxy.start()
    env = {
        "LOYALTY_BOT_TOKEN": TOKEN, "LOYALTY_API_BASE_URL": server.bot_api_url,
        "LOYALTY_FILE_BASE_URL": server.file_url, "LOYALTY_DATABASE_URL": e2e_db_url,
        "LOYALTY_DATA_DIR": str(tmp_path), "LOYALTY_SECRET_KEY": SECRET,
        "LOYALTY_WEBHOOK_URL": proxy.url, "LOYALTY_WEBHOOK_SECRET": HOOK_SECRET,
        "LOYALTY_SCHEDULER_ENABLED": "false", "LOYALTY_SCAN_COOLDOWN_SECONDS": "0",
        "LOYALTY_LOG_LEVEL": "WARNING",
    }  # fmt: skip
    try:
        async with (
            running_workers(env, ports, tmp_path),
            SandboxClient(server.url) as sb,
        ):
            yield Cluster(server, sb, None, e2e_db_url, proxy, ports)
    finally:
        await proxy.stop()
        await server.stop()


async def open_shop(cluster: Cluster, owner: SandboxUser) -> str:
    """The owner's business and program, written straight to the shared database."""
    await owner.start()
    await owner.wait_for_text("Welcome", timeout=15)
    engine = make_engine(cluster.db_url)
    new_uow = uow_factory(make_session_factory(engine))
    business = await register_business(new_uow(), RegisterBusiness(owner.id, "Twin Café"))
    fields = {"points_per_scan": 10, "reward_threshold": 100, "reward_name": "Cake"}
    program = await create_program(
        new_uow(), CreateProgram(business.id, owner.id, "Club", **fields)
    )
    await engine.dispose()
    return program.join_code


async def arrive(cluster: Cluster, name: str, join_code: str | None) -> tuple[SandboxUser, bytes]:
    user = await cluster.user(name)
    await user.start(f"j_{join_code}" if join_code else None)
    await user.wait_for_text("Your card" if join_code else "Welcome", timeout=15)
    return user, await qr_photo(user)


async def accept_invitation(guest: SandboxUser) -> None:
    invitation = await guest.wait_for_text("invites you", timeout=30)
    await guest.press(invitation, label="✅ Accept")


async def redeliver(cluster: Cluster, sent: SandboxMessage, copies: int = 2) -> None:
    """Telegram retrying one update: copies of the same message go straight to the proxy."""
    headers = {SECRET_HEADER: HOOK_SECRET}
    async with aiohttp.ClientSession() as http:

        async def post(n: int) -> None:
            body = json.dumps({"update_id": 10**7 + n, "message": sent.raw})
            async with http.post(cluster.proxy.url, data=body, headers=headers) as resp:
                assert resp.status == 200

        await asyncio.gather(*(post(n) for n in range(copies)))


async def settled(cluster: Cluster, sql: str, expected, timeout: float = 60) -> None:
    # Polled: the state is in a database other processes write, nothing here can signal it.
    deadline = time.monotonic() + timeout
    got = await cluster.query(sql)
    while got != expected and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
        got = await cluster.query(sql)
    assert got == expected, sql


async def test_two_workers_scanning_and_answering_at_once_do_nothing_twice(cluster):
    owner = await cluster.user("Olga")
    join_code = await open_shop(cluster, owner)
    members = await asyncio.gather(*(arrive(cluster, f"M{i}", join_code) for i in range(MEMBERS)))
    guests = await asyncio.gather(*(arrive(cluster, f"G{i}", None) for i in range(GUESTS)))

    scans = [owner.send_photo(photo) for _, photo in members + guests]
    answers = [accept_invitation(guest) for guest, _ in guests]
    reads = [member.send_text("💳 My cards") for member, _ in members]
    sent, *_ = await asyncio.gather(*scans, *answers, *reads)
    await redeliver(cluster, sent)  # the first member's scan, twice more, to both workers

    awarded = "SELECT count(*) FROM qr_scan_logs WHERE outcome = 'awarded'"
    await settled(cluster, awarded, [(MEMBERS,)])
    await settled(cluster, "SELECT count(*) FROM loyalty_cards", [(MEMBERS + GUESTS,)])
    waiting = "SELECT count(*) FROM customer_notifications WHERE status IN ('pending', 'sending')"
    await settled(cluster, waiting, [(0,)])
    await assert_points_moved_once(cluster)
    await assert_every_notification_sent_once(cluster, [owner] + [u for u, _ in members + guests])
    assert min(cluster.proxy.forwarded) > 5  # both workers took a share


async def assert_points_moved_once(cluster: Cluster) -> None:
    balances = await cluster.query(
        "SELECT c.balance, coalesce(sum(t.delta), 0), count(t.id) FROM loyalty_cards c"
        " LEFT JOIN point_transactions t ON t.card_id = c.id GROUP BY c.id, c.balance"
    )
    assert sorted(balances) == [(0, 0, 0)] * GUESTS + [(10, 10, 1)] * MEMBERS


async def assert_every_notification_sent_once(cluster: Cluster, users: list[SandboxUser]):
    engine = make_engine(cluster.db_url)
    async with make_session_factory(engine)() as session:
        rows = list(await session.scalars(select(NotificationRow)))
    await engine.dispose()
    delivered = [r for r in rows if r.status == "sent" and r.telegram_message_id is not None]
    assert {r.status for r in rows} <= {"sent", "suppressed"}
    assert len({(r.chat_id, r.telegram_message_id) for r in delivered}) == len(delivered)
    expected = Counter((r.chat_id, render_notification(_notification(r))[0]) for r in delivered)
    shown: Counter = Counter()
    for user in users:
        for message in await user.transcript():
            shown[(user.chat_id, first_text(message))] += 1
    missing = {key: n for key, n in expected.items() if shown[key] < n}
    doubled = {key: shown[key] for key, n in expected.items() if shown[key] > n}
    assert missing == {} and doubled == {}


def first_text(message: SandboxMessage) -> str | None:
    """The text as first sent: answered requests are edited afterwards."""
    history = message.edit_history
    return (history[0].get("text") if history else None) or message.text


async def taken_by(cluster: Cluster, act: Awaitable[object], reply: Awaitable[object]) -> int:
    """Which worker took the update `act` sends (the test drives one chat at a time)."""
    assert cluster.proxy is not None
    before = list(cluster.proxy.forwarded)
    await act
    await reply
    changed = [
        i for i, (a, b) in enumerate(zip(before, cluster.proxy.forwarded, strict=True)) if b > a
    ]
    assert len(changed) == 1, changed
    return changed[0]


async def test_a_step_begun_on_one_worker_is_answered_on_the_other(cluster):
    olga = await cluster.user("Olga")
    await olga.send_text("/newbusiness Twin Café")
    await olga.wait_for_text("is registered", timeout=15)
    taken = [
        await taken_by(cluster, olga.send_text("/newprogram"), olga.wait_for_text("called?", 15))
    ]
    taken.append(
        await taken_by(cluster, olga.send_text("Club"), olga.wait_for_text("Points or", 15))
    )
    question = await olga.last_message()
    assert question is not None
    taken.append(
        await taken_by(
            cluster, olga.press(question, label="Points"), olga.wait_for_text("per scan?", 15)
        )
    )
    for answer, reply in (("10", "for the reward?"), ("100", "reward called?")):
        taken.append(
            await taken_by(cluster, olga.send_text(answer), olga.wait_for_text(reply, 15))
        )
    taken.append(
        await taken_by(cluster, olga.send_text("Cake"), olga.wait_for_text("Club created", 15))
    )
    assert set(taken) == {0, 1}  # each worker took some of the steps
    assert all(a != b for a, b in itertools.pairwise(taken))  # every answer on the other one
    assert await cluster.query("SELECT name, points_per_scan FROM loyalty_programs") == [
        ("Club", 10)
    ]
