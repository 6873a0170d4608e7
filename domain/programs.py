"""Use cases for loyalty programs: create, edit, choose the default, deactivate."""

from __future__ import annotations

from dataclasses import replace

from domain.access import require_owner
from domain.commands import CreateProgram, EditProgram
from domain.errors import InvalidInput, NotFound
from domain.models import Business, Program, ProgramKind, Reward
from domain.ports import UnitOfWork
from domain.rewards import check_ladder
from domain.rules import new_invite_code, validate_amount, validate_name

EDITABLE = ("name", "points_per_scan", "max_per_scan", "daily_cap", "active")


async def create_program(uow: UnitOfWork, cmd: CreateProgram) -> Program:
    """Owners create programs with their first reward; the first program becomes the
    business's default for scans."""
    first = check_ladder([Reward(0, cmd.reward_name, cmd.reward_threshold)])[0]
    program = _checked(
        Program(
            business_id=cmd.business_id,
            name=cmd.name,
            kind=ProgramKind(cmd.kind),
            points_per_scan=cmd.points_per_scan,
            max_per_scan=cmd.max_per_scan,
            daily_cap=cmd.daily_cap,
            join_code=new_invite_code(),
            created_at=uow.now(),
        )
    )
    async with uow:
        await require_owner(uow, cmd.business_id, cmd.by_telegram_id)
        program = await uow.programs.add(program)
        reward = await uow.rewards.add(replace(first, program_id=program.id), uow.now())
        program.rewards = (reward,)
        business = await uow.businesses.get(cmd.business_id)
        if business is not None and business.default_program_id is None:
            business.default_program_id = program.id
            await uow.businesses.update(business)
        await uow.commit()
        return program


async def edit_program(uow: UnitOfWork, cmd: EditProgram) -> Program:
    async with uow:
        current = await uow.programs.get(cmd.program_id)
        if current is None:
            raise NotFound("program_not_found")
        await require_owner(uow, current.business_id, cmd.by_telegram_id)
        changes = {name: value for name in EDITABLE if (value := getattr(cmd, name)) is not None}
        if cmd.clear_daily_cap:
            changes["daily_cap"] = None
        program = _checked(replace(current, **changes))
        await uow.programs.update(program)
        business = await uow.businesses.get(program.business_id)
        if business is not None:
            await _keep_default(uow, business, program, cmd.make_default)
        await uow.commit()
        return program


async def _keep_default(
    uow: UnitOfWork, business: Business, program: Program, make_default: bool
) -> None:
    """The default program is always an active one (or none when none is active)."""
    if make_default:
        if not program.active:
            raise InvalidInput("program_inactive")
        business.default_program_id = program.id
    elif business.default_program_id == program.id and not program.active:
        others = await uow.programs.list(business.id, active_only=True)
        business.default_program_id = others[0].id if others else None
    else:
        return
    await uow.businesses.update(business)


def _checked(program: Program) -> Program:
    program.name = validate_name(program.name, "program")
    validate_amount(program.max_per_scan)
    validate_amount(program.points_per_scan, program.max_per_scan)
    if program.daily_cap is not None:
        validate_amount(program.daily_cap)
        if program.daily_cap < program.points_per_scan:
            raise InvalidInput("daily_cap_below_scan")
    return program
