"""Platform scale: indexes for the reads that walked whole tables at a million customers.

- business_customers (business_id, last_seen, id): a /customers page reads its ten rows off the
  index in display order instead of sorting every customer of the business;
- telegram_users (chat_id) where blocked_at is set: the outbox claim leaves out blocked chats;
  it read every user (partial: only blocked users are in it);
- loyalty_cards (id) where reward_near_at is set: the reward sweep re-checks the cards it
  marked; it read every card;
- customer_notifications (status, priority, id): the claim takes pending rows in sending order
  off the index, instead of sorting every waiting row (a second after a broadcast to 100,000).

Revision ID: 0017
Revises: 0009
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_business_customers_business_id_last_seen_id",
        "business_customers",
        ["business_id", "last_seen", "id"],
    )
    blocked = sa.text("blocked_at IS NOT NULL")
    op.create_index(
        "ix_telegram_users_blocked_chat_id",
        "telegram_users",
        ["chat_id"],
        sqlite_where=blocked,
        postgresql_where=blocked,
    )
    near = sa.text("reward_near_at IS NOT NULL")
    op.create_index(
        "ix_loyalty_cards_reward_near",
        "loyalty_cards",
        ["id"],
        sqlite_where=near,
        postgresql_where=near,
    )
    op.create_index(
        "ix_customer_notifications_status_priority_id",
        "customer_notifications",
        ["status", "priority", "id"],
    )


def downgrade() -> None:
    op.drop_index("ix_loyalty_cards_reward_near", table_name="loyalty_cards")
    op.drop_index(
        "ix_customer_notifications_status_priority_id", table_name="customer_notifications"
    )
    op.drop_index("ix_telegram_users_blocked_chat_id", table_name="telegram_users")
    op.drop_index(
        "ix_business_customers_business_id_last_seen_id", table_name="business_customers"
    )
