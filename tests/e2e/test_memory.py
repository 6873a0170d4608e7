"""Memory bounded: what a process keeps per user or chat stays within its bound however many
people write; the database, not the process, remembers everyone."""

from __future__ import annotations

import asyncio

import pytest

from bot.pictures.fonts import COVERAGE_KEPT, _coverage, has_glyph
from tests.e2e.helpers import first_words

KEPT = 40
PEOPLE = 200
BOUNDED = {"memory_max_chats": KEPT, "send_per_second": 1000.0, "send_chat_interval": 0.02}


async def arrive(harness, n: int) -> None:
    user = await harness.user(f"P{n}")
    await user.start()
    await user.wait_for(lambda m: m.content.startswith(first_words("welcome", "en", name=f"P{n}")))


@pytest.mark.parametrize("harness", [BOUNDED], indirect=True)
async def test_many_people_writing_leave_every_cache_within_its_bound(harness):
    app = harness.app
    for start in range(0, PEOPLE, 20):
        await asyncio.gather(*(arrive(harness, n) for n in range(start, start + 20)))
        assert len(app.bot_data["seen_users"]) <= KEPT
        assert app.bot.rate_limiter.chats_tracked <= KEPT

    assert await harness.query("SELECT count(*) FROM telegram_users") == [(PEOPLE,)]
    assert len(app.bot_data["seen_users"]) == KEPT  # the most recent are still remembered
    # PTB keeps a dict per user and per chat once anything reads them: nothing does.
    assert (len(app.user_data), len(app.chat_data)) == (0, 0)
    assert app.update_processor.chats_in_flight == 0
    assert len(app.bot_data.get("update_results", {})) == 0


def test_the_fonts_coverage_answers_stay_within_their_bound():
    for code in range(0x4E00, 0x4E00 + COVERAGE_KEPT + 500):  # more CJK names than it keeps
        has_glyph(chr(code))
    assert len(_coverage) == COVERAGE_KEPT
