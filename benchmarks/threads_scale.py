"""Threading at scale: N synthetic-but-realistic articles (default 100,000).

    python benchmarks/threads_scale.py [N] [--runs R]

How the corpus is made (deterministic, random.Random(0), no files needed):
stories are generated as threads of 1-4 events; each story has its own actors
(two-part names from a syllable generator), a place, an organisation and a
kind ("earthquake", "election", "takeover bid", ... — many stories share a
kind, as real news does); each event has a date and its own key facts
(numbers, a second actor). An article of an event is 8-16 sentences: story
sentences from templates filled with its actors/place/facts, mixed with
background sentences drawn from a Zipf-distributed vocabulary of 30,000
pseudo-words, so word frequencies look like news text. About 40% of articles
have no date field; those carry an "on <Month day>" in the text instead.

The corpus is analysed once (`analyse`, on both cores) and kept as a pickle in
the temp directory, keyed by N and the analysis code, so repeated runs time
threading only. Each run happens in a fresh child process so peak RSS is the
run's own (plus that of the worker processes that featurise the articles,
sampled together with it): it loads the briefings, measures the reference
(computing the threader's per-article features serially, a linear pass every
threader must make), then times `build_threads`. Prints each run, then the medians, the ratio of
threading to the reference, peak RSS and, last, `threads 100k: X s, Y MB peak`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from multiprocessing import Pool
from pathlib import Path

KINDS = [
    ("earthquake", "struck", "magnitude", "killed"),
    ("election", "voted", "turnout", "seats"),
    ("takeover bid", "offered", "shares", "billion"),
    ("rehab", "checked into", "clinic", "lawyer"),
    ("trial", "sentenced", "jury", "verdict"),
    ("coach", "fired", "season", "losses"),
    ("fight", "knocked out", "round", "title"),
    ("piracy", "captured", "vessel", "navy"),
    ("bombing", "exploded", "police", "injured"),
    ("film deal", "signed", "sequel", "studio"),
    ("death", "died", "career", "family"),
    ("flood", "swept", "rainfall", "evacuated"),
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "te",
    "sun",
    "vor",
    "an",
    "bel",
    "dri",
    "es",
    "fa",
    "gor",
    "hul",
    "is",
    "jen",
    "kor",
    "lam",
    "nu",
    "ost",
    "pra",
    "qui",
    "ros",
    "sta",
    "tur",
    "ul",
    "vek",
    "wil",
]


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def corpus(n: int) -> list[dict]:
    rng = random.Random(0)
    background = [_word(rng, rng.choice((2, 2, 3))) for _ in range(30_000)]
    weights = [1.0 / (i + 1) for i in range(len(background))]
    cumulative = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    rows: list[dict] = []
    story = 0
    while len(rows) < n:
        story += 1
        kind, verb, noun, fact = rng.choice(KINDS)
        actor = f"{_word(rng, 2).title()} {_word(rng, 3).title()}"
        place = _word(rng, 3).title()
        org = (
            f"{_word(rng, 2).title()} {rng.choice(['Group', 'Council', 'United', 'Party', 'Navy'])}"
        )
        day = date(2005, 1, 1) + timedelta(days=rng.randrange(7000))
        for ev in range(rng.choice((1, 1, 2, 3, 4))):
            day += timedelta(days=rng.randrange(20, 300))
            other = f"{_word(rng, 2).title()} {_word(rng, 2).title()}"
            number = rng.randrange(2, 999)
            for _ in range(max(1, int(rng.expovariate(1 / 7)))):
                if len(rows) >= n:
                    break
                sentences = []
                when = f"{MONTHS[day.month - 1]} {day.day}"
                story_lines = [
                    f"{actor} {verb} in {place} on {when}, officials said.",
                    f"The {kind} involving {actor} and {other} drew attention across {place}.",
                    f"{org} said the {noun} figure reached {number}.",
                    f"According to {other}, the {fact} was expected.",
                    f"{actor} told reporters the {kind} would change {place}.",
                ]
                for _ in range(rng.randrange(8, 17)):
                    if rng.random() < 0.45:
                        sentences.append(rng.choice(story_lines))
                    else:
                        words = rng.choices(
                            background, cum_weights=cumulative, k=rng.randrange(8, 22)
                        )
                        sentences.append(" ".join(words).capitalize() + ".")
                dated = rng.random() < 0.6
                rows.append(
                    {
                        "id": f"s{story}-e{ev}-{len(rows)}",
                        "title": f"{actor} {verb}: {kind} in {place}",
                        "text": "\n\n".join(
                            " ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)
                        ),
                        "date": (day + timedelta(days=rng.randrange(3))).isoformat()
                        if dated
                        else None,
                    }
                )
    return rows


def _analyse_row(r: dict):
    from brief.analysis.briefing import analyse
    from brief.model import Article

    return analyse(Article(id=r["id"], text=r["text"], title=r["title"], date=r["date"]))


def analysed_corpus(n: int) -> Path:
    """A pickle of the N analysed briefings, made once per N and version of the analysis code."""
    import brief

    code = hashlib.sha1()
    for f in sorted(Path(brief.__file__).parent.glob("analysis/*.py")) + [
        Path(brief.__file__).parent / "model.py"
    ]:
        code.update(f.read_bytes())
    path = Path(tempfile.gettempdir()) / f"brief-threads-scale-{n}-{code.hexdigest()[:10]}.pickles"
    if not path.exists():
        started = time.perf_counter()
        with Pool(os.cpu_count() or 1) as pool:
            briefings = pool.map(_analyse_row, corpus(n), chunksize=500)
        tmp = path.with_suffix(".part")
        with open(tmp, "wb") as f:
            # in pieces: unpickling one huge list keeps a memo of every object and inflates the peak
            for start in range(0, n, PIECE):
                pickle.dump(briefings[start : start + PIECE], f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.rename(path)
        print(
            f"analysed {n:,} articles in {time.perf_counter() - started:.0f} s (cached in {path})",
            flush=True,
        )
    return path


PIECE = 5000


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mb(pid: int | str) -> float:
    """Resident memory of a process ("self" for this one)."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, IndexError, ValueError):
        return 0.0  # the process has just exited


class RssSampler(threading.Thread):
    """Samples the resident memory of this process plus its worker processes together, every 0.2 s.

    Threading featurises in worker processes, whose memory counts towards the peak. Their
    ru_maxrss cannot say it: a spawned worker starts as a fork of this process, and the
    kernel keeps that inherited figure across exec.
    """

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.stop = False
        self.peak_mb = 0.0
        self.workers_mb = 0.0

    def run(self) -> None:
        while not self.stop:
            children = []
            for task in os.listdir("/proc/self/task"):
                with open(f"/proc/self/task/{task}/children") as f:
                    children += f.read().split()
            workers = sum(map(_rss_mb, children))
            self.workers_mb = max(self.workers_mb, workers)
            self.peak_mb = max(self.peak_mb, _rss_mb("self") + workers)
            time.sleep(0.2)


def load_briefings(path: str | Path) -> list:
    briefings = []
    with open(path, "rb") as f:
        while True:
            try:
                briefings.extend(pickle.load(f))
            except EOFError:
                return briefings


def child(path: str, serial: bool = False) -> None:
    from brief.gc_pause import paused_gc
    from brief.threads import Plan, build_threads
    from brief.threads.features import feature_input, features_of

    briefings = load_briefings(path)
    loaded_mb = _rss_mb("self")
    started = time.perf_counter()
    with paused_gc():  # as threading runs
        for b in briefings:
            features_of(feature_input(b))
    reference = time.perf_counter() - started
    sampler = RssSampler()
    sampler.start()
    started = time.perf_counter()
    out, threads = build_threads(briefings, Plan(workers=1) if serial else None)
    threaded = time.perf_counter() - started
    events = sum(len(t.events) for t in threads)
    sampler.stop = True
    print(
        json.dumps(
            {
                "thread_s": round(threaded, 2),
                "reference_s": round(reference, 2),
                "peak_mb": round(max(_peak_mb(), sampler.peak_mb)),
                "workers_mb": round(sampler.workers_mb),
                "loaded_mb": round(loaded_mb),
                "events": events,
                "threads": len(threads),
            }
        )
    )


def main() -> None:
    args = sys.argv[1:]
    if args and args[0] == "--child":
        child(args[1], serial="--serial" in args)
        return
    parser = argparse.ArgumentParser(description="Time threading N synthetic articles.")
    parser.add_argument(
        "n", nargs="?", type=int, default=100_000, help="articles (default 100,000)"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs, each in a fresh process (default 3)"
    )
    parser.add_argument(
        "--serial", action="store_true", help="featurise in one process, as below PARALLEL_FROM"
    )
    options = parser.parse_args(args)
    n, runs = options.n, options.runs
    path = analysed_corpus(n)
    results = []
    for _ in range(runs):
        command = [sys.executable, __file__, "--child", str(path)] + (
            ["--serial"] if options.serial else []
        )
        out = subprocess.run(command, check=True, capture_output=True, text=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(results[-1], flush=True)
    median = statistics.median(r["thread_s"] for r in results)
    reference = statistics.median(r["reference_s"] for r in results)
    peak = max(r["peak_mb"] for r in results)
    print(
        f"{n:,} articles, {runs} runs: threading median {median:.1f} s; reference (features only) "
        f"{reference:.1f} s, "
        f"ratio {median / reference:.1f}; peak RSS {peak} MB, with the briefings alone resident "
        f"{max(r['loaded_mb'] for r in results)} MB"
    )
    label = f"{n // 1000}k" if n % 1000 == 0 else str(n)
    print(f"threads {label}: {median:.1f} s, {peak} MB peak")


if __name__ == "__main__":
    main()
