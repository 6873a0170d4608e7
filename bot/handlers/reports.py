"""Report handlers: customers page by page with their history, statistics, CSV export, poster."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.callbacks import Prefix, pattern, pressed
from bot.exports import EXPORTS, ExportFile
from bot.handlers.common import current_staff
from bot.i18n import current_locale, day, is_rtl, short_day, signed, t, when
from bot.keyboards_business import customers_page
from bot.pictures.charts import ChartWords, chart_png
from bot.pictures.poster import PAPER_MM, PosterSpec, parse_colour, poster_files
from bot.services import BotApp, Context
from bot.updates import message_of
from bot.views import reason_words
from domain.conversations import Acting
from domain.errors import InvalidInput, NotFound
from domain.models import Business
from domain.queries import list_business_customers
from domain.reports import (
    BusinessChart,
    business_chart,
    business_programs,
    business_stats,
    customer_history_at,
    export_business,
)
from domain.rewards import ladder

PAGE_SIZE = 10
CHART_DAYS = 30


async def on_customers(update: Update, context: Context) -> None:
    """/customers: the first page of this business's customers."""
    staff = await current_staff(update, context)
    text, markup = await _customers_view(context, staff, 0)
    await message_of(update).reply_text(text, reply_markup=markup)


async def on_customers_page(update: Update, context: Context) -> None:
    """Prev / Next: show another page in the same message."""
    button = pressed(update, 1)
    staff = await current_staff(update, context)
    text, markup = await _customers_view(context, staff, button.number(0))
    await button.query.answer()
    try:
        await button.query.edit_message_text(text, reply_markup=markup)
    except BadRequest as error:  # the same page again (e.g. pressed twice): nothing to change
        if "not modified" not in error.message.lower():
            raise


async def _customers_view(
    context: Context, staff: Acting, page: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    found = await list_business_customers(
        context.services.report_uow(), staff.business_id, staff.telegram_id, page, PAGE_SIZE
    )
    if not found.total:
        return t("customers_empty"), None
    header = t("customers_header", total=found.total, page=found.page + 1, pages=found.pages)
    lines = [
        t("customers_line", n=found.page * PAGE_SIZE + i, name=row.name, balance=row.balance,
          visits=row.visits, last=day(row.last_seen, tz=found.time_zone))
        for i, row in enumerate(found.rows, start=1)
    ]  # fmt: skip
    return "\n".join([header, *lines]), customers_page(found)


async def on_customer_history(update: Update, context: Context) -> None:
    """A customer's button: their latest points at this business only."""
    button = pressed(update, 1)
    staff = await current_staff(update, context)
    history = await customer_history_at(
        context.services.uow(), staff.business_id, staff.telegram_id, button.number(0)
    )
    await button.query.answer()
    if not history.lines:
        await button.message.reply_text(t("customer_history_empty", customer=history.customer))
        return
    lines = [
        t("customer_history_line", when=when(line.created_at, tz=history.time_zone),
          delta=signed(line.delta),
          program=line.program, reason=reason_words(line.reason, line.note))
        for line in history.lines
    ]  # fmt: skip
    text = "\n".join([t("customer_history_header", customer=history.customer), *lines])
    await button.message.reply_text(text)


async def on_stats(update: Update, context: Context) -> None:
    """/stats: a chart of the last 30 days and the staff, with today, 7 and 30 days as text."""
    staff = await current_staff(update, context)
    uow = context.services.report_uow
    stats = await business_stats(uow(), staff.business_id, staff.telegram_id)
    lines = [
        t("stats_period", period=t(f"stats_{name}"), scans=s.scans, issued=s.points_issued,
          redeemed=s.points_redeemed, new=s.new_customers, active=s.active_customers)
        for name, s in stats.items()
    ]  # fmt: skip
    chart = await business_chart(uow(), staff.business_id, staff.telegram_id, CHART_DAYS)
    png = await asyncio.to_thread(chart_png, chart.days, chart.staff, chart_words(chart))
    await message_of(update).reply_photo(png, caption="\n".join([t("stats_header"), *lines]))


def chart_words(chart: BusinessChart) -> ChartWords:
    """The chart's labels in the reader's language (read now: the drawing thread has none)."""
    locale = current_locale()
    return ChartWords(
        title=t("chart_title", business=chart.business.name, days=len(chart.days)),
        visits=t("chart_visits"), issued=t("chart_issued"), redeemed=t("chart_redeemed"),
        new=t("chart_new"), returning=t("chart_returning"), staff=t("chart_staff"),
        scans=t("chart_scans"), manual=t("chart_manual"), nobody=t("chart_nobody"),
        day=lambda d: short_day(d, locale), rtl=is_rtl(locale),
    )  # fmt: skip


async def on_export(update: Update, context: Context) -> None:
    """/export (owner): customers.csv and ledger.csv (zipped, in parts, above the upload limit).

    The files are written by a process of its own (bot/export_job.py), a batch of rows at a
    time: the bot serves every other chat meanwhile, and memory holds a batch, not the export."""
    staff = await current_staff(update, context)
    services = context.services
    business = await export_business(services.uow(), staff.business_id, staff.telegram_id)
    limit = services.settings.export_file_limit_bytes
    folder = Path(await asyncio.to_thread(tempfile.mkdtemp, prefix="export-"))
    try:
        for what in EXPORTS:
            files = await services.export_files(what, staff.business_id, folder, limit)
            await _send_export(update, business, what, files)
    finally:
        await asyncio.to_thread(shutil.rmtree, folder, ignore_errors=True)


async def _send_export(
    update: Update, business: Business, what: str, files: list[ExportFile]
) -> None:
    caption = t("export_caption", what=t(f"export_{what}"), business=business.name,
                rows=sum(f.rows for f in files))  # fmt: skip
    for n, file in enumerate(files):
        content = await asyncio.to_thread(file.path.read_bytes)
        await message_of(update).reply_document(
            content, filename=file.name, caption=caption if n == 0 else None
        )


async def on_poster(update: Update, context: Context) -> None:
    """/poster [a4|a5] [#RRGGBB]: a printable join poster for the default program, PNG and PDF."""
    staff = await current_staff(update, context)
    paper, colour = _poster_options(context.args or [])
    overview = await business_programs(context.services.uow(), staff.business_id,
                                       staff.telegram_id)  # fmt: skip
    program = overview.default
    if program is None:
        raise NotFound("no_default_program")
    spec = PosterSpec(
        link=context.services.deep_link("j_" + program.join_code),
        business=overview.business.name, program=program.name,
        rewards=[t("poster_reward", reward=r.name, threshold=r.cost, kind=program.kind.value)
                 for r in ladder(program.rewards)],
        instruction=t("poster_instruction", kind=program.kind.value),
        paper=paper, colour=colour, rtl=is_rtl(),
    )  # fmt: skip
    # Drawing a 300 dpi page and encoding it takes a while: keep the event loop free meanwhile.
    png, pdf = await asyncio.to_thread(poster_files, spec)
    caption = t("poster_caption", program=program.name)
    await message_of(update).reply_document(png, filename=f"poster-{paper}.png", caption=caption)
    await message_of(update).reply_document(pdf, filename=f"poster-{paper}.pdf")


def _poster_options(args: list[str]) -> tuple[str, tuple[int, int, int] | None]:
    """The paper (A5 unless A4 is asked for) and an optional brand colour, in any order."""
    paper, colour = "a5", None
    for arg in args:
        if arg.lower() in PAPER_MM:
            paper = arg.lower()
        elif (parsed := parse_colour(arg)) is not None:
            colour = parsed
        else:
            raise InvalidInput("poster_usage")
    return paper, colour


def register(app: BotApp) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("customers", on_customers, filters=private))
    app.add_handler(CommandHandler("stats", on_stats, filters=private))
    app.add_handler(CommandHandler("export", on_export, filters=private))
    app.add_handler(CommandHandler("poster", on_poster, filters=private))
    app.add_handler(CallbackQueryHandler(on_customers_page, pattern=pattern(Prefix.CUSTOMERS)))
    app.add_handler(
        CallbackQueryHandler(on_customer_history, pattern=pattern(Prefix.CUSTOMER_HISTORY))
    )
