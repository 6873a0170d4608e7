"""Expiry's rules over random card lives: awards, spends, undos and sweeps at random times.

Each sweep expires exactly what a naive token model says (oldest first; spent and undone points
never expire), the balance is the ledger's sum and never negative, and no earned point is
expired twice.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from hypothesis import given, settings

from domain.expiry import Expiry, expiring, lots_left, overexpired, upcoming
from domain.models import EntryKind, LedgerEntry, LedgerReason
from tests.expiry_model import BASE, UNDO_WINDOW, Tokens, expiry_days, steps

KINDS = {"award": EntryKind.AWARD, "spend": EntryKind.REDEEM, "undo": EntryKind.UNDO}


def entry(n: int, delta: int, kind: EntryKind, at, reverses: int | None = None) -> LedgerEntry:
    return LedgerEntry(
        card_id=1, delta=delta, kind=kind, idempotency_key=f"k{n}", created_at=at,
        reason=LedgerReason.MANUAL, reverses_entry_id=reverses, id=n,
    )  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(life=steps, days=expiry_days)
def test_sweeps_expire_what_the_token_model_expires_and_nothing_twice(life, days):
    ledger: list[LedgerEntry] = []
    tokens = Tokens()
    awards: dict[int, LedgerEntry] = {}
    undone: set[int] = set()
    expired_of: Counter[int] = Counter()
    now = BASE
    for what, amount, hours in life:
        now += timedelta(hours=hours)
        balance = sum(e.delta for e in ledger)
        n = len(ledger) + 1
        if what == "award":
            awards[n] = entry(n, amount, EntryKind.AWARD, now)
            ledger.append(awards[n])
            tokens.earn(now, n, amount)
        elif what == "spend" and amount <= balance:
            ledger.append(entry(n, -amount, EntryKind.REDEEM, now))
            tokens.spend(amount)
        elif what == "undo":
            recent = [
                a for a in awards.values()
                if a.id not in undone and now - a.created_at <= UNDO_WINDOW
                and a.delta <= balance
            ]  # fmt: skip
            if recent:
                award = recent[-1]
                undone.add(award.id)
                ledger.append(entry(n, -award.delta, EntryKind.UNDO, now, award.id))
                tokens.undo(award.id, award.delta)
        elif what == "sweep":
            plan = expiring(1, ledger, days, now, balance)
            assert (plan.points if plan else 0) == tokens.expire(now - timedelta(days=days))
            if plan:
                _check_links(plan, awards, undone, expired_of)
                ledger.append(entry(n, -plan.points, EntryKind.EXPIRE, now))
        total = sum(e.delta for e in ledger)
        assert total == len(tokens.held) >= 0
        assert sum(lot.left for lot in lots_left(ledger)) == total
        assert overexpired(ledger) == []


def _check_links(
    plan: Expiry, awards: dict[int, LedgerEntry], undone: set[int], expired_of: Counter[int]
) -> None:
    assert sum(points for _, points in plan.links) == plan.points
    for award_id, points in plan.links:
        assert award_id not in undone  # an undone point never expires
        expired_of[award_id] += points
        assert expired_of[award_id] <= awards[award_id].delta  # no point expires twice


@settings(max_examples=200, deadline=None)
@given(life=steps, days=expiry_days, ahead=expiry_days)
def test_what_is_due_soon_is_what_expires_by_then_if_nothing_is_spent(life, days, ahead):
    ledger = [
        entry(n, amount, EntryKind.AWARD, BASE + timedelta(hours=hours * n))
        for n, (_, amount, hours) in enumerate(life, start=1)
    ]
    now = max(e.created_at for e in ledger)
    soon = sum(u.points for u in upcoming(ledger, days, now, "UTC", ahead))
    now_due = expiring(1, ledger, days, now, sum(e.delta for e in ledger))
    later = expiring(1, ledger, days, now + timedelta(days=ahead), sum(e.delta for e in ledger))
    assert soon == (later.points if later else 0) - (now_due.points if now_due else 0)
