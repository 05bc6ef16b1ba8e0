"""Growing a corpus: what adding articles to a threaded library costs, and whether it threads
as well as building at once.

    python benchmarks/incremental.py [--parts abc] [--runs R] [--rebuild]

(a) Quality. ECB+ dev (`../shared/data/threads-ecbplus-dev.jsonl`) arrives in 10 batches by
    date, each loaded through `build_corpus` with a real store; the final threads are scored
    with the B-cubed F1 of events and the thread purity of `../shared/eval/threads.py`. Dates
    are those the analysis finds (given, dateline, stamp); the undated articles (most of ECB+)
    arrive spread evenly over the batches, in the order of a hash of their id. Scored four
    ways: as brief grows a corpus (a corpus this small is threaded from scratch at each
    batch, see `brief.store.growing`); rebuilt only once it has grown by half; growing
    forced at every batch; and all at once.
(b) 10,000 + 500. The synthetic news of `threads_scale.py` in a folder, read by
    `Library.load` with a fresh cache (cold: every article analysed and threaded), then
    again with a file of 500 more articles added to the folder. Prints the time of the
    addition against the cold one, and the share of old articles that kept their thread id.
(c) 100,000 + 1,000. The analyses of 100,000 synthetic articles are put in the cache (from
    the pickle `threads_scale.py` makes once) and the corpus is threaded once through
    `build_corpus`; then 1,000 new articles are added (analysed, threaded), each run on a
    fresh copy of that cache: once as the CLI loads (lean briefings with their quotes), once
    as the reader loads (lean: no paragraphs, mentions or quotes; see brief.model.LeanBriefing).

Each load prints a breakdown: reading files, decoding cached analyses, analysing new
articles, digests, reading and saving the threading state, indexing, clustering,
assembling (dates, titles). `--rebuild` also times the same addition threaded from
scratch (analyses cached), for comparison. Medians of `--runs` runs (3).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import importlib.util
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from threads_scale import analysed_corpus, corpus, load_briefings  # noqa: E402

import brief.library  # noqa: E402
import brief.store.growing as growing  # noqa: E402
from brief.library import Library, analyse_all, build_corpus  # noqa: E402
from brief.model import Article  # noqa: E402
from brief.sources import LoadResult, load  # noqa: E402
from brief.store import Store, ThreadingStates  # noqa: E402
from brief.threads import Threader  # noqa: E402
from brief.threads import threader as threader_module  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"
ECB = SHARED / "data" / "threads-ecbplus-dev.jsonl"

# (owner, attribute, stage): the functions a load goes through; only analyse_all holds others
# listed (the decode and the saves), which `stage_timer` takes out of it
STAGES = [
    (brief.library, "load", "read files"),
    (brief.library, "analyse_all", "analyse new articles"),
    (Store, "cached", "decode cached analyses"),
    (Store, "save", "save analyses"),
    (Store, "keep_rows", "save the list's rows"),
    (growing, "article_digest", "article digests"),
    (ThreadingStates, "saved", "read threading state"),
    (ThreadingStates, "previous", "read threading state"),
    (ThreadingStates, "snapshot", "read threading state"),
    (Threader, "restore", "read threading state"),
    (Threader, "add", "index articles"),
    (Threader, "_events", "cluster"),
    (Threader, "_threads", "cluster"),
    (threader_module, "outcome", "assemble (dates, titles)"),
    (Threader, "snapshot", "save threading state"),
    (ThreadingStates, "save", "save threading state"),
]


@contextmanager
def stage_timer():
    """Seconds spent in each stage while inside; yields the dict (with "total")."""
    spent: dict[str, float] = defaultdict(float)
    saved = []
    for owner, name, stage in STAGES:
        raw = owner.__dict__[name]
        is_class = isinstance(raw, classmethod)
        func = raw.__func__ if is_class else raw

        def timed(*args, _func=func, _stage=stage, **kwargs):
            started = time.perf_counter()
            try:
                return _func(*args, **kwargs)
            finally:
                spent[_stage] += time.perf_counter() - started

        functools.update_wrapper(timed, func)
        saved.append((owner, name, raw))
        setattr(owner, name, classmethod(timed) if is_class else timed)
    started = time.perf_counter()
    try:
        yield spent
    finally:
        spent["total"] = time.perf_counter() - started
        for owner, name, raw in saved:
            setattr(owner, name, raw)
        inside = spent["decode cached analyses"] + spent["save analyses"]
        spent["analyse new articles"] -= inside


def breakdown(runs: list[dict[str, float]]) -> str:
    """Median seconds per stage, largest first, and what the stages leave over."""
    stages = {s for run in runs for s in run} - {"total"}
    median = {s: statistics.median(run.get(s, 0.0) for run in runs) for s in stages}
    total = statistics.median(run["total"] for run in runs)
    parts = sorted(median.items(), key=lambda item: -item[1])
    rest = total - sum(median.values())
    return ", ".join(f"{s} {v:.2f}" for s, v in parts if v >= 0.005) + f", other {rest:.2f} s"


def _summary(label: str, runs: list[dict[str, float]]) -> float:
    """Prints the median time of `runs` and its breakdown; returns the median."""
    total = statistics.median(run["total"] for run in runs)
    print(f"    {label}: {total:.2f} s ({breakdown(runs)})")
    return total


# --- (a) quality --------------------------------------------------------------------


def _eval_module():
    spec = importlib.util.spec_from_file_location(
        "shared_threads_eval", SHARED / "eval" / "threads.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _batches(articles: list[Article], store: Store) -> list[list[Article]]:
    """Ten batches by the date the analysis gives; the undated spread evenly."""
    # the analysis's dates, not those threading infers from the other articles of a story
    dates = {b.id: b.date for b in analyse_all(articles, store)[0]}
    dated = sorted((a for a in articles if dates[a.id]), key=lambda a: (dates[a.id], a.id))
    undated = sorted(
        (a for a in articles if not dates[a.id]),
        key=lambda a: hashlib.sha1(a.id.encode()).hexdigest(),
    )
    batches: list[list[Article]] = [[] for _ in range(10)]
    for i, a in enumerate(dated):
        batches[i * 10 // len(dated)].append(a)
    for i, a in enumerate(undated):
        batches[i % 10].append(a)
    return batches


def _score(evaluate, rows: list[dict], threads) -> tuple[float, float]:
    gold = {r["id"]: r["cluster"] for r in rows}
    topic = {r["id"]: r.get("topic", r["cluster"]) for r in rows}
    event_of = {a: f"{t.id}/{e.id}" for t in threads for e in t.events for a in e.articles}
    thread_of = {a: t.id for t in threads for a in t.articles}
    f1 = evaluate.bcubed(gold, {d: event_of[d] for d in gold})[2]
    purity = evaluate.bcubed(topic, {d: thread_of[d] for d in gold})[0]
    return f1, purity


def quality(root: Path) -> None:
    if not ECB.exists():
        print(f"(a) skipped: {ECB} not found")
        return
    evaluate = _eval_module()
    rows = [json.loads(line) for line in ECB.read_text(encoding="utf-8").splitlines()]
    articles = load([ECB]).articles
    batches = _batches(articles, Store(root / "dates.sqlite3"))
    print(f"(a) ECB+ dev, {len(articles)} articles in 10 batches of {[len(b) for b in batches]}")
    policies = {  # (GROW_FROM, REBUILD_GROWTH) for each way of growing
        "as brief grows it": (growing.GROW_FROM, growing.REBUILD_GROWTH),
        "rebuilt at +50% only": (0, growing.REBUILD_GROWTH),
        "growing forced": (0, float("inf")),
        "all at once": (growing.GROW_FROM, growing.REBUILD_GROWTH),
    }
    for mode, policy in policies.items():
        store = Store(root / f"{mode}.sqlite3")
        hows = []
        saved = growing.GROW_FROM, growing.REBUILD_GROWTH
        growing.GROW_FROM, growing.REBUILD_GROWTH = policy
        try:
            steps = (
                [articles]
                if mode == "all at once"
                else [[a for batch in batches[: k + 1] for a in batch] for k in range(10)]
            )
            for so_far in steps:
                got = build_corpus([], store, loaded=LoadResult(so_far), key="ecb")
                hows.append(got.threading)
        finally:
            growing.GROW_FROM, growing.REBUILD_GROWTH = saved
        f1, purity = _score(evaluate, rows, got.threads)
        counts = ", ".join(f"{hows.count(h)} {h}" for h in ("built", "grown") if h in hows)
        print(f"    {mode:21} events B3 F1 {f1:.3f}  thread purity {purity:.3f}  ({counts})")


# --- (b) 10,000 + 500 ---------------------------------------------------------------


def _write(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")


def _kept(before: dict[str, str], after: dict[str, str]) -> float:
    return sum(after.get(i) == t for i, t in before.items()) / len(before)


def ten_thousand(root: Path, runs: int, rebuild: bool) -> None:
    rows = corpus(10_500)
    cold, grown, rebuilt, kept = [], [], [], []
    for run in range(runs):
        folder = root / f"news-{run}"
        folder.mkdir(parents=True)
        _write(folder / "a.jsonl", rows[:10_000])
        library = Library.open(root / f"cache-{run}" / "briefings.sqlite3")
        with stage_timer() as spent:
            first = library.load([folder])
        cold.append(spent)
        _write(folder / "b.jsonl", rows[10_000:])
        if rebuild:
            shutil.copytree(root / f"cache-{run}", root / f"copy-{run}")
        with stage_timer() as spent:
            second = library.load([folder])
        grown.append(spent)
        assert second.threading == "grown", second.threading
        kept.append(
            _kept(
                {b.id: b.thread for b in first.briefings},
                {b.id: b.thread for b in second.briefings},
            )
        )
        line = f"run {run + 1}: cold {cold[-1]['total']:.1f} s, +500 {grown[-1]['total']:.2f} s"
        if rebuild:
            library = Library.open(root / f"copy-{run}" / "briefings.sqlite3")
            spent, scratch = _rebuilt(library, [folder])
            rebuilt.append(spent)
            line += f", +500 threaded from scratch {spent['total']:.2f} s; events B3 F1 / "
            line += f"thread purity on the stories made: grown {_synthetic(second)}, "
            line += f"from scratch {_synthetic(scratch)}"
        print(f"    {line}, {kept[-1]:.1%} kept their thread id", flush=True)
    c, g = _summary("cold 10,000", cold), _summary("adding 500", grown)
    if rebuild:
        _summary("adding 500, threaded from scratch", rebuilt)
    print(
        f"(b) adding 500 to 10,000: {g:.2f} s = {g / c:.1%} of cold ({c:.1f} s); "
        f"{statistics.median(kept):.1%} of old articles kept their thread id (median of {runs})"
    )


def _synthetic(got) -> str:
    """Events B-cubed F1 and thread purity against the synthetic stories (an id
    "s{story}-e{event}-{n}" names the event and story an article was written for)."""
    evaluate = _eval_module()
    gold = {b.id: b.id.rsplit("-", 1)[0] for b in got.briefings}
    story = {b.id: b.id.split("-")[0] for b in got.briefings}
    f1 = evaluate.bcubed(gold, {b.id: b.event for b in got.briefings})[2]
    purity = evaluate.bcubed(story, {b.id: b.thread for b in got.briefings})[0]
    return f"{f1:.3f} / {purity:.3f}"


def _rebuilt(library: Library, paths: list, loaded: LoadResult | None = None) -> tuple:
    """The same load with growing turned off: threaded from scratch, ids carried over; the
    stages' times and the corpus."""
    saved = growing.worth_growing
    growing.worth_growing = lambda *args: False
    try:
        with stage_timer() as spent:
            if loaded is None:
                got = library.load(paths)
            else:
                got = build_corpus([], library.store, loaded=loaded, key="bench")
        assert got.threading == "built"
    finally:
        growing.worth_growing = saved
    return spent, got


# --- (c) 100,000 + 1,000 -------------------------------------------------------------


def _state_size(path: Path) -> float:
    with sqlite3.connect(path) as db:
        size = db.execute("SELECT SUM(LENGTH(data)) FROM threader_chunk").fetchone()[0]
    return (size or 0) / 2**20


def hundred_thousand(root: Path, runs: int, rebuild: bool) -> None:
    briefings = load_briefings(analysed_corpus(100_000))
    old = [b.article for b in briefings]
    new = [
        Article(id=r["id"], text=r["text"], title=r["title"], date=r["date"])
        for r in corpus(101_000)[100_000:]
    ]
    pristine = root / "pristine" / "briefings.sqlite3"
    store = Store(pristine)
    store.save(briefings)
    del briefings
    started = time.perf_counter()
    first = build_corpus([], store, loaded=LoadResult(old), key="bench")
    built = time.perf_counter() - started
    before = {b.id: b.thread for b in first.briefings}
    del first
    with sqlite3.connect(pristine) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = _state_size(pristine)
    print(
        f"    threading 100,000 from scratch (analyses cached): {built:.1f} s; "
        f"threading state {size:.0f} MB in the cache file"
    )
    grown, lean, rebuilt, kept = [], [], [], []
    for run in range(runs):
        copy, lean_copy = root / f"run-{run}", root / f"lean-{run}"
        shutil.copytree(pristine.parent, copy)
        shutil.copytree(pristine.parent, lean_copy)
        if rebuild:
            shutil.copytree(pristine.parent, root / f"rebuild-{run}")
        store = Store(copy / "briefings.sqlite3")
        with stage_timer() as spent:  # as `brief list` loads it: lean, with quotes
            got = build_corpus(
                [], store, loaded=LoadResult(old + new), key="bench", lean=True, quotes=True
            )
        assert got.threading == "grown", got.threading
        grown.append(spent)
        kept.append(_kept(before, {b.id: b.thread for b in got.briefings}))
        line = f"run {run + 1}: +1,000 as the CLI loads {spent['total']:.2f} s"
        del got
        # as the reader loads it: the cached analyses decoded lean (brief.model.LeanBriefing)
        store = Store(lean_copy / "briefings.sqlite3")
        with stage_timer() as spent:
            got = build_corpus([], store, loaded=LoadResult(old + new), key="bench", lean=True)
        assert got.threading == "grown", got.threading
        lean.append(spent)
        line += f", as the reader loads {spent['total']:.2f} s"
        del got
        shutil.rmtree(lean_copy)
        if rebuild:
            library = Library(Store(root / f"rebuild-{run}" / "briefings.sqlite3"))
            rebuilt.append(_rebuilt(library, [], LoadResult(old + new))[0])
            line += f", threaded from scratch {rebuilt[-1]['total']:.1f} s"
        print(f"    {line}, {kept[-1]:.1%} kept their thread id", flush=True)
        shutil.rmtree(copy)
    g = _summary("adding 1,000, as the CLI loads it (lean, with quotes)", grown)
    g_lean = _summary("adding 1,000, as the reader loads it (lean)", lean)
    if rebuild:
        _summary("adding 1,000, threaded from scratch", rebuilt)
    print(
        f"(c) adding 1,000 to 100,000: as the CLI loads it {g:.2f} s, "
        f"as the reader loads it {g_lean:.2f} s "
        f"(median of {runs}); "
        f"{statistics.median(kept):.1%} of old articles kept their thread id"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", default="abc", help="which of (a), (b), (c) to run (abc)")
    parser.add_argument("--runs", type=int, default=3, help="runs of (b) and (c) (3)")
    parser.add_argument("--rebuild", action="store_true", help="also thread from scratch")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="brief-incremental-"))
    try:
        if "a" in args.parts:
            quality(root / "a")
        if "b" in args.parts:
            print("(b) 10,000 synthetic articles, then 500 more", flush=True)
            ten_thousand(root / "b", args.runs, args.rebuild)
        if "c" in args.parts:
            print("(c) 100,000 synthetic articles, then 1,000 more", flush=True)
            hundred_thousand(root / "c", args.runs, args.rebuild)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
