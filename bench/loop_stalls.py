"""The event loop's heartbeat for the benches: its longest stall per phase, and what made it.

A 5 ms sleep is timed on the loop; a gap past it is a stall. Each gap is split three ways:
- `held`: CPU time of the loop's thread in it (`time.thread_time`): the bot's own steps;
- `waited`: time the loop's thread stood runnable in the kernel's run queue without a core
  (`/proc/thread-self/schedstat`, Linux): other processes on the machine's cores;
- the rest: the thread asleep though it had work, such as waiting for the GIL held by another
  thread of the process, or for a page read back from the disk (`faults`: the thread's major
  page faults in the gap, its code or data evicted by a busy page cache; `read_kb`, what it
  read from the disk: SQLite's pages, read inline, when they were not in the page cache).
A stall the bot can help is `held` (or the rest); `waited` is the machine. The machine's load
in each phase is given too (`cores_busy_*`: cores' worth of CPU time used by every process,
from /proc/stat; `steal`: taken by the hypervisor).
"""

from __future__ import annotations

import asyncio
import gc
import os
import resource
import time
from dataclasses import dataclass
from typing import IO

from bench.loop_watchdog import LoopWatchdog


@dataclass
class Gap:
    wall: float = 0.0  # ms past the 5 ms sleep
    held: float = 0.0  # ms of the loop thread's CPU
    waited: float = 0.0  # ms runnable without a core
    faults: int = 0  # major page faults (a page read from the disk)
    read_kb: int = 0  # read from the disk by the loop's thread (SQLite's pages, inline)


class Stalls:
    """Per phase, the longest gap (with its split) and the longest hold. A gap counts for every
    phase that was current during it (a path that never yields begins and ends inside one gap)."""

    def __init__(self, watchdog: LoopWatchdog | None = None) -> None:
        self.watchdog = watchdog  # where the loop's thread is in a stall (bench/loop_watchdog.py)
        self._phase = "idle"
        self._during = {self._phase}
        self.longest: dict[str, Gap] = {}
        self.held: dict[str, float] = {}  # the loop thread's CPU time between two turns
        self.after = "start"  # the heavy path before the current steady window
        self.steady_held_after = ""  # which path the steady phase's longest hold came after
        self.collections = Collections()
        self.machine = Machine()
        self._task: asyncio.Task[None] | None = None

    @property
    def phase(self) -> str:
        return self._phase

    @phase.setter
    def phase(self, name: str) -> None:
        if self._phase != "steady" and name == "steady":
            self.after = self._phase
        self.machine.phase(self._phase, name)
        self._phase = name
        self._during.add(name)
        self.collections.phase = name
        if self.watchdog:
            self.watchdog.phase = name

    def start(self) -> None:
        self._task = asyncio.create_task(self._beat())
        if self.watchdog:
            self.watchdog.start()

    async def stop(self) -> None:
        self.machine.phase(self._phase, self._phase)  # the last phase's share
        if self.watchdog:
            self.watchdog.stop()
        if self._task:
            self._task.cancel()

    def figures(self) -> dict[str, float | str]:
        out: dict[str, float | str] = {}
        for phase, gap in self.longest.items():
            out[f"stall_{phase}_ms"] = round(gap.wall, 1)
            out[f"stall_{phase}_waited_ms"] = round(gap.waited, 1)
            if gap.faults or gap.read_kb:
                out[f"stall_{phase}_faults"] = gap.faults
                out[f"stall_{phase}_read_kb"] = gap.read_kb
        worst = max(self.longest.values(), key=lambda gap: gap.wall)
        out["longest_stall_ms"] = round(worst.wall, 1)
        out["longest_stall_held_ms"] = round(worst.held, 1)
        out["longest_stall_waited_ms"] = round(worst.waited, 1)
        out["longest_stall_faults"] = worst.faults
        out["longest_stall_read_kb"] = worst.read_kb
        for phase, held in self.held.items():
            out[f"hold_{phase}_ms"] = round(held, 1)
        out["longest_hold_ms"] = round(max(self.held.values()), 1)
        out["steady_hold_after"] = self.steady_held_after
        out.update(self.machine.figures())
        for phase, pause in self.collections.longest.items():
            out[f"gc_{phase}_ms"] = round(pause, 1)
        return out

    async def _beat(self) -> None:
        with ThreadCounters() as counters:  # the loop's thread's own
            while True:
                began, cpu, before = time.perf_counter(), time.thread_time(), counters.read()
                self._during = {self._phase}
                await asyncio.sleep(0.005)
                if self.watchdog:
                    self.watchdog.beat()
                after = counters.read()
                gap = Gap(
                    (time.perf_counter() - began - 0.005) * 1000,
                    (time.thread_time() - cpu) * 1000,
                    (after[0] - before[0]) / 1e6,
                    after[1] - before[1],
                    (after[2] - before[2]) // 1024,
                )
                for name in self._during:
                    if gap.wall > self.longest.get(name, Gap()).wall:
                        self.longest[name] = gap
                    if name == "steady" and gap.held > self.held.get(name, 0.0):
                        self.steady_held_after = self.after
                    self.held[name] = max(self.held.get(name, 0.0), gap.held)


class ThreadCounters:
    """The calling thread's kernel counters (Linux; zeros elsewhere): nanoseconds it stood in a
    run queue waiting for a core, its major page faults, and bytes it had read from the disk."""

    def __enter__(self) -> ThreadCounters:
        self._files = [_opened("/proc/thread-self/schedstat"), _opened("/proc/thread-self/io")]
        return self

    def __exit__(self, *_: object) -> None:
        for file in self._files:
            if file:
                file.close()

    def read(self) -> tuple[int, int, int]:
        schedstat, io = (_text(file) for file in self._files)
        waited = int(schedstat.split()[1]) if schedstat else 0
        read = next((int(line.split()[1]) for line in io.splitlines()
                     if line.startswith("read_bytes:")), 0)  # fmt: skip
        return waited, resource.getrusage(resource.RUSAGE_THREAD).ru_majflt, read


def _opened(path: str) -> IO[str] | None:
    try:
        return open(path)  # kept open (and tied to this thread): read on every beat
    except OSError:
        return None


def _text(file: IO[str] | None) -> str:
    if file is None:
        return ""
    file.seek(0)
    return file.read()


class Machine:
    """Every process's CPU use per phase, in cores' worth, and the hypervisor's steal."""

    def __init__(self) -> None:
        self._since = _cpu_times()
        self.busy: dict[str, list[float]] = {}  # phase: [busy, steal, total] in ticks

    def phase(self, ending: str, starting: str) -> None:
        now = _cpu_times()
        if now and self._since:
            idle = (now[3] + now[4]) - (self._since[3] + self._since[4])  # idle, iowait
            total = sum(now) - sum(self._since)
            steal = now[7] - self._since[7]
            figures = self.busy.setdefault(ending, [0.0, 0.0, 0.0])
            for n, value in enumerate((total - idle - steal, steal, total)):
                figures[n] += value
        self._since = now

    def figures(self) -> dict[str, float]:
        cores = os.cpu_count() or 1
        out = {}
        for phase, (busy, steal, total) in self.busy.items():
            if total:
                out[f"cores_busy_{phase}"] = round(busy / total * cores, 2)
                out[f"steal_{phase}"] = round(steal / total * cores, 3)
        return out


def _cpu_times() -> list[int]:
    """The machine's CPU times so far (user, nice, system, idle, iowait, irq, softirq, steal)."""
    try:
        with open("/proc/stat") as stat:
            return [int(v) for v in stat.readline().split()[1:9]]
    except OSError:
        return []


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
