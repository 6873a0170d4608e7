"""Rewards in the kept hours: each business's approved redemptions per UTC hour (the ledger's
redeem entries, a kept-stamps one of 0 points included), so the owner's digest reads them from
business_hours like its other figures instead of the ledger.

Kept from now on where the ledger counts into business_hours; this adds them for what is
already there, from the ledger (`add_rewards_sync` in storage/business_hours.py: one grouped
read of the redemptions, not the whole rebuild 0018 ran).

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.business_hours import add_rewards_sync

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("business_hours") as batch:
        batch.add_column(sa.Column("rewards", sa.Integer(), nullable=False, server_default="0"))
    add_rewards_sync(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("business_hours") as batch:
        batch.drop_column("rewards")
