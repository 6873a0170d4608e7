"""Migration 0011 on a filled database: lifetime points become points earned (awards less their
undos, spending and other kinds left out), and the downgrade gives back the old sum of gains."""

from __future__ import annotations

from storage.migrate import downgrade, upgrade
from tests.storage.test_data_migrations import FILL, empty_url, run  # noqa: F401 (fixture)

TIERS = "0011"


async def test_lifetime_points_are_recomputed_as_points_earned_and_back(empty_url):  # noqa: F811
    upgrade(empty_url, "0009")
    await run(empty_url, *FILL)  # awards 10, 5 (undone), 5; a redemption of 2; lifetime 20
    upgrade(empty_url, TIERS)
    [cards, tiers] = await run(
        empty_url,
        "SELECT id, balance, lifetime_points, tier_id FROM loyalty_cards",
        "SELECT count(*) FROM program_tiers",
    )
    assert cards == [(1, 13, 15, None)] and tiers == [(0,)]
    downgrade(empty_url, "0009")
    [cards] = await run(empty_url, "SELECT id, balance, lifetime_points FROM loyalty_cards")
    assert cards == [(1, 13, 20)]
