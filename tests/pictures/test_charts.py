"""The /stats chart: every script, names one letter apart differ, the loop keeps running."""

from __future__ import annotations

import asyncio
import io
import time
from datetime import date, timedelta

from PIL import Image

from bot.i18n import is_rtl, short_day, t, use_locale
from bot.pictures.charts import ChartWords, chart_png
from domain.ports import DayFigures, StaffFigures

DAYS = [DayFigures(date(2026, 11, 1) + timedelta(days=n), visits=n % 7, issued=10 * (n % 7),
                   redeemed=5 * (n % 3), new_customers=n % 2, returning=n % 5)
        for n in range(30)]  # fmt: skip
STAFF = [StaffFigures(1, "Olga", 40, 3, 15), StaffFigures(2, "كريم", 12, 0, 0)]


def words(locale: str, business: str) -> ChartWords:
    with use_locale(locale):
        return ChartWords(
            title=t("chart_title", business=business, days=30), visits=t("chart_visits"),
            issued=t("chart_issued"), redeemed=t("chart_redeemed"), new=t("chart_new"),
            returning=t("chart_returning"), staff=t("chart_staff"), scans=t("chart_scans"),
            manual=t("chart_manual"), nobody=t("chart_nobody"),
            day=lambda d: short_day(d, locale), rtl=is_rtl(locale),
        )  # fmt: skip


def test_the_chart_is_a_phone_sized_picture_in_every_script():
    for locale, name in (("en", "Café Lumen"), ("ar", "مقهى لومن"), ("ru", "Кофейня")):
        image = Image.open(io.BytesIO(chart_png(DAYS, STAFF, words(locale, name))))
        assert image.size == (900, 1350) and image.format == "PNG"


def test_names_one_letter_apart_draw_different_charts():
    for a, b in (("Café", "Cafe"), ("مقهى لومن", "مقهى لومان"), ("Кофейня", "Кофейна")):
        assert chart_png(DAYS, STAFF, words("en", a)) != chart_png(DAYS, STAFF, words("en", b))


def test_a_chart_with_no_staff_activity_says_so():
    quiet = chart_png(DAYS, [], words("fr", "Café"))
    assert quiet != chart_png(DAYS, STAFF, words("fr", "Café"))


async def test_the_event_loop_keeps_running_while_a_chart_is_drawn():
    gaps: list[float] = []
    drawing = asyncio.create_task(asyncio.to_thread(chart_png, DAYS, STAFF, words("ar", "x")))
    last = time.perf_counter()
    while not drawing.done():
        await asyncio.sleep(0.005)  # the heartbeat's period: the gaps are what it measures
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    await drawing
    assert max(gaps) < 0.1, f"the loop stalled {max(gaps) * 1000:.0f} ms"
