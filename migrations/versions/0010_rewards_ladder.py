"""Rewards ladder: a program has several rewards (`program_rewards`); each program's single
reward becomes a one-step ladder, a redemption request names its reward, and a program says
whether redeeming keeps the stamps.

The old columns `reward_threshold` and `reward_name` are dropped once copied: kept, they would
be a second truth that drifts from the ladder. Downgrade puts them back from each program's
cheapest active reward (or its cheapest reward of all, if the owner removed every one).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AMOUNT = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "program_rewards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("cost", AMOUNT, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["program_id"], ["loyalty_programs.id"], name=op.f("fk_program_rewards_program_id")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_program_rewards")),
    )
    op.create_index(op.f("ix_program_rewards_program_id"), "program_rewards", ["program_id"])
    with op.batch_alter_table("loyalty_programs") as batch_op:
        batch_op.add_column(
            sa.Column("redeem_keeps", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("customer_approval_requests") as batch_op:
        batch_op.add_column(sa.Column("reward_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_customer_approval_requests_reward_id"), "program_rewards",
            ["reward_id"], ["id"],
        )  # fmt: skip
    bind = op.get_bind()
    _ladders_from_single_rewards(bind)
    _requests_name_their_reward(bind)
    with op.batch_alter_table("loyalty_programs") as batch_op:
        batch_op.drop_column("reward_name")
        batch_op.drop_column("reward_threshold")


def _ladders_from_single_rewards(bind: sa.engine.Connection) -> None:
    """One rung per program: its old reward, at its old threshold, from the program's start."""
    programs = bind.execute(
        sa.text("SELECT id, reward_name, reward_threshold, created_at FROM loyalty_programs")
    ).all()
    rewards = sa.table(
        "program_rewards",
        sa.column("program_id", sa.Integer()), sa.column("name", sa.String()),
        sa.column("cost", sa.Integer()), sa.column("position", sa.Integer()),
        sa.column("active", sa.Boolean()), sa.column("created_at", sa.DateTime(timezone=True)),
    )  # fmt: skip
    rows = [
        {"program_id": pid, "name": name, "cost": max(int(cost), 1), "position": 0,
         "active": True, "created_at": _aware(created)}
        for pid, name, cost, created in programs
    ]  # fmt: skip
    if rows:
        op.bulk_insert(rewards, rows)


def _aware(value: object) -> datetime:
    """SQLite hands back a string or a naive time (stored as UTC): give the insert UTC."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.now(UTC)


def _requests_name_their_reward(bind: sa.engine.Connection) -> None:
    """Every redemption so far was for its program's one reward: that rung."""
    bind.execute(
        sa.text(
            "UPDATE customer_approval_requests SET reward_id = (SELECT MIN(r.id) FROM"
            " program_rewards r WHERE r.program_id = customer_approval_requests.program_id)"
            " WHERE kind = 'redemption'"
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("loyalty_programs") as batch_op:
        batch_op.add_column(
            sa.Column("reward_threshold", sa.Integer(), nullable=False, server_default="1")
        )
        batch_op.add_column(
            sa.Column("reward_name", sa.String(length=255), nullable=False, server_default="")
        )
    # The cheapest active rung is what the one-reward program offered first.
    op.get_bind().execute(
        sa.text(
            "UPDATE loyalty_programs SET"
            " reward_threshold = COALESCE((SELECT r.cost FROM program_rewards r"
            "  WHERE r.program_id = loyalty_programs.id"
            "  ORDER BY r.active DESC, r.cost, r.id LIMIT 1), 1),"
            " reward_name = COALESCE((SELECT r.name FROM program_rewards r"
            "  WHERE r.program_id = loyalty_programs.id"
            "  ORDER BY r.active DESC, r.cost, r.id LIMIT 1), '')"
        )
    )
    with op.batch_alter_table("loyalty_programs") as batch_op:
        batch_op.alter_column("reward_threshold", server_default=None)
        batch_op.alter_column("reward_name", server_default=None)
        batch_op.drop_column("redeem_keeps")
    with op.batch_alter_table("customer_approval_requests") as batch_op:
        batch_op.drop_constraint(
            op.f("fk_customer_approval_requests_reward_id"), type_="foreignkey"
        )
        batch_op.drop_column("reward_id")
    op.drop_index(op.f("ix_program_rewards_program_id"), table_name="program_rewards")
    op.drop_table("program_rewards")
