"""The contract suite: the same repository tests on the in-memory fake and the SQL storage.

The domain tests trust `tests/domain/fakes.py` to behave as the real repositories do; running
one suite on the fake, on a migrated SQLite file (the inline driver) and on PostgreSQL keeps
the fake from drifting. A test gets `new_uow`, a factory of units of work on one fresh store.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from storage.engine import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.uow import uow_factory
from tests.domain.fakes import FakeClock, FakeUnitOfWork
from tests.storage.builders import T0, World, build_world
from tests.storage.conftest import (
    backend,
    fresh_postgres_database,
    postgres_template,
    pytest_terminal_summary,
)

__all__ = ["backend", "postgres_template", "pytest_terminal_summary"]  # fixtures and hooks

BACKENDS = ("fake", "sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture
def contract_db_url(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[str | None]:
    """A fresh migrated database for the SQL backends; None for the fake."""
    if backend == "fake":
        yield None
    elif backend == "postgresql":
        yield from fresh_postgres_database(request.getfixturevalue("postgres_template"))
    else:
        url = f"sqlite:///{tmp_path / 'contract.db'}"
        upgrade(url)
        yield url


@pytest.fixture
async def new_uow(contract_db_url: str | None) -> AsyncIterator[Callable[[], Any]]:
    """A factory of units of work on one store; every block sees what earlier ones committed."""
    if contract_db_url is None:
        fake = FakeUnitOfWork(FakeClock(T0))
        yield lambda: fake
        return
    engine = make_engine(contract_db_url)
    try:
        yield uow_factory(make_session_factory(engine), lambda: T0)
    finally:
        await engine.dispose()


@pytest.fixture
async def world(new_uow: Callable[[], Any]) -> World:
    """One owner, one customer, one business with a program, and the customer's card."""
    async with new_uow() as uow:
        built = await build_world(uow)
        await uow.commit()
    return built
