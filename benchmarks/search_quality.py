"""Top-1 accuracy of brief's search against `fzf --filter` on the dev corpora.

    .venv/bin/python benchmarks/search_quality.py [--seed 1] [--held-out-seed 2] [--per-kind 150]

The corpus is the ECB+ and CNN/DailyMail dev articles in ../shared/data, analysed
by brief's own pipeline. Two kinds of query, drawn with a fixed seed:

  titles with typos   2-4 words of an article's title that no other title has all of,
                      one or two of them misspelt (a letter dropped, doubled, swapped
                      or replaced); the answer is that article.
  entity + place      a name from an article's text (a surname, or a whole one-word
                      name) and a place it mentions ("in Boston"), where only that
                      article has both words; the answer is that article.

fzf sees one line per briefing (headline, source, entity names, text) and the same
query text; its first line is its answer. The names and places are found by a plain
capitalisation pattern, not by brief's recogniser, so the queries do not favour it.
A second seed draws held-out queries from the same articles. Skips with a message
when the dev data is not there (it is not part of a clone).
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

CANDIDATES = (Path(__file__).resolve().parents[2] / "shared" / "data", Path("/work/shared/data"))
FILES = ("threads-ecbplus-dev.jsonl", "summaries-cnndm-dev.jsonl")
_NAME = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}")
_PLACE = re.compile(r"\b(?:in|at|from|near) ([A-Z][a-z]{3,}(?: [A-Z][a-z]+)?)")
_WORD = re.compile(r"[a-z0-9]+")
_SKIP = {
    "the",
    "and",
    "for",
    "with",
    "from",
    "that",
    "this",
    "after",
    "over",
    "into",
    "says",
    "said",
    "will",
    "have",
    "has",
    "was",
    "are",
    "its",
    "his",
    "her",
    "who",
    "not",
    "but",
    "new",
    "more",
    "report",
}
_MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
}


def find_data() -> Path | None:
    for folder in CANDIDATES:
        if all((folder / name).is_file() for name in FILES):
            return folder
    return None


def words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def misspell(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)  # keep the first letter, as people mostly do
    op = rng.choice(("drop", "double", "swap", "replace"))
    if op == "drop":
        return word[:i] + word[i + 1 :]
    if op == "double":
        return word[:i] + word[i] + word[i:]
    if op == "swap":
        return (
            word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            if i + 1 < len(word)
            else word[:i] + word[i]
        )
    letter = rng.choice([c for c in "aeiourstnl" if c != word[i]])
    return word[:i] + letter + word[i + 1 :]


def title_queries(articles: list[dict], rng: random.Random, n: int) -> list[tuple[str, str]]:
    title_words = {a["id"]: words(a["title"]) for a in articles if a.get("title")}
    out = []
    for a in sorted(articles, key=lambda a: a["id"]):
        title = (a.get("title") or "").strip()
        content = [
            w
            for w in _WORD.findall(title.lower())
            if len(w) >= 3 and w not in _SKIP and not w.isdigit()
        ]
        if len(content) < 2:
            continue
        for _ in range(10):  # words that name this title and no other, so there is one right answer
            k = min(len(content), rng.randint(2, 4))
            picked = [content[i] for i in sorted(rng.sample(range(len(content)), k))]
            if [i for i, v in title_words.items() if set(picked) <= v] == [a["id"]]:
                break
        else:
            continue
        long = [i for i, w in enumerate(picked) if len(w) >= 5]
        if not long:
            continue
        for i in rng.sample(long, min(len(long), rng.choice((1, 1, 2)))):
            picked[i] = misspell(picked[i], rng)
        out.append((" ".join(picked), a["id"]))
    rng.shuffle(out)
    return out[:n]


def entity_place_queries(articles: list[dict], rng: random.Random, n: int) -> list[tuple[str, str]]:
    vocab = {a["id"]: words(f"{a.get('title') or ''} {a['text']}") for a in articles}
    out = []
    for a in sorted(articles, key=lambda a: a["id"]):
        text = " ".join(a["text"].split())
        places = {m.group(1) for m in _PLACE.finditer(text)}
        names = {m.group() for m in _NAME.finditer(text)}
        pairs = []
        for name in sorted(names):
            key = name.split()[-1] if " " in name and rng.random() < 0.7 else name
            for place in sorted(places):
                query = f"{key} {place}".lower()
                qwords = words(query)
                if place in name or name in place or qwords & (_SKIP | _MONTHS) or len(qwords) < 2:
                    continue
                holders = [i for i, v in vocab.items() if qwords <= v]
                if holders == [a["id"]]:
                    pairs.append(query)
        if pairs:
            out.append((rng.choice(pairs), a["id"]))
    rng.shuffle(out)
    return out[:n]


def fzf_top(lines_path: Path, query: str) -> int | None:
    run = subprocess.run(
        ["fzf", "--filter", query, "--delimiter", "\t", "--nth", "2.."],
        stdin=lines_path.open("rb"),
        capture_output=True,
        check=False,
    )
    first = run.stdout.split(b"\n", 1)[0]
    return int(first.split(b"\t", 1)[0]) if first else None


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--held-out-seed", type=int, default=2)
    parser.add_argument("--per-kind", type=int, default=150)
    parser.add_argument(
        "--show-misses", type=int, default=0, help="print this many of brief's misses per kind"
    )
    args = parser.parse_args()
    data = find_data()
    if data is None:
        print(
            "search_quality: skipped — the dev data "
            "(../shared/data or /work/shared/data) is not here"
        )
        return
    import json

    from search_corpus import searchable_line

    from brief.library import build_corpus
    from brief.search import SearchIndex

    articles = []
    for name in FILES:
        with open(data / name, encoding="utf-8") as f:
            articles += [json.loads(line) for line in f if line.strip()]
    corpus = build_corpus([data / name for name in FILES])
    briefings = corpus.briefings
    index = SearchIndex.build(briefings, corpus.threads)
    use_fzf = shutil.which("fzf") is not None
    if not use_fzf:
        print("fzf not found (apt-get install -y fzf): brief's figures only")
    print(f"{len(briefings)} briefings from {', '.join(FILES)}")
    print(f"{'queries':<28} {'n':>4}  {'brief top-1':>11}  {'fzf top-1':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        lines_path = Path(tmp) / "lines.txt"
        lines_path.write_text(
            "".join(f"{k}\t{searchable_line(b)}\n" for k, b in enumerate(briefings)),
            encoding="utf-8",
        )
        for label, seed in (("dev", args.seed), ("held-out", args.held_out_seed)):
            for kind, make in (
                ("titles with typos", title_queries),
                ("entity + place", entity_place_queries),
            ):
                queries = make(articles, random.Random(f"{kind}/{seed}"), args.per_kind)
                brief_hits = fzf_hits = 0
                misses = []
                for query, target in queries:
                    found = index.search(query, limit=1).results
                    if found and found[0].id == target:
                        brief_hits += 1
                    else:
                        misses.append((query, target, found[0].headline if found else None))
                    if use_fzf:
                        top = fzf_top(lines_path, query)
                        fzf_hits += top is not None and briefings[top].id == target
                n = max(1, len(queries))
                fzf_col = f"{100 * fzf_hits / n:8.1f}%" if use_fzf else "      n/a"
                print(
                    f"{kind + ' (' + label + ')':<28} {len(queries):>4}  "
                    f"{100 * brief_hits / n:10.1f}%  {fzf_col}"
                )
                for query, target, got in misses[: args.show_misses]:
                    print(f"    miss: {query!r} -> {got!r} (wanted {target})")


if __name__ == "__main__":
    main()
