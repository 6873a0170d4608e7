"""Staff safety: single-use staff invitations, per-day manual-award limits, the scan reply that
may undo an award, manual codes that expire with the QR, and 64-bit amounts on PostgreSQL.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Balances, amounts and lifetime points: 64-bit on PostgreSQL (a busy points program can pass
# 2^31 in lifetime points). SQLite's INTEGER is already 64-bit, so it is left alone.
WIDENED = (
    ("loyalty_cards", "balance"),
    ("loyalty_cards", "lifetime_points"),
    ("point_transactions", "delta"),
    ("customer_approval_requests", "amount"),
    ("qr_scan_logs", "points"),
)


def upgrade() -> None:
    op.create_table(
        "staff_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_by", sa.BigInteger(), nullable=True),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["business_id"], ["businesses.id"], name="fk_staff_invitations_business_id"
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["telegram_users.telegram_id"], name="fk_staff_invitations_created_by"
        ),
        sa.ForeignKeyConstraint(
            ["used_by"], ["telegram_users.telegram_id"], name="fk_staff_invitations_used_by"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_staff_invitations"),
        sa.UniqueConstraint("code", name="uq_staff_invitations_code"),
    )
    op.create_index(
        "ix_staff_invitations_business_id", "staff_invitations", ["business_id"], unique=False
    )
    op.create_table(
        "award_replies",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["point_transactions.id"], name="fk_award_replies_entry_id"
        ),
        sa.PrimaryKeyConstraint("entry_id", name="pk_award_replies"),
    )
    with op.batch_alter_table("business_staff") as batch_op:
        batch_op.add_column(sa.Column("daily_award_limit", sa.Integer(), nullable=True))
    with op.batch_alter_table("customers") as batch_op:
        batch_op.add_column(
            sa.Column("manual_code_expires_at", sa.DateTime(timezone=True), nullable=True)
        )
    if op.get_bind().dialect.name == "postgresql":
        for table, column in WIDENED:
            op.alter_column(table, column, type_=sa.BigInteger(), existing_type=sa.Integer())


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, column in WIDENED:
            op.alter_column(table, column, type_=sa.Integer(), existing_type=sa.BigInteger())
    with op.batch_alter_table("customers") as batch_op:
        batch_op.drop_column("manual_code_expires_at")
    with op.batch_alter_table("business_staff") as batch_op:
        batch_op.drop_column("daily_award_limit")
    op.drop_table("award_replies")
    op.drop_index("ix_staff_invitations_business_id", table_name="staff_invitations")
    op.drop_table("staff_invitations")
