"""Reminder marks: "we miss you" per program, reward-in-reach and nudge marks, digest day.

Revision ID: 0002
Revises: 0001
Create Date: 2025-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("loyalty_programs") as batch_op:
        batch_op.add_column(sa.Column("miss_you_days", sa.Integer(), nullable=True))
    with op.batch_alter_table("loyalty_cards") as batch_op:
        batch_op.add_column(sa.Column("reward_near_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("nudged_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("businesses") as batch_op:
        batch_op.add_column(sa.Column("digest_day", sa.String(length=10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("businesses") as batch_op:
        batch_op.drop_column("digest_day")
    with op.batch_alter_table("loyalty_cards") as batch_op:
        batch_op.drop_column("nudged_at")
        batch_op.drop_column("reward_near_at")
    with op.batch_alter_table("loyalty_programs") as batch_op:
        batch_op.drop_column("miss_you_days")
