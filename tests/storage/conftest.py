"""Storage fixtures: a fresh SQLite file per test, built by the migrations, and units of work."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from storage.engine import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWork, uow_factory
from tests.storage.builders import T0, World, build_world


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "db" / "loyalty.db"


@pytest.fixture
def db_url(db_path: Path) -> str:
    url = f"sqlite+aiosqlite:///{db_path}"
    upgrade(url)
    return url


@pytest.fixture
async def engine(db_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(db_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def session_factory(engine: AsyncEngine) -> async_sessionmaker[Any]:
    return make_session_factory(engine)


@pytest.fixture
def clock() -> Callable[[], datetime]:
    return lambda: T0


@pytest.fixture
def new_uow(
    session_factory: async_sessionmaker[Any], clock: Callable[[], datetime]
) -> Callable[[], SqlUnitOfWork]:
    return uow_factory(session_factory, clock)


@pytest.fixture
async def world(new_uow: Callable[[], SqlUnitOfWork]) -> World:
    """One owner, one customer, one business with a program, and the customer's card."""
    async with new_uow() as uow:
        built = await build_world(uow)
        await uow.commit()
    return built
