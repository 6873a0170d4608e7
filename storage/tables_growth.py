"""Tables of the owner's growth tools: birthdays, program gifts, win-back offers, bulk awards,
staff alerts (domain/growth). Their own module, on the same metadata as storage/tables.py."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.tables import Amount, Base


class BirthdayRow(Base):
    """A customer's birthday, day and month only, and when it was last set."""

    __tablename__ = "customer_birthdays"
    __table_args__ = (Index("ix_customer_birthdays_month_day", "month", "day"),)

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id"), primary_key=True, autoincrement=False
    )
    day: Mapped[int] = mapped_column(SmallInteger)
    month: Mapped[int] = mapped_column(SmallInteger)
    set_at: Mapped[datetime]


class ProgramGiftRow(Base):
    """A program's birthday gift and win-back bonus (NULL: off)."""

    __tablename__ = "program_gifts"

    program_id: Mapped[int] = mapped_column(
        ForeignKey("loyalty_programs.id"), primary_key=True, autoincrement=False
    )
    birthday_points: Mapped[int | None] = mapped_column(Integer)
    winback_points: Mapped[int | None] = mapped_column(Integer)
    winback_days: Mapped[int | None] = mapped_column(Integer)


class WinbackOfferRow(Base):
    """A bonus offered with "we miss you", credited at the first visit before expires_at."""

    __tablename__ = "winback_offers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("loyalty_cards.id"), index=True)
    points: Mapped[int] = mapped_column(Amount)
    offered_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    credited_at: Mapped[datetime | None]


class BulkAwardRow(Base):
    """An owner's award to a segment, run in batches by whichever worker holds its lease."""

    __tablename__ = "bulk_awards"
    __table_args__ = (Index("ix_bulk_awards_status_lease_until", "status", "lease_until"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"))
    program_id: Mapped[int] = mapped_column(ForeignKey("loyalty_programs.id"))
    created_by: Mapped[int] = mapped_column(BigInteger)
    points: Mapped[int] = mapped_column(Amount)
    note: Mapped[str] = mapped_column(String(255))
    segment: Mapped[str] = mapped_column(String(16))  # a domain SegmentKind code
    segment_value: Mapped[int | None] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    last_card_id: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    lease_owner: Mapped[str] = mapped_column(String(64), default="")
    lease_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]


class BulkTargetRow(Base):
    """A card a bulk award reaches, chosen when the owner asked."""

    __tablename__ = "bulk_award_targets"

    job_id: Mapped[int] = mapped_column(ForeignKey("bulk_awards.id"), primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("loyalty_cards.id"), primary_key=True)


class StaffAlertSettingRow(Base):
    """Manual points one staff member may award in a day before the owner is alerted."""

    __tablename__ = "staff_alert_settings"

    business_id: Mapped[int] = mapped_column(
        ForeignKey("businesses.id"), primary_key=True, autoincrement=False
    )
    manual_points: Mapped[int] = mapped_column(Amount)


class StaffAlertRow(Base):
    """An alert sent about a staff member on a local day: one a day."""

    __tablename__ = "staff_alerts"

    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id"), primary_key=True)
    staff_telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # ISO date
    created_at: Mapped[datetime]
