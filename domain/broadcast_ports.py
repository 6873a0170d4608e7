"""What a broadcast stores: the owner's news, and how far writing its messages has got."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass
class Broadcast:
    """An owner's news to every card holder of a business, written to the outbox in chunks.

    `last_customer_id` is the cursor: the messages of every card holder up to it are written,
    in the same transactions that moved it. A worker holds `lease_owner` until `lease_until`
    while it writes a chunk; when the lease lapses any worker goes on from the cursor.
    """

    id: str  # the broadcast id the outbox rows carry
    business_id: int
    created_by: int
    business_name: str
    text: str
    created_at: datetime
    total: int = 0  # card holders when the owner asked
    written: int = 0
    last_customer_id: int = 0
    finished_at: datetime | None = None
    lease_owner: str = ""
    lease_until: datetime | None = None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


class BroadcastRepository(Protocol):
    async def add(self, broadcast: Broadcast) -> bool:
        """Store it; False if a broadcast with this id exists (the same /broadcast again)."""
        ...

    async def get(self, broadcast_id: str) -> Broadcast | None: ...
    async def lock(self, broadcast_id: str) -> Broadcast | None: ...
    async def update(self, broadcast: Broadcast) -> None: ...
    async def unfinished(self, now: datetime, limit: int = 100) -> list[str]:
        """Broadcasts still being written whose lease has lapsed (or was never taken)."""
        ...

    async def holders(self, business_id: int) -> int:
        """How many customers hold a card of the business (not one they left)."""
        ...
