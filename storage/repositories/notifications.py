"""Repositories for the notification outbox and customers' notification preferences."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import bindparam, func, select

from domain.models import CUSTOMER_CATEGORIES, Category, Notification, NotificationStatus
from storage.repositories.base import RowOf, SqlRepository, chunks
from storage.tables import NotificationRow, PreferenceRow, TelegramUserRow

# Rows an INSERT: SQLAlchemy binds every row's values before it runs any of the statement's
# pages, with no turn for the loop in between (1,000 rows: 36-40 ms of the loop on SQLite).
ROWS = 200
_PREFERENCES = PreferenceRow.__table__
# The outbox asks these for every message it writes: built once, the ids bound as a list.
_SWITCHED_OFF = select(_PREFERENCES.c.customer_id, _PREFERENCES.c.category).where(
    _PREFERENCES.c.customer_id.in_(bindparam("ids", expanding=True)),
    _PREFERENCES.c.enabled.is_(False),
)


class SqlNotificationRepository(SqlRepository):
    added = 0  # rows this unit of work wrote (storage/outbox_statistics.py counts them)

    async def add(self, notification: Notification) -> Notification:
        self.added += 1
        row = await self._add(
            NotificationRow(
                chat_id=notification.chat_id,
                customer_id=notification.customer_id,
                card_id=notification.card_id,
                request_id=notification.request_id,
                category=notification.category.value,
                template=notification.key,
                # A copy: the row must not change if the caller mutates its dict later.
                params=dict(notification.params),
                broadcast_id=notification.broadcast_id,
                merge_group=notification.merge_group,
                priority=notification.priority,
                status=notification.status.value,
                attempts=notification.attempts,
                next_attempt_at=notification.next_attempt_at,
                sent_at=notification.sent_at,
                telegram_message_id=notification.telegram_message_id,
                last_error=notification.last_error,
                created_at=notification.created_at,
            )
        )
        return _notification(row)

    async def add_many(self, notifications: Sequence[Notification]) -> list[Notification]:
        if len(notifications) == 1:
            return [await self.add(notifications[0])]
        table = NotificationRow.__table__
        insert = table.insert().returning(table.c.id, sort_by_parameter_order=True)
        stored: list[Notification] = []
        self.added += len(notifications)
        for batch in chunks(notifications, ROWS):
            ids = await self._session.scalars(insert, [_values(n) for n in batch])
            stored += [replace(n, id=row_id) for n, row_id in zip(batch, ids, strict=True)]
        return stored

    async def broadcast_counts(self, broadcast_id: str) -> dict[str, int]:
        """How the rows of one broadcast stand: counts by status, plus `blocked` (waiting for
        a chat that blocked the bot, counted apart from pending)."""
        # Blocked chats read once, off their partial index: an outer join on telegram_users
        # (no index on chat_id) read every user per row, 10-20 s a count at 20,000 customers.
        blocked = NotificationRow.chat_id.in_(
            select(TelegramUserRow.chat_id).where(TelegramUserRow.blocked_at.is_not(None))
        )
        stmt = (
            select(NotificationRow.status, blocked, func.count())
            .where(NotificationRow.broadcast_id == broadcast_id)
            .group_by(NotificationRow.status, blocked)
        )
        counts: dict[str, int] = {}
        for status, is_blocked, count in await self._session.execute(stmt):
            waiting = status in (NotificationStatus.PENDING, NotificationStatus.SENDING)
            key = "blocked" if waiting and is_blocked else status
            counts[key] = counts.get(key, 0) + count
        return counts


def _values(n: Notification) -> dict[str, Any]:
    return {
        "chat_id": n.chat_id, "customer_id": n.customer_id, "card_id": n.card_id,
        "request_id": n.request_id, "category": n.category.value, "template": n.key,
        "params": dict(n.params), "broadcast_id": n.broadcast_id, "merge_group": n.merge_group,
        "priority": n.priority, "status": n.status.value, "attempts": n.attempts,
        "next_attempt_at": n.next_attempt_at, "sent_at": n.sent_at,
        "telegram_message_id": n.telegram_message_id, "last_error": n.last_error,
        "created_at": n.created_at,
    }  # fmt: skip


def _notification(row: RowOf[NotificationRow], locale: str = "") -> Notification:
    return Notification(
        id=row.id,
        chat_id=row.chat_id,
        category=Category(row.category),
        key=row.template,
        created_at=row.created_at,
        params=dict(row.params or {}),
        broadcast_id=row.broadcast_id,
        merge_group=row.merge_group,
        priority=row.priority,
        customer_id=row.customer_id,
        card_id=row.card_id,
        request_id=row.request_id,
        status=NotificationStatus(row.status),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        sent_at=row.sent_at,
        telegram_message_id=row.telegram_message_id,
        last_error=row.last_error,
        locale=locale,
    )


_PREFS = PreferenceRow.__table__
_ENABLED = select(_PREFS.c.enabled).where(
    _PREFS.c.customer_id == bindparam("customer_id"), _PREFS.c.category == bindparam("category")
)


class SqlPreferenceRepository(SqlRepository):
    """No row means enabled: customers opt out of categories, they do not opt in."""

    async def enabled(self, customer_id: int, category: Category) -> bool:
        row = await self._row(_ENABLED, customer_id=customer_id, category=category.value)
        return True if row is None else bool(row.enabled)

    async def switched_off(self, customer_ids: Collection[int]) -> set[tuple[int, Category]]:
        off: set[tuple[int, Category]] = set()
        for batch in chunks(customer_ids):
            rows = await self._session.execute(_SWITCHED_OFF, {"ids": list(batch)})
            off |= {(customer_id, Category(category)) for customer_id, category in rows}
        return off

    async def all_for(self, customer_id: int) -> dict[Category, bool]:
        rows = await self._session.execute(
            select(PreferenceRow.category, PreferenceRow.enabled).where(
                PreferenceRow.customer_id == customer_id
            )
        )
        stored = {Category(category): bool(enabled) for category, enabled in rows.all()}
        return {category: stored.get(category, True) for category in CUSTOMER_CATEGORIES}

    async def set(self, customer_id: int, category: Category, enabled: bool) -> None:
        insert = self._insert(PreferenceRow).values(
            customer_id=customer_id, category=category.value, enabled=enabled
        )
        await self._session.execute(
            insert.on_conflict_do_update(
                index_elements=["customer_id", "category"], set_={"enabled": enabled}
            ).execution_options(populate_existing=True)
        )
