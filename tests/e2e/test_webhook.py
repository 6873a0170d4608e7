"""Webhook mode: the sandbox delivers updates by POST, junk is refused, health and metrics."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import insert

from bot.settings import Settings
from bot.webhook import MAX_BODY, SECRET_HEADER, start_webhook_bot, stop_webhook_bot
from sandbox.client import SandboxClient
from sandbox.server import SandboxServer
from storage.engine import make_engine
from storage.tables import InboxRow, NotificationRow
from tests.e2e.conftest import TOKEN, Harness, e2e_settings
from tests.e2e.helpers import customer, open_shop, qr_photo
from tests.waiting import eventually

HOOK_SECRET = "hook-secret_0123456789"
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)


class WebhookHarness(Harness):
    base: str  # the webhook server's own address
    http: aiohttp.ClientSession

    async def post(self, body: bytes, secret: str | None = HOOK_SECRET, **headers) -> int:
        if secret is not None:
            headers[SECRET_HEADER] = secret
        url = f"{self.base}/telegram/webhook"
        async with self.http.post(url, data=body, headers=headers) as resp:
            return resp.status

    async def get(self, path: str) -> tuple[int, str]:
        async with self.http.get(f"{self.base}{path}") as resp:
            return resp.status, await resp.text()


def webhook_settings(tmp_path: Path, server: SandboxServer, db_url: str) -> Settings:
    return e2e_settings(
        tmp_path, server, db_url, webhook_port=0, webhook_secret=HOOK_SECRET,
        scheduler_enabled=False,
    )  # fmt: skip


@pytest.fixture
async def hook(tmp_path: Path, e2e_db_url: str) -> AsyncIterator[WebhookHarness]:
    server = SandboxServer(token=TOKEN, rate_limits=None)
    await server.start(host="127.0.0.1", port=0)
    app, web = await start_webhook_bot(webhook_settings(tmp_path, server, e2e_db_url))
    try:
        async with SandboxClient(server.url) as sb, aiohttp.ClientSession() as http:
            harness = WebhookHarness(server, sb, app, e2e_db_url)
            harness.base, harness.http = f"http://127.0.0.1:{web.port}", http
            yield harness
    finally:
        await stop_webhook_bot(app, web)
        await server.stop()


def update_json(update_id: int = 1, text: str = "/start") -> bytes:
    sender = {"id": 777, "is_bot": False, "first_name": "Mallory"}
    message = {
        "message_id": 1, "date": 0, "chat": {"id": 777, "type": "private"},
        "from": sender, "text": text,
    }  # fmt: skip
    return json.dumps({"update_id": update_id, "message": message}).encode()


async def test_a_webhook_bot_answers_start_through_the_sandboxs_delivery(hook):
    info = await hook.sb.request("POST", f"/bot{TOKEN}/getWebhookInfo")
    assert info["result"]["url"].startswith(hook.base)
    ann = await hook.user("Ann")
    await ann.start()
    await ann.wait_for_text("Welcome, Ann")
    assert await hook.query("SELECT count(*) FROM customers") == [(1,)]


async def test_a_scan_through_the_webhook_awards_points_and_is_counted(hook):
    owner = await hook.user("Olga")
    shop = await open_shop(hook, owner)
    ann = await customer(hook, "Ann", shop)
    await owner.send_photo(await qr_photo(ann))
    await ann.wait_for_text("+10")
    status, metrics = await hook.get("/metrics")
    assert status == 200
    assert 'loyalty_scans_total{outcome="awarded"} 1.0' in metrics


@pytest.mark.parametrize(
    ("secret", "expected"),
    [(None, 403), ("wrong", 403), ("", 403), (HOOK_SECRET + "x", 403), (HOOK_SECRET, 200)],
)
async def test_only_the_right_secret_gets_an_update_in(hook, secret, expected):
    assert await hook.post(update_json(), secret=secret) == expected


@pytest.mark.parametrize(
    "body", [b"{not json", b"", b"[1, 2]", b'"text"', b"\xff\xfe", b'{"update_id": "x"}']
)
async def test_malformed_bodies_are_refused_with_400_and_change_nothing(hook, body):
    assert await hook.post(body) == 400
    assert await hook.query("SELECT count(*) FROM telegram_users") == [(0,)]
    status, _ = await hook.get("/healthz")
    assert status == 200  # still serving


async def test_an_oversized_body_is_refused_with_413_and_changes_nothing(hook):
    padding = b" " * (MAX_BODY + 1)
    assert await hook.post(update_json()[:-1] + padding + b"}") == 413
    assert await hook.post(b"x" * (MAX_BODY * 3), secret="wrong") == 403  # secret checked first
    assert await hook.query("SELECT count(*) FROM telegram_users") == [(0,)]


async def test_healthz_reports_the_database_and_the_outbox(hook):
    status, body = await hook.get("/healthz")
    report = json.loads(body)
    assert status == 200 and report["healthy"] is True
    assert report["database"] == "ok"
    assert report["dispatcher_lag_seconds"] == 0.0 and report["oldest_pending_seconds"] == 0.0


async def test_healthz_is_503_when_notifications_wait_too_long(hook, monkeypatch):
    ann = await hook.user("Ann")
    await ann.start()
    await ann.wait_for_text("Welcome")

    async def claim_nothing() -> int:
        return 0

    # The dispatcher keeps running but claims nothing, as a stuck one would.
    monkeypatch.setattr(hook.app.bot_data["services"].dispatcher, "drain_once", claim_nothing)
    engine = make_engine(hook.db_url)
    async with engine.begin() as conn:
        await conn.execute(
            insert(NotificationRow).values(
                chat_id=ann.chat_id, category="reminder", template="x", params={},
                status="pending", attempts=0, last_error="", created_at=LONG_AGO,
            )
        )  # fmt: skip
    await engine.dispose()
    status, body = await hook.get("/healthz")
    assert status == 503 and json.loads(body)["dispatcher_lag_seconds"] > 60


async def test_metrics_count_updates_and_show_the_outbox_and_latency(hook):
    ann = await hook.user("Ann")
    await ann.start()
    await ann.wait_for_text("Welcome")
    status, text = await hook.get("/metrics")
    assert status == 200
    assert 'loyalty_updates_handled_total{result="ok"} 1.0' in text
    assert "loyalty_update_handling_seconds_bucket" in text
    assert "loyalty_update_handling_seconds_count 1.0" in text
    assert 'loyalty_notifications{status="sent"}' in text
    assert "loyalty_dispatcher_lag_seconds 0.0" in text


async def redeliver(hook: WebhookHarness, user, sent, copies: int = 2) -> int:
    """Telegram delivering a handled update again: the same update_id, twice at once."""
    [(update_id,)] = await hook.query(
        "SELECT max(update_id) FROM webhook_inbox WHERE chat_id = :chat", chat=user.chat_id
    )
    body = json.dumps({"update_id": update_id, "message": sent.raw}).encode()
    statuses = await asyncio.gather(*(hook.post(body) for _ in range(copies)))
    assert statuses == [200] * copies  # answered, so Telegram stops sending it
    await drained(hook)
    return update_id


async def drained(hook: WebhookHarness) -> None:
    async def nothing_waits() -> bool:
        rows = await hook.query("SELECT count(*) FROM webhook_inbox WHERE done_at IS NULL")
        return rows == [(0,)] and hook.app.bot_data["inbox"].in_flight == 0

    await eventually(nothing_waits, timeout=15, what="the inbox drained")


async def test_an_update_answered_200_is_already_stored(hook):
    assert await hook.post(update_json(update_id=10**9, text="/start")) == 200
    # No wait: the answer came after the commit.
    assert await hook.query("SELECT update_id, chat_id FROM webhook_inbox") == [(10**9, 777)]


async def test_newbusiness_delivered_again_creates_no_second_business(hook):
    olga = await hook.user("Olga")
    await olga.start()
    await olga.wait_for_text("Welcome")
    sent = await olga.send_text("/newbusiness Twin Café")
    await olga.wait_for_text("is registered")
    await redeliver(hook, olga, sent)
    assert await hook.query("SELECT name FROM businesses") == [("Twin Café",)]
    replies = [m for m in await olga.transcript() if "is registered" in m.content]
    assert len(replies) == 1


async def test_broadcast_delivered_again_reaches_each_customer_once(hook):
    owner = await hook.user("Olga")
    shop = await open_shop(hook, owner)
    customers = [await customer(hook, name, shop) for name in ("Ann", "Bob")]
    sent = await owner.send_text("/broadcast Fresh croissants at nine")
    await owner.wait_for_text("Sending")
    await redeliver(hook, owner, sent, copies=3)
    for person in customers:
        await person.wait_for_text("Fresh croissants", timeout=15)
    await eventually(
        lambda: hook.app.bot_data["services"].dispatcher.sent >= 2, what="the news sent"
    )
    for person in customers:
        news = [m for m in await person.transcript() if "Fresh croissants" in m.content]
        assert len(news) == 1
    queued = "SELECT count(*) FROM customer_notifications WHERE broadcast_id IS NOT NULL"
    assert await hook.query(queued) == [(2,)]
    assert await hook.query("SELECT count(*) FROM broadcasts") == [(1,)]
    progress = [m for m in await owner.transcript() if "📣" in m.content]
    assert len(progress) == 1


async def test_an_update_left_by_a_worker_shows_in_healthz_and_metrics(hook):
    engine = make_engine(hook.db_url)
    async with engine.begin() as conn:  # held by a worker that is gone, its lease still running
        await conn.execute(
            insert(InboxRow).values(
                update_id=5, chat_id=777, payload={}, received_at=LONG_AGO, attempts=1,
                claimed_by="gone:1:abc", lease_until=datetime(2999, 1, 1, tzinfo=UTC),
            )
        )  # fmt: skip
    await engine.dispose()
    _, body = await hook.get("/healthz")
    report = json.loads(body)
    assert report["inbox_waiting"] == 1 and report["inbox_oldest_seconds"] > 3600
    _, text = await hook.get("/metrics")
    assert "loyalty_inbox_waiting 1.0" in text
