"""Repositories for loyalty programs and customers' enrollments in them."""

from __future__ import annotations

import builtins
from collections.abc import Sequence

from sqlalchemy import and_, bindparam, select

from domain.models import Enrollment, EnrollmentStatus, Program, ProgramKind
from storage.repositories.base import Columns, RowOf, SqlRepository
from storage.repositories.rewards import SqlRewardRepository, reward_of_row
from storage.tables import EnrollmentRow, ProgramRewardRow, ProgramRow


def _program(row: RowOf[ProgramRow]) -> Program:
    return Program(
        id=row.id,
        business_id=row.business_id,
        name=row.name,
        kind=ProgramKind(row.kind),
        points_per_scan=row.points_per_scan,
        join_code=row.join_code,
        created_at=row.created_at,
        max_per_scan=row.max_per_scan,
        daily_cap=row.daily_cap,
        expires_at=row.expires_at,
        active=row.active,
        miss_you_days=row.miss_you_days,
        redeem_keeps=row.redeem_keeps,
        expiry_days=row.expiry_days,
        expiry_warning_days=row.expiry_warning_days,
        tier_window_months=row.tier_window_months,
    )


program_of_row = _program  # for other repositories that read programs (a customer's cards)


def _enrollment(row: RowOf[EnrollmentRow]) -> Enrollment:
    return Enrollment(
        id=row.id,
        customer_id=row.customer_id,
        program_id=row.program_id,
        status=EnrollmentStatus(row.status),
        created_at=row.created_at,
        invited_by=row.invited_by,
        decided_at=row.decided_at,
    )


def _copy_program(program: Program, row: ProgramRow) -> ProgramRow:
    row.business_id = program.business_id
    row.name = program.name
    row.kind = program.kind.value
    row.points_per_scan = program.points_per_scan
    row.join_code = program.join_code
    row.max_per_scan = program.max_per_scan
    row.daily_cap = program.daily_cap
    row.expires_at = program.expires_at
    row.active = program.active
    row.miss_you_days = program.miss_you_days
    row.redeem_keeps = program.redeem_keeps
    row.expiry_days = program.expiry_days
    row.expiry_warning_days = program.expiry_warning_days
    return row


_PROGRAMS, _REWARDS = ProgramRow.__table__, ProgramRewardRow.__table__
# A program with its active rungs in ladder order, one row a rung (one row if none): read on
# every scan, so one statement built once, not the program's read and then its ladder's.
_WITH_LADDER = (
    select(_PROGRAMS, *(column.label(f"reward_{column.name}") for column in _REWARDS.c))
    .select_from(
        _PROGRAMS.outerjoin(
            _REWARDS, and_(_REWARDS.c.program_id == _PROGRAMS.c.id, _REWARDS.c.active.is_(True))
        )
    )
    .where(_PROGRAMS.c.id == bindparam("id"))
    .order_by(_REWARDS.c.cost, _REWARDS.c.position, _REWARDS.c.id)
)

NUDGE_PAGE = 200  # programs the miss-you sweep reads a statement (with their ladders)


class SqlProgramRepository(SqlRepository):
    """Programs, each read with its rewards ladder (`Program.rewards`); `update` leaves the
    ladder alone: rungs change through the reward repository."""

    async def get(self, program_id: int) -> Program | None:
        rows = (await self._session.execute(_WITH_LADDER, {"id": program_id})).all()
        if not rows:
            return None
        program = _program(rows[0])
        program.rewards = tuple(
            reward_of_row(
                Columns(_REWARDS, [getattr(row, f"reward_{c.name}") for c in _REWARDS.c])
            )
            for row in rows
            if row.reward_id is not None
        )
        return program

    async def by_join_code(self, code: str) -> Program | None:
        row = await self._first(select(ProgramRow).where(ProgramRow.join_code == code))
        return (await self._with_ladders([_program(row)]))[0] if row else None

    async def _with_ladders(self, programs: Sequence[Program]) -> list[Program]:
        rewards = SqlRewardRepository(self._session)
        if len(programs) == 1:
            programs[0].rewards = tuple(await rewards.ladder_of(programs[0].id))
            return list(programs)
        ladders = await rewards.of_programs(p.id for p in programs)
        for program in programs:
            program.rewards = tuple(ladders.get(program.id, ()))
        return list(programs)

    async def list(self, business_id: int, *, active_only: bool = False) -> list[Program]:
        stmt = select(ProgramRow).where(ProgramRow.business_id == business_id)
        if active_only:
            stmt = stmt.where(ProgramRow.active.is_(True))
        rows = await self._all(stmt.order_by(ProgramRow.id))
        return await self._with_ladders([_program(row) for row in rows])

    async def add(self, program: Program) -> Program:
        row = _copy_program(program, ProgramRow(created_at=program.created_at))
        return _program(await self._add(row))

    async def update(self, program: Program) -> None:
        _copy_program(program, await self._get_or_fail(ProgramRow, program.id))
        await self._session.flush()

    async def with_nudges(self) -> builtins.list[Program]:  # `list` is the method above
        """Active programs that send "we miss you" messages, NUDGE_PAGE a statement: a
        thousand with their ladders read at once held SQLite's loop 60-70 ms."""
        found: builtins.list[Program] = []
        after = 0
        while True:
            stmt = select(ProgramRow).where(
                ProgramRow.active.is_(True), ProgramRow.miss_you_days > 0, ProgramRow.id > after
            )
            rows = await self._all(stmt.order_by(ProgramRow.id).limit(NUDGE_PAGE))
            found += await self._with_ladders([_program(row) for row in rows])
            if len(rows) < NUDGE_PAGE:
                return found
            after = rows[-1].id


class SqlEnrollmentRepository(SqlRepository):
    async def get(self, customer_id: int, program_id: int) -> Enrollment | None:
        row = await self._first(
            select(EnrollmentRow).where(
                EnrollmentRow.customer_id == customer_id, EnrollmentRow.program_id == program_id
            )
        )
        return _enrollment(row) if row else None

    async def add(self, enrollment: Enrollment) -> Enrollment:
        row = await self._add(
            EnrollmentRow(
                customer_id=enrollment.customer_id,
                program_id=enrollment.program_id,
                status=enrollment.status.value,
                invited_by=enrollment.invited_by,
                decided_at=enrollment.decided_at,
                created_at=enrollment.created_at,
            )
        )
        return _enrollment(row)

    async def update(self, enrollment: Enrollment) -> None:
        row = await self._get_or_fail(EnrollmentRow, enrollment.id)
        row.status = enrollment.status.value
        row.invited_by = enrollment.invited_by
        row.decided_at = enrollment.decided_at
        await self._session.flush()
