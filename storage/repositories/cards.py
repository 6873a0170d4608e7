"""Repository for loyalty cards, with the one guarded UPDATE that moves a balance."""

from __future__ import annotations

from sqlalchemy import select, update

from domain.models import Card
from storage.repositories.base import SqlRepository
from storage.tables import CardRow


def _card(row: CardRow) -> Card:
    return Card(
        id=row.id,
        customer_id=row.customer_id,
        program_id=row.program_id,
        business_id=row.business_id,
        number=row.number,
        created_at=row.created_at,
        balance=row.balance,
        lifetime_points=row.lifetime_points,
    )


class SqlCardRepository(SqlRepository):
    async def get(self, card_id: int) -> Card | None:
        row = await self._get(CardRow, card_id)
        return _card(row) if row else None

    async def of(self, customer_id: int, program_id: int) -> Card | None:
        row = await self._first(
            select(CardRow).where(
                CardRow.customer_id == customer_id, CardRow.program_id == program_id
            )
        )
        return _card(row) if row else None

    async def list_for_customer(self, customer_id: int) -> list[Card]:
        stmt = select(CardRow).where(CardRow.customer_id == customer_id).order_by(CardRow.id)
        return [_card(row) for row in await self._all(stmt)]

    async def add(self, card: Card) -> Card:
        row = await self._add(
            CardRow(
                customer_id=card.customer_id,
                program_id=card.program_id,
                business_id=card.business_id,
                number=card.number,
                balance=card.balance,
                lifetime_points=card.lifetime_points,
                created_at=card.created_at,
            )
        )
        return _card(row)

    async def apply_delta(self, card_id: int, delta: int) -> Card | None:
        # Read-modify-write in Python would race; the database checks and changes in one step,
        # and the WHERE guard (not the CHECK constraint) is what turns "too little" into None.
        stmt = (
            update(CardRow)
            .where(CardRow.id == card_id, CardRow.balance + delta >= 0)
            .values(
                balance=CardRow.balance + delta,
                lifetime_points=CardRow.lifetime_points + max(delta, 0),
            )
            .returning(CardRow)
            .execution_options(synchronize_session="fetch", populate_existing=True)
        )
        row = (await self._session.scalars(stmt)).one_or_none()
        return _card(row) if row else None
