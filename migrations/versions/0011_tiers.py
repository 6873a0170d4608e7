"""Tiers: a program's levels on points earned (`program_tiers`), its requalification window, the
tier each card holds; and lifetime points become points earned.

Until now a card's `lifetime_points` added up every positive ledger delta, so an award that was
undone still counted. Tiers stand on points earned: awards less their undos, whatever was spent
or expired later. The data migration recomputes it from the ledger (kinds `award` and `undo`);
the downgrade puts back the old sum of positive deltas, also from the ledger.

Revision ID: 0011
Revises: 0009
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Amount = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

EARNED = (
    "UPDATE loyalty_cards SET lifetime_points = COALESCE((SELECT SUM(p.delta)"
    " FROM point_transactions p WHERE p.card_id = loyalty_cards.id"
    " AND p.kind IN ('award', 'undo')), 0)"
)
GAINED = (
    "UPDATE loyalty_cards SET lifetime_points = COALESCE((SELECT SUM(p.delta)"
    " FROM point_transactions p WHERE p.card_id = loyalty_cards.id AND p.delta > 0), 0)"
)


def upgrade() -> None:
    op.create_table(
        "program_tiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("threshold", Amount, nullable=False),
        sa.Column("percent", sa.SmallInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["program_id"], ["loyalty_programs.id"], name="fk_program_tiers_program_id"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_program_tiers"),
    )
    op.create_index("ix_program_tiers_program_id", "program_tiers", ["program_id"], unique=False)
    with op.batch_alter_table("loyalty_programs") as batch_op:
        batch_op.add_column(sa.Column("tier_window_months", sa.Integer(), nullable=True))
    with op.batch_alter_table("loyalty_cards") as batch_op:
        batch_op.add_column(sa.Column("tier_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_loyalty_cards_tier_id", "program_tiers", ["tier_id"], ["id"]
        )
        batch_op.create_index("ix_loyalty_cards_program_id_id", ["program_id", "id"])
    op.execute(EARNED)


def downgrade() -> None:
    op.execute(GAINED)
    with op.batch_alter_table("loyalty_cards") as batch_op:
        batch_op.drop_index("ix_loyalty_cards_program_id_id")
        batch_op.drop_constraint("fk_loyalty_cards_tier_id", type_="foreignkey")
        batch_op.drop_column("tier_id")
    with op.batch_alter_table("loyalty_programs") as batch_op:
        batch_op.drop_column("tier_window_months")
    op.drop_index("ix_program_tiers_program_id", table_name="program_tiers")
    op.drop_table("program_tiers")
