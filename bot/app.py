"""The composition root: the only module that wires storage, domain and the Telegram front end."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlalchemy.orm import configure_mappers
from telegram import Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import inbox, menus, metrics, steps
from bot.broadcast_runner import BroadcastRunner
from bot.bulk_runner import BulkRunner
from bot.export_job import export_in_process
from bot.handlers import (
    admin,
    answers,
    birthdays,
    broadcast,
    business,
    card_actions,
    common,
    customer,
    expiry,
    growth,
    growth_owner,
    owner_tools,
    privacy,
    programs,
    reports,
    rewards,
    scanning,
    staff,
    tiers,
)
from bot.health import CachedProbe
from bot.http import AiohttpRequest
from bot.lru import LruCache
from bot.metrics import MeasuredApplication, Metrics
from bot.ordering import ChatOrderedProcessor
from bot.outbox import Dispatcher
from bot.qr_reader import QrReader
from bot.ratelimit import SharedRateLimiter
from bot.scheduler import Scheduler
from bot.services import Context, Services
from bot.settings import Settings
from bot.webapp import live
from domain.tokens import TokenSigner
from storage.doctor import HealthProbe
from storage.engine import (
    POOL_WARM,
    READ_POOL_WARM,
    make_engine,
    make_read_engine,
    make_session_factory,
    open_pool,
)
from storage.identity import remember_bot
from storage.inbox import mark_done
from storage.outbox import OutboxStore
from storage.outbox_statistics import outbox_statistics
from storage.sweeps import SweepClaims
from storage.uow import SqlUnitOfWork
from storage.webapp_logins import WebAppLogins

# What the handlers react to, asked for explicitly: Telegram otherwise keeps the list a webhook
# set earlier, which could leave out my_chat_member (blocking and unblocking). Not
# edited_message: editing "/code X" into "/code Y" must not run a command again.
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]

HANDLER_MODULES = [
    customer, answers, scanning, business, staff, programs, reports, broadcast, card_actions,
    admin, privacy, birthdays, growth, growth_owner, owner_tools, rewards, expiry, tiers,
]  # fmt: skip


def utc_now() -> datetime:
    return datetime.now(UTC)


def build_application(
    settings: Settings,
    *,
    clock: Callable[[], datetime] = utc_now,
    concurrent_updates: int = 32,
    updater: bool = True,
) -> Application:
    """The PTB Application with every handler, the dispatcher and the services in bot_data.

    `updater=False` builds it without PTB's Updater, for the webhook server, whose inbox worker
    (bot/inbox.py) hands stored updates to `process_update` itself.
    """
    engine = make_engine(settings.database_url)
    sessions = make_session_factory(engine)
    read_engine = make_read_engine(settings.database_url)
    read_sessions = make_session_factory(read_engine)
    limiter = SharedRateLimiter(
        settings.send_per_second, settings.send_chat_interval, settings.send_chat_burst,
        max_chats=settings.memory_max_chats,
    )  # fmt: skip
    builder = (
        ApplicationBuilder()
        .application_class(MeasuredApplication)
        .token(settings.bot_token)
        .base_url(settings.api_base_url)
        .base_file_url(settings.file_base_url)
        .context_types(ContextTypes(context=Context))
        .concurrent_updates(ChatOrderedProcessor(running=concurrent_updates))
        .rate_limiter(limiter)
        .request(AiohttpRequest())
        .get_updates_request(AiohttpRequest(connection_pool_size=1))
    )
    app = (builder if updater else builder.updater(None)).build()
    # The dispatcher's claims run on a connection of their own (closed by stop_application).
    outbox = app.bot_data["outbox"] = OutboxStore(
        sessions,
        clock,
        lease=timedelta(seconds=settings.outbox_lease_seconds),
        background=True,
        keep_connection=True,
    )
    dispatcher = Dispatcher(
        outbox,
        app.bot,
        limiter,
        clock=clock,
    )
    # A chat that blocked the bot must register again when it writes, to lift the mark.
    dispatcher.on_blocked = lambda chat_id: common.forget_chat(app.bot_data, chat_id)

    hub = app.bot_data[live.HUB_KEY] = live.LiveHub()
    app.bot_data[live.LOGINS_KEY] = WebAppLogins(engine)
    on_postgres = engine.dialect.name == "postgresql"

    def make_uow(background: bool = False) -> SqlUnitOfWork:
        return _WakingUnitOfWork(
            sessions, clock, dispatcher.wake, hub, notify_sql=on_postgres, background=background
        )

    def make_background_uow() -> SqlUnitOfWork:
        """For work nobody waits on: people's transactions go first (storage/gate.py)."""
        return make_uow(background=True)

    app.bot_data["services"] = Services(
        settings=settings,
        make_uow=make_uow,
        signer=TokenSigner(settings.qr_secret()),
        reader=QrReader(
            max_workers=settings.qr_workers,
            max_waiting=settings.qr_waiting,
            timeout=settings.qr_timeout_seconds,
            max_bytes=settings.max_photo_bytes,
        ),
        dispatcher=dispatcher,
        export_files=functools.partial(export_in_process, settings.database_url),
        make_report_uow=lambda: SqlUnitOfWork(read_sessions, clock),
        make_view_uow=lambda: SqlUnitOfWork(sessions, clock, reading=True),
    )
    app.bot_data["engine"] = engine
    app.bot_data["read_engine"] = read_engine
    app.bot_data["seen_users"] = LruCache(settings.memory_max_chats)
    metrics = app.bot_data["metrics"] = Metrics()
    app.bot_data["health"] = CachedProbe(
        HealthProbe(sessions, clock), ttl=settings.health_cache_seconds
    )
    scheduler = Scheduler(make_background_uow, dispatcher, settings, SweepClaims(sessions, clock))
    runner = app.bot_data["bulk_runner"] = BulkRunner(make_background_uow, app.bot)
    scheduler.jobs["bulk_awards"] = runner.run_pending
    broadcasts = app.bot_data["broadcast_runner"] = BroadcastRunner(
        make_background_uow, chunk=settings.broadcast_chunk
    )
    scheduler.jobs["broadcasts"] = broadcasts.run_pending
    scheduler.on_sweep = metrics.swept
    app.bot_data["scheduler"] = scheduler
    _add_handlers(app)
    return app


class _WakingUnitOfWork(SqlUnitOfWork):
    """Wakes the dispatcher after each commit, so a push follows its action at once, and tells
    the Mini App's open pages what the commit changed (bot/webapp/live.py): on PostgreSQL by a
    NOTIFY in the transaction itself (delivered to every worker only if it commits), else to
    this process's hub once committed."""

    def __init__(
        self,
        sessions: async_sessionmaker[Any],
        clock: Callable[[], datetime],
        wake: Callable[[], None],
        hub: live.LiveHub,
        *,
        notify_sql: bool,
        background: bool = False,
    ) -> None:
        super().__init__(sessions, clock, background=background)
        self._wake = wake
        self._hub = hub
        self._notify_sql = notify_sql

    async def commit(self) -> None:
        topics = live.topics_of(self._events)
        if topics and self._notify_sql:
            await self._active().execute(
                text("SELECT pg_notify(:channel, :topics)"),
                {"channel": live.CHANNEL, "topics": live.notify_payload(topics)},
            )
        update_id = inbox.commits_done()  # webhook mode: the update is done with its work
        if update_id is not None:
            await mark_done(self._active(), update_id, utc_now())
        await super().commit()
        self._wake()
        if topics and not self._notify_sql:
            self._hub.publish(topics)


def _add_handlers(app: Application) -> None:
    # Edits still arrive where an older allowed_updates list holds: dropped before anything.
    app.add_handler(MessageHandler(filters.UpdateType.EDITED, common.on_edited), group=-2)
    app.add_handler(TypeHandler(Update, _register_then_arm), group=-1)
    app.add_handler(ChatMemberHandler(common.on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    for module in HANDLER_MODULES:
        module.register(app)
    # Last: /cancel, then text no handler above took (a step's answer), then unknown commands.
    steps.register(app)
    app.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & filters.COMMAND, common.on_unknown_command)
    )
    # A press no handler above took (an old version's button, forged data) is still answered.
    app.add_handler(CallbackQueryHandler(common.on_stale_button))
    app.add_error_handler(common.on_error)
    app.add_error_handler(metrics.on_error)


async def _register_then_arm(update: Update, context: Context) -> None:
    """Registration, then (webhook mode) the update's own commits mark it done with them.

    Not for a photo or file: a scan's award is keyed by its message, so a scan is safely run
    again after a kill, and a commit before the award (the acting business) must not end it.
    """
    try:
        await common.on_any_update(update, context)
    finally:
        message = update.effective_message
        if message is None or not (message.photo or message.document):
            inbox.arm()


async def start_application(app: Application, *, polling: bool = True) -> None:
    """Initialize, start the dispatcher and the handlers, and (by default) poll for updates.

    PTB runs post_init hooks only inside run_polling/run_webhook; we start the pieces ourselves
    so the bot can share an event loop with the sandbox, a webhook server or a test.
    """
    await app.initialize()
    services: Services = app.bot_data["services"]
    services.bot_username = app.bot.username
    await remember_bot(app.bot_data["engine"], app.bot.id, app.bot.username, utc_now())
    await menus.set_default_commands(app.bot)
    await admin.set_operator_menus(app)
    services.dispatcher.start()
    engine = app.bot_data["engine"]
    if engine.dialect.name == "postgresql":  # every worker's commits reach this one's pages
        dsn = make_url(services.settings.database_url).set(drivername="postgresql")
        listener = live.PgListener(
            dsn.render_as_string(hide_password=False), app.bot_data[live.HUB_KEY]
        )
        app.bot_data["live_listener"] = listener
        listener.start()
    if services.settings.scheduler_enabled:
        app.bot_data["scheduler"].start()
    await app.start()
    await open_pool(engine, POOL_WARM)  # no handshake later, inside a heavy path
    await open_pool(app.bot_data["read_engine"], READ_POOL_WARM)
    freeze_startup_heap()
    if polling:
        if app.updater is None:
            raise RuntimeError(
                "polling needs the Updater: build the application with updater=True"
            )
        await app.updater.start_polling(
            poll_interval=0, timeout=10, allowed_updates=ALLOWED_UPDATES
        )


async def stop_application(app: Application) -> None:
    """Stop polling, then the handlers, the dispatcher, the reader and the database."""
    services: Services = app.bot_data["services"]
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    await app.bot_data["scheduler"].stop()
    await app.bot_data["bulk_runner"].stop()
    await app.bot_data["broadcast_runner"].stop()
    if "live_listener" in app.bot_data:
        await app.bot_data.pop("live_listener").stop()
    await services.dispatcher.stop()
    await app.bot_data["outbox"].close()
    await app.shutdown()
    gc.unfreeze()  # collectable again once the bot is gone (tests start many in one process)
    services.reader.close()
    if statistics := outbox_statistics(app.bot_data["engine"]):
        await statistics.settled()  # an ANALYZE under way finishes on its connection
    await app.bot_data["engine"].dispose()
    await app.bot_data["read_engine"].dispose()


def freeze_startup_heap() -> None:
    """What start-up made (PTB, SQLAlchemy, catalogs, fonts) lives as long as the process: out
    of the collector's sight, so its full collections no longer walk it and stall the loop
    (bench/live_updates.py measured pauses of 100+ ms without this). The benches call it too,
    at the point where the bot would.

    The ORM's mappers are configured first: SQLAlchemy does it at the first query through
    them, 30-60 ms of the loop's thread at once (the first sweep's longest hold in
    bench/sweep_holds.py), and what it builds is start-up's too."""
    configure_mappers()
    gc.collect()
    gc.freeze()
