"""Sweeps at platform scale: indexes for the sweeps' reads that walked whole tables.

- loyalty_cards (program_id, balance): the reward sweep finds the cards one scan below each
  rung of a ladder by their balance; it read every card (a million) each minute;
- customer_approval_requests (status, reminded_at, created_at): the reminder sweep finds the
  pending invitations not reminded yet; it read every request ever made.

Revision ID: 0022
Revises: 0020
Create Date: 2026-11-30
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0022"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_loyalty_cards_program_id_balance", "loyalty_cards", ["program_id", "balance"]
    )
    op.create_index(
        "ix_customer_approval_requests_status_reminded_at_created_at",
        "customer_approval_requests",
        ["status", "reminded_at", "created_at"],
    )


def downgrade() -> None:
    op.drop_index(
        "ix_customer_approval_requests_status_reminded_at_created_at",
        table_name="customer_approval_requests",
    )
    op.drop_index("ix_loyalty_cards_program_id_balance", table_name="loyalty_cards")
