"""Broadcasts written in chunks: the broadcasts table (its cursor and lease), and the card
holders of a business in customer order (loyalty_cards (business_id, customer_id)), which each
chunk reads from its cursor; and telegram_users (chat_id), by which the outbox claim reads the
language of the chats it takes (it read every user at each claim).

A broadcast's outbox rows were written in one transaction with it, so there is nothing to
carry over: every broadcast before this revision is already in customer_notifications.

Revision ID: 0019
Revises: 0017
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "broadcasts",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("business_id", sa.Integer, sa.ForeignKey("businesses.id"), nullable=False),
        sa.Column("created_by", sa.BigInteger, nullable=False),
        sa.Column("business_name", sa.String(255), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("written", sa.Integer, nullable=False),
        sa.Column("last_customer_id", sa.Integer, nullable=False),
        sa.Column("lease_owner", sa.String(64), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
    )
    op.create_index(
        "ix_broadcasts_finished_at_lease_until", "broadcasts", ["finished_at", "lease_until"]
    )
    op.create_index(
        "ix_loyalty_cards_business_id_customer_id",
        "loyalty_cards",
        ["business_id", "customer_id"],
    )
    op.create_index("ix_telegram_users_chat_id", "telegram_users", ["chat_id"])


def downgrade() -> None:
    op.drop_index("ix_telegram_users_chat_id", table_name="telegram_users")
    op.drop_index("ix_loyalty_cards_business_id_customer_id", table_name="loyalty_cards")
    op.drop_index("ix_broadcasts_finished_at_lease_until", table_name="broadcasts")
    op.drop_table("broadcasts")
