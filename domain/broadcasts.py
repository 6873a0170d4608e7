"""Broadcasts: an owner's news to every customer of the business, and how far it has got."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from domain.access import business_of, require_owner
from domain.broadcast_ports import Broadcast
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
    key: str = ""  # the owner's message (chat and message id): the same one again is a no-op


@dataclass(frozen=True)
class BroadcastQueued:
    broadcast_id: str
    recipients: int  # card holders when the owner asked, those who switched news off included
    suppressed: int
    new: bool = True  # False: this /broadcast was already stored (delivered again)


@dataclass(frozen=True)
class BroadcastProgress:
    total: int
    sent: int
    blocked: int  # waiting for customers who blocked the bot
    failed: int
    suppressed: int
    writing: bool = False  # messages still being written

    @property
    def waiting(self) -> int:
        return self.total - self.sent - self.blocked - self.failed - self.suppressed

    @property
    def done(self) -> bool:
        return not self.writing and self.waiting <= 0


async def broadcast_news(uow: UnitOfWork, cmd: BroadcastNews) -> BroadcastQueued:
    """Store the broadcast; its messages are written afterwards, a chunk of card holders per
    transaction (`write_broadcast_chunk`), so no one transaction holds the database for long.

    With a `key` (the owner's message), the same /broadcast delivered again is the same
    broadcast: nothing new is stored and it is returned as it stands."""
    text = cmd.text.strip()
    if not text or len(text) > MAX_TEXT:
        raise InvalidInput("broadcast_text", limit=MAX_TEXT)
    async with uow:
        await require_owner(uow, cmd.business_id, cmd.owner_telegram_id)
        business = await business_of(uow, cmd.business_id)
        broadcast_id = f"m{cmd.key}" if cmd.key else secrets.token_hex(8)
        existing = await uow.broadcasts.lock(broadcast_id)
        if existing is not None:
            return BroadcastQueued(broadcast_id, existing.total, 0, new=False)
        total = await uow.broadcasts.holders(business.id)
        broadcast = Broadcast(
            broadcast_id, business.id, cmd.owner_telegram_id, business.name, text, uow.now(),
            total=total,
        )  # fmt: skip
        if not await uow.broadcasts.add(broadcast):  # stored meanwhile by the same update
            return BroadcastQueued(broadcast_id, total, 0, new=False)
        await uow.commit()
        return BroadcastQueued(broadcast_id, total, 0)


async def unfinished_broadcasts(uow: UnitOfWork) -> list[str]:
    async with uow:
        return await uow.broadcasts.unfinished(uow.now())


async def write_broadcast_chunk(
    uow: UnitOfWork, broadcast_id: str, worker: str, lease: timedelta, size: int
) -> Broadcast | None:
    """Write the messages of the next `size` card holders, as `worker`, and move the cursor in
    the same transaction: run again after a crash, a chunk writes nobody twice and skips nobody.
    None if another worker holds the broadcast or it is finished."""
    async with uow:
        broadcast = await uow.broadcasts.lock(broadcast_id)
        if broadcast is None or broadcast.finished:
            return None
        now = uow.now()
        held = broadcast.lease_until is not None and broadcast.lease_until > now
        if held and broadcast.lease_owner != worker:
            return None
        customers = await uow.customers.with_card_in(
            broadcast.business_id, broadcast.last_customer_id, size
        )
        for customer in customers:
            uow.record(
                NewsBroadcast(customer, broadcast.id, broadcast.business_name, broadcast.text)
            )
        broadcast.written += len(customers)
        if customers:
            broadcast.last_customer_id = customers[-1].id
        broadcast.lease_owner, broadcast.lease_until = worker, now + lease
        if len(customers) < size:
            broadcast.finished_at = now
            broadcast.lease_owner, broadcast.lease_until = "", None
        await uow.broadcasts.update(broadcast)
        await uow.commit()
        return broadcast


async def broadcast_progress(uow: UnitOfWork, broadcast_id: str) -> BroadcastProgress:
    async with uow:
        broadcast = await uow.broadcasts.get(broadcast_id)
        counts = await uow.notifications.broadcast_counts(broadcast_id)
    writing = broadcast is not None and not broadcast.finished
    total = sum(counts.values())
    return BroadcastProgress(
        # while its messages are still being written, the card holders counted at the start
        total=max(total, broadcast.total) if writing and broadcast else total,
        writing=writing,
        sent=counts.get(NotificationStatus.SENT.value, 0),
        blocked=counts.get("blocked", 0),
        failed=counts.get(NotificationStatus.FAILED.value, 0),
        suppressed=counts.get(NotificationStatus.SUPPRESSED.value, 0),
    )
