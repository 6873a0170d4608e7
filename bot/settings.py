"""Configuration: one Settings class, from LOYALTY_* variables and .env, read by the root."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.broadcast_runner import CHUNK


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LOYALTY_", env_file=".env", extra="ignore")

    bot_token: str = ""
    data_dir: Path = Path("data")
    database_url: str = ""
    secret_key: str = ""
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    api_base_url: str = "https://api.telegram.org/bot"
    file_base_url: str = "https://api.telegram.org/file/bot"
    sandbox_port: int = 8081
    qr_ttl_minutes: int = 0
    enrollment_ttl_days: int = 7
    deduction_ttl_minutes: int = 15
    scan_cooldown_seconds: int = 60
    # Staff safety: Undo only this soon after the award; staff links open this long; /code and
    # /invite this often a minute per staff member.
    undo_window_minutes: int = 10
    staff_invite_hours: float = 24.0
    code_rate_per_minute: int = 10
    max_photo_bytes: int = 20 * 1024 * 1024
    # QR reading: threads decoding at once, photos that may wait for one, seconds per photo.
    qr_workers: int = 2
    qr_waiting: int = 30
    qr_timeout_seconds: float = 5.0
    log_level: str = "INFO"
    # Every Bot API call shares one limit (bot/ratelimit.py): Telegram allows about 30 messages
    # a second overall and 1 a second per chat, tolerating short bursts in a chat.
    send_per_second: float = 29.0
    send_chat_interval: float = 1.0
    send_chat_burst: int = 2
    outbox_lease_seconds: float = 30.0
    # Card holders whose /broadcast messages one transaction writes (bot/broadcast_runner.py).
    broadcast_chunk: int = CHUNK
    # Chats and users a process remembers to save work (who is registered, each chat's rate);
    # the least recently seen are forgotten past this, and read again from the database.
    memory_max_chats: int = 10_000
    # Scheduler sweeps over the database (expiry, reminders, nudges, digest, outbox retries).
    scheduler_enabled: bool = True
    sweep_interval_seconds: float = 60.0
    reminder_after_hours: float = 24.0
    digest_hour_utc: int = 8
    # Webhook mode (`loyalty-bot webhook`): where the server listens, and the public URL
    # Telegram posts to (default: http://<listen>:<port><path>). The secret is checked on
    # every request; unset, one is generated and kept in the data folder for all workers.
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_path: str = "/telegram/webhook"
    webhook_url: str = ""
    webhook_secret: str = ""
    webhook_max_connections: int = 40
    # The webhook inbox (bot/inbox.py): seconds a worker's claim on an update lasts unless
    # renewed (a killed worker's updates are taken over after this), seconds between other
    # workers' looks for what is left, and hours a done update's key is kept against redelivery.
    inbox_lease_seconds: float = 15.0
    inbox_poll_seconds: float = 1.0
    inbox_keep_hours: float = 24.0
    # /healthz answers 503 when due notifications wait longer than this (dispatcher lag), or
    # the oldest pending one is older than the second figure.
    health_max_lag_seconds: float = 60.0
    health_max_pending_age_seconds: float = 3600.0
    # Consent: days a rejected invitation keeps a business from inviting that customer again.
    invite_cooldown_days: int = 30
    # /export: a CSV larger than this (Telegram's 50 MB upload limit for bots) goes as zip
    # files, split into parts that each stay under it.
    export_file_limit_bytes: int = 50_000_000
    # Retention: days sent notifications and scan log rows are kept (0: for ever).
    notification_retention_days: int = 90
    scan_log_retention_days: int = 180
    # Operators get at most one error alert per this many seconds (per process).
    alert_interval_seconds: float = 300.0
    # /healthz and /metrics: their own address (port None: on the webhook server), a bearer
    # token they require (empty: none), and how long their database figures are reused.
    health_listen: str = ""
    health_port: int | None = None
    health_token: str = ""
    health_cache_seconds: float = 5.0
    # The web server drops a connection whose request headers are not complete this long after
    # it opened or after the previous answer, and answers 408 to a body slower than the second.
    http_header_timeout_seconds: float = 10.0
    http_body_timeout_seconds: float = 10.0
    # The Mini App (bot/webapp/): its public address is one setting, `webapp_url` (HTTPS for
    # Telegram; empty: this server's own address). Served on the webhook server under
    # `webapp_path`; when polling (`make run`), on its own port below. `webapp_max_age_seconds`
    # is how old a Telegram initData may be; a session lasts `webapp_session_minutes`.
    webapp_url: str = ""
    webapp_path: str = "/app"
    webapp_listen: str = "127.0.0.1"
    webapp_port: int | None = 8090
    webapp_max_age_seconds: int = 3600
    webapp_session_minutes: int = 60
    # Telegram's own Mini App script (the page cannot talk to Telegram without it); the sandbox
    # points it at its local stand-in.
    webapp_telegram_js: str = "https://telegram.org/js/telegram-web-app.js"
    # With no bot token, run against the sandbox even on a database a real bot has used.
    sandbox: bool = False

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [int(part) for part in value.replace(";", ",").split(",") if part.strip()]
        return value

    def model_post_init(self, _context: object) -> None:
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir / 'loyalty.db'}"

    def qr_secret(self) -> bytes:
        """The QR signing key: from config, else generated once and kept in the data folder."""
        if self.secret_key:
            return self.secret_key.encode()
        return self._kept_secret("secret.key")

    def webhook_secret_token(self) -> str:
        """The webhook's secret: from config, else generated once and shared through data_dir."""
        if self.webhook_secret:
            return self.webhook_secret
        return self._kept_secret("webhook.secret").decode()

    def prepare_data_dir(self) -> None:
        """The data folder, readable by its owner only (0700): it holds secrets and the data."""
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.data_dir.chmod(0o700)

    def _kept_secret(self, name: str) -> bytes:
        path = self.data_dir / name
        if not path.exists():
            self.prepare_data_dir()
            _create_secret(path, secrets.token_hex(32))
        value = path.read_text().strip()
        if not value:
            raise ValueError(f"{path} is empty: delete it to have a new key made, or restore it")
        return value.encode()


def _create_secret(path: Path, value: str) -> None:
    """Write the secret whole, mode 0600 from its first byte, or leave the one already there.

    Written to a temporary file first and linked into place: the name never shows a partial or
    empty key (a crash mid-write leaves only the temporary file), and linking fails if another
    process made the key first, so two processes starting at once agree on one key.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(value)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
    finally:
        temporary.unlink(missing_ok=True)
