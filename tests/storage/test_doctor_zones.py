"""The doctor's set-wise hours check counts returning customers on each business's local day."""

from __future__ import annotations

from datetime import timedelta

from tests.storage.builders import OWNER_TG, T0
from tests.storage.test_doctor import check, healthy, keep_hours, sql
from tests.storage.test_doctor_hours import hours_off

__all__ = ["healthy"]


async def test_a_returning_visit_is_counted_on_the_businesss_local_day(db_url, healthy):
    # First seen at T0, 12:00 UTC: 17:30 in Kolkata (UTC+5:30). The scan at 19:00 UTC is the
    # next local day there (00:30), so a returning visit; in UTC it is the same day.
    scanned = T0 + timedelta(hours=7)
    await sql(db_url, "UPDATE businesses SET time_zone = 'Asia/Kolkata'")
    await sql(
        db_url,
        "INSERT INTO qr_scan_logs (business_id, staff_telegram_id, customer_id, program_id,"
        " outcome, points, idempotency_key, created_at)"
        " VALUES (:b, :staff, :c, :p, 'awarded', 10, 'zone', :t)",
        b=healthy.business_id, staff=OWNER_TG, c=healthy.customer_id, p=healthy.program_id,
        t=scanned,
    )  # fmt: skip
    await keep_hours(db_url)  # the rebuild: one scan, one returning customer at 19:00
    assert hours_off((await check(db_url)).found) == []
    await sql(db_url, "UPDATE businesses SET time_zone = 'UTC'")
    found = hours_off((await check(db_url)).found)
    assert [(f.check, f.subject, f.detail) for f in found] == [
        ("business_hours_off", f"business {healthy.business_id}",
         "1 hours differ: 2025-03-01 19:00: [1, 0, 0, 0, 1, 0] -> [1, 0, 0, 0, 0, 0]"),
    ]  # fmt: skip
