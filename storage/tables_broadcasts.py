"""The broadcasts table (domain/broadcast_ports.py), on the same metadata as storage/tables.py."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.tables import Base, CardRow, TelegramUserRow


class BroadcastRow(Base):
    """An owner's news, its messages written a chunk of card holders at a time (migration 0019)."""

    __tablename__ = "broadcasts"
    __table_args__ = (
        Index("ix_broadcasts_finished_at_lease_until", "finished_at", "lease_until"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"))
    created_by: Mapped[int] = mapped_column(BigInteger)
    business_name: Mapped[str] = mapped_column(String(255))
    text: Mapped[str] = mapped_column(Text)
    total: Mapped[int] = mapped_column(Integer, default=0)
    written: Mapped[int] = mapped_column(Integer, default=0)
    last_customer_id: Mapped[int] = mapped_column(Integer, default=0)
    lease_owner: Mapped[str] = mapped_column(String(64), default="")
    lease_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]


# A chunk reads the next card holders of a business in customer order off this index.
Index("ix_loyalty_cards_business_id_customer_id", CardRow.business_id, CardRow.customer_id)
# The outbox claim reads the language of the chats it takes by chat id (migration 0019): without
# it, every user at each claim (16 ms at 100,000 users).
Index("ix_telegram_users_chat_id", TelegramUserRow.chat_id)
