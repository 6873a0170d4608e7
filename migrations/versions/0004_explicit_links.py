"""Explicit links and codes: undo -> reversed entry, broadcast id, reason and outcome codes.

- `point_transactions.reverses_entry_id` names the award an undo reverses (it was only in the
  undo's key, `undo:<id>`); `reason` becomes a code (scan, manual, undo, deduction, redemption,
  adjust) and the words a person gave move to `note`.
- `customer_approval_requests.outcome` holds `insufficient_balance` (it overwrote `reason`).
- `customer_notifications` gets `broadcast_id` (it was inside the JSON params), `merge_group`
  and `priority`, which the domain's outbox policy now decides.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ledger = sa.table(
    "point_transactions",
    sa.column("id", sa.Integer()),
    sa.column("kind", sa.String()),
    sa.column("idempotency_key", sa.String()),
    sa.column("reason", sa.String()),
    sa.column("note", sa.String()),
    sa.column("reverses_entry_id", sa.Integer()),
)
requests = sa.table(
    "customer_approval_requests",
    sa.column("id", sa.Integer()),
    sa.column("status", sa.String()),
    sa.column("reason", sa.String()),
    sa.column("outcome", sa.String()),
)
notes = sa.table(
    "customer_notifications",
    sa.column("id", sa.Integer()),
    sa.column("category", sa.String()),
    sa.column("template", sa.String()),
    sa.column("card_id", sa.Integer()),
    sa.column("params", sa.JSON()),
    sa.column("broadcast_id", sa.String()),
    sa.column("merge_group", sa.String()),
    sa.column("priority", sa.SmallInteger()),
)
REASON_OF_KIND = {
    "deduct": "deduction",
    "redeem": "redemption",
    "undo": "undo",
    "adjust": "adjust",
}
BULK = ("business_news", "reminder")


def upgrade() -> None:
    with op.batch_alter_table("point_transactions") as batch_op:
        batch_op.add_column(
            sa.Column("note", sa.String(length=255), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("reverses_entry_id", sa.Integer(), nullable=True))
    with op.batch_alter_table("customer_approval_requests") as batch_op:
        batch_op.add_column(sa.Column("outcome", sa.String(length=32), nullable=True))
    with op.batch_alter_table("customer_notifications") as batch_op:
        batch_op.add_column(sa.Column("broadcast_id", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("merge_group", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("priority", sa.SmallInteger(), nullable=False, server_default="0")
        )
    bind = op.get_bind()
    _move_ledger_reasons(bind)
    _move_request_outcomes(bind)
    _move_notification_links(bind)
    with op.batch_alter_table("point_transactions") as batch_op:
        batch_op.alter_column(
            "reason", existing_type=sa.String(length=255), type_=sa.String(length=16)
        )
        batch_op.create_foreign_key(
            op.f("fk_point_transactions_reverses_entry_id"),
            "point_transactions",
            ["reverses_entry_id"],
            ["id"],
        )
        batch_op.create_index(
            op.f("ix_point_transactions_reverses_entry_id"), ["reverses_entry_id"]
        )
    with op.batch_alter_table("customer_notifications") as batch_op:
        batch_op.create_index(op.f("ix_customer_notifications_broadcast_id"), ["broadcast_id"])


def _move_ledger_reasons(bind: sa.Connection) -> None:
    rows = bind.execute(sa.select(ledger.c.id, ledger.c.kind, ledger.c.idempotency_key,
                                  ledger.c.reason)).all()  # fmt: skip
    for entry_id, kind, key, reason in rows:
        values: dict[str, Any] = {}
        if kind == "award":
            values["reason"] = "scan" if reason == "scan" else "manual"
            words = "" if reason in ("scan", "manual") else reason
        else:
            values["reason"] = REASON_OF_KIND.get(kind, "adjust")
            words = "" if kind == "undo" else reason
        values["note"] = words or ""
        if kind == "undo" and key.startswith("undo:") and key[5:].isdigit():
            values["reverses_entry_id"] = int(key[5:])
        bind.execute(sa.update(ledger).where(ledger.c.id == entry_id).values(**values))


def _move_request_outcomes(bind: sa.Connection) -> None:
    bind.execute(
        sa.update(requests)
        .where(requests.c.reason == "insufficient_balance")
        .values(outcome="insufficient_balance", reason="")
    )


def _move_notification_links(bind: sa.Connection) -> None:
    bind.execute(sa.update(notes).where(notes.c.category.in_(BULK)).values(priority=1))
    bind.execute(
        sa.update(notes)
        .where(notes.c.template == "points_added", notes.c.card_id.is_not(None))
        .values(merge_group=sa.literal("points:") + sa.cast(notes.c.card_id, sa.String()))
    )
    news = bind.execute(
        sa.select(notes.c.id, notes.c.params).where(notes.c.template == "business_news")
    ).all()
    for note_id, params in news:
        broadcast_id = (params or {}).get("broadcast_id")
        if broadcast_id:
            rest = {k: v for k, v in params.items() if k != "broadcast_id"}
            bind.execute(
                sa.update(notes)
                .where(notes.c.id == note_id)
                .values(broadcast_id=str(broadcast_id), params=rest)
            )


def downgrade() -> None:
    with op.batch_alter_table("point_transactions") as batch_op:
        batch_op.alter_column(
            "reason", existing_type=sa.String(length=16), type_=sa.String(length=255)
        )
    _restore_links(op.get_bind())
    with op.batch_alter_table("customer_notifications") as batch_op:
        batch_op.drop_index(op.f("ix_customer_notifications_broadcast_id"))
        batch_op.drop_column("priority")
        batch_op.drop_column("merge_group")
        batch_op.drop_column("broadcast_id")
    with op.batch_alter_table("customer_approval_requests") as batch_op:
        batch_op.drop_column("outcome")
    with op.batch_alter_table("point_transactions") as batch_op:
        batch_op.drop_index(op.f("ix_point_transactions_reverses_entry_id"))
        batch_op.drop_constraint(
            op.f("fk_point_transactions_reverses_entry_id"), type_="foreignkey"
        )
        batch_op.drop_column("reverses_entry_id")
        batch_op.drop_column("note")


def _restore_links(bind: sa.Connection) -> None:
    """Put back what the previous head read: words in `reason`, the broadcast id in params."""
    for entry_id, reason, note, reverses in bind.execute(
        sa.select(ledger.c.id, ledger.c.reason, ledger.c.note, ledger.c.reverses_entry_id)
    ).all():
        if reason == "undo":
            words = f"undo #{reverses}" if reverses else "undo"
        elif reason in ("scan", "manual"):
            words = note or reason
        else:
            words = note
        bind.execute(sa.update(ledger).where(ledger.c.id == entry_id).values(reason=words[:255]))
    bind.execute(
        sa.update(requests)
        .where(requests.c.outcome == "insufficient_balance")
        .values(reason="insufficient_balance")
    )
    for note_id, params, broadcast_id in bind.execute(
        sa.select(notes.c.id, notes.c.params, notes.c.broadcast_id).where(
            notes.c.broadcast_id.is_not(None)
        )
    ).all():
        restored = {**(params or {}), "broadcast_id": broadcast_id}
        bind.execute(sa.update(notes).where(notes.c.id == note_id).values(params=restored))
