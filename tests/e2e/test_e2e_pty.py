"""The installed `brief` in a real pseudo-terminal: what reaches the wire, and fast keys."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from tests.helpers import REPO, brief_command
from tests.pty_session import PtySession

FIXTURE = str(REPO / "tests" / "fixtures" / "cnndm-unrelated.jsonl")


def _env(tmp_path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLORTERM", "BRIEF_THEME")}
    env.update(
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        TERM="xterm-256color",
        **extra,
    )
    return env


def test_fast_keys_through_the_palette_do_not_crash(tmp_path):
    """Keys 20 ms apart (PageUp k t b ctrl+p b PageUp) crashed Textual's OptionList with a
    KeyError in 2 of 3 tries; brief must still be running after every round."""
    with PtySession([*brief_command(), FIXTURE], _env(tmp_path), 80, 24) as term:
        term.wait_for("briefings", timeout=90)
        term.settle(1.0)
        for _ in range(5):
            for key in ("pageup", "k", "t", "b", "ctrl+p", "b", "pageup"):
                term.send(key)
                time.sleep(0.02)
                term.read(0)
            term.read(0.5)
            assert term.alive(), term.text()[-2000:]
            for _ in range(3):  # close whatever is open: palette, daily, timeline
                term.send("escape")
                term.read(0.3)
        assert term.alive()
        assert "Traceback" not in term.text()
        term.send("q")
        # it tests crashes, not exit speed: a loaded machine may wind down slowly
        assert term.exited(30) and term.status == 0


_COLOUR = re.compile(rb"\x1b\[[0-9;]*(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])[;m]")


def test_no_color_sends_no_colour_sequences(tmp_path):
    """NO_COLOR: bold, dim, underline and reverse only; no 16, 256 or truecolour sequences."""
    with PtySession([*brief_command(), FIXTURE], _env(tmp_path, NO_COLOR="1"), 80, 24) as term:
        term.wait_for("briefings", timeout=90)
        for key in ("j", "j", "enter", "slash"):
            term.send(key)
            term.read(0.3)
        term.settle(0.5)
        sgr = re.findall(rb"\x1b\[([0-9;]*)m", term.output)
        assert sgr, "no styles at all"
        colours = [s for s in sgr if _has_colour(s)]
        assert not colours, f"colour sequences under NO_COLOR: {colours[:5]}"
        assert any(b"1" in s.split(b";") for s in sgr)  # bold is still there


def _has_colour(params: bytes) -> bool:
    codes = [int(p) for p in params.split(b";") if p]
    return any(30 <= c <= 49 and c not in (39, 49) or 90 <= c <= 107 for c in codes)


def _processes_with(marker: str) -> list[int]:
    """Live processes whose environment names `marker` (brief and any worker it spawned)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/environ", "rb") as environ:
                    if marker.encode() in environ.read():
                        found.append(int(entry))
            except OSError:
                continue  # gone meanwhile, or not ours to read
    return found


def test_q_during_a_cold_load_quits_at_once_and_leaves_no_worker(tmp_path):
    """4,000 articles take 7 s or more to analyse on two workers: `q` meanwhile ends brief at
    once (the batches done are committed; the one in flight is lost, as with kill -9)."""
    import json

    rows = [json.loads(line) for line in Path(FIXTURE).read_text(encoding="utf-8").splitlines()]
    corpus = tmp_path / "many.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for n in range(4000):
            row = rows[n % len(rows)]
            out.write(json.dumps({**row, "id": f"a{n}", "text": f"{row['text']} ({n})"}) + "\n")
    env = _env(tmp_path, BRIEF_TEST_MARK=str(tmp_path))
    with PtySession([*brief_command(), str(corpus)], env, 80, 24) as term:
        term.wait_for("analysing", timeout=90)
        assert len(_processes_with(str(tmp_path))) >= 2  # brief and its workers
        term.send("q")
        started = time.monotonic()
        assert term.exited(20) and term.status == 0
        took = time.monotonic() - started
    assert took < 5, f"q took {took:.1f} s: it waited for the analysis"
    deadline = time.monotonic() + 10
    while _processes_with(str(tmp_path)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _processes_with(str(tmp_path)), "analysis workers outlived brief"
