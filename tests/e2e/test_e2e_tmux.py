"""End to end: the installed `brief` command in a real terminal (tmux), driven by keys."""

from __future__ import annotations

import shutil
import time

from tests.helpers import REPO, brief_command
from tests.tmux import Tmux

HEADLINE = "Vladimir Putin congratulated Donald Trump"


def require_tmux() -> None:
    # Not a skip: CI installs tmux, and a skipped end-to-end test would hide a broken reader.
    assert shutil.which("tmux"), "tmux is required for the end-to-end test (apt-get install tmux)"


def test_brief_opens_on_the_seeds_and_q_quits(tmp_path):
    require_tmux()
    env = {
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "TERM": "xterm-256color",
    }
    with Tmux(brief_command(), width=100, height=30, cwd=str(REPO), env=env) as term:
        screen = term.wait_for(HEADLINE, timeout=60)
        assert "2 briefings" in screen
        term.send("q")
        screen = term.wait_for("BRIEF-EXIT=", timeout=30)
        assert "BRIEF-EXIT=0" in screen


def press_escape(term: Tmux) -> None:
    # A key sent right after ESC would arrive as alt+key; real users pause, so do we.
    term.send("Escape")
    time.sleep(0.5)


def test_help_filter_and_open_in_a_real_terminal(tmp_path):
    require_tmux()
    env = {
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "TERM": "xterm-256color",
    }
    with Tmux(brief_command(), width=80, height=24, cwd=str(REPO), env=env) as term:
        term.wait_for("2 briefings", timeout=60)
        term.send("?")
        term.wait_for("close help")
        press_escape(term)
        term.wait_for("Search")
        assert "close help" not in term.screen()
        # "/" and the query in one burst, as a paste or one SSH packet brings them: the
        # query must land in the search bar, not in the list behind it
        term.send("-l", "/xyzzy")
        term.wait_for("Nothing matches")
        # the header may say so a frame after the list: waited for, not read at once
        term.wait_for("0 of 2 briefings", timeout=10)
        press_escape(term)
        screen = term.wait_for("— 2 briefings")
        on_card = screen.count(
            HEADLINE
        )  # headline and summary lines; the pane shows the first briefing
        assert on_card >= 1
        term.send("j")
        term.send("Enter")
        deadline = time.monotonic() + 10
        while term.screen().count(HEADLINE) == on_card and time.monotonic() < deadline:
            time.sleep(0.2)
        assert term.screen().count(HEADLINE) > on_card, term.screen()  # now in the reading pane too
        term.send("q")
        assert "BRIEF-EXIT=0" in term.wait_for("BRIEF-EXIT=", timeout=30)


def test_skipped_files_stay_on_stderr_after_quitting(tmp_path):
    require_tmux()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("A story about Minsk. It has two sentences.\n")
    (corpus / "bad.json").write_bytes(b"\xff\xfe\x00binary")
    env = {
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "TERM": "xterm-256color",
    }
    with Tmux(
        [*brief_command(), str(corpus)], width=100, height=30, cwd=str(tmp_path), env=env
    ) as term:
        term.wait_for("1 briefing", timeout=60)
        # the notification comes with or just after the list
        term.wait_for("Skipped 1 file", timeout=10)  # raises if it never shows
        term.send("q")
        screen = term.wait_for("BRIEF-EXIT=", timeout=30)
        assert "BRIEF-EXIT=0" in screen
        assert "bad.json: skipped" in screen
