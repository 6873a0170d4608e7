"""Operators and privacy: businesses awaiting an operator's approval, invitation blocks
(a rejected invitation for a while, "don't invite me again" for good), cards a customer left,
people who asked to be forgotten; business_customers only where a card exists.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Rows made by scans of customers who never got a card: a business lists only card holders.
UNLISTED = (
    "DELETE FROM business_customers WHERE NOT EXISTS (SELECT 1 FROM loyalty_cards c "
    "WHERE c.business_id = business_customers.business_id "
    "AND c.customer_id = business_customers.customer_id)"
)


def upgrade() -> None:
    with op.batch_alter_table("businesses") as batch_op:
        batch_op.add_column(sa.Column("awaiting_approval_since", sa.DateTime(timezone=True)))
    with op.batch_alter_table("loyalty_cards") as batch_op:
        batch_op.add_column(sa.Column("left_at", sa.DateTime(timezone=True)))
    with op.batch_alter_table("telegram_users") as batch_op:
        batch_op.add_column(sa.Column("forgotten_at", sa.DateTime(timezone=True)))
    op.create_table(
        "invitation_blocks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id"], ["businesses.id"], name="fk_invitation_blocks_business_id"
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name="fk_invitation_blocks_customer_id"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_invitation_blocks"),
        sa.UniqueConstraint(
            "business_id", "customer_id", name="uq_invitation_blocks_business_id_customer_id"
        ),
    )
    # The retention sweep deletes by age.
    op.create_index(
        "ix_customer_notifications_created_at", "customer_notifications", ["created_at"]
    )
    op.create_index("ix_qr_scan_logs_created_at", "qr_scan_logs", ["created_at"])
    op.execute(UNLISTED)


def downgrade() -> None:
    op.drop_index("ix_qr_scan_logs_created_at", table_name="qr_scan_logs")
    op.drop_index("ix_customer_notifications_created_at", table_name="customer_notifications")
    op.drop_table("invitation_blocks")
    with op.batch_alter_table("telegram_users") as batch_op:
        batch_op.drop_column("forgotten_at")
    with op.batch_alter_table("loyalty_cards") as batch_op:
        batch_op.drop_column("left_at")
    with op.batch_alter_table("businesses") as batch_op:
        batch_op.drop_column("awaiting_approval_since")
