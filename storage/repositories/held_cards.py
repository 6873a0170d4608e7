"""A customer's cards with their programs, ladders, businesses and tiers, in one statement.

My cards, History and the Mini App's wallet show every card of a customer with all of these;
read a row at a time they cost five or six statements a card. Here one statement joins them,
found by the customer's Telegram id: a row per card and active reward of its ladder (a card
whose ladder is empty comes once, its reward columns NULL), in card order then ladder order.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from sqlalchemy import Row, Select, and_, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.models import Reward
from domain.ports import HeldCard
from storage.repositories.base import Columns
from storage.repositories.cards import card_of_row
from storage.repositories.programs import program_of_row
from storage.repositories.rewards import reward_of_row
from storage.repositories.tiers import tier_of_row
from storage.tables import BusinessRow, CardRow, CustomerRow, ProgramRewardRow, ProgramRow, TierRow

_CUSTOMERS, _CARDS = CustomerRow.__table__, CardRow.__table__
_PROGRAMS, _BUSINESSES = ProgramRow.__table__, BusinessRow.__table__
_TIERS, _REWARDS = TierRow.__table__, ProgramRewardRow.__table__
# Each table's columns in the row, in this order, then the business's name and time zone.
_PARTS = (_CARDS, _PROGRAMS, _TIERS, _REWARDS)
_STARTS = [sum(len(t.c) for t in _PARTS[:i]) for i in range(len(_PARTS) + 1)]
CARD, PROGRAM, TIER, REWARD = (slice(a, b) for a, b in pairwise(_STARTS))
_NAME, _ZONE = _STARTS[-1], _STARTS[-1] + 1


def _held(*, left: bool) -> Select[Any]:
    stmt = (
        select(*_CARDS.c, *_PROGRAMS.c, *_TIERS.c, *_REWARDS.c)
        .add_columns(_BUSINESSES.c.name, _BUSINESSES.c.time_zone)
        .select_from(_CUSTOMERS)
        .join(_CARDS, _CARDS.c.customer_id == _CUSTOMERS.c.id)
        .join(_PROGRAMS, _PROGRAMS.c.id == _CARDS.c.program_id)
        .outerjoin(_BUSINESSES, _BUSINESSES.c.id == _CARDS.c.business_id)
        .outerjoin(_TIERS, _TIERS.c.id == _CARDS.c.tier_id)
        .outerjoin(
            _REWARDS,
            and_(_REWARDS.c.program_id == _CARDS.c.program_id, _REWARDS.c.active.is_(True)),
        )
        .where(_CUSTOMERS.c.telegram_id == bindparam("telegram_id"))
        .order_by(_CARDS.c.id, _REWARDS.c.cost, _REWARDS.c.position, _REWARDS.c.id)
    )
    return stmt if left else stmt.where(_CARDS.c.left_at.is_(None))


_IN_USE, _WITH_LEFT = _held(left=False), _held(left=True)


async def held_cards(session: AsyncSession, telegram_id: int, *, left: bool) -> list[HeldCard]:
    result = await session.execute(_WITH_LEFT if left else _IN_USE, {"telegram_id": telegram_id})
    held: list[HeldCard] = []
    ladder: list[Reward] = []
    for row in result:
        card = Columns(_CARDS, row[CARD])
        if not held or held[-1].card.id != card.id:
            _close(held, ladder)
            held.append(_card(card, row))
        reward = Columns(_REWARDS, row[REWARD])
        if reward.id is not None:  # NULL: the program has no active reward
            ladder.append(reward_of_row(reward))
    _close(held, ladder)
    return held


def _card(card: Columns, row: Row[Any]) -> HeldCard:
    program = program_of_row(Columns(_PROGRAMS, row[PROGRAM]))
    tier = Columns(_TIERS, row[TIER])
    held_tier = tier_of_row(tier) if tier.id is not None else None
    if row[_NAME] is None:  # no business row: shown without a name, as before
        return HeldCard(card_of_row(card), program, "", tier=held_tier)
    return HeldCard(card_of_row(card), program, row[_NAME], row[_ZONE], held_tier)


def _close(held: list[HeldCard], ladder: list[Reward]) -> None:
    """Give the last card's program the ladder read with it."""
    if held:
        held[-1].program.rewards = tuple(ladder)
    ladder.clear()
