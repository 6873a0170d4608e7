"""The bot's one rate limiter, driven through PTB's interface with a stand-in for the wire.

The end-to-end check against the sandbox's flood limits is tests/e2e/test_rate_limit.py; these
pin the rules one by one, with real time at small scales.
"""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import pytest
from telegram.error import RetryAfter

from bot.ratelimit import Priority, SharedRateLimiter, Turn


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


class Wire:
    """Records when each call reached it; raises the 429s it is told to, once each."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, float]] = []
        self.refuse: dict[str, float] = {}  # label: retry_after seconds
        self.reached = asyncio.Event()

    async def post(self, label: str) -> bool:
        self.calls.append((label, time.monotonic()))
        self.reached.set()
        if (wait := self.refuse.pop(label, None)) is not None:
            raise RetryAfter(timedelta(seconds=wait))
        return True

    def order(self) -> list[str]:
        return [label for label, _ in self.calls]

    def at(self, label: str) -> float:
        return [t for name, t in self.calls if name == label][-1]


async def send(
    limiter: SharedRateLimiter,
    wire: Wire,
    label: str,
    chat_id: int | None,
    how: Priority | Turn | None = None,
) -> object:
    data = {} if chat_id is None else {"chat_id": chat_id, "text": label}
    return await limiter.process_request(wire.post, (label,), {}, "sendMessage", data, how)


async def test_a_reply_goes_before_broadcasts_already_waiting() -> None:
    limiter, wire = SharedRateLimiter(per_second=20, chat_interval=1.0), Wire()
    broadcast = [
        asyncio.create_task(send(limiter, wire, f"news{n}", 100 + n, Priority.BROADCAST))
        for n in range(12)
    ]
    await wire.reached.wait()  # the broadcast's calls are queued; the first few went at once
    before = len(wire.calls)
    notification = asyncio.create_task(send(limiter, wire, "push", 7, Priority.NOTIFICATION))
    await asyncio.sleep(0)  # one turn of the loop, not a wait: the push task queues first
    await send(limiter, wire, "reply", 8)
    await asyncio.gather(notification, *broadcast)
    order = wire.order()
    assert order.index("reply") == before and order.index("push") == before + 1, order
    await limiter.shutdown()


async def test_one_chat_gets_its_burst_then_one_per_interval_and_others_do_not_wait() -> None:
    limiter, wire = SharedRateLimiter(per_second=1000, chat_interval=0.1, chat_burst=2), Wire()
    started = time.monotonic()
    busy = [asyncio.create_task(send(limiter, wire, f"m{n}", 1)) for n in range(4)]
    await asyncio.sleep(0)  # one turn of the loop, not a wait: the four tasks queue first
    await send(limiter, wire, "other", 2)
    await asyncio.gather(*busy)
    offsets = [wire.at(f"m{n}") - started for n in range(4)]
    assert offsets[1] < 0.05 and 0.09 < offsets[2] < offsets[3] - 0.09, offsets
    assert wire.at("other") - started < 0.05
    await limiter.shutdown()


async def test_the_overall_rate_spaces_calls_to_different_chats() -> None:
    limiter, wire = SharedRateLimiter(per_second=50, chat_interval=1.0), Wire()
    started = time.monotonic()
    await asyncio.gather(*(send(limiter, wire, f"c{n}", n) for n in range(30)))
    elapsed = wire.calls[-1][1] - started
    burst = 50 * 0.2  # GLOBAL_BURST_SECONDS' worth go at once, the rest at 50 a second
    assert elapsed >= (30 - burst - 1) / 50, elapsed
    await limiter.shutdown()


async def test_a_429_holds_only_its_chat_and_the_reply_is_retried_after_it() -> None:
    limiter, wire = SharedRateLimiter(per_second=1000, chat_interval=0.01), Wire()
    wire.refuse["reply"] = 0.3
    reply = asyncio.create_task(send(limiter, wire, "reply", 1))
    await wire.reached.wait()
    refused_at = wire.calls[0][1]
    assert await send(limiter, wire, "elsewhere", 2) is True
    assert wire.at("elsewhere") - refused_at < 0.1  # other chats are not held
    assert await reply is True
    assert wire.order().count("reply") == 2
    assert wire.at("reply") - refused_at >= 0.29
    await limiter.shutdown()


async def test_a_call_without_a_chat_is_not_counted_but_waits_out_a_429() -> None:
    limiter, wire = SharedRateLimiter(per_second=1, chat_interval=1.0), Wire()
    started = time.monotonic()
    for n in range(5):  # button answers and getFile name no chat: not spaced at 1 a second
        await send(limiter, wire, f"answer{n}", None)
    assert time.monotonic() - started < 0.5
    wire.refuse["getme"] = 0.2
    assert await send(limiter, wire, "getme", None) is True
    assert wire.at("getme") - started >= 0.2
    await limiter.shutdown()


async def test_the_dispatchers_turn_is_not_retried_and_counts_in_the_chats_wait() -> None:
    limiter, wire = SharedRateLimiter(per_second=1000, chat_interval=1.0, chat_burst=1), Wire()
    assert limiter.chat_wait(5) == 0.0
    first, second = limiter.book(5, Priority.NOTIFICATION), limiter.book(5, Priority.NOTIFICATION)
    assert 0.9 < limiter.chat_wait(5) <= 2.0  # one more would wait behind both
    await first.granted
    wire.refuse["push"] = 3.0
    with pytest.raises(RetryAfter):  # the outbox row goes back; the limiter does not retry
        await send(limiter, wire, "push", 5, first)
    assert wire.order() == ["push"]
    second.granted.cancel()  # a stopping dispatcher gives its place up
    await asyncio.sleep(0)  # one turn of the loop, not a wait: the cancellation is handled
    assert 2.9 < limiter.chat_wait(5) <= 3.0  # held for the retry_after Telegram named
    await limiter.shutdown()


async def test_chats_no_longer_limited_are_forgotten() -> None:
    limiter = SharedRateLimiter(per_second=10**6, chat_interval=0.001, max_chats=100)
    wire = Wire()
    for chat_id in range(2000):
        await send(limiter, wire, "hi", chat_id)
        assert limiter.chats_tracked <= 100
    await limiter.shutdown()
