"""The doctor's /stats check: each business's kept hours against its scan log, ledger and
customers; --repair rebuilds them from those, and /stats then says what the ledger says."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.doctor import examine
from domain.models import EntryKind, ScanLog, ScanOutcome
from storage import doctor_hours
from tests.storage.builders import OWNER_TG, T0, business, entry
from tests.storage.test_doctor import check, checks, healthy, sql

__all__ = ["healthy"]


def hours_off(findings):
    return [f for f in findings if f.check in ("business_hours_off", "staff_hours_off")]


async def test_hours_off_the_ledger_are_reported_and_rebuilt_from_it(db_url, healthy, new_uow):
    async with new_uow() as uow:  # kept by the repositories, in the transaction
        await uow.scans.add(
            ScanLog(healthy.business_id, OWNER_TG, ScanOutcome.AWARDED, T0,
                    customer_id=healthy.customer_id, points=10, idempotency_key="s")
        )  # fmt: skip
        await uow.ledger.add(entry(healthy.card_id, 10, "k"), healthy.business_id)
        await uow.commit()
    assert hours_off((await check(db_url)).found) == []
    await sql(db_url, "UPDATE business_hours SET issued = issued + 90, scans = 7")
    await sql(db_url, "DELETE FROM business_hours WHERE new_customers = 1")
    await sql(db_url, "UPDATE business_staff_hours SET scans = 3")
    found = hours_off((await check(db_url)).found)  # (the card's balance is not moved here)
    assert checks(found) == [
        ("business_hours_off", f"business {healthy.business_id}"),
        ("staff_hours_off", f"business {healthy.business_id}"),
    ]
    assert "1 hours differ" in found[0].detail
    checkup = await check(db_url, repair=True)
    assert hours_off(checkup.left) == []
    async with new_uow() as uow:
        stats = await uow.reports.stats(healthy.business_id, T0 - timedelta(days=1))
        truth = await uow.businesses.figures(healthy.business_id, T0 - timedelta(days=1))
        staff = await uow.reports.per_staff(healthy.business_id, T0 - timedelta(days=1))
    assert [(s.telegram_id, s.scans) for s in staff] == [(OWNER_TG, 1)]
    assert (stats.scans, stats.points_issued, stats.new_customers) == (1, 10, 1)
    assert stats == truth


async def test_a_wrong_rewards_figure_is_reported_and_rebuilt_from_the_redemptions(
    db_url, healthy, new_uow
):
    async with new_uow() as uow:
        await uow.ledger.add(entry(healthy.card_id, 10, "k"), healthy.business_id)
        await uow.ledger.add(
            entry(healthy.card_id, -10, "r", EntryKind.REDEEM), healthy.business_id
        )
        await uow.ledger.add(
            entry(healthy.card_id, 0, "kept", EntryKind.REDEEM), healthy.business_id
        )  # kept stamps
        await uow.commit()
    assert hours_off((await check(db_url)).found) == []
    await sql(db_url, "UPDATE business_hours SET rewards = 5")
    found = hours_off((await check(db_url)).found)
    assert checks(found) == [("business_hours_off", f"business {healthy.business_id}")]
    assert "[0, 10, 10, 1, 0, 5] -> [0, 10, 10, 1, 0, 2]" in found[0].detail
    checkup = await check(db_url, repair=True)
    assert hours_off(checkup.left) == []
    async with new_uow() as uow:
        stats = await uow.reports.stats(healthy.business_id, T0)
        digest = await uow.reports.kept_figures(healthy.business_id, T0, T0 + timedelta(days=1))
    assert (stats.rewards_redeemed, digest.rewards_redeemed, digest.points_redeemed) == (2, 2, 10)


async def test_scans_cleared_by_retention_keep_their_hours(db_url, healthy, new_uow):
    async with new_uow() as uow:
        await uow.scans.add(
            ScanLog(healthy.business_id, OWNER_TG, ScanOutcome.AWARDED, T0,
                    customer_id=healthy.customer_id, points=10, idempotency_key="s")
        )  # fmt: skip
        await uow.commit()
    await sql(db_url, "DELETE FROM qr_scan_logs")  # the retention sweep, 180 days on
    later = T0 + timedelta(days=181)
    kept = await examine(db_url, repair=True, clock=lambda: later, scans_kept=timedelta(days=180))
    assert hours_off(kept.found) == []
    forgetful = await examine(db_url, clock=lambda: later)  # without the retention: all compared
    assert checks(hours_off(forgetful.found)) == [
        ("business_hours_off", f"business {healthy.business_id}"),
        ("staff_hours_off", f"business {healthy.business_id}"),
    ]
    async with new_uow() as uow:
        stats = await uow.reports.stats(healthy.business_id, T0 - timedelta(days=1))
    assert stats.scans == 1


@pytest.mark.parametrize("at_once", [1, 2, 100])
async def test_businesses_checked_a_range_at_a_time_are_each_checked(
    db_url, healthy, new_uow, monkeypatch, at_once
):
    """The check reads its sources a range of businesses at a time (BUSINESSES_AT_ONCE): the
    wrong hours of the first and the last business are found whatever the ranges' size."""
    later = T0 + timedelta(days=2)  # a returning customer: first seen at T0
    async with new_uow() as uow:
        others = [(await uow.businesses.add(business(OWNER_TG, f"invite-{n}"))).id for n in (2, 3)]
        await uow.scans.add(
            ScanLog(healthy.business_id, OWNER_TG, ScanOutcome.AWARDED, later,
                    customer_id=healthy.customer_id, points=10, idempotency_key="s")
        )  # fmt: skip
        await uow.commit()
    monkeypatch.setattr(doctor_hours, "BUSINESSES_AT_ONCE", at_once)
    assert hours_off((await check(db_url)).found) == []
    await sql(db_url, "UPDATE business_hours SET scans = 7 WHERE returning_customers = 1")
    await sql(
        db_url, "INSERT INTO business_hours (business_id, hour, scans, issued, redeemed,"
        " new_customers, returning_customers, rewards) VALUES (:b, :t, 1, 0, 0, 0, 0, 0)",
        b=others[-1], t=T0,
    )  # fmt: skip  # the last business's: kept, with nothing behind it
    found = hours_off((await check(db_url)).found)
    assert checks(found) == [
        ("business_hours_off", f"business {healthy.business_id}"),
        ("business_hours_off", f"business {others[-1]}"),
    ]
    assert [finding.detail.split(":")[0] for finding in found] == ["1 hours differ"] * 2
