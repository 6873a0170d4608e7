"""The live hub: which pages a change wakes, what a reconnecting page missed, and closing."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.webapp.live import LiveHub, topics_of
from domain.events import PointsAwarded
from domain.models import Card, Customer, LedgerReason, Program, ProgramKind

NOW = datetime(2026, 11, 30, tzinfo=UTC)


def test_an_award_touches_its_customers_wallet_and_its_business_counter() -> None:
    customer = Customer(555, "ab" * 8, "K7QX-4M2P", "Ann", NOW, id=3)
    card = Card(3, 9, 42, "0001", NOW, balance=10, id=7)
    program = Program(42, "Club", ProgramKind.POINTS, 10, 50, "Coffee", "j", NOW, id=9)
    event = PointsAwarded(customer, card, program, "Café", 10, LedgerReason.SCAN)
    assert topics_of([event]) == {"c555", "b42"}


def test_a_change_wakes_only_the_pages_that_show_it() -> None:
    hub = LiveHub()
    ann, bob = hub.subscribe({"*", "c1"}), hub.subscribe({"*", "c2", "b5"})
    hub.publish({"c2"})
    assert not ann.woken.is_set() and bob.woken.is_set()
    hub.publish({"b5"})
    assert bob.last_id.endswith("-2")
    hub.unsubscribe(bob)
    assert hub.open_pages == 1


def test_a_page_that_reconnects_is_told_what_it_missed() -> None:
    hub = LiveHub()
    hub.publish({"c1"})
    seen = f"{hub.process}-1"
    assert not hub.subscribe({"c1"}, seen).woken.is_set()  # up to date
    hub.publish({"c2"})
    assert not hub.subscribe({"c1"}, seen).woken.is_set()  # someone else's change
    hub.publish({"c1"})
    assert hub.subscribe({"c1"}, seen).woken.is_set()  # missed one of its own
    assert hub.subscribe({"c1"}, "another-process-9").woken.is_set()  # unknown: read again
    assert not hub.subscribe({"c1"}).woken.is_set()  # a first connection reads anyway


def test_closing_ends_every_open_stream() -> None:
    hub = LiveHub()
    pages = [hub.subscribe({"*", f"c{n}"}) for n in range(3)]
    hub.close()
    assert hub.closing and all(page.woken.is_set() for page in pages)
