"""Data migrations: a database filled by the previous head keeps its meaning at the new head.

0004 turns links hidden in strings into columns: an undo's `undo:<id>` key into
`reverses_entry_id`, a broadcast id inside JSON params into `broadcast_id`, English reasons into
codes (the words a person gave into `note`), `insufficient_balance` into a request outcome.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from storage.engine import make_engine
from storage.migrate import alembic_config, downgrade, upgrade
from tests.storage.conftest import admin, postgres_server_url, with_database

LINKS = "0004"
T = datetime(2026, 1, 2, 10, 0, tzinfo=UTC)

FILL = [
    "INSERT INTO telegram_users (telegram_id, chat_id, first_name, last_name, username,"
    " language) VALUES (1, 1, 'Olga', '', '', ''), (2, 2, 'Ann', '', '', '')",
    "INSERT INTO customers (id, telegram_id, public_id, manual_code, display_name, created_at,"
    " qr_key_version) VALUES (1, 2, 'pub', 'K7QX4M2P', 'Ann', :t, 1)",
    "INSERT INTO businesses (id, name, owner_telegram_id, staff_invite_code, created_at)"
    " VALUES (1, 'Café', 1, 'inv', :t)",
    "INSERT INTO loyalty_programs (id, business_id, name, kind, points_per_scan,"
    " reward_threshold, reward_name, join_code, created_at, max_per_scan, active)"
    " VALUES (1, 1, 'Club', 'points', 10, 100, 'Coffee', 'jc', :t, 100, :yes)",
    "INSERT INTO loyalty_cards (id, customer_id, program_id, business_id, number, balance,"
    " lifetime_points, created_at) VALUES (1, 1, 1, 1, 'C-1', 13, 20, :t)",
    "INSERT INTO point_transactions (id, card_id, delta, kind, idempotency_key, reason,"
    " created_at) VALUES"
    " (1, 1, 10, 'award', 'scan:m1', 'scan', :t),"
    " (2, 1, 5, 'award', 'cb:1', 'manual', :t),"
    " (3, 1, -5, 'undo', 'undo:2', 'undo #2', :t),"
    " (4, 1, 5, 'award', 'msg:9', 'birthday treat', :t),"
    " (5, 1, -2, 'redeem', 'request:1', 'Coffee', :t)",
    "INSERT INTO customer_approval_requests (id, kind, customer_id, business_id, program_id,"
    " card_id, requested_by, amount, reason, status, created_at, expires_at) VALUES"
    " (1, 'redemption', 1, 1, 1, 1, 1, 2, 'Coffee', 'approved', :t, :t),"
    " (2, 'deduction', 1, 1, 1, 1, 1, 50, 'insufficient_balance', 'cancelled', :t, :t)",
    "INSERT INTO customer_notifications (id, chat_id, customer_id, card_id, category, template,"
    " params, status, attempts, last_error, created_at) VALUES"
    " (1, 2, 1, 1, 'points_added', 'points_added', :points, 'pending', 0, '', :t),"
    " (2, 2, 1, NULL, 'business_news', 'business_news', :news, 'pending', 0, '', :t),"
    " (3, 2, 1, 1, 'reminder', 'reward_near', '{}', 'sent', 1, '', :t)",
]
VALUES = {
    "t": T,
    "yes": True,
    "points": json.dumps({"points": 10, "balance": 13}),
    "news": json.dumps({"business": "Café", "text": "hi", "broadcast_id": "b42"}),
}


async def run(url: str, *statements: str) -> list[list[tuple]]:
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            results = []
            for statement in statements:
                used = {k: v for k, v in VALUES.items() if f":{k}" in statement}
                result = await conn.execute(text(statement), used)
                results.append([tuple(r) for r in result] if result.returns_rows else [])
            return results
    finally:
        await engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'filled.db'}"
        return
    request.getfixturevalue("postgres_template")  # skips with the reason when no server answers
    server = postgres_server_url()
    name = f"loyalty_data_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin(server, f'CREATE DATABASE "{name}"')
    try:
        yield with_database(server, name)
    finally:
        admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def below(revision: str) -> str:
    down = ScriptDirectory.from_config(alembic_config("sqlite://")).get_revision(revision)
    assert down is not None and isinstance(down.down_revision, str)
    return down.down_revision


async def test_links_hidden_in_strings_become_columns_and_come_back_on_downgrade(empty_url):
    before = below(LINKS)
    upgrade(empty_url, before)
    await run(empty_url, *FILL)
    upgrade(empty_url)
    ledger, requests, notes = await run(
        empty_url,
        "SELECT id, reason, note, reverses_entry_id FROM point_transactions ORDER BY id",
        "SELECT id, reason, outcome FROM customer_approval_requests ORDER BY id",
        "SELECT id, broadcast_id, merge_group, priority, params FROM customer_notifications"
        " ORDER BY id",
    )
    assert ledger == [
        (1, "scan", "", None),
        (2, "manual", "", None),
        (3, "undo", "", 2),
        (4, "manual", "birthday treat", None),
        (5, "redemption", "Coffee", None),
    ]
    assert requests == [(1, "Coffee", None), (2, "", "insufficient_balance")]
    params = [json.loads(p) if isinstance(p, str) else p for *_, p in notes]
    assert [row[:4] for row in notes] == [
        (1, None, "points:1", 0),
        (2, "b42", None, 1),
        (3, None, None, 1),
    ]
    assert params[1] == {"business": "Café", "text": "hi"}

    downgrade(empty_url, before)
    ledger, requests, news = await run(
        empty_url,
        "SELECT reason FROM point_transactions ORDER BY id",
        "SELECT reason FROM customer_approval_requests ORDER BY id",
        "SELECT params FROM customer_notifications WHERE id = 2",
    )
    assert ledger == [("scan",), ("manual",), ("undo #2",), ("birthday treat",), ("Coffee",)]
    assert requests == [("Coffee",), ("insufficient_balance",)]
    restored = news[0][0]
    assert (json.loads(restored) if isinstance(restored, str) else restored)[
        "broadcast_id"
    ] == "b42"
