"""Rewards, tiers and expiry together, on a real database, through the use cases the bot calls.

Over random card lives (awards by hand, ladder redemptions approved by the customer, undos
from the award's reply, owners' tier edits and window changes, expiry and tier sweeps, at
random times), after every step:

- the balance is the ledger's sum and never negative, and what each use case accepts or
  refuses is what a naive model says (a reward the balance does not reach, or one already given
  on a kept-stamps card, is refused and moves nothing);
- no earned point expires twice, an undone one never, and each sweep expires what the token
  model of tests/expiry_model.py says;
- lifetime points are the ledger's points earned (awards less their undos);
- the card holds the tier its points earned in the window reach, whenever the system promises
  it: right after an award, an undo or a tier sweep (an owner's edit, or time passing under a
  window, moves cards at the next sweep).
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from domain.approvals import answer_request, request_deduction
from domain.commands import AnswerRequest, AwardPoints, NoteAwardReply, RequestDeduction, UndoAward
from domain.errors import DomainError, InvalidInput
from domain.expiry_sweep import expire_points
from domain.ledger import award_points, note_award_reply, undo_award
from domain.models import ProgramKind, RequestKind, Reward, Role, Staff
from domain.tier_settings import (
    RemoveTier,
    SetTier,
    SetTierWindow,
    remove_tier,
    set_tier,
    set_tier_window,
)
from domain.tiering import requalify_tiers
from domain.tiers import tier_for, window_start
from tests.expiry_model import Tokens
from tests.storage.builders import OWNER_TG, card, customer, program, user
from tests.storage.test_expiry_sweep import Clock, clock

BACKENDS = ("sqlite",)
__all__ = ["clock"]
LIVES = itertools.count()
BASE = datetime(2030, 1, 1, tzinfo=UTC)
YEARS_APART = timedelta(days=2 * 365)  # each life in its own years: no sweep reaches another's
UNDO_WINDOW = timedelta(hours=12)
COSTS = (5, 15, 40)  # the ladder
NAMES = ("Silver", "Gold", "Platinum")
INVARIANTS = text(
    """
    SELECT c.balance, c.lifetime_points, c.tier_id,
           (SELECT COALESCE(SUM(delta), 0) FROM point_transactions WHERE card_id = c.id),
           (SELECT COALESCE(SUM(delta), 0) FROM point_transactions
             WHERE card_id = c.id AND kind IN ('award', 'undo')),
           (SELECT COUNT(*) FROM point_transactions t
             WHERE t.card_id = c.id AND t.kind = 'award'
               AND (SELECT COALESCE(SUM(points), 0) FROM point_expiries
                     WHERE earned_entry_id = t.id) > t.delta),
           (SELECT COUNT(*) FROM point_expiries l JOIN point_transactions u
               ON u.reverses_entry_id = l.earned_entry_id AND u.kind = 'undo'
             WHERE l.points > 0 AND u.card_id = c.id)
    FROM loyalty_cards c WHERE c.id = :card
    """
)
EXPIRED = text(
    "SELECT COALESCE(-SUM(delta), 0) FROM point_transactions WHERE card_id = :card"
    " AND kind = 'expire'"
)

TIER_EDIT = st.tuples(st.integers(0, 2), st.integers(1, 120), st.integers(100, 300))
step = st.one_of(
    st.tuples(st.just("award"), st.integers(1, 60)),
    st.tuples(st.just("award"), st.integers(1, 15)),
    st.tuples(st.just("redeem"), st.integers(0, len(COSTS) - 1)),
    st.tuples(st.just("undo"), st.just(0)),
    st.tuples(st.just("tier"), TIER_EDIT),
    st.tuples(st.just("tier"), TIER_EDIT),
    st.tuples(st.just("untier"), st.integers(0, 2)),
    st.tuples(st.just("window"), st.sampled_from([None, 1, 2])),
    st.tuples(st.just("expiry_sweep"), st.just(0)),
    st.tuples(st.just("tier_sweep"), st.just(0)),
    st.tuples(st.just("tier_sweep"), st.just(0)),
)
# (what, its detail, hours after the previous step): mostly hours, sometimes weeks.
lives = st.lists(
    st.tuples(step, st.one_of(st.integers(0, 6), st.integers(0, 24 * 20))), min_size=3, max_size=30
)


class Life:
    """One customer's card in a program of its own, and the model of what it should hold."""

    def __init__(self, new_uow, clock: Clock, business_id: int, days: int, keeps: bool) -> None:
        self.new_uow, self.clock, self.business_id = new_uow, clock, business_id
        self.days, self.keeps = days, keeps
        self.tokens = Tokens()
        self.awards: dict[int, tuple[datetime, int]] = {}  # entry id: (when, points)
        self.undone: set[int] = set()
        self.given: set[int] = set()  # rewards redeemed on a kept-stamps card
        self.window: int | None = None
        self.stale = False  # the card may hold an old tier until the next sweep
        self.replies = itertools.count(1)
        self.replies_of: dict[int, int] = {}

    async def open(self, n: int) -> None:
        telegram_id = 30_000 + n
        async with self.new_uow() as uow:
            if await uow.staff.get(self.business_id, OWNER_TG) is None:
                await uow.staff.add(Staff(self.business_id, OWNER_TG, Role.OWNER, self.clock.now))
            await uow.users.upsert(user(telegram_id))
            holder = await uow.customers.add(customer(telegram_id, f"life{n}"))
            plan = program(self.business_id, f"join-life{n}")
            plan.kind = ProgramKind.STAMPS if self.keeps else ProgramKind.POINTS
            plan.redeem_keeps = self.keeps
            plan.expiry_days, plan.expiry_warning_days = self.days, 1
            added = await uow.programs.add(plan)
            for cost in COSTS:
                await uow.rewards.add(Reward(added.id, f"Reward {cost}", cost), self.clock.now)
            made = await uow.cards.add(card(holder.id, added.id, self.business_id, f"L-{n}"))
            await uow.commit()
        self.telegram_id, self.program_id, self.card_id = telegram_id, added.id, made.id

    @property
    def balance(self) -> int:
        return len(self.tokens.held)

    async def award(self, points: int, key: str) -> None:
        cmd = AwardPoints(self.business_id, OWNER_TG, self.card_id, points, key)
        posted = await award_points(self.new_uow(), cmd)
        self.awards[posted.entry.id] = (self.clock.now, points)
        self.tokens.earn(self.clock.now, posted.entry.id, points)
        reply = self.replies_of[posted.entry.id] = next(self.replies)  # its scan reply's Undo
        await note_award_reply(
            self.new_uow(), NoteAwardReply(posted.entry.id, self.telegram_id, reply)
        )
        self.stale = False

    async def redeem(self, rung: int) -> None:
        async with self.new_uow() as uow:
            found = await uow.programs.get(self.program_id)
        reward = sorted(found.rewards, key=lambda r: r.cost)[rung]
        allowed = self.balance >= reward.cost and reward.id not in self.given
        cmd = RequestDeduction(
            self.business_id, OWNER_TG, self.card_id, RequestKind.REDEMPTION, reward_id=reward.id
        )
        try:
            request = await request_deduction(self.new_uow(), cmd)
        except DomainError as refused:  # InsufficientBalance, reward_already_given
            assert not allowed, refused
            event("redemption refused")
            return
        assert allowed, "a redemption the balance or the ladder should have refused"
        answer = AnswerRequest(request.id, self.telegram_id, approve=True)
        answered = await answer_request(self.new_uow(), answer)
        assert answered.request.status.value == "approved"
        event("redemption approved")
        if self.keeps:
            self.given.add(reward.id)
        else:
            self.tokens.spend(reward.cost)

    async def undo(self) -> None:
        recent = [
            (entry_id, points) for entry_id, (at, points) in self.awards.items()
            if entry_id not in self.undone and self.clock.now - at <= UNDO_WINDOW
            and points <= self.balance
        ]  # fmt: skip
        if not recent:
            return
        entry_id, points = recent[-1]
        cmd = UndoAward(
            self.business_id, OWNER_TG, entry_id, self.telegram_id, self.replies_of[entry_id],
            window=UNDO_WINDOW,
        )  # fmt: skip
        await undo_award(self.new_uow(), cmd)
        self.undone.add(entry_id)
        event("undo")
        self.tokens.undo(entry_id, points)
        self.stale = False

    async def edit_tier(self, name: int, threshold: int, percent: int) -> None:
        before = await self.tiers()
        cmd = SetTier(self.program_id, OWNER_TG, NAMES[name], threshold, percent)
        try:
            await set_tier(self.new_uow(), cmd)
        except InvalidInput:
            assert await self.tiers() == before  # refused: nothing changed
            return
        self.stale = True

    async def remove_tier(self, name: int) -> None:
        try:
            await remove_tier(self.new_uow(), RemoveTier(self.program_id, OWNER_TG, NAMES[name]))
        except InvalidInput:
            assert NAMES[name] not in {t.name for t in await self.tiers()}
            return
        self.stale = True

    async def set_window(self, months: int | None) -> None:
        await set_tier_window(self.new_uow(), SetTierWindow(self.program_id, OWNER_TG, months))
        self.window, self.stale = months, True

    async def expiry_sweep(self, session_factory) -> None:
        before = await self.expired(session_factory)
        await expire_points(self.new_uow, batch=3)
        expected = self.tokens.expire(self.clock.now - timedelta(days=self.days))
        assert await self.expired(session_factory) - before == expected
        if expected:
            event("points expired")

    async def tier_sweep(self) -> None:
        if await requalify_tiers(self.new_uow(), 7):
            event("the tier sweep moved the card")
        self.stale = False

    async def expired(self, session_factory) -> int:
        async with session_factory() as session:
            return int(await session.scalar(EXPIRED, {"card": self.card_id}) or 0)

    async def tiers(self):
        async with self.new_uow() as uow:
            return await uow.tiers.of_program(self.program_id)

    def earned_in_window(self) -> int:
        since = window_start(self.clock.now, self.window) if self.window else None
        return sum(
            points for entry_id, (at, points) in self.awards.items()
            if entry_id not in self.undone and (since is None or at >= since)
        )  # fmt: skip

    async def check(self, session_factory) -> None:
        async with session_factory() as session:
            row = (await session.execute(INVARIANTS, {"card": self.card_id})).one()
        balance, lifetime, tier_id, total, earned, expired_twice, undone_expired = row
        assert balance == total == self.balance >= 0
        assert (
            lifetime
            == earned
            == sum(p for i, (_, p) in self.awards.items() if i not in self.undone)
        )
        assert (expired_twice, undone_expired) == (0, 0)
        if not self.stale:
            reached = tier_for(self.earned_in_window(), await self.tiers())
            assert tier_id == (reached.id if reached else None)
            if reached:
                event("card in a tier")

    async def close(self) -> None:
        """The next lives' sweeps leave this program alone."""
        async with self.new_uow() as uow:
            done = await uow.programs.get(self.program_id)
            done.expiry_days, done.active = None, False
            await uow.programs.update(done)
            await uow.commit()


@settings(
    max_examples=80, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)  # fmt: skip
@given(life=lives, days=st.integers(2, 40), keeps=st.booleans())
async def test_rewards_tiers_and_expiry_keep_the_ledger_whole_and_tiers_true(
    new_uow, session_factory, world, clock: Clock, life, days, keeps
):
    n = next(LIVES)
    clock.now = BASE + YEARS_APART * n
    one = Life(new_uow, clock, world.business_id, days, keeps)
    await one.open(n)
    try:
        for number, ((what, detail), hours) in enumerate(life):
            clock.now += timedelta(hours=hours)
            if hours and one.window:
                one.stale = True  # points may have left the window: the sweep catches it
            match what:
                case "award":
                    await one.award(detail, f"life{n}-{number}")
                case "redeem":
                    await one.redeem(detail)
                case "undo":
                    await one.undo()
                case "tier":
                    await one.edit_tier(*detail)
                case "untier":
                    await one.remove_tier(detail)
                case "window":
                    await one.set_window(detail)
                case "expiry_sweep":
                    await one.expiry_sweep(session_factory)
                case "tier_sweep":
                    await one.tier_sweep()
            await one.check(session_factory)
        # At the end: every point comes of age and expires once; the tier sweep settles tiers.
        clock.now += timedelta(days=days, seconds=1)
        await one.expiry_sweep(session_factory)
        await one.tier_sweep()
        await one.check(session_factory)
        assert one.balance == 0
    finally:
        await one.close()
