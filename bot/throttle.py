"""A per-person rate limit for commands that look customers up by a typed code.

Kept in the process, bounded: a sliding window of timestamps per key, at most `max_keys` keys
(the least recently used is dropped). It guards /code and /invite against guessing manual codes
and flooding invitations; with several workers each counts its own share, so the bound is the
limit times the workers, still far below what guessing 40-bit codes would need, and no write
to the database is added to the scan path.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable


class Throttle:
    def __init__(
        self,
        per_minute: int,
        *,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_minute = per_minute
        self.max_keys = max_keys
        self._clock = clock
        self._seen: OrderedDict[Hashable, deque[float]] = OrderedDict()

    def allow(self, key: Hashable) -> bool:
        """Count one use of `key`; False when it has had `per_minute` uses in the last minute."""
        if self.per_minute <= 0:
            return True  # 0 switches the limit off
        now = self._clock()
        uses = self._seen.pop(key, None) or deque()
        while uses and now - uses[0] >= 60.0:
            uses.popleft()
        self._seen[key] = uses
        if len(self._seen) > self.max_keys:
            self._seen.popitem(last=False)
        if len(uses) >= self.per_minute:
            return False
        uses.append(now)
        return True
