"""A program in a real pseudo-terminal: what it writes, byte for byte, and keys sent to it.

tmux re-draws what a program sends, so it cannot tell what went over the wire; a pty can. Used
by the NO_COLOR and fast-keys tests, and by benchmarks/wire_bytes.py.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time

# CSI / OSC / two-character escapes: what is left is the text drawn on screen.
ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")

KEYS = {
    "up": b"\x1b[A",
    "down": b"\x1b[B",
    "pageup": b"\x1b[5~",
    "pagedown": b"\x1b[6~",
    "enter": b"\r",
    "escape": b"\x1b",
    "ctrl+p": b"\x10",
}


class PtySession:
    def __init__(self, command: list[str], env: dict[str, str], width: int = 80, height: int = 24):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child
            try:
                os.execvpe(command[0], command, env)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.output = b""
        self.status: int | None = None

    def read(self, seconds: float) -> bytes:
        """What the program writes in the next `seconds` (stops early when it ends)."""
        got = b""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.05))
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            got += chunk
        self.output += got
        return got

    def text(self, data: bytes | None = None) -> str:
        return ESCAPES.sub(b"", self.output if data is None else data).decode("utf-8", "replace")

    def wait_for(self, marker: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while marker not in self.text():
            if time.monotonic() > deadline or not self.alive():
                raise AssertionError(f"{marker!r} never appeared; screen text:\n{self.text()}")
            self.read(0.1)

    def settle(self, quiet: float = 0.5, timeout: float = 10.0) -> bytes:
        """Read until the program has been quiet for `quiet` seconds."""
        got = b""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            chunk = self.read(quiet)
            got += chunk
            if not chunk:
                break
        return got

    def send(self, key: str) -> None:
        os.write(self.fd, KEYS.get(key, key.encode()))

    def alive(self) -> bool:
        if self.status is not None:
            return False
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            return True
        self.status = os.waitstatus_to_exitcode(status)
        return False

    def exited(self, seconds: float) -> bool:
        """Whether the program has ended within `seconds`. Its end of the pty closes before the
        process is gone (threads still winding down), so reading to the end is not enough."""
        deadline = time.monotonic() + seconds
        while self.alive():
            if time.monotonic() > deadline:
                return False
            self.read(0.1)
        return True

    def close(self) -> None:
        if self.alive():
            os.kill(self.pid, signal.SIGTERM)
            for _ in range(50):
                if not self.alive():
                    break
                time.sleep(0.1)
            else:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        os.close(self.fd)

    def __enter__(self) -> PtySession:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
