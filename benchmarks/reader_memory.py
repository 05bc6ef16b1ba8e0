"""The reader's peak memory with N briefings loaded, against newsboat's TUI on the same articles.

    python benchmarks/reader_memory.py [--sizes 10000 100000] [--runs 3]

The corpus, its priming and newsboat's set-up are warm_start.py's: `brief FOLDER` is started
under an 80x24 pty on articles it has read before (a warm start: the list paints from SQLite,
then the corpus loads lean behind it and the search index builds). Its VmHWM (peak resident
set, /proc/PID/status) is read once the header's "loading…" is gone and the peak has not moved
for 5 s, so the index is built. newsboat is measured the same way, once its feed shows.
Medians of `--runs` runs.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import signal
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup import brief_command, spawn  # noqa: E402  (sibling benchmarks)
from warm_start import FEED_TITLE, each_size, newsboat_command, primed  # noqa: E402

_ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]")
QUIET = 5.0  # seconds without a new peak: loaded and indexed


def _peak_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM"):
                return int(line.split()[1])
    return 0


def peak_mb(command: list[str], marker: str, env: dict, busy: bytes, timeout: float) -> float:
    """The peak resident set of `command` once `marker` showed, `busy` left the screen and
    the peak stayed put for QUIET seconds."""
    pid, fd = spawn(command, env)
    started = time.monotonic()
    tail, seen, peak, moved = b"", False, 0, time.monotonic()
    try:
        while time.monotonic() - started < timeout:
            ready, _, _ = select.select([fd], [], [], 0.25)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                tail = (tail + _ESCAPES.sub(b"", chunk))[-20000:]
                seen = seen or marker.encode() in tail
            now = _peak_kb(pid)
            if now != peak:
                peak, moved = now, time.monotonic()
            if seen and busy not in tail[-4000:] and time.monotonic() - moved > QUIET:
                return peak / 1024
        raise RuntimeError(f"{command[0]} never settled: {tail[-300:]!r}")
    finally:
        os.kill(pid, signal.SIGTERM)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
        os.close(fd)


def measure(size: int, runs: int, root: Path) -> None:
    folder, jsonl, feed, env, marker = primed(size, root)
    programs = {"brief": ([*brief_command(), str(jsonl)], marker)}
    newsboat = newsboat_command(folder, feed)
    if newsboat is not None:
        programs["newsboat"] = (newsboat, FEED_TITLE)
    timeout = 60 + size / 500
    peaks: dict[str, list[float]] = {name: [] for name in programs}
    for _ in range(runs):
        for name, (command, mark) in programs.items():
            peaks[name].append(peak_mb(command, mark, env, b"loading", timeout))
    for name, values in peaks.items():
        print(
            f"  {name:9} median {statistics.median(values):6.0f} MB  runs: "
            + " ".join(f"{v:.0f}" for v in values)
        )
    line = f"reader memory {size}: brief={statistics.median(peaks['brief']):.0f} MB"
    if "newsboat" in peaks:
        line += f" newsboat={statistics.median(peaks['newsboat']):.0f} MB"
    print(line, flush=True)


if __name__ == "__main__":
    each_size(__doc__, measure, 3, "brief-memory-")
