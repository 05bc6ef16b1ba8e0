"""A cold analysis of N articles (default 10,000): articles/s on every core against one process.

    python benchmarks/cold_analysis.py [N] [--runs R]      # median of R runs (default 3)
    python benchmarks/cold_analysis.py --quick             # 2,000 articles, 2 runs
    python benchmarks/cold_analysis.py --break-even        # where the worker pool starts to pay
    python benchmarks/cold_analysis.py --instructions      # per article, counted by callgrind

The corpus is the synthetic news of threads_scale.py (deterministic), written once to a JSON
Lines file in the temp directory. Each run is a fresh child process with an empty cache of its
own: it reads the articles, then times `analyse_all` (cache lookup, analysis, a commit to SQLite
per batch of 500), once with the worker pool as brief runs it and once in one process (the
reference, measured in the same run, in alternating order). Peak memory is the high-water
resident size of the run's own process and of its largest worker.

`--instructions` counts what analysing one article costs in CPU instructions (valgrind's
callgrind, 200 synthetic articles and the 19 CNN/DM ones of tests/fixtures): unlike a time, the
count does not change with what else the machine is doing. It is the difference between two
runs, one analysing them all and one analysing none, both after a first article has loaded the
tagger; it takes a few minutes.

The machine may be shared: the load average and the share of the CPUs other processes used
during the runs are printed too. Timings taken while others run are noisy; run it again on a
quiet machine before trusting a small difference.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from threads_scale import corpus  # noqa: E402  (a sibling benchmark's generator)

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def child(path: str, n: int, workers: int, parallel_from: int | None) -> None:
    """One timed cold analysis, in this (fresh) process; prints its figures as JSON."""
    from brief.analysis.pool import Plan
    from brief.library import analyse_all
    from brief.sources import load
    from brief.store import Store

    articles = load([path]).articles[:n]
    plan = Plan(workers=workers)
    if parallel_from is not None:
        plan = Plan(workers=workers, parallel_from=parallel_from)
    with tempfile.TemporaryDirectory() as cache:
        store = Store(Path(cache) / "briefings.sqlite3")
        started, cpu = time.perf_counter(), time.process_time()
        _, analysed = analyse_all(articles, store, plan=plan)
        seconds = time.perf_counter() - started
    assert analysed == len(articles)
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers_used = resource.getrusage(resource.RUSAGE_CHILDREN)  # the pool, joined at its end
    print(
        json.dumps(
            {
                "seconds": seconds,
                "main_cpu": time.process_time() - cpu,
                "main_mb": own.ru_maxrss / 1024,
                "worker_mb": workers_used.ru_maxrss / 1024,
                "worker_cpu": workers_used.ru_utime + workers_used.ru_stime,
            }
        )
    )


def busy_jiffies() -> tuple[int, int]:
    """(busy, total) CPU time of the whole machine so far, in clock ticks."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return sum(fields) - idle, sum(fields)


def run(path: Path, n: int, workers: int, parallel_from: int | None = None) -> dict:
    command = [sys.executable, __file__, "--child", str(path), str(n), str(workers)]
    if parallel_from is not None:
        command.append(str(parallel_from))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures = json.loads(done.stdout.splitlines()[-1])
    figures["tree_cpu"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return figures


def write_corpus(n: int) -> Path:
    path = Path(tempfile.gettempdir()) / f"brief-cold-analysis-{n}.jsonl"
    if not path.exists():
        part = path.with_suffix(".part")
        with part.open("w", encoding="utf-8") as out:
            for row in corpus(n):
                out.write(json.dumps(row) + "\n")
        part.rename(path)
    return path


def measure(n: int, runs: int) -> None:
    from brief.analysis.pool import default_workers

    path = write_corpus(n)
    workers = default_workers()
    print(f"{n:,} articles, {workers} workers on {os.cpu_count()} CPUs; load {_load()}")
    pooled, alone, main_mb, worker_mb = [], [], [], []
    ticks = os.sysconf("SC_CLK_TCK")
    busy0, total0 = busy_jiffies()
    ours = 0.0
    for i in range(runs):
        order = [workers, 1] if i % 2 == 0 else [1, workers]
        for w in order:
            figures = run(path, n, w)
            ours += figures["tree_cpu"]
            (pooled if w > 1 else alone).append(n / figures["seconds"])
            if w > 1:
                main_mb.append(figures["main_mb"])
                worker_mb.append(figures["worker_mb"])
            label = f"{w} workers" if w > 1 else "one process"
            cpu = f"CPU {1000 * figures['main_cpu'] / n:.2f} ms/article in the main process"
            if w > 1:
                cpu += f", {1000 * figures['worker_cpu'] / n:.2f} in the workers"
            print(
                f"run {i + 1}, {label}: {figures['seconds']:.1f} s = "
                f"{n / figures['seconds']:.0f} articles/s; {cpu}; peak {figures['main_mb']:.0f} MB"
                + (f", largest worker {figures['worker_mb']:.0f} MB" if w > 1 else ""),
                flush=True,
            )
    busy1, total1 = busy_jiffies()
    others = max(0.0, (busy1 - busy0) / ticks - ours) / ((total1 - total0) / ticks)
    p, a = statistics.median(pooled), statistics.median(alone)
    print(f"others used {others:.0%} of the machine's CPU time during the runs; load {_load()}")
    print(
        f"cold analysis {n:,}: {p:.0f} articles/s with {workers} workers, {a:.0f}/s in one "
        f"process ({p / a:.2f}x; median of {runs}); largest process "
        f"{max(max(main_mb), max(worker_mb)):.0f} MB"
    )


def break_even() -> None:
    """Pool against one process at small sizes: where does starting the workers pay?"""
    from brief.analysis.pool import default_workers

    path = write_corpus(2000)
    workers = default_workers()
    print(f"{workers} workers; load {_load()}")
    for n in (100, 200, 400, 600, 800, 1200):
        pool = [n / run(path, n, workers, parallel_from=0)["seconds"] for _ in range(3)]
        one = [n / run(path, n, 1)["seconds"] for _ in range(3)]
        p, o = statistics.median(pool), statistics.median(one)
        print(f"{n:>5} articles: pool {p:.0f}/s, one process {o:.0f}/s ({p / o:.2f}x)", flush=True)


def count_child(n: int, how_many: int) -> None:
    """Analyse `how_many` of the articles (after a first one, which loads the tagger)."""
    from brief.analysis.briefing import analyse
    from brief.sources import load

    fixtures = sorted(FIXTURES.glob("cnndm-*.jsonl"))
    articles = load([write_corpus(n), *fixtures]).articles
    analyse(articles[-1])
    for article in articles[:how_many]:
        analyse(article)


def instructions(n: int = 200) -> None:
    if not shutil.which("valgrind"):
        sys.exit("--instructions needs valgrind")
    write_corpus(n)

    def count(how_many: int) -> int:
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
             __file__, "--count", str(n), str(how_many)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        return int(re.search(r"Collected : (\d+)", done.stderr).group(1))

    articles = n + 19
    per_article = (count(articles) - count(0)) / articles
    print(f"analysis: {per_article / 1e6:.2f} M instructions an article ({articles} articles)")


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    if sys.argv[1:2] == ["--count"]:
        count_child(int(sys.argv[2]), int(sys.argv[3]))
        return
    if sys.argv[1:2] == ["--child"]:
        path, n, workers, *rest = sys.argv[2:]
        child(path, int(n), int(workers), int(rest[0]) if rest else None)
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=10_000, help="articles (10,000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each (3)")
    parser.add_argument("--quick", action="store_true", help="2,000 articles, 2 runs")
    parser.add_argument("--break-even", action="store_true", help="small sizes, pool vs one")
    parser.add_argument("--instructions", action="store_true", help="per article (callgrind)")
    args = parser.parse_args()
    if args.instructions:
        instructions()
    elif args.break_even:
        break_even()
    elif args.quick:
        measure(2000, 2)
    else:
        measure(args.n, args.runs)


if __name__ == "__main__":
    main()
