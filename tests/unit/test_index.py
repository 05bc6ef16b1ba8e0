"""The batch-at-a-time numpy index against a plain per-document version of the same rules."""

import math
import random
from collections import Counter

import pytest

from brief.threads.index import NAME, Index


class PlainIndex:
    """One document at a time, dicts and lists: the rules of `Index`, written the obvious way."""

    def __init__(
        self, top_terms, block_terms, max_posting, keep, extra, floor, name_boost, stored=40
    ):
        self.top_terms, self.block_terms, self.max_posting = top_terms, block_terms, max_posting
        self.keep, self.extra, self.floor, self.name_boost = keep, extra, floor, name_boost
        self.stored = min(stored, top_terms)
        self.df, self.n, self.docs, self.postings, self.edges = Counter(), 0, [], {}, {}

    def add(self, batch):
        for counts in batch:
            self.df.update(counts.keys())
        self.n += len(batch)
        for counts in batch:
            weighted = sorted(
                (
                    -math.log1p((self.n + 1) / (self.df[t] + 0.5))
                    * (self.name_boost if t[0] == NAME else 1.0)
                    * (1 + math.log(c)),
                    t,
                )
                for t, c in counts.items()
                if c > 0
            )[: self.top_terms]
            norm = math.hypot(*(w for w, _ in weighted)) or 1.0
            vec = {t: -w / norm for w, t in weighted}
            order = [t for _, t in weighted]
            doc = len(self.docs)
            blocking = order[: self.block_terms]
            met = Counter(d for t in blocking for d in (self.postings.get(t) or ()))
            ranked = sorted(met.items(), key=lambda item: -item[1])[
                : self.keep + self.extra
            ]  # stable: ties as met
            scored = []
            for other, shared in ranked:
                if shared < 2 and len(scored) >= self.keep:
                    break
                sim = sum(vec.get(t, 0.0) * w for t, w in self.docs[other])
                if sim >= self.floor:
                    scored.append((sim, other))
            for sim, other in sorted(scored, reverse=True)[: self.keep]:
                self.edges[(other, doc)] = sim
            self.docs.append([(t, vec[t]) for t in order[: self.stored]])
            for t in blocking:
                plist = self.postings.get(t, [])
                if plist is None:
                    continue
                self.postings[t] = None if len(plist) >= self.max_posting else plist + [doc]


def _corpus(rng, n):
    vocabulary = [f"w{i}" for i in range(60)] + [f"{NAME}n{i}" for i in range(15)]
    return [
        {t: rng.choice((0, 1, 1, 2, 3)) for t in rng.sample(vocabulary, rng.randrange(1, 25))}
        for _ in range(n)
    ]


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize(
    "settings",
    [
        dict(
            top_terms=100,
            block_terms=20,
            max_posting=100,
            keep=20,
            extra=0,
            floor=0.05,
            name_boost=1.5,
        ),
        dict(
            top_terms=12, block_terms=8, max_posting=6, keep=3, extra=2, floor=0.05, name_boost=1.0
        ),
    ],
)
def test_batches_give_the_edges_of_the_plain_rules(seed, settings):
    rng = random.Random(seed)
    docs = _corpus(rng, 400)
    index, plain = Index(**settings), PlainIndex(**settings)
    start = 0
    for size in (1, 7, 150, 2, 240):  # batches of all sizes, the matrices growing several times
        index.add(docs[start : start + size])
        plain.add(docs[start : start + size])
        start += size
    assert index.n == 400
    assert set(index.edges) == set(plain.edges)
    edges = index.edges
    assert max(abs(edges[pair] - sim) for pair, sim in plain.edges.items()) < 1e-6
    assert any(v is None for v in index.postings.values()) or settings["max_posting"] == 100
    assert index.vector_of(123) == pytest.approx(dict(plain.docs[123]), abs=1e-6)
