"""Per-keystroke search latency at 10,000 and 100,000 briefings, against fzf.

    .venv/bin/python benchmarks/search_bench.py [--repeat 3] [--no-fzf]

Types a fixed script of queries letter by letter (typos, qualifiers, phrases,
exclusions) and times `SearchIndex.search(prefix, limit=50)` at every keystroke;
each keystroke's time is the median of --repeat passes over the script. The
reference is `fzf --filter` (the whole process, as a shell pipeline would run it)
on the same lines, typed the same way, in the same run (apt-get install -y fzf);
without fzf the reference is a rapidfuzz `partial_ratio` scan of the lines. Needs
../shared/data (skips with a message without it). Last line:
`search p95 ms: 10k=X 100k=Y`.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_corpus import DATA, searchable_line, synthetic_briefings  # noqa: E402

from brief.search import SearchIndex  # noqa: E402

SCRIPT = [
    "teixera red sox",
    "bettie page pinup",
    "@lohan rehab",
    "where:woodburn bomb",
    "from:reuters after:2008-06-01 earthquake",
    '"life sentence" nichols',
    "hugh jackman -oscars",
    "pirates gulf aden",
    "lindsay lohn rehab",
    "is:unread coach fired",
    "nasa water",
]
SIZES = (10_000, 100_000)


def keystrokes() -> list[str]:
    return [query[:n] for query in SCRIPT for n in range(1, len(query) + 1)]


def fzf_query(text: str) -> str:
    """The nearest fzf query: qualifier values as words, -x as !x, dates and states dropped."""
    words = []
    for token in text.replace('"', " ").split():
        negated = token.startswith("-") and len(token) > 1
        token = token[1:] if negated else token
        key, sep, value = token.partition(":")
        if token.startswith("@"):
            token = token[1:]
        elif sep and key in ("after", "before", "is"):
            continue
        elif sep and key in ("who", "where", "from", "thread"):
            token = value
        if token:
            words.append(("!" if negated else "") + token)
    return " ".join(words)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def time_brief(index: SearchIndex, keys: list[str], repeat: int, state: dict) -> list[float]:
    per_key = [[] for _ in keys]
    for _ in range(repeat):
        for k, text in enumerate(keys):
            start = time.perf_counter()
            index.search(text, limit=50, state=state)
            per_key[k].append((time.perf_counter() - start) * 1000)
    return [statistics.median(v) for v in per_key]


def time_fzf(lines_path: Path, keys: list[str]) -> list[float]:
    out = []
    for text in keys:
        query = fzf_query(text)
        with open(lines_path, "rb") as f:
            start = time.perf_counter()
            subprocess.run(
                ["fzf", "--filter", query], stdin=f, stdout=subprocess.DEVNULL, check=False
            )
            out.append((time.perf_counter() - start) * 1000)
    return out


def time_scan(lines: list[str], keys: list[str]) -> list[float]:
    """The reference without fzf: rapidfuzz partial_ratio over every line, best 50."""
    from rapidfuzz import fuzz, process

    out = []
    for text in keys:
        query = fzf_query(text).replace("!", "")
        start = time.perf_counter()
        process.extract(query, lines, scorer=fuzz.partial_ratio, limit=50)
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--no-fzf", action="store_true", help="use the rapidfuzz scan as the reference"
    )
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"search_bench: skipped — the dev data ({DATA}) is not here")
        return
    use_fzf = not args.no_fzf and shutil.which("fzf") is not None
    why = "--no-fzf" if args.no_fzf else "fzf not found"
    reference = "fzf --filter" if use_fzf else f"rapidfuzz partial_ratio scan ({why})"
    print(f"reference: {reference}")
    keys = keystrokes()
    corpus = synthetic_briefings(max(SIZES))
    mean_chars = statistics.mean(len(searchable_line(b)) for b in corpus[:5000])
    print(
        f"{len(keys)} keystrokes over {len(SCRIPT)} queries; ~{mean_chars:.0f} searchable "
        "characters a briefing"
    )
    print(
        f"{'size':>8}  {'build s':>8}  {'brief med':>9}  {'brief p95':>9}  {'ref med':>8}  "
        f"{'ref p95':>8}  p95 ratio"
    )
    summary = {}
    for size in SIZES:
        docs = corpus[:size]
        builds = []
        for _ in range(3 if size <= 10_000 else 2):
            start = time.perf_counter()
            index = SearchIndex.build(docs)
            builds.append(time.perf_counter() - start)
        state = {"read": {b.id for b in docs[::3]}}
        brief_ms = time_brief(index, keys, args.repeat, state)
        if use_fzf:
            with tempfile.TemporaryDirectory() as tmp:
                lines_path = Path(tmp) / "lines.txt"
                lines_path.write_text(
                    "\n".join(searchable_line(b) for b in docs) + "\n", encoding="utf-8"
                )
                ref_ms = time_fzf(lines_path, keys)
        else:
            ref_ms = time_scan([searchable_line(b) for b in docs], keys)
        ref_cols = (
            f"{statistics.median(ref_ms):8.1f}  {p95(ref_ms):8.1f}  "
            f"{p95(ref_ms) / p95(brief_ms):.1f}x faster"
        )
        slowest = sorted(zip(brief_ms, keys), reverse=True)[:3]
        summary[size] = p95(brief_ms)
        print(
            f"{size:>8,}  {statistics.median(builds):8.2f}  {statistics.median(brief_ms):9.1f}  "
            f"{p95(brief_ms):9.1f}  {ref_cols}"
        )
        print(
            f"{'':>8}  slowest keystrokes: "
            + ", ".join(f"{text!r} {ms:.0f} ms" for ms, text in slowest)
        )
    print(f"search p95 ms: 10k={summary[10_000]:.1f} 100k={summary[100_000]:.1f}")


if __name__ == "__main__":
    main()
