"""A second, deliberately naive model of expiry for the property tests: every point is a token
with the time it was earned. Spends take the oldest tokens, an undo takes its award's tokens
first, an expiry takes every token older than the cut-off. What it expires is what
domain/expiry.py must expire, computed in a different way."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from hypothesis import strategies as st

BASE = datetime(2025, 1, 1, tzinfo=UTC)


@dataclass
class Tokens:
    held: list[tuple[datetime, int]] = field(default_factory=list)  # (earned at, award id)

    def earn(self, at: datetime, award_id: int, points: int) -> None:
        self.held += [(at, award_id)] * points
        self.held.sort(key=lambda token: token[0])

    def spend(self, points: int) -> None:
        del self.held[:points]

    def undo(self, award_id: int, points: int) -> None:
        own = [i for i, token in enumerate(self.held) if token[1] == award_id][:points]
        for i in reversed(own):
            del self.held[i]
        self.spend(points - len(own))

    def expire(self, cutoff: datetime) -> int:
        old = [token for token in self.held if token[0] <= cutoff]
        self.held = [token for token in self.held if token[0] > cutoff]
        return len(old)


# One step of a card's life: (what, amount, hours after the previous step).
steps = st.lists(
    st.tuples(
        st.sampled_from(["award", "award", "spend", "undo", "undo", "sweep", "sweep"]),
        st.integers(min_value=1, max_value=40),
        # Mostly hours apart (so sweeps fall between close awards), sometimes days.
        st.one_of(st.integers(0, 6), st.integers(0, 24 * 12)),
    ),
    min_size=1,
    max_size=40,
)
expiry_days = st.integers(min_value=2, max_value=30)
UNDO_WINDOW = timedelta(hours=12)  # undo only just after the award, as the bot allows
