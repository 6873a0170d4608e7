"""`loyalty-bot doctor [--repair]`: check the database's invariants and fix what is safe to fix.

The checks are storage queries (storage/doctor.py, storage/doctor_tiers.py); overdue requests
are expired, and cards in the wrong tier moved, through the domain's own use cases, so people
are told as the scheduler would tell them. The checks read one snapshot on a connection that
writes nothing (on SQLite it never takes the write lock, so the bot's scans go on meanwhile);
a repair then runs in one write transaction, checking again inside it: the use case works on
a savepoint inside it, and the whole repair is committed only once everything in it succeeded.
"""

from __future__ import annotations

import argparse
import asyncio
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncConnection, async_sessionmaker

from bot.settings import Settings
from domain.approvals import expire_due_requests
from domain.tiering import requalify_tiers
from storage.business_hours import hour_of
from storage.doctor import Finding, find_problems, repair_data
from storage.doctor_tiers import repair_lifetimes, tier_problems
from storage.engine import make_engine, read_snapshot
from storage.paced import PacedConnection
from storage.uow import SqlUnitOfWork

# The checks read the whole database for minutes at platform size: on a machine the bot shares,
# they yield the CPU to its chats (as /export's process does, bot/export_job.py).
NICENESS = 10
# ... and rest after each statement as long as it ran (storage/paced.py), so their reads take
# half a core at most, on the database server too, where `nice` does not reach (`--full-speed`
# for a maintenance window).
REST = 1.0


@dataclass(frozen=True)
class Checkup:
    found: list[Finding]  # before any repair
    left: list[Finding]  # after the repair (the same as found when not repairing)
    repaired: bool


async def examine(
    url: str,
    *,
    repair: bool = False,
    lease: timedelta = timedelta(seconds=30),
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    scans_kept: timedelta | None = None,
    rest: float = 0.0,
) -> Checkup:
    """`scans_kept`: the scan log's retention; /stats's hours older than that (and a day or
    two for the days it cut) keep their scan figures, which the log no longer holds. `rest`:
    the checks' reads rest that many times as long as each statement ran (`REST`); a repair's
    transaction never rests (it holds its locks meanwhile)."""
    scans_from = None
    if scans_kept is not None:
        scans_from = hour_of(clock() - scans_kept) + timedelta(days=2)
    async with read_snapshot(url) as reading:  # never holds the bot's writers back
        checks = PacedConnection(reading, rest) if rest else reading
        found = await _problems(checks, clock(), lease, scans_from)
    if not repair or not any(f.fix for f in found):
        return Checkup(found, found, repaired=False)
    engine = make_engine(url)
    try:
        async with engine.connect() as conn, conn.begin() as transaction:
            await repair_data(conn, clock(), scans_from)
            await repair_lifetimes(conn)
            await _expire_overdue(conn, clock)
            await _requalify(conn, clock)
            left = await _problems(conn, clock(), lease, scans_from)
            await transaction.commit()
            return Checkup(found, left, repaired=True)
    finally:
        await engine.dispose()


async def _problems(
    conn: AsyncConnection, now: datetime, lease: timedelta, scans_from: datetime | None
) -> list[Finding]:
    return await find_problems(conn, now, lease, scans_from) + await tier_problems(conn, now)


def _joined(conn: AsyncConnection, clock: Callable[[], datetime]) -> SqlUnitOfWork:
    # The use case commits its unit of work; on a session joined to our connection with
    # "create_savepoint", that commit releases a savepoint and our transaction stays open.
    sessions = async_sessionmaker(
        bind=conn, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )
    return SqlUnitOfWork(sessions, clock)


async def _expire_overdue(conn: AsyncConnection, clock: Callable[[], datetime]) -> None:
    while await expire_due_requests(_joined(conn, clock)):
        pass  # it expires at most a batch at a time


async def _requalify(conn: AsyncConnection, clock: Callable[[], datetime]) -> None:
    # The tier sweep itself, after lifetime points are right: customers are told as the
    # scheduler would tell them.
    await requalify_tiers(_joined(conn, clock))


def report(checkup: Checkup) -> str:
    lines = [_line(f) for f in checkup.found] or ["no problems found"]
    fixable = sum(1 for f in checkup.found if f.fix)
    if checkup.repaired:
        lines.append(f"repaired {len(checkup.found) - len(checkup.left)} of {len(checkup.found)}")
        lines += [f"still: {_line(f)}" for f in checkup.left]
    elif fixable:
        lines.append(f"{fixable} of {len(checkup.found)} can be repaired: run with --repair")
    return "\n".join(lines)


def _line(finding: Finding) -> str:
    fix = f" -> {finding.fix}" if finding.fix else " (left to a person)"
    return f"{finding.check}: {finding.subject}: {finding.detail}{fix}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="loyalty-bot doctor")
    parser.add_argument("--repair", action="store_true", help="fix what is safe to fix")
    parser.add_argument(
        "--full-speed", action="store_true",
        help="read without resting between statements (twice as fast; for a quiet hour)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    os.nice(NICENESS)
    settings = Settings()
    lease = timedelta(seconds=settings.outbox_lease_seconds)
    retention = settings.scan_log_retention_days
    scans_kept = timedelta(days=retention) if retention else None
    rest = 0.0 if args.full_speed else REST
    url = settings.database_url
    checkup = asyncio.run(
        examine(url, repair=args.repair, lease=lease, scans_kept=scans_kept, rest=rest)
    )
    print(report(checkup))
    return 1 if checkup.left else 0
