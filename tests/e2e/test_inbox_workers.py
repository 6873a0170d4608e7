"""Two webhook workers on one PostgreSQL database, one killed with SIGKILL in the middle of a
burst: every update the sandbox had an answer for is handled, none twice, each chat in order.

The sandbox delivers updates one at a time through the round-robin proxy; after the kill, the
posts to the dead worker fail and the sandbox delivers them again, so they reach the live one.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import signal
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from subprocess import Popen

import pytest

from domain.commands import CreateProgram, RegisterBusiness
from domain.people import register_business
from domain.programs import create_program
from sandbox.client import SandboxClient, SandboxUser
from sandbox.server import SandboxServer
from storage.engine import make_engine, make_session_factory
from storage.uow import uow_factory
from tests.e2e.conftest import SECRET, TOKEN, Harness
from tests.e2e.helpers import qr_photo
from tests.e2e.workers import RoundRobinProxy, free_port, running_workers
from tests.waiting import eventually

BACKENDS = ("postgresql",)
HOOK_SECRET = "inbox-secret-42"
LEASE_SECONDS = 3
SHOPS, CUSTOMERS = 2, 5  # customers per shop, each scanned once by the shop's owner
FIRST_UPDATE = 10_001  # the sandbox numbers its updates from here, one by one


@dataclass
class Pair(Harness):
    proxy: RoundRobinProxy | None = None
    workers: list[Popen] = field(default_factory=list)


@pytest.fixture
async def pair(tmp_path: Path, e2e_db_url: str) -> AsyncIterator[Pair]:
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
        "LOYALTY_INBOX_LEASE_SECONDS": str(LEASE_SECONDS), "LOYALTY_LOG_LEVEL": "WARNING",
    }  # fmt: skip
    try:
        async with (
            running_workers(env, ports, tmp_path) as workers,
            SandboxClient(server.url) as sb,
        ):
            yield Pair(server, sb, None, e2e_db_url, proxy, workers)
    finally:
        await proxy.stop()
        await server.stop()


async def open_shops(pair: Pair) -> list[tuple[SandboxUser, list[SandboxUser], list[bytes]]]:
    """Each owner's business and program (written to the database), its customers, their QRs."""
    engine = make_engine(pair.db_url)
    new_uow = uow_factory(make_session_factory(engine))
    shops = []
    for s in range(SHOPS):
        owner = await pair.user(f"Owner{s}")
        await owner.start()
        await owner.wait_for_text("Welcome", timeout=15)
        business = await register_business(new_uow(), RegisterBusiness(owner.id, f"Shop {s}"))
        fields = {"points_per_scan": 10, "reward_threshold": 100, "reward_name": "Cake"}
        program = await create_program(
            new_uow(), CreateProgram(business.id, owner.id, "Club", **fields)
        )
        shops.append((owner, program.join_code))
    await engine.dispose()

    async def arrive(name: str, join_code: str) -> tuple[SandboxUser, bytes]:
        user = await pair.user(name)
        await user.start(f"j_{join_code}")
        await user.wait_for_text("Your card", timeout=15)
        return user, await qr_photo(user)

    result = []
    for s, (owner, join_code) in enumerate(shops):
        arrived = [await arrive(f"S{s}C{i}", join_code) for i in range(CUSTOMERS)]
        result.append((owner, [u for u, _ in arrived], [photo for _, photo in arrived]))
    return result


async def held_by(pair: Pair, worker: Popen) -> list[int]:
    """Updates not done that `worker` has claimed under a live lease."""
    rows = await pair.query(
        "SELECT update_id FROM webhook_inbox WHERE done_at IS NULL AND lease_until > now()"
        " AND claimed_by LIKE :who",
        who=f"%:{worker.pid}:%",
    )
    return [update_id for (update_id,) in rows]


async def answered_unstored(pair: Pair, index: int, since: int) -> list[int]:
    """Updates from `since` on that worker `index` answered 200 and the inbox does not hold
    (none, unless the webhook bypasses the inbox)."""
    assert pair.proxy is not None
    answered = [u for u in pair.proxy.answered[index] if u >= since]
    stored = await pair.query(
        "SELECT update_id FROM webhook_inbox WHERE update_id = ANY(:ids)", ids=answered
    )
    return sorted(set(answered) - {u for (u,) in stored})


async def test_a_worker_killed_mid_burst_loses_nothing_and_nothing_happens_twice(pair):
    shops = await open_shops(pair)
    victim, survivor = pair.workers

    async def scan_in_order(owner: SandboxUser, photos: list[bytes]) -> None:
        for photo in photos:
            await owner.send_photo(photo)

    assert pair.proxy is not None
    burst_from = max(itertools.chain(*pair.proxy.answered)) + 1

    async def kill_when_busy() -> list[int]:
        held: list[int] = []

        async def busy() -> bool:
            held[:] = await held_by(pair, victim)
            return bool(held or await answered_unstored(pair, 0, burst_from))

        await eventually(busy, timeout=60, what="the victim holding updates")
        victim.send_signal(signal.SIGKILL)
        return list(held)

    killer = asyncio.create_task(kill_when_busy())
    burst = [scan_in_order(owner, photos) for owner, _, photos in shops]
    reads = [c.send_text("💳 My cards") for _, customers, _ in shops for c in customers]
    await asyncio.gather(*burst, *reads)
    held = await killer
    assert victim.wait(timeout=10) == -signal.SIGKILL

    # Nothing lost, nothing twice: one award per customer, every update handled.
    await eventually(lambda: not pair.server.store.updates, timeout=60, what="all delivered")
    balances = (
        "SELECT c.balance, count(t.id) FROM loyalty_cards c"
        " LEFT JOIN point_transactions t ON t.card_id = c.id GROUP BY c.id, c.balance"
        " ORDER BY c.id"
    )
    awarded = [(10, 1)] * (SHOPS * CUSTOMERS)
    await eventually(lambda: _equals(pair.query(balances), awarded), 60, "every scan applied")
    waiting = "SELECT count(*) FROM webhook_inbox WHERE done_at IS NULL"
    await eventually(lambda: _equals(pair.query(waiting), [(0,)]), 60, "the inbox drained")
    assert await pair.query(balances) == awarded
    made = next(pair.server.store._update_ids) - FIRST_UPDATE
    assert await pair.query("SELECT count(*) FROM webhook_inbox") == [(made,)]
    # The victim's updates were finished by the survivor.
    taken_over = await pair.query(
        "SELECT update_id, claimed_by FROM webhook_inbox WHERE update_id = ANY(:ids)", ids=held
    )
    assert taken_over and all(f":{survivor.pid}:" in who for _, who in taken_over)

    # Each owner's chat in order: its scan replies name the customers as the photos went (a
    # scan whose worker died between its commit and its reply has none: it is not run again).
    for owner, customers, _ in shops:
        named = [_scanned_name(m.content) for m in await owner.transcript()]
        in_order = [name for name, _ in itertools.groupby(n for n in named if n)]
        assert in_order == [c.first_name for c in customers if c.first_name in in_order]
        assert len(in_order) >= len(customers) - len(held)
        for person in customers:  # the read each sent in the burst was answered
            await person.wait_for_text("Your cards:", timeout=30)


async def _equals(rows, expected) -> bool:
    return await rows == expected


def _scanned_name(text: str) -> str | None:
    """The customer a scan reply names (a reply repeated after the kill is the same name)."""
    found = re.search(r"(\w+): \+10", text)
    return found.group(1) if found else None
