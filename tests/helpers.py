"""Shared helpers for tests that run the real `brief` command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = (
    Path(__file__).resolve().parent / "fixtures"
)  # small excerpts of public corpora; READMEs name each source


def brief_command() -> list[str]:
    """The installed `brief` script next to this
    interpreter (the venv's), else `python -m brief`."""
    script = Path(sys.executable).with_name("brief")
    if script.exists():
        return [str(script)]
    found = shutil.which("brief")
    return [found] if found else [sys.executable, "-m", "brief"]


def run_brief(
    *args: str, input: str | None = None, cwd: str | Path | None = None, env: dict | None = None
):
    return subprocess.run(
        [*brief_command(), *args],
        capture_output=True,
        text=True,
        input=input,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=120,
    )
