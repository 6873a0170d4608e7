"""Where the event loop's thread is while a stall goes on: sampled only when it is overdue.

`LoopWatchdog().start()` on the loop's thread. The loop marks each of its turns (`beat`, called
by a heartbeat); a thread wakes every 5 ms and, when the loop is over `after_ms` late, records
where the loop's thread is: its state, wait and system call in the kernel (`in_kernel`,
bench/loop_trace.py) and its Python frames. Unlike bench/loop_trace.py's sampler it takes the
interpreter's lock only then, so the figures around it stay as they are. A sample cannot be
taken while the loop's thread holds that lock without giving it up: such a stall shows as a
late first sample (`late_ms`).
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from bench.loop_trace import frames_of, in_kernel

_OURS = ("/domain/", "/storage/", "/bot/", "/sqlalchemy/", "/asyncio/", "/selectors")


@dataclass
class Watched:
    phase: str
    began: float  # perf_counter of the loop's last turn before it
    longest_ms: float = 0.0
    late_ms: float = 0.0  # how late the first sample came after it was due
    samples: Counter[str] = field(default_factory=Counter)
    # The loop thread's user and system CPU (ms) and minor page faults from the first sample to
    # the loop's next turn (a first sample comes `after_ms` into the stall).
    times: tuple[int, int, int] = (0, 0, 0)


class LoopWatchdog:
    def __init__(self, after_ms: float = 30.0, keep: int = 5) -> None:
        self.after, self.keep = after_ms / 1000, keep
        self.phase = "idle"
        self.stalls: list[Watched] = []
        self._last = time.perf_counter()
        self._task_dir = ""
        self._thread_id = 0
        self._running = False

    def start(self) -> None:
        self._thread_id = threading.get_ident()
        self._task_dir = f"/proc/self/task/{threading.get_native_id()}"
        self._running = True
        threading.Thread(target=self._watch, daemon=True).start()

    def stop(self) -> None:
        self._running = False

    def beat(self) -> None:
        """A turn of the loop (its heartbeat's)."""
        self._last = time.perf_counter()

    def _watch(self) -> None:
        current: Watched | None = None
        while self._running:
            time.sleep(0.005)
            last, now = self._last, time.perf_counter()
            if current is not None and current.began != last:  # the loop turned: it ended
                ended = _times(self._task_dir)
                current.times = tuple(b - a for a, b in zip(current.times, ended, strict=True))
                self._keep(current)
                current = None
            if now - last < self.after:
                continue
            if current is None:
                current = Watched(self.phase, last, late_ms=(now - last - self.after) * 1000)
                current.times = _times(self._task_dir)
            current.longest_ms = (now - last) * 1000
            current.samples[self._where()] += 1

    def _keep(self, stall: Watched) -> None:
        self.stalls.append(stall)
        self.stalls.sort(key=lambda s: -s.longest_ms)
        del self.stalls[self.keep :]

    def _where(self) -> str:
        kernel = in_kernel(self._task_dir)
        stack = frames_of(self._thread_id, _OURS, 4)
        return f"{kernel} | {' < '.join(stack)}"

    def report(self) -> None:
        for stall in self.stalls:
            print(
                f"  stall {stall.longest_ms:.0f}+ ms in {stall.phase}"
                f" (first sample {stall.late_ms:.1f} ms late); after it, user {stall.times[0]}"
                f" ms, system {stall.times[1]} ms, minor faults {stall.times[2]}"
            )
            total = sum(stall.samples.values())
            for where, count in stall.samples.most_common(4):
                print(f"    {100 * count / total:3.0f}% {where}")


def _times(task: str) -> tuple[int, int, int]:
    """The thread's user and system CPU in ms (10 ms ticks) and its minor page faults."""
    try:
        with open(f"{task}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return (0, 0, 0)
    tick = 1000 // os.sysconf("SC_CLK_TCK")
    return int(fields[11]) * tick, int(fields[12]) * tick, int(fields[7])
