"""Configuration: one Settings class, from LOYALTY_* variables and .env, read by the root."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


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
    log_level: str = "INFO"
    # Every Bot API call shares one limit (bot/ratelimit.py): Telegram allows about 30 messages
    # a second overall and 1 a second per chat, tolerating short bursts in a chat.
    send_per_second: float = 29.0
    send_chat_interval: float = 1.0
    send_chat_burst: int = 2
    outbox_lease_seconds: float = 30.0
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
    # /healthz answers 503 when due notifications wait longer than this (dispatcher lag), or
    # the oldest pending one is older than the second figure.
    health_max_lag_seconds: float = 60.0
    health_max_pending_age_seconds: float = 3600.0
    # Consent: days a rejected invitation keeps a business from inviting that customer again.
    invite_cooldown_days: int = 30
    # Retention: days sent notifications and scan log rows are kept (0: for ever).
    notification_retention_days: int = 90
    scan_log_retention_days: int = 180
    # Operators get at most one error alert per this many seconds (per process).
    alert_interval_seconds: float = 300.0

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

    def _kept_secret(self, name: str) -> bytes:
        path = self.data_dir / name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fresh = secrets.token_hex(32)
            # Create exclusively so two processes starting at once cannot write different keys.
            try:
                with path.open("x") as handle:
                    handle.write(fresh)
                path.chmod(0o600)
            except FileExistsError:
                pass
        return path.read_text().strip().encode()
