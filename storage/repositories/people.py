"""Repositories for people: Telegram users and customer profiles."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import bindparam, select, update

from domain.models import Customer, TelegramUser
from domain.ports import HeldCard
from storage.repositories.base import RowOf, SqlRepository, changed_rows, chunks
from storage.repositories.held_cards import held_cards
from storage.tables import CardRow, CustomerRow, TelegramUserRow


def _user(row: RowOf[TelegramUserRow]) -> TelegramUser:
    return TelegramUser(
        telegram_id=row.telegram_id,
        chat_id=row.chat_id,
        first_name=row.first_name,
        last_name=row.last_name,
        username=row.username,
        language=row.language,
        blocked_at=row.blocked_at,
        locale=row.locale,
        forgotten_at=row.forgotten_at,
    )


def _customer(row: RowOf[CustomerRow]) -> Customer:
    return Customer(
        id=row.id,
        telegram_id=row.telegram_id,
        public_id=row.public_id,
        manual_code=row.manual_code,
        display_name=row.display_name,
        created_at=row.created_at,
        qr_key_version=row.qr_key_version,
        manual_code_expires_at=row.manual_code_expires_at,
    )


_USERS = TelegramUserRow.__table__
_USER = select(_USERS).where(_USERS.c.telegram_id == bindparam("telegram_id"))
_CHATS = select(_USERS.c.telegram_id, _USERS.c.chat_id).where(
    _USERS.c.telegram_id.in_(bindparam("ids", expanding=True))
)
_CUSTOMERS = CustomerRow.__table__
_CUSTOMER_BY = {
    column: select(_CUSTOMERS).where(_CUSTOMERS.c[column] == bindparam("value")).limit(1)
    for column in ("telegram_id", "public_id", "manual_code")
}


class SqlUserRepository(SqlRepository):
    async def get(self, telegram_id: int) -> TelegramUser | None:
        row = await self._row(_USER, telegram_id=telegram_id)
        return _user(row) if row else None

    async def chats(self, telegram_ids: Collection[int]) -> dict[int, int]:
        found = {}
        for batch in chunks(telegram_ids):
            rows = await self._session.execute(_CHATS, {"ids": list(batch)})
            found.update({telegram_id: chat_id for telegram_id, chat_id in rows})
        return found

    async def upsert(self, user: TelegramUser) -> TelegramUser:
        values = {
            "telegram_id": user.telegram_id,
            "chat_id": user.chat_id,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "username": user.username,
            "language": user.language,
            "blocked_at": user.blocked_at,
        }
        insert = self._insert(TelegramUserRow).values(**values)
        changed = {k: v for k, v in values.items() if k != "telegram_id"}
        stmt = (
            insert.on_conflict_do_update(index_elements=["telegram_id"], set_=changed)
            .returning(TelegramUserRow)
            .execution_options(populate_existing=True)
        )
        return _user((await self._session.scalars(stmt)).one())

    async def set_locale(self, telegram_id: int, locale: str | None) -> bool:
        result = await self._session.execute(
            update(TelegramUserRow)
            .where(TelegramUserRow.telegram_id == telegram_id)
            .values(locale=locale)
        )
        return changed_rows(result) > 0

    async def set_blocked(self, telegram_id: int, at: datetime | None) -> None:
        await self._session.execute(
            update(TelegramUserRow)
            .where(TelegramUserRow.telegram_id == telegram_id)
            .values(blocked_at=at)
            .execution_options(synchronize_session="fetch")
        )


class SqlCustomerRepository(SqlRepository):
    async def get(self, customer_id: int) -> Customer | None:
        row = await self._get(CustomerRow, customer_id)
        return _customer(row) if row else None

    async def by_telegram(self, telegram_id: int) -> Customer | None:
        return await self._one_by("telegram_id", telegram_id)

    async def by_public_id(self, public_id: str) -> Customer | None:
        return await self._one_by("public_id", public_id)

    async def by_manual_code(self, code: str) -> Customer | None:
        return await self._one_by("manual_code", code)

    async def add(self, customer: Customer) -> Customer:
        row = await self._add(
            CustomerRow(
                telegram_id=customer.telegram_id,
                public_id=customer.public_id,
                manual_code=customer.manual_code,
                display_name=customer.display_name,
                qr_key_version=customer.qr_key_version,
                created_at=customer.created_at,
            )
        )
        return _customer(row)

    async def update(self, customer: Customer) -> None:
        row = await self._get_or_fail(CustomerRow, customer.id)
        row.public_id = customer.public_id
        row.manual_code = customer.manual_code
        row.display_name = customer.display_name
        row.qr_key_version = customer.qr_key_version
        row.manual_code_expires_at = customer.manual_code_expires_at
        await self._session.flush()

    async def cards_of(self, telegram_id: int, *, left: bool = False) -> list[HeldCard]:
        return await held_cards(self._session, telegram_id, left=left)

    async def with_card_in(
        self, business_id: int, after_id: int = 0, limit: int | None = None
    ) -> list[Customer]:
        """Every customer holding a card of this business (not one they left), once each, by
        id: those after `after_id`, at most `limit` (read off the (business_id, customer_id)
        index of cards, so a chunk of a broadcast reads its own rows only)."""
        cards = (
            select(CardRow.customer_id)
            .where(
                CardRow.business_id == business_id,
                CardRow.left_at.is_(None),
                CardRow.customer_id > after_id,
            )
            .distinct()
            .order_by(CardRow.customer_id)
            .limit(limit)
        )
        stmt = select(CustomerRow).where(CustomerRow.id.in_(cards)).order_by(CustomerRow.id)
        return [_customer(row) for row in await self._all(stmt)]

    async def _one_by(self, column: str, value: object) -> Customer | None:
        row = await self._row(_CUSTOMER_BY[column], value=value)
        return _customer(row) if row else None
