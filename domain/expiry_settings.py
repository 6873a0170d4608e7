"""Use case: an owner sets, changes or turns off a program's points expiry and its warning."""

from __future__ import annotations

from dataclasses import replace

from domain.access import require_owner
from domain.commands import SetExpiry
from domain.errors import InvalidInput, NotFound
from domain.expiry import MAX_DAYS, MAX_WARNING_DAYS, MIN_DAYS
from domain.models import Program
from domain.ports import UnitOfWork


def check_days(days: int | None, warning_days: int | None) -> None:
    """Days 1 to 3650 (None: off), a warning 0 to 3649 days ahead; else nothing changes."""
    if days is not None and not MIN_DAYS <= days <= MAX_DAYS:
        raise InvalidInput("expiry_days_range", min=MIN_DAYS, max=MAX_DAYS)
    if warning_days is not None and not 0 <= warning_days <= MAX_WARNING_DAYS:
        raise InvalidInput("expiry_warning_range", max=MAX_WARNING_DAYS)


async def set_expiry(uow: UnitOfWork, cmd: SetExpiry) -> Program:
    """Store the program's expiry; the next sweep applies it (points already expired stay so)."""
    check_days(cmd.days, cmd.warning_days)
    async with uow:
        current = await uow.programs.get(cmd.program_id)
        if current is None:
            raise NotFound("program_not_found")
        await require_owner(uow, current.business_id, cmd.by_telegram_id)
        warning = current.expiry_warning_days if cmd.warning_days is None else cmd.warning_days
        program = replace(current, expiry_days=cmd.days, expiry_warning_days=warning)
        if program.expiry_days is not None and warning >= program.expiry_days:
            raise InvalidInput("expiry_warning_too_long", days=program.expiry_days)
        await uow.programs.update(program)
        await uow.commit()
        return program


async def program_for_expiry(uow: UnitOfWork, program_id: int, telegram_id: int) -> Program:
    """The program whose expiry its owner is about to set."""
    async with uow:
        program = await uow.programs.get(program_id)
        if program is None:
            raise NotFound("program_not_found")
        await require_owner(uow, program.business_id, telegram_id)
        return program
