"""Writing notifications to the outbox, honouring the customer's preferences."""

from __future__ import annotations

from typing import Any

from domain.models import ALWAYS_SENT, Category, Customer, Notification, NotificationStatus
from domain.ports import UnitOfWork


async def notify_customer(
    uow: UnitOfWork,
    customer: Customer,
    category: Category,
    template: str,
    *,
    card_id: int | None = None,
    request_id: int | None = None,
    **params: Any,
) -> Notification:
    """Queue a message to a customer; a switched-off category is stored as suppressed."""
    enabled = category in ALWAYS_SENT or await uow.preferences.enabled(customer.id, category)
    status = NotificationStatus.PENDING if enabled else NotificationStatus.SUPPRESSED
    user = await uow.users.get(customer.telegram_id)
    chat_id = user.chat_id if user else customer.telegram_id
    return await uow.notifications.add(
        Notification(
            chat_id=chat_id,
            category=category,
            template=template,
            created_at=uow.now(),
            params=params,
            customer_id=customer.id,
            card_id=card_id,
            request_id=request_id,
            status=status,
            next_attempt_at=uow.now() if enabled else None,
        )
    )


async def notify_staff(uow: UnitOfWork, telegram_id: int, template: str, **params: Any) -> None:
    """Queue a message to a staff member's private chat."""
    user = await uow.users.get(telegram_id)
    await uow.notifications.add(
        Notification(
            chat_id=user.chat_id if user else telegram_id,
            category=Category.STAFF,
            template=template,
            created_at=uow.now(),
            params=params,
            next_attempt_at=uow.now(),
        )
    )
