"""The update processor: one chat's updates in arrival order, other chats alongside."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import Chat, Message, Update

from bot.ordering import ChatOrderedProcessor

_ids = iter(range(1, 10_000))


def text_update(chat_id: int, text: str) -> Update:
    chat = Chat(id=chat_id, type=Chat.PRIVATE)
    message = Message(message_id=next(_ids), date=datetime.now(UTC), chat=chat, text=text)
    return Update(update_id=next(_ids), message=message)


class Journal:
    """What each handled update did, in order; a handler may be held until released."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.held: dict[str, asyncio.Event] = {}
        self.started: dict[str, asyncio.Event] = {}
        self.running = self.peak = 0

    async def handle(self, name: str) -> None:
        self.lines.append(f"{name} start")
        self.running += 1
        self.peak = max(self.peak, self.running)
        self.started.setdefault(name, asyncio.Event()).set()
        if name in self.held:
            await self.held[name].wait()
        self.running -= 1
        self.lines.append(f"{name} end")

    def hold(self, name: str) -> asyncio.Event:
        return self.held.setdefault(name, asyncio.Event())

    async def until_started(self, name: str) -> None:
        await self.started.setdefault(name, asyncio.Event()).wait()


def feed(processor: ChatOrderedProcessor, journal: Journal, chat_id: int, name: str):
    """One update handed to the processor, as PTB's update fetcher does: a task per update."""
    update = text_update(chat_id, name)
    return asyncio.create_task(processor.process_update(update, journal.handle(name)))


async def test_two_quick_messages_of_one_chat_run_in_order_while_another_chat_proceeds():
    processor = ChatOrderedProcessor(running=32)
    journal = Journal()
    release = journal.hold("a1")
    tasks = [feed(processor, journal, 1, "a1"), feed(processor, journal, 1, "a2")]
    tasks.append(feed(processor, journal, 2, "b1"))
    await journal.until_started("a1")
    await tasks[2]  # the other chat finishes while the first chat's first update is held
    assert journal.lines == ["a1 start", "b1 start", "b1 end"]
    release.set()
    await asyncio.gather(*tasks)
    assert journal.lines[3:] == ["a1 end", "a2 start", "a2 end"]
    assert processor.chats_in_flight == 0  # no lock left behind for idle chats


async def test_a_burst_from_one_chat_does_not_take_the_other_chats_slots():
    processor = ChatOrderedProcessor(running=2)
    journal = Journal()
    release = journal.hold("a0")
    burst = [feed(processor, journal, 1, f"a{n}") for n in range(10)]
    await journal.until_started("a0")
    async with asyncio.timeout(5):  # fails (rather than hangs) if the burst holds every slot
        await feed(processor, journal, 2, "b")
        await feed(processor, journal, 3, "c")
    assert journal.lines == ["a0 start", "b start", "b end", "c start", "c end"]
    release.set()
    await asyncio.gather(*burst)
    assert [line for line in journal.lines if line.startswith("a")] == [
        f"a{n} {edge}" for n in range(10) for edge in ("start", "end")
    ]


async def test_no_more_updates_run_at_once_than_allowed():
    processor = ChatOrderedProcessor(running=2)
    journal = Journal()
    releases = [journal.hold(f"c{n}") for n in range(3)]
    tasks = [feed(processor, journal, 10 + n, f"c{n}") for n in range(3)]
    await journal.until_started("c0")
    await journal.until_started("c1")  # by now the third task waits for a slot
    assert "c2 start" not in journal.lines
    releases[0].set()
    await journal.until_started("c2")
    for release in releases:
        release.set()
    await asyncio.gather(*tasks)
    assert journal.peak == 2
