"""Storage fixtures: a fresh migrated database per test (SQLite and PostgreSQL), units of work.

Every test that uses `db_url` runs once per backend. PostgreSQL databases are copied with
CREATE DATABASE ... TEMPLATE from one database migrated once per session, and dropped after;
with no server reachable those runs are skipped and the reason is printed at the end.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from storage.engine import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWork, uow_factory
from tests.storage.builders import T0, World, build_world

# "sqlite" is the default driver, run inline on the event loop (storage/sqlite_inline.py);
# "aiosqlite" is the threaded driver that `sqlite+aiosqlite://` URLs still select.
BACKENDS = ("sqlite", "aiosqlite", "postgresql")
SQLITE_URLS = {"sqlite": "sqlite:///{}", "aiosqlite": "sqlite+aiosqlite:///{}"}
DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
# Modules that test SQLite itself (pragmas, file layout) run on SQLite only.
SQLITE_ONLY = {"test_sqlite"}
_skip_reason: list[str] = []  # why PostgreSQL runs were skipped, printed once at the end
# Drops run on a helper thread so a test's teardown does not wait for them; the session's
# end waits for all of them before the template itself goes.
_dropper = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="pg-drop")


def postgres_server_url() -> str:
    return os.environ.get("LOYALTY_TEST_POSTGRES_URL") or DEFAULT_POSTGRES_URL


def with_database(url: str, name: str) -> str:
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def admin(url: str, *statements: str) -> None:
    """Run statements on the server's maintenance database, outside any running event loop."""

    async def run() -> None:
        conn = await asyncpg.connect(_dsn(url), timeout=3)
        try:
            for statement in statements:
                await conn.execute(statement)
        finally:
            await conn.close()

    # A fresh loop on a helper thread: callers may be sync fixtures inside an async test.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, run()).result()


def backends_for(module: Any, default: tuple[str, ...] = BACKENDS) -> tuple[str, ...]:
    """A module's own BACKENDS if it names them, else SQLite only or the default."""
    if hasattr(module, "BACKENDS"):
        return tuple(module.BACKENDS)
    if module.__name__.rsplit(".", 1)[-1] in SQLITE_ONLY:
        return tuple(b for b in default if b in SQLITE_URLS)
    return default


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", backends_for(metafunc.module), indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    """The URL of a PostgreSQL database migrated once for this session (a template to copy)."""
    server = postgres_server_url()
    try:
        admin(server, "SELECT 1")
    except Exception as error:  # any failure to connect means: no server for these tests
        reason = f"PostgreSQL unreachable at {server}: {type(error).__name__}: {error}"
        _skip_reason[:] = [reason]
        pytest.skip(reason)
    _drop_leftovers(server)
    name = f"loyalty_tpl_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin(server, f'CREATE DATABASE "{name}"')
    try:
        upgrade(with_database(server, name))
        yield with_database(server, name)
    finally:
        _dropper.submit(admin, server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)').result()


def fresh_postgres_database(template_url: str) -> Iterator[str]:
    """A new database copied from the migrated template; dropped when the test is done."""
    template = make_url(template_url).database
    name = f"loyalty_t_{os.getpid()}_{uuid.uuid4().hex[:12]}"
    admin(template_url, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield with_database(template_url, name)
    finally:
        _dropper.submit(admin, template_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _drop_leftovers(server: str) -> None:
    """Drop test databases of runs that died before their teardown (their process is gone)."""

    async def names() -> list[str]:
        conn = await asyncpg.connect(_dsn(server), timeout=3)
        try:
            query = "SELECT datname FROM pg_database WHERE datname ~ '^loyalty_tp?l?_'"
            return [row[0] for row in await conn.fetch(query)]
        finally:
            await conn.close()

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        found = pool.submit(asyncio.run, names()).result()
    for name in found:
        pid = name.split("_")[2]
        if pid.isdigit() and not _alive(int(pid)):
            admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _skip_reason:
        terminalreporter.write_line(f"PostgreSQL tests skipped: {_skip_reason[0]}")
        _skip_reason.clear()  # both conftests report; say it once


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "db" / "loyalty.db"


@pytest.fixture
def db_url(backend: str, db_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    if backend == "postgresql":
        yield from fresh_postgres_database(request.getfixturevalue("postgres_template"))
        return
    url = SQLITE_URLS[backend].format(db_path)
    upgrade(url)
    yield url


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
