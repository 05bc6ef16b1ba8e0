"""An incremental inverted index that finds each new document's likely neighbours (no I/O).

Adding a document compares it only with documents that share one of its
distinctive terms (blocking), never with the whole corpus: its weighted terms
are looked up in posting lists, partial dot products are accumulated, and only
the strongest pairs are kept as edges. Very common terms (long posting lists)
are not used to find candidates, but still count in the similarity of a pair
once found.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

NAME = "="  # prefix of name terms, so "=turkmenistan" and the word "turkmenistan" differ


class Index:
    def __init__(self, *, top_terms: int = 100, block_terms: int = 20, max_posting: int = 400,
                 keep: int = 20, floor: float = 0.05, name_boost: float = 1.5) -> None:
        self.top_terms = top_terms  # terms kept per document vector
        self.block_terms = block_terms  # of those, how many look for candidates
        self.max_posting = max_posting  # a term in more documents than this is too common to block on
        self.keep = keep  # neighbours kept per new document
        self.floor = floor  # weakest similarity worth keeping
        self.name_boost = name_boost  # names (terms starting with NAME) outweigh plain words
        self.df: Counter[str] = Counter()
        self.n = 0
        self.vectors: list[dict[str, float]] = []
        self.postings: dict[str, list[int]] = {}
        self.edges: dict[tuple[int, int], float] = {}

    def idf(self, term: str) -> float:
        # smoothed, so that in a handful of articles a shared name still counts
        return math.log(1.0 + (self.n + 1) / (self.df[term] + 0.5))

    def vector(self, counts: Mapping[str, float]) -> dict[str, float]:
        """Sub-linear tf-idf, the `top_terms` heaviest terms, unit length."""
        boost = self.name_boost
        weighted = [
            (t, (1.0 + math.log(c)) * self.idf(t) * (boost if t[0] == NAME else 1.0)) for t, c in counts.items() if c > 0
        ]
        weighted.sort(key=lambda tw: (-tw[1], tw[0]))
        top = weighted[: self.top_terms]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        return {t: w / norm for t, w in top}

    def add(self, batch: Iterable[Mapping[str, float]]) -> list[int]:
        """Index a batch of term-count maps; returns their document numbers."""
        batch = list(batch)
        for counts in batch:  # the batch's own document frequencies count from the start
            self.df.update(counts.keys())
        self.n += len(batch)
        numbers = []
        for counts in batch:
            vec = self.vector(counts)
            doc = len(self.vectors)
            self._link(doc, vec)
            self.vectors.append(vec)
            for term in sorted(vec, key=vec.__getitem__, reverse=True)[: self.block_terms]:
                plist = self.postings.setdefault(term, [])
                if len(plist) <= self.max_posting:  # beyond that the term no longer blocks
                    plist.append(doc)
            numbers.append(doc)
        return numbers

    def _link(self, doc: int, vec: dict[str, float]) -> None:
        seen: Counter[int] = Counter()
        for term in sorted(vec, key=vec.__getitem__, reverse=True)[: self.block_terms]:
            plist = self.postings.get(term)
            if plist and len(plist) <= self.max_posting:
                seen.update(plist)
        if not seen:
            return
        vectors = self.vectors
        scored = []
        for other, shared in seen.most_common(self.keep * 2):
            if shared < 2 and len(scored) >= self.keep:
                break  # one common blocking term is weak evidence once enough candidates are in hand
            ov = vectors[other]
            sim = sum([vec[t] * ov[t] for t in vec.keys() & ov.keys()])
            if sim >= self.floor:
                scored.append((sim, other))
        scored.sort(reverse=True)
        for sim, other in scored[: self.keep]:
            self.edges[(other, doc)] = sim
