"""Driving a real terminal: run a command in a detached tmux session and read the screen."""

from __future__ import annotations

import shlex
import subprocess
import time
import uuid


class Tmux:
    def __init__(
        self,
        command: list[str],
        *,
        width: int = 100,
        height: int = 30,
        cwd: str | None = None,
        env: dict | None = None,
    ):
        self.name = f"brief-test-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        # `; sleep` keeps the pane alive after the program exits, so its exit status can be read.
        shell = (
            f"{exports + ' ' if exports else ''}{shlex.join(command)}; echo BRIEF-EXIT=$?; sleep 30"
        )
        start = [
            "tmux",
            "new-session",
            "-d",
            "-s",
            self.name,
            "-x",
            str(width),
            "-y",
            str(height),
            "-c",
            cwd or ".",
            shell,
        ]
        for attempt in range(3):
            # A tmux server that is still shutting down after the
            # previous test refuses new sessions for a moment.
            if subprocess.run(start, capture_output=True).returncode == 0:
                break
            time.sleep(0.5 * (attempt + 1))
        else:
            subprocess.run(start, check=True)

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        ).stdout

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared on screen:\n{self.screen()}")

    def send(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)

    def __enter__(self) -> Tmux:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
