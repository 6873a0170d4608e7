"""Growth tools for owners: customers' birthdays, programs' birthday gifts and win-back bonuses,
win-back offers, bulk awards with their targets, staff alert settings and the alerts sent.

Revision ID: 0016
Revises: 0009
Create Date: 2026-11-30 04:12:27.885047
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "customer_birthdays",
        sa.Column("customer_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("day", sa.SmallInteger(), nullable=False),
        sa.Column("month", sa.SmallInteger(), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_customer_birthdays_customer_id")
        ),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_customer_birthdays")),
    )
    with op.batch_alter_table("customer_birthdays", schema=None) as batch_op:
        batch_op.create_index("ix_customer_birthdays_month_day", ["month", "day"], unique=False)

    op.create_table(
        "staff_alert_settings",
        sa.Column("business_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column(
            "manual_points", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["business_id"], ["businesses.id"], name=op.f("fk_staff_alert_settings_business_id")
        ),
        sa.PrimaryKeyConstraint("business_id", name=op.f("pk_staff_alert_settings")),
    )
    op.create_table(
        "staff_alerts",
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("staff_telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id"], ["businesses.id"], name=op.f("fk_staff_alerts_business_id")
        ),
        sa.PrimaryKeyConstraint(
            "business_id", "staff_telegram_id", "day", name=op.f("pk_staff_alerts")
        ),
    )
    op.create_table(
        "bulk_awards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("points", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("note", sa.String(length=255), nullable=False),
        sa.Column("segment", sa.String(length=16), nullable=False),
        sa.Column("segment_value", sa.Integer(), nullable=True),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("last_card_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("lease_owner", sa.String(length=64), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["business_id"], ["businesses.id"], name=op.f("fk_bulk_awards_business_id")
        ),
        sa.ForeignKeyConstraint(
            ["program_id"], ["loyalty_programs.id"], name=op.f("fk_bulk_awards_program_id")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulk_awards")),
    )
    with op.batch_alter_table("bulk_awards", schema=None) as batch_op:
        batch_op.create_index(
            "ix_bulk_awards_status_lease_until", ["status", "lease_until"], unique=False
        )

    op.create_table(
        "program_gifts",
        sa.Column("program_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("birthday_points", sa.Integer(), nullable=True),
        sa.Column("winback_points", sa.Integer(), nullable=True),
        sa.Column("winback_days", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["program_id"], ["loyalty_programs.id"], name=op.f("fk_program_gifts_program_id")
        ),
        sa.PrimaryKeyConstraint("program_id", name=op.f("pk_program_gifts")),
    )
    op.create_table(
        "bulk_award_targets",
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["card_id"], ["loyalty_cards.id"], name=op.f("fk_bulk_award_targets_card_id")
        ),
        sa.ForeignKeyConstraint(
            ["job_id"], ["bulk_awards.id"], name=op.f("fk_bulk_award_targets_job_id")
        ),
        sa.PrimaryKeyConstraint("job_id", "card_id", name=op.f("pk_bulk_award_targets")),
    )
    op.create_table(
        "winback_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.Column("points", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("offered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("credited_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["card_id"], ["loyalty_cards.id"], name=op.f("fk_winback_offers_card_id")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_winback_offers")),
    )
    with op.batch_alter_table("winback_offers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_winback_offers_card_id"), ["card_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("winback_offers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_winback_offers_card_id"))

    op.drop_table("winback_offers")
    op.drop_table("bulk_award_targets")
    op.drop_table("program_gifts")
    with op.batch_alter_table("bulk_awards", schema=None) as batch_op:
        batch_op.drop_index("ix_bulk_awards_status_lease_until")

    op.drop_table("bulk_awards")
    op.drop_table("staff_alerts")
    op.drop_table("staff_alert_settings")
    with op.batch_alter_table("customer_birthdays", schema=None) as batch_op:
        batch_op.drop_index("ix_customer_birthdays_month_day")

    op.drop_table("customer_birthdays")
