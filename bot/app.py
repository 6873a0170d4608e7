"""The composition root: the only module that wires storage, domain and the Telegram front end."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler

from bot import menus
from bot.handlers import answers, card_actions, common, customer, scanning
from bot.outbox import Dispatcher
from bot.qr_reader import QrReader
from bot.services import Context, Services
from bot.settings import Settings
from domain.tokens import TokenSigner
from storage.engine import make_engine, make_session_factory
from storage.outbox import OutboxStore
from storage.uow import SqlUnitOfWork

HANDLER_MODULES = [customer, answers, scanning, card_actions]


def utc_now() -> datetime:
    return datetime.now(UTC)


def build_application(
    settings: Settings,
    *,
    clock: Callable[[], datetime] = utc_now,
    concurrent_updates: int = 32,
) -> Application:
    """The PTB Application with every handler, the dispatcher and the services in bot_data."""
    engine = make_engine(settings.database_url)
    sessions = make_session_factory(engine)
    app = (
        ApplicationBuilder()
        .token(settings.bot_token)
        .base_url(settings.api_base_url)
        .base_file_url(settings.file_base_url)
        .context_types(ContextTypes(context=Context))
        .concurrent_updates(concurrent_updates)
        .post_init(_on_startup)
        .post_stop(_on_stop)
        .post_shutdown(_on_shutdown)
        .build()
    )
    dispatcher = Dispatcher(OutboxStore(sessions, clock), app.bot, clock=clock)

    def make_uow() -> SqlUnitOfWork:
        return _WakingUnitOfWork(sessions, clock, dispatcher.wake)

    app.bot_data["services"] = Services(
        settings=settings,
        make_uow=make_uow,
        signer=TokenSigner(settings.qr_secret()),
        reader=QrReader(max_bytes=settings.max_photo_bytes),
        dispatcher=dispatcher,
        clock=clock,
    )
    app.bot_data["engine"] = engine
    app.bot_data["staff_commands"] = menus.set_staff_commands
    _add_handlers(app)
    return app


class _WakingUnitOfWork(SqlUnitOfWork):
    """Wakes the dispatcher after each commit, so a push follows its action at once."""

    def __init__(self, sessions, clock, wake: Callable[[], None]) -> None:
        super().__init__(sessions, clock)
        self._wake = wake

    async def commit(self) -> None:
        await super().commit()
        self._wake()


def _add_handlers(app: Application) -> None:
    app.add_handler(TypeHandler(Update, common.on_any_update), group=-1)
    for module in HANDLER_MODULES:
        module.register(app)
    card_actions.register_fallbacks(app)
    app.add_error_handler(common.on_error)


async def _on_startup(app: Application) -> None:
    services: Services = app.bot_data["services"]
    services.bot_username = app.bot.username
    await menus.set_default_commands(app.bot)
    services.dispatcher.start()


async def _on_stop(app: Application) -> None:
    await app.bot_data["services"].dispatcher.stop()


async def _on_shutdown(app: Application) -> None:
    app.bot_data["services"].reader.close()
    await app.bot_data["engine"].dispose()
