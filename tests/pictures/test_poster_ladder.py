"""The poster shows a program's whole rewards ladder, its longest one included, and still scans."""

from __future__ import annotations

import numpy as np

from bot.pictures.poster import MAX_REWARD_LINES, PosterSpec, poster_files
from bot.qr_reader import read_qr_texts
from domain.rewards import MAX_REWARDS
from tests.pictures.test_pictures import LINK, pixels


def poster(rewards: list[str]) -> bytes:
    spec = PosterSpec(LINK, "Café Lumen", "Coffee club", rewards=rewards, instruction="Scan me")
    return poster_files(spec)[0]


def test_the_longest_ladder_is_drawn_to_its_last_rung_and_the_code_still_scans():
    assert MAX_REWARD_LINES == MAX_REWARDS
    rungs = [f"🎁 Reward {n} at {n * 5} stamps" for n in range(1, MAX_REWARDS + 1)]
    full = poster(rungs)
    last_changed = poster([*rungs[:-1], "🎁 Something else at 50 stamps"])
    assert not np.array_equal(pixels(full), pixels(last_changed))  # the tenth rung is on it
    assert read_qr_texts(full) == [LINK]
