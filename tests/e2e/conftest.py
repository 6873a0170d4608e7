"""End-to-end harness: the sandbox, and the real bot Application polling it over HTTP."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
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

TOKEN = "424242:E2E-test-token"
SECRET = "e2e-secret-key-0123456789abcdef"


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database built by `alembic upgrade head`, copied for each test (fast and fresh)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade(f"sqlite+aiosqlite:///{path}")
    return path


@dataclass
class Harness:
    server: SandboxServer
    sb: SandboxClient
    app: Application
    db_url: str

    async def user(self, name: str) -> SandboxUser:
        return await self.sb.create_user(first_name=name, username=name.lower())

    async def query(self, sql: str, **params) -> list[tuple]:
        """Read the bot's database directly, to assert on what was stored."""
        engine = make_engine(self.db_url)
        try:
            async with engine.connect() as conn:
                return [tuple(row) for row in await conn.execute(text(sql), params)]
        finally:
            await engine.dispose()


def e2e_settings(tmp_path: Path, server: SandboxServer, db_url: str, **overrides) -> Settings:
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
async def harness(tmp_path: Path, migrated_template: Path, request) -> AsyncIterator[Harness]:
    db = tmp_path / "bot.db"
    shutil.copy(migrated_template, db)
    db_url = f"sqlite+aiosqlite:///{db}"
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
