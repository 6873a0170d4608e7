"""Business hours: each business's figures (and each staff member's) per UTC hour, for /stats.

Kept from now on in the transactions that write scans, ledger entries and new business
customers; this fills them for what is already there, from the scan log, the ledger and
business_customers, grouped in the database as the doctor's check groups them
(storage/hours_compared.py).

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.hours_compared import fill_hours
from storage.tables import UTCDateTime

# This revision's columns of business_hours (0020 adds rewards)
FIGURES = ("scans", "issued", "redeemed", "new_customers", "returning_customers")
revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    figure = {"nullable": False}
    op.create_table(
        "business_hours",
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("hour", UTCDateTime(), nullable=False),
        sa.Column("scans", sa.Integer(), **figure),
        sa.Column("issued", sa.Integer(), **figure),
        sa.Column("redeemed", sa.Integer(), **figure),
        sa.Column("new_customers", sa.Integer(), **figure),
        sa.Column("returning_customers", sa.Integer(), **figure),
        sa.ForeignKeyConstraint(
            ["business_id"], ["businesses.id"], name=op.f("fk_business_hours_business_id")
        ),
        sa.PrimaryKeyConstraint("business_id", "hour", name="pk_business_hours"),
    )
    staff_figures = ("scans", "manual_awards", "manual_points", "undos", "redemptions")
    op.create_table(
        "business_staff_hours",
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("hour", UTCDateTime(), nullable=False),
        sa.Column("staff_telegram_id", sa.BigInteger(), nullable=False),
        *[sa.Column(name, sa.Integer(), nullable=False) for name in staff_figures],
        sa.ForeignKeyConstraint(
            ["business_id"], ["businesses.id"], name=op.f("fk_business_staff_hours_business_id")
        ),
        sa.PrimaryKeyConstraint(
            "business_id", "hour", "staff_telegram_id", name="pk_business_staff_hours"
        ),
    )
    # The five figures this revision has (0020 adds rewards), filled in the database by one
    # INSERT ... SELECT per table (a business at a time took about 0.5 s each on SQLite: an
    # upgrade of 10,000 businesses would have run for over an hour).
    fill_hours(op.get_bind(), width=5)


def downgrade() -> None:
    op.drop_table("business_staff_hours")
    op.drop_table("business_hours")
