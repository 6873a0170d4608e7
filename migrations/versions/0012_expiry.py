"""Points expiry: a program's expiry and warning days, the sweep's marks on each card, and the
links from each `expire` ledger entry to the earned entries it expired.

Revision ID: 0012
Revises: 0009
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AMOUNT = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("loyalty_programs") as batch_op:
        batch_op.add_column(sa.Column("expiry_days", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("expiry_warning_days", sa.Integer(), nullable=False, server_default="7")
        )
    with op.batch_alter_table("loyalty_cards") as batch_op:
        batch_op.add_column(sa.Column("expiry_swept_through", sa.DateTime(timezone=True)))
        batch_op.add_column(sa.Column("expiry_warned_through", sa.DateTime(timezone=True)))
        batch_op.add_column(sa.Column("expiry_warned_for", sa.String(length=10)))
    op.create_table(
        "point_expiries",
        sa.Column("expire_entry_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("earned_entry_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("points", AMOUNT, nullable=False),
        sa.ForeignKeyConstraint(
            ["expire_entry_id"], ["point_transactions.id"],
            name=op.f("fk_point_expiries_expire_entry_id"),
        ),
        sa.ForeignKeyConstraint(
            ["earned_entry_id"], ["point_transactions.id"],
            name=op.f("fk_point_expiries_earned_entry_id"),
        ),
        sa.PrimaryKeyConstraint(
            "expire_entry_id", "earned_entry_id", name=op.f("pk_point_expiries")
        ),
    )  # fmt: skip
    op.create_index(
        op.f("ix_point_expiries_earned_entry_id"), "point_expiries", ["earned_entry_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_point_expiries_earned_entry_id"), table_name="point_expiries")
    op.drop_table("point_expiries")
    with op.batch_alter_table("loyalty_cards") as batch_op:
        batch_op.drop_column("expiry_warned_for")
        batch_op.drop_column("expiry_warned_through")
        batch_op.drop_column("expiry_swept_through")
    with op.batch_alter_table("loyalty_programs") as batch_op:
        batch_op.drop_column("expiry_warning_days")
        batch_op.drop_column("expiry_days")
