"""An incremental inverted index that finds each new document's likely neighbours (no I/O).

Adding a document compares it only with documents that share one of its
distinctive terms (blocking), never with the whole corpus: its heaviest terms
are looked up in posting lists, and only the documents met most often there
are scored and kept as edges. A term in more than `max_posting` documents is
too common to block on: its posting list is dropped and never grows again, so
the work per document is bounded and the whole is linear in the corpus.

A batch is weighted and scored with numpy, a whole batch at a time: per
document in Python, weighting and scoring cost a quarter of a millisecond,
which is half a minute at 100,000 articles. Only the walk through the posting
lists stays a loop, because each document's postings change what the next
one meets. Storage is compact, because the index must hold 100,000 articles
in a few hundred megabytes: terms are numbered, each document's top terms and
weights are one row of two matrices, posting lists and edges are arrays.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from heapq import nlargest
from itertools import chain, islice
from operator import itemgetter

import numpy as np

from brief.threads.features import NAME

STORED_TERMS = 40  # of a document's top terms, those kept for scoring later documents against it
_SCORE_DOCS = 128  # new documents whose candidates are scored at once


class Index:
    def __init__(
        self,
        *,
        top_terms: int = 100,
        block_terms: int = 20,
        max_posting: int = 100,
        keep: int = 20,
        extra: int = 0,
        floor: float = 0.05,
        name_boost: float = 1.5,
    ) -> None:
        self.top_terms = top_terms  # terms kept per document vector
        self.block_terms = block_terms  # of those, how many look for candidates
        self.stored_terms = min(STORED_TERMS, top_terms)
        # a term in more documents than this is too common to block on: one happening is rarely
        # reported by more articles, and every later document would otherwise meet the whole list
        self.max_posting = max_posting
        self.keep = keep  # neighbours kept per new document
        # candidates scored beyond those kept, in case fewer shared terms hide a closer one
        self.extra = extra
        self.floor = floor  # weakest similarity worth keeping
        self.name_boost = name_boost  # names (terms starting with NAME) outweigh plain words
        self.n = 0
        self.term_number: dict[str, int] = {}
        self.terms: list[str] = []
        self.doc_freq = array("i")  # by term number
        self._is_name = array("b")  # by term number
        # per document, its `stored_terms` heaviest terms (-1 pads) and their unit-length weights
        self._stored = np.full((0, self.stored_terms), -1, np.int32)
        self._stored_w = np.zeros((0, self.stored_terms), np.float32)
        self.postings: dict[
            int, array | None
        ] = {}  # term number -> documents; None once too common
        self.edge_a = array("i")  # edges (a, b, similarity) with a < b, in the order found
        self.edge_b = array("i")
        self.edge_w = array("d")
        # after `repack`, posting lists wait here until a batch blocks on their terms
        self._packed: tuple[np.ndarray, ...] | None = None

    # --- reading ---------------------------------------------------------

    @property
    def edges(self) -> dict[tuple[int, int], float]:
        """All edges as a dict; for small indexes and tests (the clustering reads the arrays)."""
        return {(a, b): w for a, b, w in zip(self.edge_a, self.edge_b, self.edge_w)}

    def top_terms_of(self, doc: int) -> list[str]:
        """The document's stored terms, heaviest first."""
        terms = self.terms
        return [terms[t] for t in self._stored[doc].tolist() if t >= 0]

    def vector_of(self, doc: int) -> dict[str, float]:
        terms = self.terms
        return {
            terms[t]: w
            for t, w in zip(self._stored[doc].tolist(), self._stored_w[doc].tolist())
            if t >= 0
        }

    # --- adding ----------------------------------------------------------

    def add(
        self, batch: Iterable[Mapping[str, float] | tuple[Sequence[str], Sequence[float]]]
    ) -> list[int]:
        """Index a batch of term counts, each a map or a pair
        (terms, counts); returns their document numbers.

        The batch's own document frequencies count before any of its vectors is made.
        """
        batch = [(tuple(m), tuple(m.values())) if isinstance(m, Mapping) else m for m in batch]
        base = self.n  # documents so far (the matrices have room for more)
        if not batch:
            return []
        alphabetical = self._count(batch)
        doc, ids, weights, rank = self._vectors(batch, alphabetical)
        self._store(base, len(batch), doc, ids, weights, rank)
        self._unpack(ids[rank < self.block_terms])
        pairs = self._candidates(
            base, len(batch), ids[rank < self.block_terms], doc[rank < self.block_terms]
        )
        if pairs is not None:
            self._link(base, doc, ids, weights, *pairs)
        return list(range(base, base + len(batch)))

    def _count(self, batch: list[tuple[Sequence[str], Sequence[float]]]) -> np.ndarray:
        """Count the batch in the document frequencies; returns each term number's place in the
        alphabetical order of the batch's terms, which breaks ties between equal weights."""
        number, terms, freq, is_name = self.term_number, self.terms, self.doc_freq, self._is_name
        # counted in C, then once per distinct term
        counted = Counter(chain.from_iterable(map(itemgetter(0), batch)))
        for t, df in counted.items():
            i = number.get(t)
            if i is None:
                number[t] = len(terms)
                terms.append(t)
                freq.append(df)
                is_name.append(t[:1] == NAME)
            else:
                freq[i] += df
        self.n += len(batch)
        alphabetical = np.zeros(len(terms), np.int64)
        alphabetical[
            np.fromiter(map(number.__getitem__, sorted(counted)), np.int64, len(counted))
        ] = np.arange(len(counted))
        return alphabetical

    def _vectors(
        self, batch: list[tuple[Sequence[str], Sequence[float]]], alphabetical: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        """Sub-linear tf-idf of the batch, each document's
        `top_terms` heaviest terms at unit length.

        Returns flat arrays (batch position, term number, weight, rank within its document),
        by document, heaviest first, equal weights in alphabetical order.
        """
        sizes = np.fromiter((len(terms) for terms, _ in batch), np.int64, len(batch))
        total = int(sizes.sum())
        ids = np.fromiter(
            map(self.term_number.__getitem__, chain.from_iterable(terms for terms, _ in batch)),
            np.int64,
            total,
        )
        counts = np.fromiter(chain.from_iterable(counts for _, counts in batch), np.float64, total)
        doc = np.repeat(np.arange(len(batch)), sizes)
        live = counts > 0  # a zero count adds to the document frequency only
        ids, counts, doc = ids[live], counts[live], doc[live]
        # smoothed idf, so that in a handful of articles a shared name still counts
        idf = np.log1p((self.n + 1) / (np.frombuffer(self.doc_freq, np.int32)[ids] + 0.5))
        boost = np.where(np.frombuffer(self._is_name, np.int8)[ids] == 1, self.name_boost, 1.0)
        weights = idf * boost * (1.0 + np.log(counts))
        order = np.lexsort((alphabetical[ids], -weights, doc))
        doc, ids, weights = doc[order], ids[order], weights[order]
        rank = np.arange(len(doc)) - np.searchsorted(
            doc, doc
        )  # searchsorted finds each document's first entry
        top = rank < self.top_terms
        doc, ids, weights, rank = doc[top], ids[top], weights[top], rank[top]
        norm = np.sqrt(np.bincount(doc, weights * weights, minlength=len(batch)))
        return doc, ids, weights / np.where(norm > 0, norm, 1.0)[doc], rank

    def _store(
        self,
        base: int,
        size: int,
        doc: np.ndarray,
        ids: np.ndarray,
        weights: np.ndarray,
        rank: np.ndarray,
    ) -> None:
        need = base + size
        if need > len(self._stored):  # grow by half again, so that many small batches copy little
            grown = max(need, len(self._stored) * 3 // 2)
            stored = np.full((grown, self.stored_terms), -1, np.int32)
            stored_w = np.zeros((grown, self.stored_terms), np.float32)
            stored[:base], stored_w[:base] = self._stored[:base], self._stored_w[:base]
            self._stored, self._stored_w = stored, stored_w
        kept = rank < self.stored_terms
        self._stored[base + doc[kept], rank[kept]] = ids[kept]
        self._stored_w[base + doc[kept], rank[kept]] = weights[kept]

    def repack(self) -> None:
        """Rebuilds the posting lists from the stored terms, packed into arrays and unpacked
        term by term when a batch needs them (a restored index needs only its new articles').

        A document posted its `block_terms` heaviest terms, the first of its stored ones, and a
        list that reached `max_posting` documents was dropped at the next: so the lists are
        those of the terms in at most `max_posting` documents' blocking terms."""
        blocking = self._stored[: self.n, : self.block_terms].astype(np.int64)
        docs = np.repeat(np.arange(self.n, dtype=np.int64), blocking.shape[1])
        posted = blocking.ravel() >= 0
        # (term, document) pairs are distinct: sorting them as one number orders each term's
        # documents as they were posted, quicker than a stable sort of the terms
        pairs = np.sort(blocking.ravel()[posted] * max(self.n, 1) + docs[posted])
        terms, docs = pairs // max(self.n, 1), (pairs % max(self.n, 1)).astype(np.int32)
        starts = np.flatnonzero(np.diff(terms, prepend=-1))  # where each term's run begins
        unique, counts = terms[starts], np.diff(starts, append=len(terms))
        self.postings = {}
        self._packed = (unique, starts, counts, docs)

    def _unpack(self, terms: np.ndarray) -> None:
        if self._packed is None:
            return
        unique, starts, counts, docs = self._packed
        wanted = np.unique(terms)
        wanted = wanted[~np.isin(wanted, np.fromiter(self.postings, np.int64, len(self.postings)))]
        at = np.minimum(np.searchsorted(unique, wanted), max(len(unique) - 1, 0))
        found = (unique[at] == wanted) if len(unique) else np.zeros(len(wanted), bool)
        postings, cap = self.postings, self.max_posting
        for t, i in zip(wanted[found].tolist(), at[found].tolist()):
            count = int(counts[i])
            start = int(starts[i])
            postings[t] = None if count > cap else array("i", docs[start : start + count].tobytes())

    def _candidates(
        self, base: int, size: int, ids: np.ndarray, doc: np.ndarray
    ) -> tuple[np.ndarray, ...] | None:
        """For each document in turn, the earlier ones met most
        often in its blocking terms' postings; then post it.

        Returns (batch position, candidate, terms shared)
        arrays, each document's candidates most shared first.
        """
        postings, cap, limit = self.postings, self.max_posting, self.keep + self.extra
        ends = np.searchsorted(doc, np.arange(size + 1)).tolist()
        blocking_all = ids.tolist()
        at, others, shared = array("i"), array("i"), array("i")
        for d in range(size):
            blocking = blocking_all[ends[d] : ends[d + 1]]
            seen = Counter(chain.from_iterable(filter(None, map(postings.get, blocking))))
            if seen:
                found = _most_shared(seen, limit)
                at.extend([d] * len(found))
                others.extend(map(itemgetter(0), found))
                shared.extend(map(itemgetter(1), found))
            new = base + d
            for t in blocking:
                plist = postings.get(t, ())
                if plist is None:
                    continue  # too common to block on
                if not plist:
                    postings[t] = array("i", [new])
                elif len(plist) >= cap:
                    postings[t] = (
                        None  # beyond the cap the term no longer blocks: free its list for good
                    )
                else:
                    plist.append(new)
        if not at:
            return None
        return (
            np.frombuffer(at, np.int32),
            np.frombuffer(others, np.int32),
            np.frombuffer(shared, np.int32),
        )

    def _link(
        self,
        base: int,
        doc: np.ndarray,
        ids: np.ndarray,
        weights: np.ndarray,
        at: np.ndarray,
        others: np.ndarray,
        shared: np.ndarray,
    ) -> None:
        """Score the candidate pairs (cosine of the new vector
        with the candidate's stored terms); keep the best."""
        span = len(self.terms)
        keys = doc * span + ids  # (batch position, term) -> weight, as a sorted lookup table
        order = np.argsort(keys)
        keys, values = keys[order], weights[order]
        sims = np.zeros(len(at))
        # a hundred-odd documents at a time: their part of the table stays in the processor's cache
        bounds = np.arange(0, int(doc[-1]) + _SCORE_DOCS + 1, _SCORE_DOCS)
        pair_ends = np.searchsorted(at, bounds).tolist()
        key_ends = np.searchsorted(keys, bounds * span).tolist()
        for i in range(len(bounds) - 1):
            part = slice(pair_ends[i], pair_ends[i + 1])
            table, table_values = (
                keys[key_ends[i] : key_ends[i + 1]],
                values[key_ends[i] : key_ends[i + 1]],
            )
            if not len(table) or part.start == part.stop:
                continue  # no terms (every pair then scores 0) or no candidates
            terms, term_w = self._stored[others[part]], self._stored_w[others[part]]
            wanted = at[part, None].astype(np.int64) * span + terms
            pos = np.minimum(np.searchsorted(table, wanted), len(table) - 1)
            hit = (table[pos] == wanted) & (
                terms >= 0
            )  # -1 pads would read the previous document's last term
            sims[part] = (np.where(hit, table_values[pos], 0.0) * term_w).sum(axis=1)
        passing = sims >= self.floor
        # A candidate sharing one blocking term is weak evidence once `keep` better-shared ones
        # passed: count, for each pair, how many of its document's earlier candidates passed.
        passed = np.cumsum(passing)
        first = np.searchsorted(at, at)
        before = passed - passing - np.where(first > 0, passed[first - 1], 0)
        ok = np.flatnonzero(passing & ~((shared < 2) & (before >= self.keep)))
        at, others, sims = at[ok], others[ok], sims[ok]
        order = np.lexsort(
            (-others, -sims, at)
        )  # per document, most similar first, ties to the later one
        at, others, sims = at[order], others[order], sims[order]
        best = np.arange(len(at)) - np.searchsorted(at, at) < self.keep
        self.edge_a.extend(others[best].tolist())
        self.edge_b.extend((at[best] + base).tolist())
        self.edge_w.extend(sims[best].tolist())


def _most_shared(seen: Counter[int], limit: int) -> list[tuple[int, int]]:
    """The `limit` documents met most often (ties in
    the order met), as Counter.most_common would give.

    Most documents are met once; picking the few met more often first keeps the
    selection cheap when long posting lists bring in thousands.
    """
    strong = [item for item in seen.items() if item[1] > 1]
    if len(strong) >= limit:
        return nlargest(limit, strong, key=itemgetter(1))
    strong.sort(key=itemgetter(1), reverse=True)
    return strong + list(
        islice((item for item in seen.items() if item[1] == 1), limit - len(strong))
    )
