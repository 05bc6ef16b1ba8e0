"""An incremental inverted index that finds each new document's likely neighbours (no I/O).

Adding a document compares it only with documents that share one of its
distinctive terms (blocking), never with the whole corpus: its heaviest terms
are looked up in posting lists, and only the documents met most often there
are scored and kept as edges. A term in more than `max_posting` documents is
too common to block on: its posting list is dropped and never grows again, so
the work per document is bounded and the whole is linear in the corpus.

Storage is compact because the index must hold 100,000 articles in a few
hundred megabytes: terms are numbered, each document keeps its top terms as
two arrays (term numbers, weights), posting lists and edges are int/float
arrays rather than lists of objects or dicts keyed by pairs.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from heapq import nlargest
from itertools import chain, islice, repeat
from operator import itemgetter, mul

_TF = [0.0] + [1.0 + math.log(c) for c in range(1, 64)]  # sub-linear term frequency, precomputed
STORED_TERMS = 40  # of a document's top terms, those kept for scoring later documents against it
NAME = "="  # prefix of name terms, so "=turkmenistan" and the word "turkmenistan" differ


class Index:
    def __init__(self, *, top_terms: int = 100, block_terms: int = 20, max_posting: int = 100,
                 keep: int = 20, extra: int = 0, floor: float = 0.05, name_boost: float = 1.5) -> None:
        self.top_terms = top_terms  # terms kept per document vector
        self.block_terms = block_terms  # of those, how many look for candidates
        self.stored_terms = STORED_TERMS
        # a term in more documents than this is too common to block on: one happening is rarely reported
        # by more articles, and every later document would otherwise meet the whole list
        self.max_posting = max_posting
        self.keep = keep  # neighbours kept per new document
        self.extra = extra  # candidates scored beyond those kept, in case fewer shared terms hide a closer one
        self.floor = floor  # weakest similarity worth keeping
        self.name_boost = name_boost  # names (terms starting with NAME) outweigh plain words
        self.n = 0
        self.term_number: dict[str, int] = {}
        self.terms: list[str] = []
        self.doc_freq = array("i")  # by term number
        self.doc_terms: list[array] = []  # per document: term numbers, heaviest first
        self.doc_weights: list[array] = []  # per document: their unit-length weights
        self.postings: dict[int, array | None] = {}  # term number -> documents; None once too common
        self.edge_a = array("i")  # edges (a, b, similarity) with a < b, in the order found
        self.edge_b = array("i")
        self.edge_w = array("d")

    # --- reading ---------------------------------------------------------

    @property
    def df(self) -> Counter[str]:
        return Counter({t: self.doc_freq[i] for i, t in enumerate(self.terms)})

    @property
    def edges(self) -> dict[tuple[int, int], float]:
        """All edges as a dict; for small indexes and tests (the clustering reads the arrays)."""
        return {(a, b): w for a, b, w in zip(self.edge_a, self.edge_b, self.edge_w)}

    def vector_of(self, doc: int) -> dict[str, float]:
        terms = self.terms
        return {terms[t]: w for t, w in zip(self.doc_terms[doc], self.doc_weights[doc])}

    @property
    def vectors(self) -> list[dict[str, float]]:
        return [self.vector_of(doc) for doc in range(len(self.doc_terms))]

    def neighbours(self) -> Iterator[tuple[int, int, float]]:
        return zip(self.edge_a, self.edge_b, self.edge_w)

    # --- weighting -------------------------------------------------------

    def idf(self, term: str) -> float:
        number = self.term_number.get(term)
        return self._idf(self.doc_freq[number] if number is not None else 0)

    def _idf(self, df: int) -> float:
        # smoothed, so that in a handful of articles a shared name still counts
        return math.log(1.0 + (self.n + 1) / (df + 0.5))

    def vector(self, counts: Mapping[str, float]) -> dict[str, float]:
        """Sub-linear tf-idf, the `top_terms` heaviest terms, unit length."""
        return dict(self._vector(counts, {}))

    def _vector(self, counts: Mapping[str, float], cache: dict[str, float]) -> list[tuple[str, float]]:
        tf = _TF
        short = len(tf)
        weighted = []
        for t, c in counts.items():
            if c <= 0:
                continue
            factor = cache.get(t)
            if factor is None:
                # negated, so a plain sort puts the heaviest first and equal weights in term order
                factor = cache[t] = -self.idf(t) * (self.name_boost if t[0] == NAME else 1.0)
            weighted.append((factor * (tf[c] if c.__class__ is int and c < short else 1.0 + math.log(c)), t))
        weighted.sort()
        top = weighted[: self.top_terms]
        norm = math.hypot(*[w for w, _ in top]) or 1.0
        return [(t, -w / norm) for w, t in top]

    # --- adding ----------------------------------------------------------

    def add(self, batch: Iterable[Mapping[str, float]]) -> list[int]:
        """Index a batch of term-count maps; returns their document numbers."""
        batch = list(batch)
        number, terms, freq = self.term_number, self.terms, self.doc_freq
        # the batch's own document frequencies count from the start (counted in C, then once per term)
        for t, df in Counter(chain.from_iterable(batch)).items():
            i = number.get(t)
            if i is None:
                number[t] = len(terms)
                terms.append(t)
                freq.append(df)
            else:
                freq[i] += df
        self.n += len(batch)
        idf_cache: dict[str, float] = {}  # frequencies are fixed for the whole batch
        numbers = []
        for counts in batch:
            vec = [(number[t], w) for t, w in self._vector(counts, idf_cache)]
            doc = len(self.doc_terms)
            blocking = [t for t, _ in vec[: self.block_terms]]
            self._link(doc, dict(vec), blocking)
            stored = vec[: self.stored_terms]
            self.doc_terms.append(array("i", [t for t, _ in stored]))
            self.doc_weights.append(array("f", [w for _, w in stored]))
            self._post(doc, blocking)
            numbers.append(doc)
        return numbers

    def _post(self, doc: int, blocking: list[int]) -> None:
        postings, cap = self.postings, self.max_posting
        for t in blocking:
            plist = postings.get(t, ())
            if plist is None:
                continue  # too common to block on
            if not plist:
                postings[t] = array("i", [doc])
            elif len(plist) >= cap:
                postings[t] = None  # beyond the cap the term no longer blocks: free its list for good
            else:
                plist.append(doc)

    def _link(self, doc: int, vec: dict[int, float], blocking: list[int]) -> None:
        postings = self.postings
        seen = Counter(chain.from_iterable(filter(None, map(postings.get, blocking))))
        if not seen:
            return
        terms, weights = self.doc_terms, self.doc_weights
        get = vec.get
        scored = []
        for other, shared in _most_shared(seen, self.keep + self.extra):
            if shared < 2 and len(scored) >= self.keep:
                break  # one common blocking term is weak evidence once enough candidates are in hand
            sim = sum(map(mul, map(get, terms[other], repeat(0.0)), weights[other]))
            if sim >= self.floor:
                scored.append((sim, other))
        scored.sort(reverse=True)
        for sim, other in scored[: self.keep]:
            self.edge_a.append(other)
            self.edge_b.append(doc)
            self.edge_w.append(sim)


def _most_shared(seen: Counter[int], limit: int) -> list[tuple[int, int]]:
    """The `limit` documents met most often (ties in the order met), as Counter.most_common would give.

    Most documents are met once; picking the few met more often first keeps the
    selection cheap when long posting lists bring in thousands.
    """
    strong = [item for item in seen.items() if item[1] > 1]
    if len(strong) >= limit:
        return nlargest(limit, strong, key=itemgetter(1))
    strong.sort(key=itemgetter(1), reverse=True)
    return strong + list(islice((item for item in seen.items() if item[1] == 1), limit - len(strong)))
