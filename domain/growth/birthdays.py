"""Birthday gifts: a customer's birthday (day and month), and each program's gift on the day.

A birthday may be changed once a year (`CHANGE_EVERY`), so moving it around does not bring a
gift every month. The gift is one ledger entry keyed `birthday:<card>:<year>`: one a year per
card, whatever the sweeps, restarts or changes of date. The day is the business's local day.
Someone born on 29 February is celebrated on 28 February in a year without one.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.errors import InvalidInput, NotAllowed
from domain.events import PointsAwarded
from domain.growth.owner_ports import Birthday
from domain.ledger import post_entry
from domain.models import Card, EntryKind, LedgerReason
from domain.ports import UnitOfWork

CHANGE_EVERY = timedelta(days=365)
BATCH = 500
_DAY_MONTH = re.compile(r"^\s*(\d{1,2})\s*[./\-\s]\s*(\d{1,2})\s*$")


@dataclass(frozen=True)
class SetBirthday:
    telegram_id: int
    text: str  # as typed: "14.05", "14/05", "14-05"


def parse_birthday(text: str) -> tuple[int, int]:
    """(day, month) from "day.month"; 31.02 is refused by name, 29.02 is a birthday."""
    found = _DAY_MONTH.match(text)
    if found is None:
        raise InvalidInput("birthday_format")
    day, month = int(found.group(1)), int(found.group(2))
    if not 1 <= month <= 12:
        raise InvalidInput("birthday_format")
    # A leap year's month lengths: 29 February exists, 30 February never does.
    if not 1 <= day <= calendar.monthrange(2000, month)[1]:
        raise InvalidInput("birthday_no_such_day", day=day, month=month)
    return day, month


def birthdays_on(today: date) -> list[tuple[int, int]]:
    """The (month, day) birthdays celebrated on `today`: 29 February's on the 28th without one."""
    days = [(today.month, today.day)]
    if (today.month, today.day) == (2, 28) and not calendar.isleap(today.year):
        days.append((2, 29))
    return days


async def set_birthday(uow: UnitOfWork, cmd: SetBirthday) -> Birthday:
    """Store the customer's birthday; changing it again within a year is refused."""
    day, month = parse_birthday(cmd.text)
    async with uow:
        customer = await uow.customers.by_telegram(cmd.telegram_id)
        if customer is None:
            raise NotAllowed("birthday_not_customer")
        earlier = await uow.birthdays.get(customer.id)
        if earlier is not None and (earlier.day, earlier.month) == (day, month):
            return earlier
        if earlier is not None and uow.now() < earlier.set_at + CHANGE_EVERY:
            after = (earlier.set_at + CHANGE_EVERY).date().isoformat()
            raise NotAllowed("birthday_change_later", date=after)
        birthday = Birthday(customer.id, day, month, uow.now())
        await uow.birthdays.put(birthday)
        await uow.commit()
        return birthday


async def my_birthday(uow: UnitOfWork, telegram_id: int) -> Birthday | None:
    async with uow:
        customer = await uow.customers.by_telegram(telegram_id)
        return await uow.birthdays.get(customer.id) if customer else None


async def give_birthday_gifts(uow: UnitOfWork, limit: int = BATCH) -> int:
    """Give each program's birthday gift to the cards whose holder's birthday is today, in the
    business's time zone, once a year (the sweep; safe to run at any time and again)."""
    async with uow:
        given = 0
        for gifts in await uow.gifts.with_birthday_gifts():
            program = await uow.programs.get(gifts.program_id)
            business = await uow.businesses.get(program.business_id) if program else None
            if program is None or business is None or not program.active:
                continue
            closed = business.suspended_at or business.awaiting_approval_since
            if closed is not None or not gifts.birthday_points:
                continue
            today = _local_day(uow.now(), business.time_zone)
            for card in await _celebrating(uow, program.id, today, limit):
                key = f"birthday:{card.id}:{today.year}"
                posted = await post_entry(
                    uow, card, gifts.birthday_points, EntryKind.AWARD, key,
                    LedgerReason.BIRTHDAY,
                )  # fmt: skip
                customer = await uow.customers.get(card.customer_id)
                if posted.duplicate or customer is None:
                    continue
                uow.record(
                    PointsAwarded(customer, posted.card, program, business.name,
                                  gifts.birthday_points, LedgerReason.BIRTHDAY)
                )  # fmt: skip
                given += 1
        await uow.commit()
        return given


async def _celebrating(uow: UnitOfWork, program_id: int, today: date, limit: int) -> list[Card]:
    """Every card celebrating today, page by page (those gifted already are skipped later)."""
    cards: list[Card] = []
    while True:
        after = cards[-1].id if cards else 0
        page = await uow.birthdays.cards_on(program_id, birthdays_on(today), after, limit)
        cards.extend(page)
        if len(page) < limit:
            return cards


def _local_day(moment: datetime, time_zone: str) -> date:
    return moment.astimezone(ZoneInfo(time_zone)).date()
