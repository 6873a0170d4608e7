"""Mini App: initData already used for a session, so a replay on any worker is refused.

Revision ID: 0014
Revises: 0009
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "webapp_logins",
        sa.Column("signature", sa.String(length=64), nullable=False),
        sa.Column("forget_after", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("signature", name=op.f("pk_webapp_logins")),
    )
    op.create_index(
        op.f("ix_webapp_logins_forget_after"), "webapp_logins", ["forget_after"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_webapp_logins_forget_after"), table_name="webapp_logins")
    op.drop_table("webapp_logins")
