"""PTB's update processor, ordered per chat: one chat's updates one after another, in arrival
order, while other chats' updates run at the same time.

A guided step reads the chat's state when its update is handled, so two quick answers of one
chat must not overtake each other. PTB's base class takes its semaphore before handing an
update over, so updates waiting for their chat's turn hold a slot there; that bound is kept
wide (`waiting`), and a second semaphore, taken once it is the chat's turn, bounds the updates
actually running (`running`, 32 as before), so one chat's burst cannot stall the others.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


@dataclass
class _Turn:
    """A chat's lock and how many of its updates hold or wait for it."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0


class ChatOrderedProcessor(BaseUpdateProcessor):
    def __init__(self, running: int = 32, waiting: int = 1024) -> None:
        super().__init__(max(waiting, running))
        self._running = asyncio.Semaphore(running)
        self._turns: dict[int, _Turn] = {}

    @property
    def chats_in_flight(self) -> int:
        """Chats with an update running or waiting (their locks are dropped when idle)."""
        return len(self._turns)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:  # e.g. an inline query: no chat to keep in order
            async with self._running:
                await coroutine
            return
        turn = self._turns.setdefault(chat.id, _Turn())
        turn.users += 1
        try:
            async with turn.lock, self._running:
                await coroutine
        finally:
            turn.users -= 1
            if turn.users == 0:
                del self._turns[chat.id]

    async def initialize(self) -> None:
        """Nothing to set up: locks are made per chat as updates arrive."""

    async def shutdown(self) -> None:
        """Nothing to free: a chat's lock goes with its last update."""
