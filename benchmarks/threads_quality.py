"""Event and thread quality on a gold-clustered JSON Lines file (ECB+ dev by default), in-process.

    python benchmarks/threads_quality.py [GOLD.jsonl] [--errors]

Prints the same figures as /work/shared/eval/threads.py (events B-cubed P/R/F1,
thread purity against topics), plus a leave-one-topic-pair view: the scores of
each topic on its own, so a change that helps one topic and hurts another shows.
With --errors, lists articles whose event mixes gold clusters.
"""

from __future__ import annotations

import collections
import json
import sys
import time

from brief.analysis.briefing import analyse
from brief.sources import load
from brief.threads import build_threads

DEFAULT = "/work/shared/data/threads-ecbplus-dev.jsonl"


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    g, p = collections.defaultdict(set), collections.defaultdict(set)
    for doc in gold:
        g[gold[doc]].add(doc)
        p[pred[doc]].add(doc)
    prec = sum(len(g[gold[d]] & p[pred[d]]) / len(p[pred[d]]) for d in gold) / len(gold)
    rec = sum(len(g[gold[d]] & p[pred[d]]) / len(g[gold[d]]) for d in gold) / len(gold)
    return prec, rec, 2 * prec * rec / (prec + rec)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = args[0] if args else DEFAULT
    with open(path, encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    gold = {r["id"]: r["cluster"] for r in rows}
    topic = {r["id"]: r.get("topic", r["cluster"]) for r in rows}
    briefings = [analyse(a) for a in load([path]).articles]
    loaded = {b.id for b in briefings}
    if len(loaded) < len(gold):  # the loader skips rows it cannot read (e.g. empty text)
        print(f"scoring the {len(loaded)} of {len(gold)} articles that loaded")
        gold = {d: c for d, c in gold.items() if d in loaded}
        topic = {d: c for d, c in topic.items() if d in loaded}
    started = time.perf_counter()
    out, threads = build_threads(briefings)
    elapsed = time.perf_counter() - started
    event_of = {a: f"{t.id}/{e.id}" for t in threads for e in t.events for a in e.articles}
    thread_of = {a: t.id for t in threads for a in t.articles}
    print(
        f"articles {len(gold)}  events {len(set(event_of.values()))}  threads {len(threads)}  "
        f"({elapsed:.2f} s)"
    )
    p, r, f = bcubed(gold, event_of)
    print(f"events   B-cubed  P/R/F1  {p:.3f} {r:.3f} {f:.3f}")
    print(f"threads  purity  {bcubed(topic, thread_of)[0]:.3f}")
    for t in sorted(set(topic.values()), key=lambda x: (len(x), x)):
        ids = [d for d in gold if topic[d] == t]
        p, r, f = bcubed({d: gold[d] for d in ids}, {d: event_of[d] for d in ids})
        print(
            f"  topic {t:>3}: events P {p:.2f} R {r:.2f} F {f:.2f}  threads "
            f"{len({thread_of[d] for d in ids})}"
        )
    if "--errors" in sys.argv:
        title = {b.id: b.headline for b in out}
        for t in threads:
            for e in t.events:
                clusters = collections.Counter(gold[a] for a in e.articles)
                if len(clusters) > 1:
                    print(f"mixed event {e.id} {dict(clusters)}")
                    for a in e.articles:
                        print(f"    {gold[a]:<12} {title[a][:80]}")
        for t in threads:
            topics = {topic[a] for a in t.articles}
            if len(topics) > 1:
                print(f"impure thread {t.title!r}: topics {sorted(topics)}")


if __name__ == "__main__":
    main()
