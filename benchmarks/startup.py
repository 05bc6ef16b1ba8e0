"""Start-up time of `brief` on the seeds against a bare Textual app, measured the same way.

Each program is spawned under a pseudo-terminal (80x24) and timed from spawn until a known
string shows up in what it writes to the terminal; then it is terminated. Runs alternate
between the two programs, after one untimed warm-up each, and medians are reported.

    python benchmarks/startup.py [--runs 7]

`brief` is timed twice: to its first paint (the header) and to the first seed headline,
which needs the corpus analysed. Last line: `startup ms: brief=X bare=Y ratio=Z` (headline).
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

BARE_APP = """
from textual.app import App
from textual.widgets import Label


class Bare(App):
    def compose(self):
        yield Label("bare app ready")


Bare().run()
"""

# CSI / OSC / two-character escapes: what is left is the text drawn on screen.
_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


def brief_command() -> list[str]:
    script = Path(sys.executable).with_name("brief")
    return [str(script)] if script.exists() else [sys.executable, "-m", "brief"]


def spawn(command: list[str], env: dict[str, str]) -> tuple[int, int]:
    """`command` started under an 80x24 pty: its pid, and the pty's file descriptor."""
    pid, fd = pty.fork()
    if pid == 0:  # child
        try:
            os.execvpe(command[0], command, env)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd


def time_until(
    command: list[str], marker: str, env: dict[str, str], timeout: float = 60.0
) -> float:
    """Seconds from spawn until `marker` appears on the pty."""
    started = time.perf_counter()
    pid, fd = spawn(command, env)
    seen = b""
    needle = marker.encode()
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if needle in _ESCAPES.sub(b"", seen):
                return time.perf_counter() - started
        raise RuntimeError(
            f"{marker!r} never appeared from {command}: {_ESCAPES.sub(b'', seen)[-400:]!r}"
        )
    finally:
        os.kill(pid, signal.SIGTERM)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
        os.close(fd)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        bare_script = Path(tmp) / "bare_app.py"
        bare_script.write_text(BARE_APP)
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "XDG_CONFIG_HOME": str(Path(tmp) / "config"),
            "XDG_CACHE_HOME": str(Path(tmp) / "cache"),
            "XDG_DATA_HOME": str(Path(tmp) / "data"),
        }
        programs = {
            # First paint: the header, before the corpus is analysed ("brief — Loading…").
            "brief-paint": (brief_command(), "brief —"),
            # The first seed headline's opening words: what a user waits to see.
            "brief": (brief_command(), "Vladimir Putin"),
            "bare": ([sys.executable, str(bare_script)], "bare app ready"),
        }
        times: dict[str, list[float]] = {name: [] for name in programs}
        for command, marker in programs.values():
            time_until(command, marker, env)  # warm-up: caches, bytecode, page cache
        for _ in range(args.runs):
            for name, (command, marker) in programs.items():
                times[name].append(time_until(command, marker, env) * 1000)

    for name, values in times.items():
        print(
            f"{name:11} median {statistics.median(values):7.0f} ms  runs: "
            f"{' '.join(f'{v:.0f}' for v in values)}"
        )
    brief_ms, bare_ms = statistics.median(times["brief"]), statistics.median(times["bare"])
    paint_ms = statistics.median(times["brief-paint"])
    print(f"first paint ms: brief={paint_ms:.0f} bare={bare_ms:.0f} ratio={paint_ms / bare_ms:.2f}")
    print(f"startup ms: brief={brief_ms:.0f} bare={bare_ms:.0f} ratio={brief_ms / bare_ms:.2f}")


if __name__ == "__main__":
    main()
