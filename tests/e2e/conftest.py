"""End-to-end harness: the sandbox, and the real bot Application polling it over HTTP.

Each test runs on SQLite and on PostgreSQL (`backend`), on a fresh database copied from one
migrated once per session; see tests/storage/conftest.py for the PostgreSQL side.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text
from telegram.ext import Application

from bot.app import build_application, start_application, stop_application
from bot.settings import Settings
from sandbox.client import SandboxClient, SandboxUser
from sandbox.server import SandboxServer
from storage.engine import make_engine
from storage.migrate import upgrade
from tests.storage.conftest import (
    backend,
    backends_for,
    fresh_postgres_database,
    postgres_template,
    pytest_terminal_summary,
)

__all__ = ["backend", "postgres_template", "pytest_terminal_summary"]  # fixtures and hooks

TOKEN = "424242:E2E-test-token"
SECRET = "e2e-secret-key-0123456789abcdef"


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database built by `alembic upgrade head`, copied for each test (fast and fresh)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


# The flows, bad input and business suites run on both backends; the rest on SQLite only, to
# keep the suite's time down (and some of them assert with SQLite-only SQL).
BOTH_BACKENDS = {
    "test_flows",
    "test_bad_input",
    "test_business",
    "test_webhook",
    "test_steps",
    "test_restart",
}
BACKENDS = ("sqlite", "postgresql")  # the default SQLite driver (inline), and PostgreSQL


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        module = metafunc.module.__name__.rsplit(".", 1)[-1]
        default = BACKENDS if module in BOTH_BACKENDS else ("sqlite",)
        metafunc.parametrize("backend", backends_for(metafunc.module, default), indirect=True)


@pytest.fixture
def e2e_db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh migrated database for one test, on the backend this run is parametrized with."""
    if backend == "postgresql":
        yield from fresh_postgres_database(request.getfixturevalue("postgres_template"))
        return
    db = tmp_path / "bot.db"
    shutil.copy(request.getfixturevalue("migrated_template"), db)
    yield f"sqlite:///{db}"


@dataclass
class Harness:
    server: SandboxServer
    sb: SandboxClient
    app: Application
    db_url: str

    async def user(self, name: str, language: str | None = "en") -> SandboxUser:
        """A Telegram user; `language` is what their app reports (None: nothing)."""
        return await self.sb.create_user(
            first_name=name, username=name.lower(), language_code=language
        )

    async def query(self, sql: str, **params) -> list[tuple]:
        """Read the bot's database directly, to assert on what was stored."""
        engine = make_engine(self.db_url)
        try:
            async with engine.connect() as conn:
                return [tuple(row) for row in await conn.execute(text(sql), params)]
        finally:
            await engine.dispose()


# The harness's sandbox enforces no flood limits; a test that sends a burst of commands to one
# chat gets its answers ten times faster than Telegram's one a second, to keep the suite quick.
# tests/e2e/test_rate_limit.py checks the limits themselves against the sandbox's.
TEST_CHAT_INTERVAL = 0.1


def e2e_settings(tmp_path: Path, server: SandboxServer, db_url: str, **overrides) -> Settings:
    overrides.setdefault("send_chat_interval", TEST_CHAT_INTERVAL)
    return Settings(
        _env_file=None,
        bot_token=TOKEN,
        data_dir=tmp_path,
        database_url=db_url,
        secret_key=SECRET,
        api_base_url=server.bot_api_url,
        file_base_url=server.file_url,
        **overrides,
    )


async def start_bot(settings: Settings) -> Application:
    app = build_application(settings)
    await start_application(app)
    return app


async def stop_bot(app: Application) -> None:
    await stop_application(app)


@pytest.fixture
async def harness(tmp_path: Path, e2e_db_url: str, request) -> AsyncIterator[Harness]:
    db_url = e2e_db_url
    server = SandboxServer(token=TOKEN, rate_limits=None)
    await server.start(host="127.0.0.1", port=0)
    overrides = getattr(request, "param", {}) or {}
    app = await start_bot(e2e_settings(tmp_path, server, db_url, **overrides))
    try:
        async with SandboxClient(server.url) as sb:
            yield Harness(server, sb, app, db_url)
    finally:
        await stop_bot(app)
        await server.stop()
        await asyncio.sleep(0)
