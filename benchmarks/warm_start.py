"""Warm start to a painted list: `brief FILE` on N articles it has read before, against a bare
Textual app showing 20 rows and newsboat's first screen on the same articles as a feed.

    python benchmarks/warm_start.py [--sizes 10000 100000] [--runs 5]

For each size the synthetic corpus of threads_scale.py is written as JSON Lines files in a
folder (for brief) and as one RSS 2.0 feed (for newsboat, Debian's package, read through a
file:// URL). Each is primed once, untimed: `brief list --json FOLDER` analyses, threads and
saves the list's rows; `newsboat -x reload` fills its cache. Then each program is spawned
under an 80x24 pty and timed from spawn until its first screen shows: brief's first headline,
the bare app's 20th row, newsboat's feed title (startup.py's `time_until`). Runs alternate;
medians are printed with the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup import brief_command, time_until  # noqa: E402  (sibling benchmarks)
from threads_scale import corpus  # noqa: E402

BARE_ROWS = """
from textual.app import App
from textual.widgets import Static


class Bare(App):
    def compose(self):
        yield Static("\\n".join(f"row {n}" for n in range(1, 21)))


Bare().run()
"""
FEED_TITLE = "Synthetic Wire"


FILE_ROWS = 10_000  # JSON Lines files of this many rows: brief reads files up to 50 MB


def write_inputs(rows: list[dict], folder: Path) -> tuple[Path, Path]:
    jsonl = folder / "news"
    jsonl.mkdir()
    for start in range(0, len(rows), FILE_ROWS):
        with (jsonl / f"{start // FILE_ROWS:03}.jsonl").open("w", encoding="utf-8") as out:
            for row in rows[start : start + FILE_ROWS]:
                out.write(json.dumps(row) + "\n")
    feed = folder / "news.xml"
    with feed.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>')
        out.write(f"<title>{FEED_TITLE}</title><link>https://example.org/</link>")
        out.write("<description>synthetic</description>\n")
        for row in rows:
            day = row["date"] or "2020-01-01"
            when = format_datetime(datetime.fromisoformat(day).replace(tzinfo=UTC))
            out.write(
                f"<item><title>{escape(row['title'])}</title>"
                f"<link>https://example.org/{row['id']}</link><guid>{row['id']}</guid>"
                f"<pubDate>{when}</pubDate><description>{escape(row['text'])}</description>"
                "</item>\n"
            )
        out.write("</channel></rss>\n")
    return jsonl, feed


def prime_brief(jsonl: Path, env: dict) -> str:
    """Analyse and thread once; the first headline of the list is what the timed runs wait for."""
    done = subprocess.run(
        [*brief_command(), "list", "--json", str(jsonl)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)[0]["title"][:20]


def newsboat_command(folder: Path, feed: Path) -> list[str] | None:
    binary = shutil.which("newsboat")
    if binary is None:
        return None
    (folder / "urls").write_text(f"file://{feed}\n")
    (folder / "config").write_text("auto-reload no\nshow-read-feeds yes\n")
    command = [
        binary,
        "-u",
        str(folder / "urls"),
        "-c",
        str(folder / "cache.db"),
        "-C",
        str(folder / "config"),
    ]
    subprocess.run([*command, "-x", "reload"], check=True, capture_output=True)
    return command


def primed(size: int, root: Path) -> tuple[Path, Path, Path, dict, str]:
    """The corpus of `size` written under `root` and read once by brief, untimed: its folder,
    the JSON Lines folder, the feed, the environment (brief's own directories there) and the
    first headline of brief's list."""
    folder = root / str(size)
    folder.mkdir()
    jsonl, feed = write_inputs(corpus(size), folder)
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "XDG_CONFIG_HOME": str(folder / "config-home"),
        "XDG_CACHE_HOME": str(folder / "cache-home"),
        "XDG_DATA_HOME": str(folder / "data-home"),
    }
    print(f"{size:,} articles: priming brief (cold analysis)…", flush=True)
    return folder, jsonl, feed, env, prime_brief(jsonl, env)


def measure(size: int, runs: int, root: Path) -> dict[str, float]:
    folder, jsonl, feed, env, marker = primed(size, root)
    bare = folder / "bare.py"
    bare.write_text(BARE_ROWS)
    programs = {
        "brief": ([*brief_command(), str(jsonl)], marker),
        "bare": ([sys.executable, str(bare)], "row 20"),
    }
    print(f"{size:,} articles: priming newsboat…", flush=True)
    newsboat = newsboat_command(folder, feed)
    if newsboat is not None:
        programs["newsboat"] = (newsboat, FEED_TITLE)
    times: dict[str, list[float]] = {name: [] for name in programs}
    for command, mark in programs.values():
        time_until(command, mark, env)  # warm-up: page cache, bytecode
    for _ in range(runs):
        for name, (command, mark) in programs.items():
            times[name].append(time_until(command, mark, env) * 1000)
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        print(
            f"  {name:9} median {medians[name]:7.0f} ms  runs: "
            + " ".join(f"{v:.0f}" for v in values)
        )
    line = f"warm start {size}: brief={medians['brief']:.0f} ms bare={medians['bare']:.0f} ms "
    line += f"ratio={medians['brief'] / medians['bare']:.2f}"
    if "newsboat" in medians:
        line += f" newsboat={medians['newsboat']:.0f} ms"
        line += f" ratio={medians['brief'] / medians['newsboat']:.2f}"
    print(line, flush=True)
    return medians


def each_size(doc: str, measure, runs: int, prefix: str) -> None:
    """Runs `measure(size, runs, root)` for each of `--sizes`, in a temporary folder."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=runs)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        for size in args.sizes:
            measure(size, args.runs, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    each_size(__doc__, measure, 5, "brief-warm-")
