"""Production safety: no sandbox on a real bot's data, private files, guarded health, timeouts."""

from __future__ import annotations

import asyncio
import os
import stat
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import insert

from bot.settings import Settings
from bot.webhook import start_webhook_bot, stop_webhook_bot
from sandbox.server import SandboxServer
from storage.engine import make_engine
from storage.tables import NotificationRow
from tests.e2e.conftest import TOKEN, e2e_settings

HOOK_SECRET = "hook-secret_0123456789"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def _run_without_token(tmp_path: Path, db_url: str, **env: str) -> tuple[int | None, str]:
    """`loyalty-bot run` with no token: (exit code, or None if it started; what it printed)."""
    environment = {
        **os.environ, "LOYALTY_BOT_TOKEN": "", "LOYALTY_DATABASE_URL": db_url,
        "LOYALTY_DATA_DIR": str(tmp_path / "data"), "LOYALTY_SANDBOX_PORT": "0",
        "LOYALTY_SCHEDULER_ENABLED": "false", **env,
    }  # fmt: skip
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=environment, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    assert process.stdout is not None
    output = b""
    while b"runs against the local sandbox" not in output:
        line = await asyncio.wait_for(process.stdout.readline(), 30)
        if not line:  # it ended
            return await process.wait(), output.decode()
        output += line
    process.terminate()
    await process.wait()
    return None, output.decode()


async def test_no_token_on_a_real_bots_database_refuses_to_start_unless_asked(harness, tmp_path):
    ann = await harness.user("Ann")
    await ann.start()
    await ann.wait_for_text("Welcome")  # the bot (id 424242) has recorded itself and Ann
    code, output = await _run_without_token(tmp_path, harness.db_url)
    assert code == 2 and "holds the data of bot 424242" in output
    assert "LOYALTY_SANDBOX=true" in output
    code, _ = await _run_without_token(tmp_path, harness.db_url, LOYALTY_SANDBOX="true")
    assert code is None  # started against the sandbox, as asked


async def test_no_token_on_a_fresh_database_starts_the_sandbox(tmp_path):
    code, output = await _run_without_token(tmp_path, f"sqlite:///{tmp_path / 'data/new.db'}")
    assert code is None, output
    assert _mode(tmp_path / "data") == 0o700
    assert _mode(tmp_path / "data/new.db") == 0o600
    assert _mode(tmp_path / "data/secret.key") == 0o600


def test_the_secret_file_is_private_whole_and_shared(tmp_path):
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")
    key = settings.qr_secret()
    assert len(key) == 64 and _mode(tmp_path / "data/secret.key") == 0o600
    assert _mode(tmp_path / "data") == 0o700
    assert Settings(_env_file=None, data_dir=tmp_path / "data").qr_secret() == key
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["secret.key"]


def test_an_empty_secret_file_is_refused(tmp_path):
    (tmp_path / "secret.key").write_text("\n")
    with pytest.raises(ValueError, match="empty"):
        Settings(_env_file=None, data_dir=tmp_path).qr_secret()


async def test_a_new_sqlite_database_and_its_wal_are_private(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'fresh/bot.db'}")
    async with engine.begin() as conn:
        await conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        await conn.exec_driver_sql("INSERT INTO t VALUES (1)")
        assert _mode(tmp_path / "fresh/bot.db-wal") == 0o600
    await engine.dispose()
    assert _mode(tmp_path / "fresh") == 0o700 and _mode(tmp_path / "fresh/bot.db") == 0o600


@pytest.fixture
async def guarded(tmp_path: Path, e2e_db_url: str, request) -> AsyncIterator[dict]:
    """A webhook bot whose /healthz and /metrics are on their own port, behind a token."""
    server = SandboxServer(token=TOKEN, rate_limits=None)
    await server.start(host="127.0.0.1", port=0)
    settings = e2e_settings(
        tmp_path, server, e2e_db_url, webhook_port=0, webhook_secret=HOOK_SECRET,
        scheduler_enabled=False, health_port=0, health_token="scrape-me",
        http_header_timeout_seconds=0.5, http_body_timeout_seconds=0.5,
        **getattr(request, "param", {}),
    )  # fmt: skip
    app, web = await start_webhook_bot(settings)
    try:
        async with aiohttp.ClientSession() as http:
            yield {"web": web, "http": http, "db_url": e2e_db_url}
    finally:
        await stop_webhook_bot(app, web)
        await server.stop()


async def _get(guarded: dict, port: int, path: str, token: str | None = None) -> int:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with guarded["http"].get(f"http://127.0.0.1:{port}{path}", headers=headers) as resp:
        return resp.status


async def test_health_and_metrics_live_on_their_own_port_behind_a_token(guarded):
    web = guarded["web"]
    assert web.health_port is not None and web.health_port != web.port
    for path in ("/healthz", "/metrics"):
        assert await _get(guarded, web.port, path, "scrape-me") == 404  # not on the public one
        assert await _get(guarded, web.health_port, path) == 401
        assert await _get(guarded, web.health_port, path, "scrape-mE") == 401
        assert await _get(guarded, web.health_port, path, "scrape-me") == 200


async def test_health_figures_are_cached_for_a_few_seconds(guarded):
    port, token = guarded["web"].health_port, "scrape-me"
    assert await _get(guarded, port, "/healthz", token) == 200
    engine = make_engine(guarded["db_url"])
    async with engine.begin() as conn:  # a notification stuck for years: unhealthy...
        await conn.execute(
            insert(NotificationRow).values(
                chat_id=1, category="reminder", template="x", params={}, status="pending",
                attempts=0, last_error="", created_at=datetime(2000, 1, 1, tzinfo=UTC),
            )
        )  # fmt: skip
    await engine.dispose()
    assert await _get(guarded, port, "/healthz", token) == 200  # ...but not read again yet


async def test_a_client_that_never_finishes_its_headers_is_dropped(guarded):
    reader, writer = await asyncio.open_connection("127.0.0.1", guarded["web"].port)
    writer.write(b"POST /telegram/webhook HTTP/1.1\r\nHost: x\r\n")  # and then nothing
    await writer.drain()
    assert await asyncio.wait_for(reader.read(), 3) == b""  # closed by the server
    writer.close()


async def test_a_body_slower_than_the_bound_gets_408(guarded):
    reader, writer = await asyncio.open_connection("127.0.0.1", guarded["web"].port)
    writer.write(
        b"POST /telegram/webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n"
        b"X-Telegram-Bot-Api-Secret-Token: " + HOOK_SECRET.encode() + b'\r\n\r\n{"upd'
    )
    await writer.drain()
    status = await asyncio.wait_for(reader.readline(), 3)
    assert status.startswith(b"HTTP/1.1 408"), status
    writer.close()


def test_settings_document_every_new_variable():
    example = (Path(__file__).parents[2] / ".env.example").read_text()
    for name in ("SANDBOX", "HEALTH_LISTEN", "HEALTH_PORT", "HEALTH_TOKEN",
                 "HEALTH_CACHE_SECONDS", "HTTP_HEADER_TIMEOUT_SECONDS",
                 "HTTP_BODY_TIMEOUT_SECONDS", "QR_WORKERS", "QR_WAITING"):  # fmt: skip
        assert f"LOYALTY_{name}" in example
