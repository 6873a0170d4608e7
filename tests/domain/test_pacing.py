"""Background steps rest as long as they worked: half the time at most (domain/pacing.py)."""

from __future__ import annotations

import pytest

from domain.pacing import Pace


class Clock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


async def test_each_rest_lasts_as_long_as_the_step_before_it():
    clock = Clock()
    pace = Pace(clock=clock, sleep=clock.sleep)
    for step in (0.020, 0.005, 0.0):
        clock.now += step  # the step's work
        await pace.rest()
    assert clock.slept == [0.02, 0.005, 0.0]  # a step of no time still gives the loop a turn


async def test_a_larger_share_rests_less_and_the_rest_itself_is_not_counted_as_work():
    clock = Clock()
    pace = Pace(0.8, clock=clock, sleep=clock.sleep)
    clock.now += 0.040
    await pace.rest()
    clock.now += 0.040
    await pace.rest()
    assert clock.slept == [0.01, 0.01]


@pytest.mark.parametrize("share", [0, -0.5, 1.5])
def test_a_share_outside_zero_to_one_is_refused(share):
    with pytest.raises(ValueError):
        Pace(share)
