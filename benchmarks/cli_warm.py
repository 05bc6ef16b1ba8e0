"""`brief list --json` on N articles, the first time (cold cache) and again (warm).

    python benchmarks/cli_warm.py [N] [--runs R]

The corpus is the synthetic news of threads_scale.py (deterministic), written once to a
JSON Lines file in the temp directory. Each run is the real `brief` command in a fresh
process, with its own cache directory: a cold run starts from an empty cache (every article
analysed, the corpus threaded); a warm run has the cache the cold run left (analyses read
back, the threading of this very corpus read back). Prints each run, then the medians and
the ratio cold / warm.
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
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from threads_scale import corpus  # noqa: E402  (a sibling benchmark's generator)


def brief_command() -> list[str]:
    script = Path(sys.executable).with_name("brief")
    return [str(script)] if script.exists() else [sys.executable, "-m", "brief"]


def timed(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=10_000, help="articles (10,000)")
    parser.add_argument("--runs", type=int, default=3, help="cold and warm runs each (3)")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="brief-cli-warm-"))
    path = root / f"news-{args.n}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for row in corpus(args.n):
            out.write(json.dumps(row) + "\n")
    command = [*brief_command(), "list", "--json", str(path)]
    cold, warm = [], []
    try:
        for run in range(args.runs):
            cache = root / f"cache-{run}"
            env = {**os.environ, "XDG_CACHE_HOME": str(cache), "XDG_DATA_HOME": str(root / "d")}
            cold.append(timed(command, env))
            warm.append(timed(command, env))
            print(f"run {run + 1}: cold {cold[-1]:.2f} s, warm {warm[-1]:.2f} s", flush=True)
            shutil.rmtree(cache, ignore_errors=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    c, w = statistics.median(cold), statistics.median(warm)
    print(
        f"{args.n:,} articles: cold {c:.2f} s, warm {w:.2f} s (median of {args.runs}); "
        f"warm is {c / w:.1f}x faster"
    )


if __name__ == "__main__":
    main()
