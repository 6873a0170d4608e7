"""The growth tools' pure rules: birthdays as typed, the day a birthday falls on, segments."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import InvalidInput
from domain.growth.birthdays import birthdays_on, parse_birthday
from domain.growth.bulk import parse_segment
from domain.growth.owner_ports import Segment, SegmentKind


@pytest.mark.parametrize("text", ["14.05", "14/05", "14-05", " 14 . 5 ", "14 05"])
def test_a_birthday_is_read_as_day_then_month(text):
    assert parse_birthday(text) == (14, 5)


def test_29_february_is_a_birthday_and_30_or_31_february_are_not():
    assert parse_birthday("29.02") == (29, 2)
    for text in ("30.02", "31.02", "31.04", "00.01"):
        with pytest.raises(InvalidInput) as refused:
            parse_birthday(text)
        assert refused.value.key in ("birthday_no_such_day", "birthday_format")
    with pytest.raises(InvalidInput) as refused:
        parse_birthday("31.02")
    assert (refused.value.key, refused.value.params) == (
        "birthday_no_such_day", {"day": 31, "month": 2},
    )  # fmt: skip


@pytest.mark.parametrize("text", ["", "14", "14.13", "May 14", "1.2.3", "99.99"])
def test_anything_else_is_asked_again(text):
    with pytest.raises(InvalidInput):
        parse_birthday(text)


def test_29_february_is_celebrated_on_the_28th_only_without_a_29th():
    assert birthdays_on(date(2025, 2, 28)) == [(2, 28), (2, 29)]
    assert birthdays_on(date(2024, 2, 28)) == [(2, 28)]
    assert birthdays_on(date(2024, 2, 29)) == [(2, 29)]
    assert birthdays_on(date(2025, 3, 1)) == [(3, 1)]


def test_segments_are_read_with_their_values():
    assert parse_segment("all") == Segment(SegmentKind.ALL)
    assert parse_segment("idle") == Segment(SegmentKind.IDLE, 30)
    assert parse_segment("IDLE:45") == Segment(SegmentKind.IDLE, 45)
    assert parse_segment("balance:100") == Segment(SegmentKind.MIN_BALANCE, 100)
    # A tier by its name (looked up in the program when the job starts); "_" for a space.
    assert parse_segment("tier:Gold") == Segment(SegmentKind.TIER, tier_name="Gold")
    assert parse_segment("TIER:gold_club") == Segment(SegmentKind.TIER, tier_name="gold club")
    for text in ("balance", "vip", "tier", "tier:", "tier:_", "idle:-3", ""):
        with pytest.raises(InvalidInput):
            parse_segment(text)
