"""Figures per local day and per staff member, for the /stats chart, on each database."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from domain.models import EntryKind, ScanLog, ScanOutcome
from domain.ports import DayFigures
from tests.storage.builders import CUSTOMER_TG, OWNER_TG, T0, entry

ALMATY = "Asia/Almaty"  # UTC+5: 18:30 UTC is 23:30 there, 19:30 UTC is 00:30 the next day
EVENING = datetime(2026, 3, 10, 18, 30, tzinfo=UTC)
AFTER_MIDNIGHT = datetime(2026, 3, 10, 19, 30, tzinfo=UTC)
SINCE = datetime(2026, 3, 1, tzinfo=UTC)


async def test_figures_are_cut_at_the_businesss_midnight(new_uow, world):
    async with new_uow() as uow:  # a returning visit is counted on the business's own day
        business = await uow.businesses.get(world.business_id)
        await uow.businesses.update(replace(business, time_zone=ALMATY))
        await uow.commit()
    async with new_uow() as uow:
        await uow.business_customers.touch(world.business_id, world.customer_id, T0, visit=False)
        for n, at in enumerate((EVENING, AFTER_MIDNIGHT)):
            await uow.scans.add(
                ScanLog(world.business_id, OWNER_TG, ScanOutcome.AWARDED, at,
                        customer_id=world.customer_id, points=10, idempotency_key=f"s{n}")
            )  # fmt: skip
            await uow.ledger.add(
                replace(entry(world.card_id, 10, f"k{n}"), created_at=at), world.business_id
            )
        redeem = entry(world.card_id, -5, "r", EntryKind.REDEEM)
        await uow.ledger.add(replace(redeem, created_at=AFTER_MIDNIGHT), world.business_id)
        refused = ScanLog(world.business_id, OWNER_TG, ScanOutcome.FORGED, EVENING)
        await uow.scans.add(refused)
        await uow.commit()
    async with new_uow() as uow:
        days = await uow.reports.daily(world.business_id, SINCE, ALMATY)
        utc = await uow.reports.daily(world.business_id, SINCE, "UTC")
        staff = await uow.reports.per_staff(world.business_id, SINCE)
    assert [d for d in days if d.visits] == [
        DayFigures(date(2026, 3, 10), visits=1, issued=10, returning=1),
        DayFigures(date(2026, 3, 11), visits=1, issued=10, redeemed=5, returning=1),
    ]
    assert not [d for d in days if d.new_customers]  # first seen a year before
    assert [(d.day, d.visits) for d in utc if d.visits] == [(date(2026, 3, 10), 2)]
    assert [(s.telegram_id, s.scans, s.manual_awards, s.manual_points) for s in staff] == [
        (OWNER_TG, 2, 0, 0)
    ]
    assert CUSTOMER_TG not in {s.telegram_id for s in staff}
