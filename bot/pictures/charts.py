"""The /stats chart: a business's last 30 days and its staff, drawn with matplotlib's object API.

Drawn in a worker thread (callers use asyncio.to_thread), one at a time: matplotlib's font cache
is not meant for concurrent use. Matplotlib 3.11 lays text out with libraqm, so Arabic labels
are joined and ordered right to left; panel titles then sit on the right. The font is DejaVu
Sans, which matplotlib ships and which covers Latin with accents, Cyrillic and Arabic.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from domain.ports import DayFigures, StaffFigures

if TYPE_CHECKING:
    from matplotlib.axes import Axes

ISOLATES = str.maketrans("", "", "\u2066\u2067\u2068\u2069")
_DRAWING = threading.Lock()
WIDTH_IN, HEIGHT_IN, DPI = 6.0, 9.0, 150  # 900 × 1350 px: a phone screen's shape
COLOURS = {"visits": "#3b7dd8", "issued": "#2e9e5b", "redeemed": "#d9822b", "new": "#7b5cd6",
           "returning": "#9aa5b1", "scans": "#3b7dd8", "manual": "#d9822b"}  # fmt: skip


@dataclass(frozen=True)
class ChartWords:
    """Every label of the chart, already in the reader's language."""

    title: str
    visits: str
    issued: str
    redeemed: str
    new: str
    returning: str
    staff: str
    scans: str
    manual: str
    nobody: str
    day: Callable[[date], str]  # a short date label, e.g. "3 Jan"
    rtl: bool = False


def chart_png(days: list[DayFigures], staff: list[StaffFigures], words: ChartWords) -> bytes:
    """The chart as a PNG."""
    with _DRAWING:
        return _draw(days, staff, words)


def _draw(days: list[DayFigures], staff: list[StaffFigures], words: ChartWords) -> bytes:
    from matplotlib.figure import Figure  # imported here: it costs ~0.3 s, off the event loop

    say = _plain
    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout="constrained")
    figure.suptitle(say(words.title), fontsize=15, fontweight="bold")
    visits, points, people, team = figure.subplots(4, 1, height_ratios=[1, 1, 1, 1.1])
    x = list(range(len(days)))
    visits.bar(x, [d.visits for d in days], color=COLOURS["visits"])
    _axis(visits, say(words.visits), x, days, words)
    points.bar(x, [d.issued for d in days], color=COLOURS["issued"], label=say(words.issued))
    points.plot(x, [d.redeemed for d in days], color=COLOURS["redeemed"], marker="o",
                markersize=3, label=say(words.redeemed))  # fmt: skip
    _axis(points, "", x, days, words, legend=True)
    new = [d.new_customers for d in days]
    people.bar(x, new, color=COLOURS["new"], label=say(words.new))
    people.bar(x, [d.returning for d in days], bottom=new, color=COLOURS["returning"],
               label=say(words.returning))  # fmt: skip
    _axis(people, "", x, days, words, legend=True)
    _team(team, staff, words, say)
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def _axis(
    axes: Axes,
    title: str,
    x: list[int],
    days: list[DayFigures],
    words: ChartWords,
    legend: bool = False,
) -> None:
    from matplotlib.ticker import MaxNLocator

    if title:
        axes.set_title(title, fontsize=12, loc="right" if words.rtl else "left")
    step = max(len(x) // 5, 1)
    ticks = x[::-1][::step][::-1]  # the last day always labelled
    axes.set_xticks(ticks, [words.day(days[i].day) for i in ticks], fontsize=9)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.tick_params(axis="y", labelsize=9)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", alpha=0.3)
    if legend:
        axes.legend(fontsize=9, frameon=False, loc="upper left")


def _team(
    axes: Axes, staff: list[StaffFigures], words: ChartWords, say: Callable[[str], str]
) -> None:
    from matplotlib.ticker import MaxNLocator

    axes.set_title(say(words.staff), fontsize=12, loc="right" if words.rtl else "left")
    axes.spines[["top", "right"]].set_visible(False)
    if not staff:
        axes.text(0.5, 0.5, say(words.nobody), ha="center", va="center", fontsize=11)
        axes.set_axis_off()
        return
    shown = staff[:8]
    y = list(range(len(shown)))[::-1]
    axes.barh(y, [s.scans for s in shown], color=COLOURS["scans"], label=say(words.scans))
    axes.barh(y, [s.manual_awards for s in shown], left=[s.scans for s in shown],
              color=COLOURS["manual"], label=say(words.manual))  # fmt: skip
    axes.set_yticks(y, [say(s.name)[:18] for s in shown], fontsize=10)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(fontsize=9, frameon=False, loc="lower right")


def _plain(text: str) -> str:
    """Text without isolate marks: matplotlib would draw them as boxes."""
    return text.translate(ISOLATES)
