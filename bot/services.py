"""What handlers reach through the context: the unit of work, the signer, the reader, settings."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.exports import ExportFile
from bot.outbox import Dispatcher
from bot.qr_reader import QrReader
from bot.settings import Settings
from bot.throttle import Throttle
from domain.models import ChatState
from domain.ports import UnitOfWork
from domain.tokens import TokenSigner


@dataclass
class Services:
    settings: Settings
    make_uow: Callable[[], UnitOfWork]
    signer: TokenSigner
    reader: QrReader
    dispatcher: Dispatcher
    # One of bot.exports.EXPORTS of a business into a folder, under a size limit: its files.
    export_files: Callable[[str, int, Path, int], Awaitable[list[ExportFile]]]
    # Read-only units of work for reports (/stats, /customers): off the loop's thread on SQLite.
    make_report_uow: Callable[[], UnitOfWork]
    # Reading units of work for a customer's quick views (My cards, History, Requests): inline,
    # but never queued behind other transactions' writes (storage/uow.py, `reading`).
    make_view_uow: Callable[[], UnitOfWork]
    bot_username: str = ""
    webapp_url: str = ""  # the Mini App's address, once it is served and offered
    lookups: Throttle = field(init=False)  # /code and /invite, per staff member

    def __post_init__(self) -> None:
        self.lookups = Throttle(self.settings.code_rate_per_minute)

    def uow(self) -> UnitOfWork:
        return self.make_uow()

    def report_uow(self) -> UnitOfWork:
        return self.make_report_uow()

    def view_uow(self) -> UnitOfWork:
        return self.make_view_uow()

    @property
    def operators(self) -> tuple[int, ...]:
        """Platform operators' Telegram ids (LOYALTY_ADMIN_IDS)."""
        return tuple(self.settings.admin_ids)

    def is_operator(self, telegram_id: int) -> bool:
        return telegram_id in self.settings.admin_ids

    def qr_link(self, token: str) -> str:
        return f"https://t.me/{self.bot_username}?start=q_{token}"

    def deep_link(self, payload: str) -> str:
        return f"https://t.me/{self.bot_username}?start={payload}"

    @property
    def undo_window(self) -> timedelta:
        return timedelta(minutes=self.settings.undo_window_minutes)

    @property
    def qr_ttl(self) -> timedelta | None:
        minutes = self.settings.qr_ttl_minutes
        return timedelta(minutes=minutes) if minutes > 0 else None


BotData = dict[str, Any]
# The Application as handler modules see it (its context is Context; the rest is PTB's).
BotApp = Application[Any, Any, Any, Any, Any, Any]


class Context(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """The bot's CallbackContext, with typed access to the services.

    PTB makes one context per update, so `chat_state` (set by bot.steps) lives for one update
    only: the chat's state is read from the database again for the next one.
    """

    chat_state: ChatState | None = None

    @property
    def services(self) -> Services:
        services: Services = self.application.bot_data["services"]
        return services
