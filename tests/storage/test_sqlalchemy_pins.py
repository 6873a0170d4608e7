"""SQLAlchemy's non-public names that storage/sqlite_inline.py uses still exist.

An upgrade that renames one fails here, by name, instead of somewhere inside a query.
"""

from __future__ import annotations

import importlib
import inspect

import pytest
from sqlalchemy.engine import make_url

from storage import sqlite_inline

# (module, attribute path): each is listed in sqlite_inline's docstring.
PRIVATE_NAMES = [
    ("sqlalchemy.util.concurrency", "await_"),
    ("sqlalchemy.util.concurrency", "in_greenlet"),
    ("sqlalchemy.util.concurrency", "greenlet_spawn"),
    ("sqlalchemy.dialects.sqlite.pysqlite", "SQLiteDialect_pysqlite._is_url_file_db"),
    ("sqlalchemy.engine.default", "DefaultDialect.get_pool_class"),
    ("sqlalchemy.connectors.asyncio", "AsyncAdapt_dbapi_cursor._async_soft_close"),
]


def resolve(module: str, path: str) -> object:
    found: object = importlib.import_module(module)
    for part in path.split("."):
        found = getattr(found, part)
    return found


@pytest.mark.parametrize(("module", "path"), PRIVATE_NAMES)
def test_each_private_name_exists_and_the_module_names_it(module, path):
    assert callable(resolve(module, path))
    assert path.rsplit(".", 1)[-1] in (sqlite_inline.__doc__ or "")


def test_greenlet_spawn_still_refuses_a_driver_that_never_awaits():
    spawn = resolve("sqlalchemy.util.concurrency", "greenlet_spawn")
    assert "_require_await" in inspect.signature(spawn).parameters


def test_sqlalchemy_calls_the_cursor_soft_close_hook_we_define():
    source = inspect.getsource(importlib.import_module("sqlalchemy.ext.asyncio.result"))
    assert "._async_soft_close()" in source
    assert hasattr(sqlite_inline._Cursor, "_async_soft_close")


def test_a_file_url_is_a_file_database_and_memory_is_not():
    is_file = resolve("sqlalchemy.dialects.sqlite.pysqlite", "SQLiteDialect_pysqlite")
    assert is_file._is_url_file_db(make_url("sqlite:///data/x.db"))
    assert not is_file._is_url_file_db(make_url("sqlite://"))
