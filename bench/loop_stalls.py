"""The event loop's heartbeat for the benches: its longest stall per phase, and what made it.

A 5 ms sleep is timed on the loop; a gap past it is a stall. Each gap is split three ways:
- `held`: CPU time of the loop's thread in it (`time.thread_time`): the bot's own steps;
- `waited`: time the loop's thread stood runnable in the kernel's run queue without a core
  (`/proc/thread-self/schedstat`, Linux): other processes on the machine's cores;
- the rest: the thread asleep though it had work, such as waiting for the GIL held by another
  thread of the process, or for a page read from the disk.
A stall the bot can help is `held` (or the rest); `waited` is the machine.
"""

from __future__ import annotations

import asyncio
import gc
import time
from dataclasses import dataclass
from typing import IO


@dataclass
class Gap:
    wall: float = 0.0  # ms past the 5 ms sleep
    held: float = 0.0  # ms of the loop thread's CPU
    waited: float = 0.0  # ms runnable without a core


class Stalls:
    """Per phase, the longest gap (with its split) and the longest hold. A gap counts for every
    phase that was current during it (a path that never yields begins and ends inside one gap)."""

    def __init__(self) -> None:
        self._phase = "idle"
        self._during = {self._phase}
        self.longest: dict[str, Gap] = {}
        self.held: dict[str, float] = {}  # the loop thread's CPU time between two turns
        self.after = "start"  # the heavy path before the current steady window
        self.steady_held_after = ""  # which path the steady phase's longest hold came after
        self.collections = Collections()
        self._task: asyncio.Task[None] | None = None

    @property
    def phase(self) -> str:
        return self._phase

    @phase.setter
    def phase(self, name: str) -> None:
        if self._phase != "steady" and name == "steady":
            self.after = self._phase
        self._phase = name
        self._during.add(name)
        self.collections.phase = name

    def start(self) -> None:
        self._task = asyncio.create_task(self._beat())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()

    def figures(self) -> dict[str, float | str]:
        out: dict[str, float | str] = {}
        for phase, gap in self.longest.items():
            out[f"stall_{phase}_ms"] = round(gap.wall, 1)
            out[f"stall_{phase}_waited_ms"] = round(gap.waited, 1)
        worst = max(self.longest.values(), key=lambda gap: gap.wall)
        out["longest_stall_ms"] = round(worst.wall, 1)
        out["longest_stall_held_ms"] = round(worst.held, 1)
        out["longest_stall_waited_ms"] = round(worst.waited, 1)
        for phase, held in self.held.items():
            out[f"hold_{phase}_ms"] = round(held, 1)
        out["longest_hold_ms"] = round(max(self.held.values()), 1)
        out["steady_hold_after"] = self.steady_held_after
        for phase, pause in self.collections.longest.items():
            out[f"gc_{phase}_ms"] = round(pause, 1)
        return out

    async def _beat(self) -> None:
        queue = _run_queue()
        try:
            while True:
                began, cpu, waiting = time.perf_counter(), time.thread_time(), _waited(queue)
                self._during = {self._phase}
                await asyncio.sleep(0.005)
                gap = Gap(
                    (time.perf_counter() - began - 0.005) * 1000,
                    (time.thread_time() - cpu) * 1000,
                    (_waited(queue) - waiting) * 1000,
                )
                for name in self._during:
                    if gap.wall > self.longest.get(name, Gap()).wall:
                        self.longest[name] = gap
                    if name == "steady" and gap.held > self.held.get(name, 0.0):
                        self.steady_held_after = self.after
                    self.held[name] = max(self.held.get(name, 0.0), gap.held)
        finally:
            if queue:
                queue.close()


def _run_queue() -> IO[str] | None:
    """The loop thread's scheduler statistics (opened on that thread: thread-self)."""
    try:
        return open("/proc/thread-self/schedstat")  # kept open: read on every beat
    except OSError:
        return None


def _waited(queue: IO[str] | None) -> float:
    """Seconds this thread has stood in a run queue, waiting for a core."""
    if queue is None:
        return 0.0
    queue.seek(0)
    return int(queue.read().split()[1]) / 1e9


class Collections:
    """The longest pause of Python's garbage collector per phase: a hold between two statements
    that no statement explains is often a full collection of every object in the process."""

    def __init__(self) -> None:
        self.phase = ""
        self.longest: dict[str, float] = {}
        self._began = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, step: str, info: dict[str, int]) -> None:
        if step == "start":
            self._began = time.perf_counter()
            return
        took = (time.perf_counter() - self._began) * 1000
        self.longest[self.phase] = max(self.longest.get(self.phase, 0.0), took)
