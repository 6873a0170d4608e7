"""Telegram-like flood limits, fault injection and the counters the sandbox keeps."""

from __future__ import annotations

import math
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class RateLimits:
    """Flood limits: an overall rate and a per-chat rate with a short burst allowance."""

    global_per_second: float = 30.0
    per_chat_per_second: float = 1.0
    per_chat_burst: int = 3
    enabled: bool = True

    @classmethod
    def off(cls) -> RateLimits:
        return cls(enabled=False)

    def scaled(self, factor: float) -> RateLimits:
        """The same limits with rates multiplied by ``factor`` (bursts unchanged)."""
        return replace(
            self,
            global_per_second=self.global_per_second * factor,
            per_chat_per_second=self.per_chat_per_second * factor,
        )


class _Bucket:
    """A token bucket: ``capacity`` tokens, refilled at ``rate`` per second."""

    def __init__(self, rate: float, capacity: float, now: float) -> None:
        self.rate = rate
        self.capacity = max(1.0, capacity)
        self.tokens = self.capacity
        self.stamp = now

    def wait_time(self, now: float) -> float:
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        return 0.0 if self.tokens >= 1.0 else (1.0 - self.tokens) / self.rate

    def take(self) -> None:
        self.tokens -= 1.0


class RateLimiter:
    """Answers whether one more message may go to a chat now, and if not, how long to wait."""

    def __init__(
        self, limits: RateLimits | None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._clock = clock
        self.configure(limits)

    def configure(self, limits: RateLimits | None) -> None:
        self.limits = limits if limits is not None else RateLimits.off()
        now = self._clock()
        self._global = _Bucket(self.limits.global_per_second, self.limits.global_per_second, now)
        self._chats: dict[int, _Bucket] = {}

    def check(self, chat_id: int) -> int | None:
        """Consume a slot and return None, or return ``retry_after`` seconds (at least 1)."""
        if not self.limits.enabled:
            return None
        now = self._clock()
        chat = self._chats.get(chat_id)
        if chat is None:
            chat = _Bucket(self.limits.per_chat_per_second, self.limits.per_chat_burst, now)
            self._chats[chat_id] = chat
        wait = max(self._global.wait_time(now), chat.wait_time(now))
        if wait > 0:
            # Telegram only ever answers whole seconds.
            return max(1, math.ceil(wait))
        self._global.take()
        chat.take()
        return None


@dataclass
class Faults:
    """Share of Bot API calls answered with an injected fault, and an added delay."""

    rate_429: float = 0.0
    rate_5xx: float = 0.0
    rate_drop: float = 0.0
    delay_ms: int = 0
    methods: frozenset[str] | None = None
    seed: int | None = None
    retry_after: int = 1
    _rng: random.Random = field(default_factory=random.Random, repr=False)

    @classmethod
    def build(cls, methods: Iterable[str] | None = None, **kwargs: Any) -> Faults:
        names = None if methods is None else frozenset(m.lower() for m in methods)
        faults = cls(methods=names, **kwargs)
        faults._rng = random.Random(faults.seed)
        return faults

    def applies(self, method: str) -> bool:
        return self.methods is None or method.lower() in self.methods

    def pick(self, method: str) -> str | None:
        """Return "429", "5xx", "drop" or None for one call of ``method``."""
        if not self.applies(method):
            return None
        roll = self._rng.random()
        for kind, share in (("429", self.rate_429), ("5xx", self.rate_5xx)):
            if roll < share:
                return kind
            roll -= share
        return "drop" if roll < self.rate_drop else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rate_429": self.rate_429,
            "rate_5xx": self.rate_5xx,
            "rate_drop": self.rate_drop,
            "delay_ms": self.delay_ms,
            "methods": None if self.methods is None else sorted(self.methods),
            "seed": self.seed,
            "retry_after": self.retry_after,
        }


@dataclass
class Stats:
    """Counters over Bot API calls; ``snapshot()`` is what tests and the control API read."""

    calls: Counter[str] = field(default_factory=Counter)
    errors: Counter[int] = field(default_factory=Counter)
    faults: Counter[str] = field(default_factory=Counter)
    rate_limited: int = 0
    messages_sent: int = 0

    def snapshot(self) -> dict[str, Any]:
        return {
            "calls": dict(self.calls),
            "total_calls": sum(self.calls.values()),
            "errors": {str(code): n for code, n in self.errors.items()},
            "rate_limited": self.rate_limited,
            "faults": dict(self.faults),
            "faults_injected": sum(self.faults.values()),
            "messages_sent": self.messages_sent,
        }

    def reset(self) -> None:
        self.calls.clear()
        self.errors.clear()
        self.faults.clear()
        self.rate_limited = 0
        self.messages_sent = 0
