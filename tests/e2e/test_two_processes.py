"""Two brief processes on one library (two SSH users of one account): one follows and refreshes
feeds from a real HTTP server on 127.0.0.1 while the other lists the library again and again.
Both succeed, every read is whole JSON, and no one sees "database is locked"."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time

import pytest

from tests.feed_server import FeedServer
from tests.helpers import brief_command, run_brief

pytestmark = pytest.mark.e2e

FEEDS = 8
WORDS = "harbour council bridge budget storm ferry market school river museum".split()


def feed(n: int, items: int) -> str:
    """RSS 2.0: feed n with `items` stories of a few sentences each."""
    entries = []
    for i in range(items):
        a, b = WORDS[(n + i) % len(WORDS)], WORDS[(n * 3 + i) % len(WORDS)]
        text = (
            f"The {a} committee of district {n} met on day {i} to discuss the {b}. "
            f"Officials said the {b} plan number {n * 100 + i} would cost more than expected. "
            f"Residents of district {n} asked for a vote on the {a} before winter."
        )
        entries.append(
            f"<item><title>District {n} {a} story {i}</title><guid>d{n}-{i}</guid>"
            f"<link>https://example.org/{n}/{i}</link>"
            f"<pubDate>Mon, {1 + i % 28:02d} Sep 2025 10:00:00 GMT</pubDate>"
            f"<description>{text}</description></item>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>District {n} News</title><link>https://example.org/{n}</link>"
        + "".join(entries)
        + "</channel></rss>"
    )


@pytest.fixture
def server():
    srv = FeedServer().start()
    yield srv
    srv.stop()


def test_one_process_writes_while_another_reads(tmp_path, server):
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_DATA_HOME": str(tmp_path / "data")}
    urls = [server.put(f"district-{n}.xml", feed(n, 30)) for n in range(FEEDS)]
    writes: list[subprocess.CompletedProcess] = []
    busy = threading.Event()

    def writer() -> None:
        busy.set()
        writes.append(run_brief("add", *urls, env=env))
        for items in (45, 60):  # every feed grows: each refresh stores new articles everywhere
            for n in range(FEEDS):
                server.put(f"district-{n}.xml", feed(n, items))
            writes.append(run_brief("refresh", env=env))
        writes.append(run_brief("list", "--json", env=env))  # analyses what the reader did not
        busy.clear()

    thread = threading.Thread(target=writer)
    thread.start()
    busy.wait()
    reads: list[tuple[subprocess.CompletedProcess, bool]] = []
    while busy.is_set() or len(reads) < 2:
        for command in (("sources", "--json"), ("list", "--json")):
            during = busy.is_set()
            done = subprocess.run(
                [*brief_command(), *command],
                capture_output=True,
                text=True,
                env={**os.environ, **env},
                timeout=120,
            )
            reads.append((done, during and busy.is_set()))  # began and ended while writing
            time.sleep(0.05)
    thread.join()

    for done in [*writes, *(r for r, _ in reads)]:
        assert done.returncode == 0, done.stderr
        assert "locked" not in done.stderr and "warning" not in done.stderr, done.stderr
    overlapping = [r for r, during in reads if during]
    print(f"{len(reads)} reads, {len(overlapping)} while the other process wrote")
    assert len(overlapping) >= 2  # the reads really ran while the other process wrote
    for done, _ in reads:
        json.loads(done.stdout)  # whole JSON, whatever moment it was read at
    final = json.loads(run_brief("list", "--json", env=env).stdout)
    assert len(final) == FEEDS * 60
    sources = json.loads(run_brief("sources", "--json", env=env).stdout)
    assert sorted(s["source"] for s in sources) == sorted(urls)
    assert all(s["articles"] == 60 and s["last_error"] is None for s in sources)


def test_two_processes_meet_one_corrupt_cache(tmp_path):
    """Two processes start on one corrupt cache: it is moved aside once, by whichever comes
    first (the other finds a fresh file, or a file already replaced: see test_faults), and
    both list the same briefings."""
    from brief.resources import seeds_dir

    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    expected = run_brief("list", "--json", str(seeds_dir()), env=env).stdout
    cache = tmp_path / "cache" / "brief" / "briefings.sqlite3"
    cache.write_bytes(b"\x89garbage, not SQLite\n" * 64)
    both = [
        subprocess.Popen(
            [*brief_command(), "list", "--json", str(seeds_dir())],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [p.communicate(timeout=120) + (p.returncode,) for p in both]
    assert [(out, code) for out, _, code in results] == [(expected, 0), (expected, 0)]
    assert len(list(cache.parent.glob("briefings.sqlite3.corrupt-*"))) == 1
    warnings = [line for _, err, _ in results for line in err.splitlines()]
    assert len(warnings) == 1 and "moved aside" in warnings[0]
