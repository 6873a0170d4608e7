"""Staff activity for owners: what each staff member did today and this week, and an alert
when one member's manual awards in a day pass the owner's threshold (once per member a day)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from domain.access import business_of, require_owner
from domain.events import ManualAwardsAlerted
from domain.models import Business, Role
from domain.ports import StaffFigures, UnitOfWork
from domain.rules import start_of_day, validate_amount


@dataclass(frozen=True)
class StaffActivity:
    business: Business
    today: list[StaffFigures]
    week: list[StaffFigures]  # since Monday, the business's local week
    threshold: int | None  # manual points a day before the owner is alerted; None: off


@dataclass(frozen=True)
class SetAlertThreshold:
    business_id: int
    owner_telegram_id: int
    points: int | None  # None: no alerts


async def staff_activity(
    uow: UnitOfWork, business_id: int, owner_telegram_id: int
) -> StaffActivity:
    async with uow:
        await require_owner(uow, business_id, owner_telegram_id)
        business = await business_of(uow, business_id)
        today = start_of_day(uow.now(), business.time_zone)
        local = today.astimezone(ZoneInfo(business.time_zone))
        monday = today - timedelta(days=local.weekday())
        return StaffActivity(
            business,
            await uow.reports.per_staff(business_id, today),
            await uow.reports.per_staff(business_id, monday),
            await uow.staff_alerts.threshold(business_id),
        )


async def set_alert_threshold(uow: UnitOfWork, cmd: SetAlertThreshold) -> int | None:
    points = None if cmd.points is None else validate_amount(cmd.points)
    async with uow:
        await require_owner(uow, cmd.business_id, cmd.owner_telegram_id)
        await uow.staff_alerts.set_threshold(cmd.business_id, points)
        await uow.commit()
        return points


async def watch_manual_awards(uow: UnitOfWork, business: Business, staff_telegram_id: int) -> None:
    """Inside the manual award's use case: alert the owner once when this staff member's
    manual points today pass the threshold. The owner's own awards raise no alert."""
    threshold = await uow.staff_alerts.threshold(business.id)
    if threshold is None:
        return
    staff = await uow.staff.get(business.id, staff_telegram_id)
    if staff is None or staff.role is Role.OWNER:
        return
    since = start_of_day(uow.now(), business.time_zone)
    points = await uow.ledger.manual_awarded_by(business.id, staff_telegram_id, since)
    if points <= threshold:
        return
    day = since.astimezone(ZoneInfo(business.time_zone)).date().isoformat()
    if not await uow.staff_alerts.mark(business.id, staff_telegram_id, day, uow.now()):
        return
    user = await uow.users.get(staff_telegram_id)
    name = user.display_name if user else str(staff_telegram_id)
    uow.record(
        ManualAwardsAlerted(business.owner_telegram_id, business.name, name, points, threshold)
    )
