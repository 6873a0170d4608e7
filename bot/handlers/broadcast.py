"""The owner's /broadcast: news to every customer, with a progress message edited as it goes."""

from __future__ import annotations

import asyncio
import logging
import time

from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import CommandHandler, filters

from bot.handlers.common import current_staff
from bot.i18n import t
from bot.services import BotApp, Context, Services
from bot.updates import message_of, text_of
from domain.broadcasts import (
    BroadcastNews,
    BroadcastProgress,
    BroadcastQueued,
    broadcast_news,
    broadcast_progress,
)

log = logging.getLogger(__name__)
POLL_SECONDS = 2.0  # how often the progress message is edited (Telegram dislikes more)
TRACK_HOURS = 6.0  # after this the message shows the figures so far and stops following


async def on_broadcast(update: Update, context: Context) -> None:
    """/broadcast <text>: queue the news for every customer and follow its delivery."""
    text = text_of(update).partition(" ")[2].strip()
    if not text:
        await message_of(update).reply_text(t("broadcast_usage"))
        return
    staff = await current_staff(update, context)
    message = message_of(update)
    key = f"{message.chat_id}-{message.message_id}"  # the same message again: the same news
    queued = await broadcast_news(
        context.services.uow(), BroadcastNews(staff.business_id, staff.telegram_id, text, key)
    )
    if not queued.new:
        return  # delivered again: its progress message is already following it
    context.application.bot_data["broadcast_runner"].kick(queued.broadcast_id)
    progress = await message_of(update).reply_text(
        t("broadcast_progress", sent=0, total=queued.recipients - queued.suppressed)
    )
    context.application.create_task(
        track_broadcast(context.application, progress, queued), update=update
    )


async def track_broadcast(app: BotApp, message: Message, queued: BroadcastQueued) -> None:
    """Edit the progress message every POLL_SECONDS until every row is settled."""
    services: Services = app.bot_data["services"]
    deadline = time.monotonic() + TRACK_HOURS * 3600
    shown = message.text
    while True:
        await asyncio.sleep(POLL_SECONDS)
        # Counted on the read engine (off the loop on SQLite): 100,000 rows to count.
        state = await broadcast_progress(services.report_uow(), queued.broadcast_id)
        stopping = not app.running or time.monotonic() > deadline
        text = _progress_text(state, stopping)
        if text != shown:
            shown = await _edit(message, text) or shown
        if state.done or stopping:
            return


def _progress_text(state: BroadcastProgress, stopping: bool) -> str:
    figures = {
        "sent": state.sent,
        "blocked": state.blocked,
        "failed": state.failed,
        "suppressed": state.suppressed,
        "total": state.total - state.suppressed,
    }
    if state.done:
        return t("broadcast_done", **figures)
    return t("broadcast_stopped" if stopping else "broadcast_progress", **figures)


async def _edit(message: Message, text: str) -> str | None:
    try:
        await message.edit_text(text)
    except BadRequest as error:  # e.g. the message was deleted: keep sending, stop showing
        log.info("could not edit broadcast progress: %s", error.message)
        return None
    except Exception:
        log.exception("could not edit broadcast progress")
        return None
    return text


def register(app: BotApp) -> None:
    app.add_handler(CommandHandler("broadcast", on_broadcast, filters=filters.ChatType.PRIVATE))
