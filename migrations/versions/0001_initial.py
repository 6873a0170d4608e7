"""Initial schema: every table of the loyalty data model.

Revision ID: 0001
Revises:
Create Date: 2025-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "telegram_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("first_name", sa.String(length=255), nullable=False),
        sa.Column("last_name", sa.String(length=255), nullable=False),
        sa.Column("username", sa.String(length=255), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("blocked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_telegram_users")),
        sa.UniqueConstraint("telegram_id", name=op.f("uq_telegram_users_telegram_id")),
    )
    op.create_table(
        "businesses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("owner_telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("staff_invite_code", sa.String(length=64), nullable=False),
        sa.Column("default_program_id", sa.Integer(), nullable=True),
        sa.Column("suspended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_telegram_id"],
            ["telegram_users.telegram_id"],
            name=op.f("fk_businesses_owner_telegram_id"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_businesses")),
        sa.UniqueConstraint("staff_invite_code", name=op.f("uq_businesses_staff_invite_code")),
    )
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("public_id", sa.String(length=32), nullable=False),
        sa.Column("manual_code", sa.String(length=32), nullable=False),
        sa.Column("display_name", sa.String(length=255), nullable=False),
        sa.Column("qr_key_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["telegram_id"], ["telegram_users.telegram_id"], name=op.f("fk_customers_telegram_id")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        sa.UniqueConstraint("manual_code", name=op.f("uq_customers_manual_code")),
        sa.UniqueConstraint("public_id", name=op.f("uq_customers_public_id")),
        sa.UniqueConstraint("telegram_id", name=op.f("uq_customers_telegram_id")),
    )
    op.create_table(
        "business_customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id"], ["businesses.id"], name=op.f("fk_business_customers_business_id")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_business_customers_customer_id")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_customers")),
        sa.UniqueConstraint(
            "business_id",
            "customer_id",
            name=op.f("uq_business_customers_business_id_customer_id"),
        ),
    )
    op.create_index(
        op.f("ix_business_customers_customer_id"), "business_customers", ["customer_id"]
    )
    op.create_table(
        "business_staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id"], ["businesses.id"], name=op.f("fk_business_staff_business_id")
        ),
        sa.ForeignKeyConstraint(
            ["telegram_id"],
            ["telegram_users.telegram_id"],
            name=op.f("fk_business_staff_telegram_id"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_staff")),
        sa.UniqueConstraint(
            "business_id", "telegram_id", name=op.f("uq_business_staff_business_id_telegram_id")
        ),
    )
    op.create_table(
        "customer_notification_preferences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_customer_notification_preferences_customer_id"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_notification_preferences")),
        sa.UniqueConstraint(
            "customer_id",
            "category",
            name=op.f("uq_customer_notification_preferences_customer_id_category"),
        ),
    )
    op.create_table(
        "loyalty_programs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("points_per_scan", sa.Integer(), nullable=False),
        sa.Column("reward_threshold", sa.Integer(), nullable=False),
        sa.Column("reward_name", sa.String(length=255), nullable=False),
        sa.Column("join_code", sa.String(length=64), nullable=False),
        sa.Column("max_per_scan", sa.Integer(), nullable=False),
        sa.Column("daily_cap", sa.Integer(), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id"], ["businesses.id"], name=op.f("fk_loyalty_programs_business_id")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loyalty_programs")),
        sa.UniqueConstraint("join_code", name=op.f("uq_loyalty_programs_join_code")),
    )
    op.create_index(op.f("ix_loyalty_programs_business_id"), "loyalty_programs", ["business_id"])
    # businesses and loyalty_programs refer to each other, so this key comes after both tables
    # (batch mode: SQLite cannot add a constraint to an existing table in place).
    with op.batch_alter_table("businesses") as batch_op:
        batch_op.create_foreign_key(
            op.f("fk_businesses_default_program_id"),
            "loyalty_programs",
            ["default_program_id"],
            ["id"],
        )
    op.create_table(
        "customer_programs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("invited_by", sa.BigInteger(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_customer_programs_customer_id")
        ),
        sa.ForeignKeyConstraint(
            ["invited_by"],
            ["telegram_users.telegram_id"],
            name=op.f("fk_customer_programs_invited_by"),
        ),
        sa.ForeignKeyConstraint(
            ["program_id"], ["loyalty_programs.id"], name=op.f("fk_customer_programs_program_id")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_programs")),
        sa.UniqueConstraint(
            "customer_id", "program_id", name=op.f("uq_customer_programs_customer_id_program_id")
        ),
    )
    op.create_table(
        "loyalty_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("balance", sa.Integer(), nullable=False),
        sa.Column("lifetime_points", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("balance >= 0", name=op.f("ck_loyalty_cards_balance_not_negative")),
        sa.ForeignKeyConstraint(
            ["business_id"], ["businesses.id"], name=op.f("fk_loyalty_cards_business_id")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_loyalty_cards_customer_id")
        ),
        sa.ForeignKeyConstraint(
            ["program_id"], ["loyalty_programs.id"], name=op.f("fk_loyalty_cards_program_id")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loyalty_cards")),
        sa.UniqueConstraint(
            "customer_id", "program_id", name=op.f("uq_loyalty_cards_customer_id_program_id")
        ),
        sa.UniqueConstraint("number", name=op.f("uq_loyalty_cards_number")),
    )
    op.create_index(op.f("ix_loyalty_cards_business_id"), "loyalty_cards", ["business_id"])
    op.create_table(
        "qr_scan_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("staff_telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("program_id", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_id"], ["businesses.id"], name=op.f("fk_qr_scan_logs_business_id")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_qr_scan_logs_customer_id")
        ),
        sa.ForeignKeyConstraint(
            ["program_id"], ["loyalty_programs.id"], name=op.f("fk_qr_scan_logs_program_id")
        ),
        sa.ForeignKeyConstraint(
            ["staff_telegram_id"],
            ["telegram_users.telegram_id"],
            name=op.f("fk_qr_scan_logs_staff_telegram_id"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qr_scan_logs")),
    )
    op.create_index(
        "ix_qr_scan_logs_business_id_created_at", "qr_scan_logs", ["business_id", "created_at"]
    )
    op.create_index(op.f("ix_qr_scan_logs_idempotency_key"), "qr_scan_logs", ["idempotency_key"])
    op.create_table(
        "customer_approval_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=True),
        sa.Column("requested_by", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name=op.f("fk_customer_approval_requests_business_id"),
        ),
        sa.ForeignKeyConstraint(
            ["card_id"], ["loyalty_cards.id"], name=op.f("fk_customer_approval_requests_card_id")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_customer_approval_requests_customer_id"),
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["loyalty_programs.id"],
            name=op.f("fk_customer_approval_requests_program_id"),
        ),
        sa.ForeignKeyConstraint(
            ["requested_by"],
            ["telegram_users.telegram_id"],
            name=op.f("fk_customer_approval_requests_requested_by"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_approval_requests")),
    )
    op.create_index(
        op.f("ix_customer_approval_requests_customer_id"),
        "customer_approval_requests",
        ["customer_id"],
    )
    op.create_index(
        "ix_customer_approval_requests_status_expires_at",
        "customer_approval_requests",
        ["status", "expires_at"],
    )
    op.create_table(
        "point_transactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.Column("delta", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("idempotency_key", sa.String(length=128), nullable=False),
        sa.Column("staff_telegram_id", sa.BigInteger(), nullable=True),
        sa.Column("reason", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["card_id"], ["loyalty_cards.id"], name=op.f("fk_point_transactions_card_id")
        ),
        sa.ForeignKeyConstraint(
            ["staff_telegram_id"],
            ["telegram_users.telegram_id"],
            name=op.f("fk_point_transactions_staff_telegram_id"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_point_transactions")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_point_transactions_idempotency_key")),
    )
    op.create_index(
        "ix_point_transactions_card_id_created_at", "point_transactions", ["card_id", "created_at"]
    )
    op.create_table(
        "customer_notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("card_id", sa.Integer(), nullable=True),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("template", sa.String(length=64), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("telegram_message_id", sa.BigInteger(), nullable=True),
        sa.Column("last_error", sa.String(length=1000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["card_id"], ["loyalty_cards.id"], name=op.f("fk_customer_notifications_card_id")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_customer_notifications_customer_id")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["customer_approval_requests.id"],
            name=op.f("fk_customer_notifications_request_id"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_notifications")),
    )
    op.create_index(
        "ix_customer_notifications_status_next_attempt_at",
        "customer_notifications",
        ["status", "next_attempt_at"],
    )


def downgrade() -> None:
    with op.batch_alter_table("businesses") as batch_op:
        batch_op.drop_constraint(op.f("fk_businesses_default_program_id"), type_="foreignkey")
    op.drop_table("customer_notifications")
    op.drop_table("point_transactions")
    op.drop_table("customer_approval_requests")
    op.drop_table("qr_scan_logs")
    op.drop_table("loyalty_cards")
    op.drop_table("customer_programs")
    op.drop_table("loyalty_programs")
    op.drop_table("customer_notification_preferences")
    op.drop_table("business_staff")
    op.drop_table("business_customers")
    op.drop_table("customers")
    op.drop_table("businesses")
    op.drop_table("telegram_users")
