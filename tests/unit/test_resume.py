"""`kill -9` in the middle of a cold analysis loses at most the batch in flight: the real
`brief list --json`, killed once the cache holds a committed batch, leaves no worker behind, and
the next run analyses only the rest (it says so on a terminal) and prints the whole list."""

from __future__ import annotations

import json
import os
import pty
import re
import signal
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

from brief.analysis.pool import BATCH, Plan, batch_size
from tests.helpers import brief_command

ARTICLES = 4 * BATCH  # enough batches that the kill falls in the middle
SIZE = batch_size(ARTICLES, Plan())  # BATCH on two cores: what is committed at once


def _corpus(path: Path) -> None:
    """Short articles, each its own: analysing them is quick, but they are many."""
    with path.open("w") as out:
        for i in range(ARTICLES):
            text = (
                f"The council of Vorheim {i} met on Monday. Mayor Ann Kessler said the budget of "
                f'{i * 7} thousand euros would pass. "We are ready," she told reporters.\n\n'
                f"The vote is due on Friday, officials in Vorheim said."
            )
            out.write(json.dumps({"id": f"a{i}", "title": f"Budget {i} in Vorheim", "text": text}))
            out.write("\n")


def _rows(cache: Path) -> int:
    """Analyses committed to the cache, read without writing (the run may be writing)."""
    if not cache.exists():
        return 0
    db = sqlite3.connect(f"file:{cache}?mode=ro", uri=True, timeout=1)
    try:
        return db.execute("SELECT COUNT(*) FROM analysis").fetchone()[0]
    except sqlite3.OperationalError:  # the tables are not made yet
        return 0
    finally:
        db.close()


def _session(sid: int) -> list[int]:
    """The processes still in session `sid` (the killed run started it: its workers are in it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (name) "
        if fields[0] != "Z" and int(fields[3]) == sid:  # state, ppid, pgrp, session
            found.append(int(entry.name))
    return found


def _wait(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while not (found := condition()):
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)
    return found


def _run_on_a_terminal(command: list[str], env: dict) -> tuple[str, str]:
    """(stdout, what was drawn on stderr, a terminal, with escape sequences taken out)."""
    main, other = pty.openpty()
    done = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=other, env=env)
    os.close(other)
    drawn: list[bytes] = []

    def drain() -> None:  # read as it is drawn, or a full terminal would block the run
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the other side is closed: all is read
                return
            if not chunk:
                return
            drawn.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    stdout = done.communicate(timeout=300)[0].decode()
    reader.join(timeout=30)
    os.close(main)
    assert done.returncode == 0, drawn
    text = re.sub(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]", b"", b"".join(drawn))
    return stdout, text.decode(errors="replace")


def test_a_killed_cold_analysis_resumes_and_leaves_no_worker(tmp_path):
    corpus = tmp_path / "news.jsonl"
    _corpus(corpus)
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    cache = tmp_path / "cache" / "brief" / "briefings.sqlite3"
    command = [*brief_command(), "list", "--json", str(corpus)]
    run = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,  # its workers share its session: found by it below
    )
    try:
        _wait(lambda: _rows(cache) >= SIZE, 240, "a committed batch")
    finally:
        run.send_signal(signal.SIGKILL)
        run.wait()
    kept = _rows(cache)
    assert kept % SIZE == 0 and SIZE <= kept < ARTICLES  # whole batches, and not all of them
    _wait(lambda: not _session(run.pid), 30, "the killed run's workers to end")

    stdout, drawn = _run_on_a_terminal(command, env)
    assert len(json.loads(stdout)) == ARTICLES
    assert f"brief: analysed {ARTICLES - kept:,} articles in " in drawn
    assert f"; {kept:,} were in the cache" in drawn
    assert _rows(cache) == ARTICLES
    # and now all of it is cached: nothing to show, not even on a terminal
    assert _run_on_a_terminal(command, env) == (stdout, "")
