"""Growth tools: referral terms per program, customers' referral links, referrals (one per
friend and business), promo codes with their uses, and wrong promo guesses per person.

Revision ID: 0015
Revises: 0009
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "promo_guesses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promo_guesses")),
    )
    op.create_index("ix_promo_guesses_telegram_id_at", "promo_guesses", ["telegram_id", "at"])

    op.create_table(
        "referral_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id"], ["businesses.id"], name=op.f("fk_referral_links_business_id")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_referral_links_customer_id")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral_links")),
        sa.UniqueConstraint(
            "business_id", "customer_id", name=op.f("uq_referral_links_business_id_customer_id")
        ),
        sa.UniqueConstraint("code", name=op.f("uq_referral_links_code")),
    )
    op.create_table(
        "promo_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("points", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("max_uses", sa.Integer(), nullable=False),
        sa.Column("per_customer", sa.Integer(), nullable=False),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.Column("batch", sa.String(length=16), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "uses >= 0 AND uses <= max_uses", name=op.f("ck_promo_codes_uses_within_limit")
        ),
        sa.ForeignKeyConstraint(
            ["business_id"], ["businesses.id"], name=op.f("fk_promo_codes_business_id")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["telegram_users.telegram_id"], name=op.f("fk_promo_codes_created_by")
        ),
        sa.ForeignKeyConstraint(
            ["program_id"], ["loyalty_programs.id"], name=op.f("fk_promo_codes_program_id")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promo_codes")),
        sa.UniqueConstraint("code", name=op.f("uq_promo_codes_code")),
    )
    op.create_index("ix_promo_codes_business_id_batch", "promo_codes", ["business_id", "batch"])

    op.create_table(
        "referral_terms",
        sa.Column("program_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("bonus", sa.Integer(), nullable=False),
        sa.Column("monthly_cap", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["program_id"], ["loyalty_programs.id"], name=op.f("fk_referral_terms_program_id")
        ),
        sa.PrimaryKeyConstraint("program_id", name=op.f("pk_referral_terms")),
    )
    op.create_table(
        "referrals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("referrer_id", sa.Integer(), nullable=False),
        sa.Column("referee_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["business_id"], ["businesses.id"], name=op.f("fk_referrals_business_id")
        ),
        sa.ForeignKeyConstraint(
            ["program_id"], ["loyalty_programs.id"], name=op.f("fk_referrals_program_id")
        ),
        sa.ForeignKeyConstraint(
            ["referee_id"], ["customers.id"], name=op.f("fk_referrals_referee_id")
        ),
        sa.ForeignKeyConstraint(
            ["referrer_id"], ["customers.id"], name=op.f("fk_referrals_referrer_id")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referrals")),
        sa.UniqueConstraint(
            "business_id", "referee_id", name=op.f("uq_referrals_business_id_referee_id")
        ),
    )
    op.create_index(
        "ix_referrals_referrer_id_settled_at", "referrals", ["referrer_id", "settled_at"]
    )

    op.create_table(
        "promo_redemptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("promo_code_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.Column("use_number", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["card_id"], ["loyalty_cards.id"], name=op.f("fk_promo_redemptions_card_id")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_promo_redemptions_customer_id")
        ),
        sa.ForeignKeyConstraint(
            ["promo_code_id"], ["promo_codes.id"], name=op.f("fk_promo_redemptions_promo_code_id")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promo_redemptions")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_promo_redemptions_idempotency_key")),
        sa.UniqueConstraint(
            "promo_code_id",
            "customer_id",
            "use_number",
            name=op.f("uq_promo_redemptions_promo_code_id_customer_id_use_number"),
        ),
    )


def downgrade() -> None:
    op.drop_table("promo_redemptions")
    op.drop_index("ix_referrals_referrer_id_settled_at", table_name="referrals")

    op.drop_table("referrals")
    op.drop_table("referral_terms")
    op.drop_index("ix_promo_codes_business_id_batch", table_name="promo_codes")

    op.drop_table("promo_codes")
    op.drop_table("referral_links")
    op.drop_index("ix_promo_guesses_telegram_id_at", table_name="promo_guesses")

    op.drop_table("promo_guesses")
