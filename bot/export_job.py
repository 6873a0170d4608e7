"""/export's files, written by a process of its own (`python -m bot.export_job`).

An export reads, decodes and formats every row of a business (a million ledger rows for a
large one). Done in the bot's process, even in threads, that work shares the interpreter's
lock with the event loop: on PostgreSQL each of a scan's round trips waited to take the lock
back from the export's threads (scans' p99 124–128 ms during the exports at platform size, 40
ms without them). Here the export has a process, at a lower CPU priority than the bot's, and
the bot only awaits its answer.

The job goes to the child as JSON on its stdin (the database URL may hold a password, and a
command line is visible to every user of the machine); the files come back as JSON on stdout.
A cancelled export (the bot shutting down) kills the child.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
from pathlib import Path

from bot.exports import ExportFile, write_business_export
from storage.engine import make_read_engine
from storage.exports import ExportReader

NICENESS = 10  # the export yields the CPU to the bot's scans on a busy machine
STDERR_TAIL = 2000  # characters of the child's error kept in the exception


class ExportFailed(RuntimeError):
    """The export's process ended without its files."""


async def export_in_process(
    url: str, what: str, business_id: int, folder: Path, limit: int
) -> list[ExportFile]:
    """`bot.exports.write_business_export` run in a child process; its files, in `folder`."""
    job = {"url": url, "what": what, "business_id": business_id, "folder": str(folder),
           "limit": limit}  # fmt: skip
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", __name__, stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        out, err = await child.communicate(json.dumps(job).encode())
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            child.kill()
        await asyncio.shield(child.wait())
        raise
    if child.returncode != 0:
        tail = err.decode(errors="replace")[-STDERR_TAIL:]
        raise ExportFailed(f"export {what} exited {child.returncode}: {tail}")
    return [ExportFile(f["name"], Path(f["path"]), f["rows"]) for f in json.loads(out)]


async def _run(job: dict[str, object]) -> list[ExportFile]:
    engine = make_read_engine(str(job["url"]))
    try:
        return await write_business_export(
            ExportReader(engine), str(job["what"]), int(str(job["business_id"])),
            Path(str(job["folder"])), int(str(job["limit"])),
        )  # fmt: skip
    finally:
        await engine.dispose()


def main() -> None:
    os.nice(NICENESS)
    files = asyncio.run(_run(json.loads(sys.stdin.read())))
    json.dump([{"name": f.name, "path": str(f.path), "rows": f.rows} for f in files], sys.stdout)


if __name__ == "__main__":
    main()
