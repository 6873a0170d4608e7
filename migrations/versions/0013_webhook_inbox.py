"""Webhook inbox: updates stored before Telegram is answered, taken by workers in each chat's
order, so a worker killed mid-burst loses nothing and a redelivered update is dropped
(storage/inbox.py).

Revision ID: 0013
Revises: 0009
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "webhook_inbox",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("payload", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("update_id", name=op.f("pk_webhook_inbox")),
    )
    op.create_index(
        "ix_webhook_inbox_chat_id_update_id", "webhook_inbox", ["chat_id", "update_id"]
    )
    op.create_index("ix_webhook_inbox_done_at", "webhook_inbox", ["done_at"])


def downgrade() -> None:
    op.drop_index("ix_webhook_inbox_done_at", table_name="webhook_inbox")
    op.drop_index("ix_webhook_inbox_chat_id_update_id", table_name="webhook_inbox")
    op.drop_table("webhook_inbox")
