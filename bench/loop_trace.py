"""What ran during the loop's longest holds: statements, collections and sampled Python frames.

`LoopTrace(engine).start()` on the loop's thread: a heartbeat records each gap between two of
its turns (wall clock and the loop thread's CPU), SQLAlchemy's cursor events each statement's
CPU time, `gc.callbacks` each collection (generation, duration, objects collected), and a
sampler thread the loop thread's stack every `interval` seconds (it reads the loop thread's
CPU clock, so a sample is placed in the hold it fell in). `report(phase)` prints the holds of
a phase over `threshold_ms` of CPU or 5 times that of wall clock, each with what filled it
(in a stall, the frames the loop's thread was sampled in while off the CPU, with where it was
in the kernel: `in_kernel`). A diagnostic for
bench/sweep_holds.py (`--trace MS`); the sampler perturbs what it measures a little (it takes
the GIL).
"""

from __future__ import annotations

import asyncio
import gc
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event

_OURS = ("/domain/", "/storage/", "/bot/", "/sqlalchemy/")


def frames_of(thread_id: int, ours: tuple[str, ...], most: int) -> list[str]:
    """The innermost `most` frames of a thread that run in files named by `ours`, innermost
    first, each as folder/file:line:function."""
    frame = sys._current_frames().get(thread_id)
    stack: list[str] = []
    while frame is not None and len(stack) < most:
        code = frame.f_code
        if any(part in code.co_filename for part in ours):
            short = code.co_filename.rsplit("/", 2)
            stack.append(f"{short[-2]}/{short[-1]}:{frame.f_lineno}:{code.co_name}")
        frame = frame.f_back
    return stack


def in_kernel(task_dir: str) -> str:
    """Where a thread (`/proc/self/task/<its native id>`) is in the kernel: its state (R
    running or runnable, S asleep, D waiting for the disk), the kernel function it waits in and
    its system call (Linux x86-64's numbers: 0 read, 7 poll, 17 pread64, 74 fsync, 75
    fdatasync, 202 futex, 232 epoll_wait); "?" where /proc cannot tell."""
    try:
        with open(f"{task_dir}/stat") as stat:
            state = stat.read().rsplit(")", 1)[1].split()[0]
        with open(f"{task_dir}/wchan") as wchan, open(f"{task_dir}/syscall") as call:
            return f"{state} {wchan.read() or '-'} syscall {call.read().split()[0]}"
    except OSError:
        return "?"


@dataclass
class Hold:
    phase: str
    began: float  # the loop thread's CPU clock, seconds
    ended: float
    wall_ms: float
    statements: list[tuple[float, str]] = field(default_factory=list)  # (cpu ms, sql)
    collections: list[tuple[int, float, int]] = field(default_factory=list)  # gen, ms, freed
    frames: Counter[tuple[str, ...]] = field(default_factory=Counter)
    attributed: bool = False

    @property
    def cpu_ms(self) -> float:
        return (self.ended - self.began) * 1000


class LoopTrace:
    def __init__(self, engine: Any, threshold_ms: float = 40.0, interval: float = 0.001) -> None:
        self.threshold_ms, self.interval = threshold_ms, interval
        self.phase = "idle"
        self.holds: list[Hold] = []
        self.full: dict[str, list[float]] = {}  # each full collection's CPU ms, per phase
        self._clock = time.pthread_getcpuclockid(threading.get_ident())
        self._thread_id = threading.get_ident()
        self._task_dir = f"/proc/self/task/{threading.get_native_id()}"
        self._statements: list[tuple[float, float, str]] = []  # (began, ended, sql) CPU s
        self._collections: list[tuple[float, float, int, int]] = []  # began, ended, gen, freed
        self._samples: list[tuple[float, tuple[str, ...]]] = []  # (CPU s, frames)
        self._gc_began = 0.0
        self._running = False
        event.listen(engine.sync_engine, "before_cursor_execute", self._before)
        event.listen(engine.sync_engine, "after_cursor_execute", self._after)
        gc.callbacks.append(self._gc)

    def _cpu(self) -> float:
        return time.clock_gettime(self._clock)

    def _before(self, conn, cursor, statement, parameters, context, many) -> None:  # type: ignore[no-untyped-def]
        conn.info["trace_began"] = self._cpu()

    def _after(self, conn, cursor, statement, parameters, context, many) -> None:  # type: ignore[no-untyped-def]
        began = conn.info.pop("trace_began", None)
        if began is not None:
            self._statements.append((began, self._cpu(), " ".join(statement.split())[:110]))

    def _gc(self, step: str, info: dict[str, int]) -> None:
        if threading.get_ident() != self._thread_id:
            return
        if step == "start":
            self._gc_began = self._cpu()
            return
        ended = self._cpu()
        self._collections.append((self._gc_began, ended, info["generation"], info["collected"]))
        if info["generation"] == 2:
            self.full.setdefault(self.phase, []).append(1000 * (ended - self._gc_began))

    def _sample(self) -> None:
        while self._running:
            time.sleep(self.interval)
            cpu = self._cpu()
            stack = frames_of(self._thread_id, _OURS, 6)
            self._samples.append((cpu, (*self._kernel(), *stack)))

    def _kernel(self) -> tuple[str, ...]:
        """Where the loop's thread is in the kernel when it is not running (`in_kernel`)."""
        where = in_kernel(self._task_dir)
        return () if where.startswith(("R", "?")) else (f"kernel {where}",)

    def start(self) -> None:
        self._running = True
        sys.setswitchinterval(self.interval / 2)
        threading.Thread(target=self._sample, daemon=True).start()
        self._task = asyncio.create_task(self._beat())

    def stop(self) -> None:
        self._running = False
        self._task.cancel()
        gc.callbacks.remove(self._gc)

    async def _beat(self) -> None:
        while True:
            began, wall = self._cpu(), time.perf_counter()
            await asyncio.sleep(0.001)
            ended, wall_ms = self._cpu(), (time.perf_counter() - wall) * 1000
            # A stall (wall clock) with little CPU: its samples share one CPU time, inside it.
            if (ended - began) * 1000 >= self.threshold_ms or wall_ms >= 5 * self.threshold_ms:
                self.holds.append(Hold(self.phase, began, ended, wall_ms))
            self._trim(began)

    def _trim(self, before: float) -> None:
        """Attribute the records of the holds kept, and drop the rest."""
        for hold in self.holds:
            if hold.attributed:
                continue
            hold.attributed = True
            began, ended = hold.began, hold.ended
            hold.statements = [
                (1000 * (b - a), sql)
                for a, b, sql in self._statements
                if a >= began and b <= ended
            ]
            hold.collections = [
                (g, 1000 * (b - a), n)
                for a, b, g, n in self._collections
                if a >= began and b <= ended
            ]
            hold.frames = Counter(f for t, f in self._samples if hold.began <= t <= hold.ended)
        cut = before - 1.0
        self._statements = [s for s in self._statements if s[1] >= cut]
        self._collections = [c for c in self._collections if c[1] >= cut]
        self._samples = [s for s in self._samples if s[0] >= cut]

    def report(self, phase: str, top: int = 3) -> None:
        if full := self.full.get(phase):
            print(f"    full collections: {len(full)}, longest {max(full):.1f} ms CPU")
        holds = sorted(
            (h for h in self.holds if h.phase == phase), key=lambda h: -max(h.cpu_ms, h.wall_ms)
        )
        for hold in holds[:top]:
            in_sql = sum(ms for ms, _ in hold.statements)
            in_gc = sum(ms for _, ms, _ in hold.collections)
            gcs = [(g, round(ms, 1), n) for g, ms, n in hold.collections if ms > 1]
            print(
                f"    HOLD {hold.cpu_ms:6.1f} ms cpu ({hold.wall_ms:.1f} wall): statements"
                f" {in_sql:.1f} ms x{len(hold.statements)}, gc {in_gc:.1f} ms {gcs}"
            )
            by_sql: dict[str, list[float]] = {}
            for ms, sql in hold.statements:
                by_sql.setdefault(sql, []).append(ms)
            for sql, times in sorted(by_sql.items(), key=lambda kv: -sum(kv[1]))[:3]:
                print(
                    f"      sql {sum(times):6.1f} ms x{len(times):<4} max {max(times):.1f} {sql}"
                )
            total = sum(hold.frames.values()) or 1
            for frames, count in hold.frames.most_common(6):
                print(f"      {100 * count / total:3.0f}% {' < '.join(frames[:4])}")
