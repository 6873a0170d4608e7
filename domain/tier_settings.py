"""The owner's tier controls: set or change a tier, remove one, set the requalification window.

Each is one transaction on the program's locked row: the whole new tier list is validated
before anything is written, so a refused edit changes nothing. Cards move to their new tier at
their next scan or in the tier sweep (domain/tiering.py), with a message either way.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.access import require_owner
from domain.errors import InvalidInput, NotFound
from domain.models import Program
from domain.ports import UnitOfWork
from domain.tiers import Tier, validate_tiers, validate_window


@dataclass(frozen=True)
class SetTier:
    """Add a tier, or change the one of that name (any case)."""

    program_id: int
    by_telegram_id: int
    name: str
    threshold: int
    percent: int


@dataclass(frozen=True)
class RemoveTier:
    """Remove the tier of that name (typed), or of that id (its button)."""

    program_id: int
    by_telegram_id: int
    name: str = ""
    tier_id: int = 0


@dataclass(frozen=True)
class SetTierWindow:
    """Count points earned in the last `months` months (None: lifetime points, ever)."""

    program_id: int
    by_telegram_id: int
    months: int | None


@dataclass(frozen=True)
class TierSettings:
    """A program's tiers and window as they are after a change (or as they are)."""

    program: Program
    tiers: list[Tier]
    changed: str = ""  # the name of the tier just set or removed


async def program_tiers(uow: UnitOfWork, program_id: int, telegram_id: int) -> TierSettings:
    """What the owner sees on the program's tier screen."""
    async with uow:
        program = await _owned(uow, program_id, telegram_id)
        return TierSettings(program, await uow.tiers.of_program(program_id))


async def set_tier(uow: UnitOfWork, cmd: SetTier) -> TierSettings:
    async with uow:
        program = await _owned(uow, cmd.program_id, cmd.by_telegram_id, lock=True)
        current = await uow.tiers.of_program(program.id)
        same = _named(current, cmd.name)
        wanted = Tier(program.id, cmd.name, cmd.threshold, cmd.percent, same.id if same else 0)
        others = [tier for tier in current if tier is not same]
        checked = validate_tiers([*others, wanted])
        tier = next(t for t in checked if t.name.casefold() == _key(cmd.name))
        if same is None:
            await uow.tiers.add(tier, uow.now())
        else:
            await uow.tiers.update(tier)
        return await _done(uow, program, tier.name)


async def remove_tier(uow: UnitOfWork, cmd: RemoveTier) -> TierSettings:
    async with uow:
        program = await _owned(uow, cmd.program_id, cmd.by_telegram_id, lock=True)
        tiers = await uow.tiers.of_program(program.id)
        by_id = next((tier for tier in tiers if tier.id == cmd.tier_id), None)
        tier = by_id if cmd.tier_id else _named(tiers, cmd.name)
        if tier is None:
            raise InvalidInput("tier_not_found", name=cmd.name[:64])
        await uow.tiers.remove(tier.id, uow.now())
        return await _done(uow, program, tier.name)


async def set_tier_window(uow: UnitOfWork, cmd: SetTierWindow) -> TierSettings:
    months = validate_window(cmd.months)
    async with uow:
        program = await _owned(uow, cmd.program_id, cmd.by_telegram_id, lock=True)
        await uow.tiers.set_window(program.id, months)
        program.tier_window_months = months
        return await _done(uow, program)


async def _done(uow: UnitOfWork, program: Program, changed: str = "") -> TierSettings:
    settings = TierSettings(program, await uow.tiers.of_program(program.id), changed)
    await uow.commit()
    return settings


async def _owned(
    uow: UnitOfWork, program_id: int, telegram_id: int, *, lock: bool = False
) -> Program:
    if lock:
        await uow.tiers.lock_program(program_id)
    program = await uow.programs.get(program_id)
    if program is None:
        raise NotFound("program_not_found")
    await require_owner(uow, program.business_id, telegram_id)
    return program


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _named(tiers: list[Tier], name: str) -> Tier | None:
    return next((tier for tier in tiers if tier.name.casefold() == _key(name)), None)
