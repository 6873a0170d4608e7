"""Broadcasts: an owner's news to every customer of the business, and how far it has got."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from domain.access import business_of, require_owner
from domain.errors import InvalidInput
from domain.events import NewsBroadcast
from domain.models import NotificationStatus
from domain.ports import UnitOfWork

MAX_TEXT = 3500  # leaves room for the business name within Telegram's 4096 characters


@dataclass(frozen=True)
class BroadcastNews:
    business_id: int
    owner_telegram_id: int
    text: str


@dataclass(frozen=True)
class BroadcastQueued:
    broadcast_id: str
    recipients: int  # customers written to, those who switched news off included
    suppressed: int


@dataclass(frozen=True)
class BroadcastProgress:
    total: int
    sent: int
    blocked: int  # waiting for customers who blocked the bot
    failed: int
    suppressed: int

    @property
    def waiting(self) -> int:
        return self.total - self.sent - self.blocked - self.failed - self.suppressed

    @property
    def done(self) -> bool:
        return self.waiting <= 0


async def broadcast_news(uow: UnitOfWork, cmd: BroadcastNews) -> BroadcastQueued:
    """One outbox row per customer holding a card of the business, all in one transaction."""
    text = cmd.text.strip()
    if not text or len(text) > MAX_TEXT:
        raise InvalidInput("broadcast_text", limit=MAX_TEXT)
    async with uow:
        await require_owner(uow, cmd.business_id, cmd.owner_telegram_id)
        business = await business_of(uow, cmd.business_id)
        broadcast_id = secrets.token_hex(8)
        customers = await uow.customers.with_card_in(business.id)
        for customer in customers:
            uow.record(NewsBroadcast(customer, broadcast_id, business.name, text))
        await uow.commit()
        suppressed = sum(n.status is NotificationStatus.SUPPRESSED for n in uow.written)
        return BroadcastQueued(broadcast_id, len(customers), suppressed)


async def broadcast_progress(uow: UnitOfWork, broadcast_id: str) -> BroadcastProgress:
    async with uow:
        counts = await uow.notifications.broadcast_counts(broadcast_id)
    return BroadcastProgress(
        total=sum(counts.values()),
        sent=counts.get(NotificationStatus.SENT.value, 0),
        blocked=counts.get("blocked", 0),
        failed=counts.get(NotificationStatus.FAILED.value, 0),
        suppressed=counts.get(NotificationStatus.SUPPRESSED.value, 0),
    )
