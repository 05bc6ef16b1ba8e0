"""Decoding cached briefings: what a warm start pays for every briefing it reads from the cache.

    python benchmarks/decode.py [N] [--runs R]

The synthetic corpus of threads_scale.py (N articles, default 10,000) is analysed once (kept
as a pickle in the temp directory) and encoded for the cache twice: as brief wrote it before
(schema 2: one JSON object a briefing, a list per mention; decoded field by field with the
garbage collector running) and as it writes it now (`brief.store.codec`). Only the articles and
the blobs are kept in memory, as in a warm start. Each decoder then decodes all N blobs, R
times (default 7); the reference, measured in the same run, is plain `json.loads` of the
schema 2 blobs. Times are CPU seconds of this process (steadier than wall time on a shared
machine). Prints the medians, each as a ratio to the reference, and before/after.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from threads_scale import analysed_corpus, load_briefings  # noqa: E402  (a sibling benchmark)

from brief.model import Block, Briefing, Entity, Mention, Quote, Sentence  # noqa: E402
from brief.store.codec import decode_briefings, encode_briefing  # noqa: E402


def encode_v2(b: Briefing) -> str:
    """The cache's encoding before schema 3 (brief/store/codec.py as it was)."""
    return json.dumps(
        {
            "h": b.headline,
            "s": b.summary,
            "b": [[x.kind, x.start, x.end] for x in b.blocks],
            "S": [[x.start, x.end] for x in b.sentences],
            "m": [[x.start, x.end, x.type, x.text, x.entity] for x in b.mentions],
            "e": [[x.name, x.type, x.count, list(x.aliases)] for x in b.entities],
            "q": [[x.speaker, x.text, x.start, x.end] for x in b.quotes],
            "d": [[x.start, x.end, x.type, x.text, x.entity] for x in b.dates],
            "r": list(b.related),
            "o": b.source,
            "w": [b.date, b.date_inferred],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def decode_v2(article, data: str) -> Briefing:
    d = json.loads(data)
    return Briefing(
        article=article,
        headline=d["h"],
        summary=d["s"],
        date=d["w"][0],
        date_inferred=d["w"][1],
        source=d["o"],
        blocks=tuple(Block(*x) for x in d["b"]),
        sentences=tuple(Sentence(*x) for x in d["S"]),
        mentions=tuple(Mention(*x) for x in d["m"]),
        entities=tuple(Entity(n, t, c, tuple(a)) for n, t, c, a in d["e"]),
        quotes=tuple(Quote(*x) for x in d["q"]),
        dates=tuple(Mention(*x) for x in d["d"]),
        related=tuple(d["r"]),
    )


def median_seconds(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        started = time.process_time()
        out = work()
        times.append(time.process_time() - started)
        del out
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=10_000, help="briefings (10,000)")
    parser.add_argument("--runs", type=int, default=7, help="decodes of all N each (7)")
    args = parser.parse_args()
    briefings = load_briefings(analysed_corpus(args.n))
    articles = [b.article for b in briefings]
    before = [encode_v2(b) for b in briefings]
    after = [encode_briefing(b) for b in briefings]
    pairs = list(zip(articles, after))
    assert decode_briefings(pairs) == [decode_v2(a, d) for a, d in zip(articles, before)]
    assert decode_briefings(pairs) == briefings  # the cache gives back what was analysed
    del briefings
    size = sum(map(len, before)) / 1e6, sum(map(len, after)) / 1e6
    print(f"{args.n:,} briefings: {size[0]:.1f} MB of JSON before, {size[1]:.1f} MB after")
    reference = median_seconds(lambda: [json.loads(d) for d in before], args.runs)
    timed = {
        "json.loads, after's blobs": median_seconds(lambda: [json.loads(d) for d in after], 3),
        "decode before": median_seconds(
            lambda: [decode_v2(a, d) for a, d in zip(articles, before)], args.runs
        ),
        "decode after": median_seconds(lambda: decode_briefings(pairs), args.runs),
    }
    print(f"{'json.loads (reference)':<28} {reference:7.3f} s  1.00x")
    for name, seconds in timed.items():
        print(f"{name:<28} {seconds:7.3f} s  {seconds / reference:.2f}x")
    ratio = timed["decode before"] / timed["decode after"]
    print(
        f"decode {args.n:,}: {timed['decode after']:.2f} s, {ratio:.1f}x faster than before "
        f"({timed['decode before'] / reference:.2f}x -> "
        f"{timed['decode after'] / reference:.2f}x json.loads)"
    )


if __name__ == "__main__":
    main()
