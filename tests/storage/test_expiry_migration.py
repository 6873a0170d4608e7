"""Migration 0012 on a database filled at the previous head: programs keep their points (expiry
off, a 7-day warning ready), cards and ledger unchanged, and back down again."""

from __future__ import annotations

from storage.migrate import downgrade, upgrade
from tests.storage.test_data_migrations import FILL, LINKS, below, empty_url, run

__all__ = ["empty_url"]
EXPIRY = "0012"


async def test_existing_programs_keep_their_points_and_the_ledger_is_unchanged(empty_url):
    before = below(EXPIRY)
    upgrade(empty_url, below(LINKS))  # the revision FILL is written for
    await run(empty_url, *FILL)
    upgrade(empty_url, before)
    ledger_before = (await run(empty_url, "SELECT * FROM point_transactions ORDER BY id"))[0]
    upgrade(empty_url)
    programs, cards, ledger, links = await run(
        empty_url,
        "SELECT expiry_days, expiry_warning_days FROM loyalty_programs",
        "SELECT balance, expiry_swept_through, expiry_warned_through, expiry_warned_for"
        " FROM loyalty_cards",
        "SELECT COUNT(*) FROM point_transactions",
        "SELECT COUNT(*) FROM point_expiries",
    )
    assert programs == [(None, 7)]
    assert cards == [(13, None, None, None)]
    assert ledger == [(len(ledger_before),)] and links == [(0,)]
    downgrade(empty_url, before)
    assert (await run(empty_url, "SELECT * FROM point_transactions ORDER BY id"))[0] == (
        ledger_before
    )
