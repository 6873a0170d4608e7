"""Owners' growth tools: /bulkaward (in the background, one live progress message),
/activity (what each staff member did today and this week) and /awardalert (its threshold)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.bulk_runner import BulkRunner
from bot.handlers.common import current_staff, whole_number
from bot.i18n import current_locale, t
from bot.services import BotApp, Context
from bot.updates import message_of
from domain.errors import InvalidInput
from domain.growth.bulk import StartBulkAward, note_bulk_message, parse_segment, start_bulk_award
from domain.growth.staff_activity import SetAlertThreshold, set_alert_threshold, staff_activity
from domain.ports import StaffFigures

OFF_WORDS = ("off", "0", "none")


async def on_bulkaward(update: Update, context: Context) -> None:
    """/bulkaward <program id> <points> <segment> <reason>: award a segment in the background."""
    staff = await current_staff(update, context)
    args = context.args or []
    if len(args) < 4:
        await message_of(update).reply_text(t("bulk_usage"))
        return
    usage = InvalidInput("bulk_usage")
    cmd = StartBulkAward(
        staff.business_id, staff.telegram_id, whole_number(args[0], usage),
        whole_number(args[1], usage), parse_segment(args[2]), " ".join(args[3:]),
    )  # fmt: skip
    uow = context.services.uow
    job = await start_bulk_award(uow(), cmd)
    sent = await message_of(update).reply_text(
        t("bulk_progress", id=job.id, done=0, total=job.total, points=job.points, note=job.note)
    )
    await note_bulk_message(uow(), job.id, sent.chat_id, sent.message_id)
    runner: BulkRunner = context.application.bot_data["bulk_runner"]
    runner.kick(job.id, current_locale())


async def on_activity(update: Update, context: Context) -> None:
    """/activity: per staff member, today's and this week's scans, awards, undos, redemptions."""
    staff = await current_staff(update, context)
    activity = await staff_activity(context.services.uow(), staff.business_id, staff.telegram_id)
    threshold = t("activity_alert_off") if activity.threshold is None else activity.threshold
    lines = [t("activity_header", business=activity.business.name, threshold=threshold)]
    for period, figures in (("today", activity.today), ("week", activity.week)):
        lines.append(t(f"activity_{period}"))
        lines.extend(_line(f) for f in figures)
        if not figures:
            lines.append(t("activity_nobody"))
    await message_of(update).reply_text("\n".join(lines))


def _line(f: StaffFigures) -> str:
    return t(
        "activity_line", name=f.name, scans=f.scans, manual=f.manual_awards,
        points=f.manual_points, undos=f.undos, redemptions=f.redemptions,
    )  # fmt: skip


async def on_awardalert(update: Update, context: Context) -> None:
    """/awardalert <points>|off: alert me when one staff member awards more by hand in a day."""
    staff = await current_staff(update, context)
    args = context.args or []
    if len(args) != 1:
        await message_of(update).reply_text(t("award_alert_usage"))
        return
    word = args[0].strip().lower()
    points = None if word in OFF_WORDS else whole_number(word, InvalidInput("award_alert_usage"))
    cmd = SetAlertThreshold(staff.business_id, staff.telegram_id, points)
    chosen = await set_alert_threshold(context.services.uow(), cmd)
    key = "award_alert_off" if chosen is None else "award_alert_set"
    await message_of(update).reply_text(t(key, points=chosen or 0))


def register(app: BotApp) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("bulkaward", on_bulkaward, filters=private))
    app.add_handler(CommandHandler("activity", on_activity, filters=private))
    app.add_handler(CommandHandler("awardalert", on_awardalert, filters=private))
