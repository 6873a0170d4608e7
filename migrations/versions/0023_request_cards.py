"""customer_approval_requests (card_id): a card's approved redemptions, read for My cards.

My cards reads the rewards claimed with each stamp card (`RewardRepository.claimed_of`) by
card: without an index that read every request ever made, once per view of a customer holding
a stamps card.

Revision ID: 0023
Revises: 0022
Create Date: 2026-11-30
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_customer_approval_requests_card_id", "customer_approval_requests", ["card_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_customer_approval_requests_card_id", table_name="customer_approval_requests")
