"""A program's growth settings, set by its owner: the birthday gift and the win-back bonus."""

from __future__ import annotations

from dataclasses import dataclass, replace

from domain.access import program_of, require_owner
from domain.errors import InvalidInput
from domain.growth.owner_ports import ProgramGifts
from domain.ports import UnitOfWork
from domain.rules import MAX_AMOUNT, validate_amount

MAX_WINBACK_DAYS = 90
FIELDS = ("birthday_gift", "winback_bonus", "winback_days")


@dataclass(frozen=True)
class SetProgramGift:
    """`value` None switches the setting off."""

    business_id: int
    owner_telegram_id: int
    program_id: int
    field: str  # one of FIELDS
    value: int | None


async def set_program_gift(uow: UnitOfWork, cmd: SetProgramGift) -> ProgramGifts:
    if cmd.field not in FIELDS:
        raise InvalidInput("gift_usage")
    maximum = MAX_WINBACK_DAYS if cmd.field == "winback_days" else MAX_AMOUNT
    value = None if cmd.value is None else validate_amount(cmd.value, maximum)
    async with uow:
        await require_owner(uow, cmd.business_id, cmd.owner_telegram_id)
        await program_of(uow, cmd.business_id, cmd.program_id)
        gifts = await uow.gifts.get(cmd.program_id)
        if cmd.field == "birthday_gift":
            gifts = replace(gifts, birthday_points=value)
        elif cmd.field == "winback_bonus":
            gifts = replace(gifts, winback_points=value)
        else:
            gifts = replace(gifts, winback_days=value)
        await uow.gifts.put(gifts)
        await uow.commit()
        return gifts


async def program_gifts(uow: UnitOfWork, program_ids: list[int]) -> dict[int, ProgramGifts]:
    """Each program's settings, for /programs to show beside the program."""
    async with uow:
        return {pid: await uow.gifts.get(pid) for pid in program_ids}
