"""The doctor's hours check, set-wise: kept hours against their truth for a range of businesses.

One statement per table of kept hours compares, for every business whose id is in a range,
the figures grouped from the scan log, the ledger and business_customers with the kept rows,
and returns only the hours that differ (usually none), in business and hour order. It reads
each source once per range instead of rebuilding each business's hours in Python (the
rebuild, storage/business_hours.py, stays for the repair of the businesses found).

Returning customers depend on each business's time zone (a customer's first awarded scan of a
local day, first seen before that day): PostgreSQL converts with `AT TIME ZONE`; SQLite has no
zones, so the connection gets `doctor_local_date(at, zone)` (`local_date_function`), zoneinfo
answering once per zone and UTC hour.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Date,
    DateTime,
    Select,
    and_,
    case,
    cast,
    column,
    func,
    insert,
    literal,
    or_,
    select,
    table,
    union_all,
)
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from domain.models import ScanOutcome
from storage.business_hours import FIGURES, ISSUED, REWARD, SPENT, local_day, sql_hour
from storage.staff_hours import STAFF_FIGURES, staff_ledger_figures
from storage.tables import (
    BusinessCustomerRow,
    BusinessHourRow,
    BusinessRow,
    BusinessStaffHourRow,
    CardRow,
    LedgerRow,
    ScanLogRow,
)

LOCAL_DATE = "doctor_local_date"  # SQLite's (UTC time as stored, business id) -> 'YYYY-MM-DD'


Businesses = tuple[int, int] | None  # a range of business ids (first, last), or every one


def business_hours_off(
    dialect: str, scans_from: datetime | None, businesses: Businesses = None
) -> Select[Any]:
    """(business, hour, *truth, *kept) for each hour whose kept figures (FIGURES) differ from
    the truth; before `scans_from` the kept scan figures stand. `businesses`: only those in
    that range (`_within`)."""
    kept = BusinessHourRow
    figures = [getattr(kept, name) for name in FIGURES]
    kept_part = _kept(dialect, kept.business_id, kept.hour, [], figures)
    parts = [
        *_business_truth(dialect, len(FIGURES), businesses),
        _within(kept_part, kept.business_id, businesses),
    ]  # fmt: skip
    return _differing(dialect, parts, [], len(FIGURES), (0, 4), scans_from)


def staff_hours_off(
    dialect: str, scans_from: datetime | None, businesses: Businesses = None
) -> Select[Any]:
    """(business, hour, staff, *truth, *kept) for each staff hour that differs, likewise."""
    kept = BusinessStaffHourRow
    kept_part = _kept(
        dialect, kept.business_id, kept.hour, [kept.staff_telegram_id],
        [getattr(kept, name) for name in STAFF_FIGURES],
    )  # fmt: skip
    parts = [*_staff_truth(dialect, businesses), _within(kept_part, kept.business_id, businesses)]
    return _differing(dialect, parts, ["staff"], len(STAFF_FIGURES), (0,), scans_from)


def _within(part: Select[Any], business: Any, businesses: Businesses) -> Select[Any]:
    """`part` for the businesses in the range only, filtered on the business column itself so
    that each source is read through its index on the business: its rows at random, but only
    those in range. Grouped all at once, a platform's scan log and ledger (ten million rows
    each) filled gigabytes of temporary files, on the disk every commit of the bot waits for."""
    if businesses is None:
        return part
    return part.where(business.between(*businesses))


def fill_hours(conn: Connection, width: int = len(FIGURES)) -> None:
    """Fill the empty tables of kept hours from the truth, in the database: one INSERT ...
    SELECT per table, the truth grouped as the doctor groups it (migration 0018; `width`: the
    first figures of FIGURES that business_hours has at that revision)."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        zones = [
            (row[0], row[1]) for row in conn.execute(select(BusinessRow.id, BusinessRow.time_zone))
        ]
        add_local_dates(conn, dict(zones))
    for name, keys, figures, parts in (
        ("business_hours", [], FIGURES[:width], _business_truth(dialect, width)),
        ("business_staff_hours", ["staff_telegram_id"], STAFF_FIGURES, _staff_truth(dialect)),
    ):
        rows = union_all(*parts).subquery()
        c = [rows.c[n] for n in rows.c.keys()]
        by, sums = c[: 2 + len(keys)], [func.sum(value) for value in c[2 + len(keys) :]]
        truth = (
            select(by[0], _stored_hour(dialect, by[1]), *by[2:], *sums[: len(figures)])
            .group_by(*by)
            .having(or_(*[total != 0 for total in sums[: len(figures)]]))
        )
        columns = ["business_id", "hour", *keys, *figures]
        target = table(name, *[column(n) for n in columns])
        conn.execute(insert(target).from_select(columns, truth))


def add_local_dates(conn: Connection, zones: dict[int, str]) -> None:
    """SQLite: `doctor_local_date` on this connection, for the businesses in `zones`."""
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    dbapi.create_function(LOCAL_DATE, 2, local_date_function(zones), deterministic=True)


def _stored_hour(dialect: str, hour: Any) -> Any:
    """A truth hour (sql_hour's value) as UTCDateTime stores it, so kept rows written later by
    the repositories meet it (SQLite compares the text)."""
    if dialect == "postgresql":
        return func.timezone("UTC", hour)
    return hour.concat(".000000")


def _business_truth(dialect: str, width: int, businesses: Businesses = None) -> list[Select[Any]]:
    """The truth's parts for the first `width` figures of FIGURES, grouped per hour."""
    hour = _hour(dialect)  # each expression built once: PostgreSQL's GROUP BY must match it
    scan_hour, ledger_hour = hour(ScanLogRow.created_at), hour(LedgerRow.created_at)
    scan_business, card_business = _scanned(ScanLogRow.business_id), CardRow.business_id
    issued = func.sum(case((LedgerRow.kind.in_(ISSUED), LedgerRow.delta), else_=0))
    spent = func.sum(case((LedgerRow.kind.in_(SPENT), -LedgerRow.delta), else_=0))
    rewards = func.sum(case((LedgerRow.kind == REWARD, 1), else_=0))
    ledger = {n: value for n, value in ((1, issued), (2, spent), (5, rewards)) if n < width}
    first_hour = hour(BusinessCustomerRow.first_seen)
    scans = _part(scan_business, scan_hour, {0: func.count()}, width).where(_awarded())
    entries = (
        _part(card_business, ledger_hour, ledger, width)
        .join(CardRow, _card_of_entry(businesses))
        .where(LedgerRow.kind.in_(ISSUED + SPENT))
    )
    listed = _part(BusinessCustomerRow.business_id, first_hour, {3: func.count()}, width)
    return [
        _within(scans, ScanLogRow.business_id, businesses).group_by(scan_business, scan_hour),
        _within(entries, CardRow.business_id, businesses).group_by(card_business, ledger_hour),
        _within(listed, BusinessCustomerRow.business_id, businesses)
        .group_by(BusinessCustomerRow.business_id, first_hour),
        _returning(dialect, width, businesses),
    ]  # fmt: skip


def _staff_truth(dialect: str, businesses: Businesses = None) -> list[Select[Any]]:
    hour = _hour(dialect)
    scan_hour, ledger_hour = hour(ScanLogRow.created_at), hour(LedgerRow.created_at)
    scan_business, card_business = _scanned(ScanLogRow.business_id), CardRow.business_id
    scan_staff, ledger_staff = ScanLogRow.staff_telegram_id, LedgerRow.staff_telegram_id
    figures, counted = staff_ledger_figures()
    width = len(STAFF_FIGURES)
    scans = _part(scan_business, scan_hour, {0: func.count()}, width, scan_staff).where(_awarded())
    entries = (
        _part(card_business, ledger_hour, dict(enumerate(figures, 1)), width, ledger_staff)
        .join(CardRow, _card_of_entry(businesses))
        .where(ledger_staff.is_not(None), counted)
    )
    return [
        _within(scans, ScanLogRow.business_id, businesses)
        .group_by(scan_business, scan_hour, scan_staff),
        _within(entries, CardRow.business_id, businesses)
        .group_by(card_business, ledger_hour, ledger_staff),
    ]  # fmt: skip


def _awarded() -> ColumnElement[bool]:
    return ScanLogRow.outcome == ScanOutcome.AWARDED.value


# SQLite's planner walks an index on business_id to group by it, reading each row at random
# from the table (twice the time of reading it in order, measured on the scan log); `+ 0`
# makes it an expression that no index answers. PostgreSQL hashes either way.
def _scanned(business: Any) -> Any:
    return business + 0


def _card_of_entry(businesses: Businesses = None) -> ColumnElement[bool]:
    # Likewise: the ledger in order, each card by its key (not each card's entries by index);
    # for a range of businesses, their cards by index, and each card's entries by index.
    if businesses is not None:
        return CardRow.id == LedgerRow.card_id
    return CardRow.id == LedgerRow.card_id + 0


def _hour(dialect: str) -> Any:
    return lambda column: sql_hour(dialect, column)


def _part(business: Any, hour: Any, values: dict[int, Any], width: int, *keys: Any) -> Select[Any]:
    """A truth row: `values` at their figures' places, zeros elsewhere, zero kept figures."""
    truth = [values[n] if n in values else literal(0) for n in range(width)]
    return select(business, hour, *keys, *truth, *_zeros(width))


def _kept(
    dialect: str, business: Any, hour: Any, keys: list[Any], figures: list[Any]
) -> Select[Any]:
    # The kept hour as the truth's hours read (sql_hour), its minutes kept: a row written by
    # hand off the hour stays a row of its own, as it always was.
    if dialect == "postgresql":
        at: Any = func.timezone("UTC", hour)
    else:
        at = func.strftime("%Y-%m-%d %H:%M:%S", hour)
    return select(business, at, *keys, *_zeros(len(figures)), *figures)


def _zeros(count: int) -> list[Any]:
    # Each its own literal: a select keeps one of a column repeated, the union needs them all.
    return [literal(0) for _ in range(count)]


def _differing(
    dialect: str,
    parts: list[Select[Any]],
    keys: list[str],
    width: int,
    scan_figures: tuple[int, ...],
    scans_from: datetime | None,
) -> Select[Any]:
    names = ["business", "hour", *keys, *[f"t{n}" for n in range(width)],
             *[f"k{n}" for n in range(width)]]  # fmt: skip
    rows = union_all(*parts).subquery()
    c = [rows.c[n] for n in rows.c.keys()]
    by = c[: 2 + len(keys)]
    truth: list[Any] = [func.sum(column) for column in c[2 + len(keys) : 2 + len(keys) + width]]
    kept = [func.sum(column) for column in c[2 + len(keys) + width :]]
    if scans_from is not None:  # the scan log before it may be cleared: the kept figure stands
        old = by[1] < _hour_value(dialect, scans_from)
        truth = [case((old, kept[n]), else_=t) if n in scan_figures else t
                 for n, t in enumerate(truth)]  # fmt: skip
    columns = zip([*by, *truth, *kept], names, strict=True)
    labelled = [column.label(name) for column, name in columns]
    return (
        select(*labelled)
        .group_by(*by)
        .having(or_(*[t != k for t, k in zip(truth, kept, strict=True)]))
        .order_by(*by)
    )


def _hour_value(dialect: str, at: datetime) -> ColumnElement[Any]:
    """`at` as sql_hour's values read: a UTC timestamp without a zone, or SQLite's text."""
    utc = at.astimezone(UTC).replace(tzinfo=None)
    if dialect == "postgresql":
        return literal(utc, DateTime())
    return literal(f"{utc:%Y-%m-%d %H:%M:%S}")


def _local_date(dialect: str, at: Any, business: Any, zone: Any) -> ColumnElement[Any]:
    if dialect == "postgresql":
        return cast(func.timezone(zone, at), Date)
    return getattr(func, LOCAL_DATE)(at, business)  # the function knows each business's zone


def _returning(dialect: str, width: int, businesses: Businesses = None) -> Select[Any]:
    """Each customer's first awarded scan of a local day, counted in its hour if the customer
    was first seen before that day."""
    business = _scanned(ScanLogRow.business_id)
    # PostgreSQL joins each scan's zone (a subquery per row cost it a second a million rows);
    # SQLite's function looks it up itself.
    zones: list[Any] = [BusinessRow.time_zone] if dialect == "postgresql" else []
    scan_zone = zones[0] if zones else None
    day = _local_date(dialect, ScanLogRow.created_at, ScanLogRow.business_id, scan_zone)
    visits = select(
        business.label("business_id"), ScanLogRow.customer_id, *zones,
        func.min(ScanLogRow.created_at).label("first_at"),
    ).where(_awarded())  # fmt: skip
    visits = _within(visits, ScanLogRow.business_id, businesses)
    if zones:
        visits = visits.join(BusinessRow, BusinessRow.id == ScanLogRow.business_id)
    grouped = visits.group_by(business, ScanLogRow.customer_id, *zones, day).subquery()
    zone = grouped.c.time_zone if zones else None
    customer = and_(
        BusinessCustomerRow.business_id == grouped.c.business_id,
        BusinessCustomerRow.customer_id == grouped.c.customer_id,
    )
    hour = sql_hour(dialect, grouped.c.first_at)
    seen = _local_date(dialect, BusinessCustomerRow.first_seen, grouped.c.business_id, zone)
    first = _local_date(dialect, grouped.c.first_at, grouped.c.business_id, zone)
    return (
        _part(grouped.c.business_id, hour, {4: func.count()}, width)
        .join(BusinessCustomerRow, customer)
        .where(seen < first)
        .group_by(grouped.c.business_id, hour)
    )


def local_date_function(zones: dict[int, str]) -> Callable[[str | None, int], str | None]:
    """SQLite's `doctor_local_date` for businesses in `zones` (id: time zone).

    Called for every awarded scan, so it answers from a dict of each zone's UTC hours (about
    0.5 µs a call) and asks zoneinfo once per zone and hour. Kept per zone, not per business:
    10,000 businesses in a handful of zones would otherwise keep millions of hours."""
    hours: dict[str, dict[str, str | None]] = {zone: {} for zone in set(zones.values())}

    def local_date(at: str | None, business_id: int) -> str | None:
        if at is None:
            return None
        zone = zones[business_id]
        known = hours[zone]
        hour = at[:13]
        if hour not in known:
            known[hour] = _hour_date(hour, zone)
        whole_hour = known[hour]
        if whole_hour is not None:
            return whole_hour
        at_utc = datetime.fromisoformat(at).replace(tzinfo=UTC)
        return local_day(at_utc, zone).isoformat()

    return local_date


@lru_cache(maxsize=65536)
def _hour_date(hour: str, zone: str) -> str | None:
    """The local date of every moment of a UTC hour ('YYYY-MM-DD HH'), or None if it changes
    within the hour (a zone off the hour by minutes, or a change of offset)."""
    start = datetime.fromisoformat(f"{hour}:00:00").replace(tzinfo=UTC)
    end = start.replace(minute=59, second=59, microsecond=999999)
    if local_day(start, zone) != local_day(end, zone):
        return None
    return local_day(start, zone).isoformat()
