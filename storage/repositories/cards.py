"""Repository for loyalty cards, with the one guarded UPDATE that moves a balance."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cache

from sqlalchemy import (
    ColumnElement,
    Executable,
    Select,
    bindparam,
    exists,
    func,
    or_,
    select,
    update,
)

from domain.models import Card
from storage.repositories.base import RowOf, SqlRepository, by_id
from storage.tables import (
    BusinessCustomerRow,
    BusinessRow,
    CardRow,
    ProgramRewardRow,
    ProgramRow,
)
from storage.upsert import upsert_for


def _card(row: RowOf[CardRow]) -> Card:
    return Card(
        id=row.id,
        customer_id=row.customer_id,
        program_id=row.program_id,
        business_id=row.business_id,
        number=row.number,
        created_at=row.created_at,
        balance=row.balance,
        lifetime_points=row.lifetime_points,
        left_at=row.left_at,
        tier_id=row.tier_id,
    )


card_of_row = _card  # for other repositories that read cards (tiers)

_CARDS = CardRow.__table__
_LOCKED = by_id(_CARDS).with_for_update()
_OF = (
    select(_CARDS)
    .where(
        _CARDS.c.customer_id == bindparam("customer_id"),
        _CARDS.c.program_id == bindparam("program_id"),
    )
    .limit(1)
)
_OF_LOCKED = _OF.with_for_update()
_OF_CUSTOMER = (
    select(_CARDS).where(_CARDS.c.customer_id == bindparam("customer_id")).order_by(_CARDS.c.id)
)
# Read-modify-write in Python would race; the database checks and changes in one step, and
# the WHERE guard (not the CHECK constraint) is what turns "too little" into no row.
_APPLY_DELTA = (
    update(_CARDS)
    .where(_CARDS.c.id == bindparam("card_id"), _CARDS.c.balance + bindparam("delta") >= 0)
    .values(
        balance=_CARDS.c.balance + bindparam("delta"),
        lifetime_points=_CARDS.c.lifetime_points + bindparam("earned"),
    )
    .returning(*_CARDS.c)
)


class SqlCardRepository(SqlRepository):
    async def get(self, card_id: int) -> Card | None:
        row = await self._get(CardRow, card_id)
        return _card(row) if row else None

    async def lock(self, card_id: int) -> Card | None:
        # FOR UPDATE on PostgreSQL; SQLite renders none (its transactions are serial anyway).
        row = await self._row(_LOCKED, id=card_id)
        return _card(row) if row else None

    async def of(self, customer_id: int, program_id: int, *, lock: bool = False) -> Card | None:
        row = await self._row(
            _OF_LOCKED if lock else _OF, customer_id=customer_id, program_id=program_id
        )
        return _card(row) if row else None

    async def list_for_customer(self, customer_id: int) -> list[Card]:
        """A customer's cards, oldest first (My cards reads them: a prebuilt Core statement,
        without the ORM's per-statement work)."""
        return [_card(row) for row in await self._rows(_OF_CUSTOMER, customer_id=customer_id)]

    async def add(self, card: Card, renumber: Callable[[], str] | None = None) -> Card:
        """Insert the card; if its number is taken, try `renumber()` (a few times).

        ON CONFLICT on the number alone: a clash there inserts nothing and we draw again, with no
        savepoint; any other clash (a second card for the same enrollment) still raises.
        """
        number = card.number
        for _ in range(NUMBER_TRIES):
            row = await self._row(
                _insert_card(self._dialect()),
                customer_id=card.customer_id, program_id=card.program_id,
                business_id=card.business_id, number=number, balance=card.balance,
                lifetime_points=card.lifetime_points, created_at=card.created_at,
            )  # fmt: skip
            if row is not None:
                return _card(row)
            if renumber is None:
                break
            number = renumber()
        raise CardNumberTaken(number)

    async def set_left(self, card_id: int, at: datetime | None) -> None:
        await self._changed(
            update(CardRow)
            .where(CardRow.id == card_id)
            .values(left_at=at)
            .execution_options(synchronize_session=False)
        )

    async def apply_delta(self, card_id: int, delta: int, *, earned: int) -> Card | None:
        row = await self._row(_APPLY_DELTA, card_id=card_id, delta=delta, earned=earned)
        return _card(row) if row else None

    async def near_reward(self, limit: int = 500) -> list[Card]:
        """Cards one scan away from the reward, not yet told so in this approach.

        Read from the rungs: for each active rung, the program's cards whose balance is within
        one scan below its cost, off `loyalty_cards (program_id, balance)` (migration 0022), a
        range of program ids a statement. It read every card (a million: a second of SQLite's
        inline driver, the loop), then ranges of card ids (50 ms of the loop each)."""
        last = await self._session.scalar(select(func.max(ProgramRow.id))) or 0
        found: dict[int, Card] = {}
        for start in range(0, last, NEAR_REWARD_PROGRAMS):
            rows = await self._all(_near_reward_in(start, start + NEAR_REWARD_PROGRAMS, limit))
            found.update((row.id, _card(row)) for row in rows)  # near two rungs: once
            if len(found) >= limit:
                break
        return list(found.values())[:limit]

    async def mark_near_reward(self, card_id: int, at: datetime) -> bool:
        return await self._mark(card_id, CardRow.reward_near_at.is_(None), reward_near_at=at)

    async def clear_near_reward(self) -> int:
        """Lift the mark of cards that left the zone (rewarded, redeemed), ready for the next.

        The marked cards are read off their partial index a batch at a time (one statement over
        all of them held the loop in proportion to how many were marked)."""
        after, cleared = 0, 0
        while True:
            ids = list(await self._session.scalars(_MARKED, {"after": after}))
            if not ids:
                return cleared
            cleared += await self._changed(
                update(CardRow)
                .where(CardRow.id.in_(ids), CardRow.reward_near_at.is_not(None), ~_near_reward())
                .values(reward_near_at=None)
                .execution_options(synchronize_session=False)
            )
            after = ids[-1]

    async def idle_in(
        self, program_id: int, seen_before: datetime, limit: int = 500
    ) -> list[Card]:
        """Cards whose holder last visited before `seen_before` and was not nudged since.

        In windows of the program's cards (`cards_in_windows`): no index finds idle holders
        not nudged since, and a program of 100,000 cards read in one statement held SQLite's
        inline driver (the loop) for about 50 ms."""
        return await cards_in_windows(
            self, program_id, 0, limit,
            lambda after, upto, left: _idle(program_id, seen_before, after, upto, left),
        )  # fmt: skip

    async def mark_nudged(self, card_id: int, at: datetime) -> bool:
        last_seen = (
            select(BusinessCustomerRow.last_seen)
            .where(
                BusinessCustomerRow.business_id == CardRow.business_id,
                BusinessCustomerRow.customer_id == CardRow.customer_id,
            )
            .scalar_subquery()
        )
        not_since = or_(CardRow.nudged_at.is_(None), CardRow.nudged_at < last_seen)
        return await self._mark(card_id, not_since, nudged_at=at)

    async def _mark(self, card_id: int, guard: ColumnElement[bool], **values: datetime) -> bool:
        # Guarded, so two sweeps at once (two processes on PostgreSQL) send a message only once.
        changed = await self._changed(
            update(CardRow)
            .where(CardRow.id == card_id, guard)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        return changed == 1


NUMBER_TRIES = 5  # 10^12 numbers: a second clash in a row means something else is wrong


class CardNumberTaken(Exception):
    """Every card number tried was taken."""


@cache
def _insert_card(dialect: str) -> Executable:
    insert = upsert_for(dialect)(_CARDS)
    return insert.on_conflict_do_nothing(index_elements=["number"]).returning(*_CARDS.c)


CARD_WINDOW = 5_000  # a program's cards looked at by one statement of a sweep
# The last card id of the window of a program's cards after `after` (None: the window is the
# rest), off loyalty_cards (program_id, id).
_WINDOW_END = (
    select(CardRow.id)
    .where(CardRow.program_id == bindparam("program"), CardRow.id > bindparam("after"))
    .order_by(CardRow.id)
    .offset(CARD_WINDOW - 1)
    .limit(1)
)


Window = Callable[[int, int | None, int], Select[CardRow]]  # (after, upto, limit) -> statement


async def cards_in_windows(
    repo: SqlRepository, program_id: int, after: int, limit: int, statement: Window
) -> list[Card]:
    """Up to `limit` cards a sweep looks for in a program, read a window of CARD_WINDOW of its
    cards (by id, after `after`) a statement, so each statement stays a few milliseconds
    whatever the program's size, and the loop gets turns between windows."""
    found: list[Card] = []
    start: int | None = after
    while start is not None and len(found) < limit:
        upto = await repo._session.scalar(_WINDOW_END, {"program": program_id, "after": start})
        found += [
            _card(row) for row in await repo._all(statement(start, upto, limit - len(found)))
        ]
        start = upto
    return found


def _idle(
    program_id: int, seen_before: datetime, after: int, upto: int | None, limit: int
) -> Select[CardRow]:
    """The program's cards `after < id <= upto` whose holder is idle and not nudged since."""
    stmt = (
        select(CardRow)
        .join(
            BusinessCustomerRow,
            (BusinessCustomerRow.business_id == CardRow.business_id)
            & (BusinessCustomerRow.customer_id == CardRow.customer_id),
        )
        .where(
            CardRow.program_id == program_id,
            CardRow.id > after,
            CardRow.left_at.is_(None),  # left the program: no more marketing
            BusinessCustomerRow.last_seen <= seen_before,
            or_(
                CardRow.nudged_at.is_(None),
                CardRow.nudged_at < BusinessCustomerRow.last_seen,
            ),
        )
        .order_by(CardRow.id)
        .limit(limit)
    )
    return stmt if upto is None else stmt.where(CardRow.id <= upto)


NEAR_REWARD_PROGRAMS = 500  # program ids whose rungs one statement reads
CLEAR_BATCH = 1_000  # marked cards re-checked by one statement
# The marked cards after a card id, in id order off ix_loyalty_cards_reward_near.
_MARKED = (
    select(CardRow.id)
    .where(CardRow.reward_near_at.is_not(None), CardRow.id > bindparam("after"))
    .order_by(CardRow.id)
    .limit(CLEAR_BATCH)
)


def _near_reward_in(first: int, last: int, limit: int) -> Select[CardRow]:
    """Cards of programs `first < id <= last` one scan below an active rung, not yet told.

    Written as a range on the card's balance (cost - points per scan <= balance < cost), so
    the (program_id, balance) index finds them; suspended businesses' cards are never told,
    so they must not fill a batch."""
    return (
        select(CardRow)
        .select_from(ProgramRewardRow)
        .join(ProgramRow, ProgramRow.id == ProgramRewardRow.program_id)
        .join(CardRow, CardRow.program_id == ProgramRewardRow.program_id)
        .join(BusinessRow, BusinessRow.id == CardRow.business_id)
        .where(ProgramRewardRow.program_id > first, ProgramRewardRow.program_id <= last)
        .where(ProgramRewardRow.active.is_(True), ProgramRow.active.is_(True))
        .where(
            CardRow.balance >= ProgramRewardRow.cost - ProgramRow.points_per_scan,
            CardRow.balance < ProgramRewardRow.cost,
        )
        .where(CardRow.reward_near_at.is_(None), CardRow.left_at.is_(None))
        .where(BusinessRow.suspended_at.is_(None))
        .order_by(CardRow.id)
        .limit(limit)
    )


def _near_reward() -> ColumnElement[bool]:
    """One scan from a rung of the ladder: then the next reward is one scan away.

    Correlated to the card explicitly: nested in a subquery of an UPDATE, it read every card
    instead (one marked card was kept marked while any card anywhere was in its zone)."""
    rung = (
        select(ProgramRewardRow.id)
        .join(ProgramRow, ProgramRow.id == ProgramRewardRow.program_id)
        .where(
            ProgramRewardRow.program_id == CardRow.program_id,
            ProgramRewardRow.active.is_(True),
            CardRow.balance < ProgramRewardRow.cost,
            CardRow.balance + ProgramRow.points_per_scan >= ProgramRewardRow.cost,
        )
        .correlate(CardRow)
    )
    return exists(rung)
