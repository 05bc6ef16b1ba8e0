"""Linking briefings into events and story threads; timelines and what each event adds (no I/O).

Two levels (see DESIGN.md). An *event* is one happening: articles whose
distinctive words and names agree and whose dates (given or written in the
text) are close. A *thread* is one developing story: events whose salient
names agree, at any distance in time. Both levels are average-link clusterings
over sparse similarity graphs; candidate pairs come from inverted indexes
(`brief.threads.index`), so adding articles never compares every pair.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping

import numpy as np

from brief.gc_pause import paused_gc
from brief.model import Briefing, Thread
from brief.threads.cluster import average_link, common_neighbours, components, nearest
from brief.threads.dates import FACTORS, DateTable, date_factor
from brief.threads.features import Kept
from brief.threads.index import NAME, Index
from brief.threads.outcome import Previous, outcome
from brief.threads.parallel import Plan, featurised
from brief.threads.prepared import Prepared
from brief.threads.regional import parts_of, recluster, touched
from brief.threads.state import (
    Graph,
    Labels,
    PackedKept,
    Snapshot,
    features_state,
    index_state,
    restore_index,
)

NEIGHBOURS = 5  # an article's nearest neighbours, whose overlap measures how alike two articles are
# mean shared-neighbour similarity for articles to be one happening: just above what two mutual
# neighbours whose dates are far apart reach (2 / (NEIGHBOURS + 1) x FAR_APART = 0.1)
EVENT_THRESHOLD = 0.105
# On news of unrelated happenings every article still has nearest neighbours, and two
# stories that merely share a club or a country would share them. So a neighbour must be
# at least NEIGHBOUR_FLOOR alike, and two articles link only through a third neighbour they
# share, or when they are STRONG_PAIR alike themselves (one story told by two outlets).
NEIGHBOUR_FLOOR = 0.04
STRONG_PAIR = 0.12
# Even through a shared neighbour, two articles must be LINK_FLOOR alike themselves: on a
# busy beat (a rugby season, an election campaign) every story shares neighbours with every
# other, and a chain of such links would make the whole beat one happening.
LINK_FLOOR = 0.09
THREAD_THRESHOLD = 0.30  # mean name-profile similarity for events to be one story

KEPT_WORDS = 20


class Threader:
    """Incremental state: add briefings in batches, read events and threads at any time."""

    def __init__(self, plan: Plan | None = None) -> None:
        self.plan = plan  # how batches are featurised (chunk size, worker processes)
        self.words = Index()  # words and names: which articles report the same happening
        self.names = Index(
            top_terms=12,
            block_terms=8,
            max_posting=200,
            keep=15,
            extra=5,
            floor=0.05,
            name_boost=1.0,
        )
        self.features: list[Kept] | PackedKept = []
        self.briefings: list[Briefing] = []
        self.labels: Labels | None = None  # of the last `result`, which the next one grows

    def add(self, briefings: list[Briefing]) -> None:
        batch = sorted(briefings, key=lambda b: b.id)  # the same input gives the same numbering
        # In chunks, so that the full word counts of only one chunk are alive at a time;
        # each chunk counts in the document frequencies before its own vectors are made.
        for prepared in featurised(batch, self.plan):
            self._add_chunk(prepared)
        self.briefings.extend(batch)

    def _add_chunk(self, feats: list[Prepared]) -> None:
        docs = self.words.add([f.counts for f in feats])
        self.names.add([(tuple(NAME + n for n in f.actors[0]), f.actors[1]) for f in feats])
        for f, doc in zip(feats, docs):
            heaviest = [t for t in self.words.top_terms_of(doc) if t[0] != NAME][:KEPT_WORDS]
            names, counts = f.actors
            self.features.append(
                Kept(
                    id=f.id,
                    dates=f.dates,
                    year_days=f.year_days,
                    actors=tuple(
                        zip(map(sys.intern, names), counts)
                    ),  # names repeat across articles
                    words=tuple(heaviest),
                )
            )

    def event_labels(self) -> list[int]:
        """Articles clustered on shared nearest neighbours (all of them afresh)."""
        return self._events(None)[0].tolist()

    def _events(self, before: Labels | None) -> tuple[np.ndarray, np.ndarray, Graph]:
        """Each article's event, its component of the graph of strong links, and that graph;
        with the labels `before` the latest articles came, only what they touch is redone.

        Raw similarities run higher in some stories than in others (long agency copy,
        short blog posts); whether two articles have the same nearest neighbours does
        not, so one threshold serves every story (Jarvis & Patrick's shared-neighbour idea).
        """
        n = len(self.features)
        ends_a = np.frombuffer(self.words.edge_a, np.int32).astype(np.int64)
        ends_b = np.frombuffer(self.words.edge_b, np.int32).astype(np.int64)
        m = before.edges if before is not None else 0
        codes = np.empty(len(ends_a), np.uint8)  # an edge's date factor never changes
        codes[:m] = before.graph.codes if before is not None else codes[:0]
        codes[m:] = np.searchsorted(FACTORS, self._date_factors(ends_a[m:], ends_b[m:]))
        factors = FACTORS[codes]
        alike = np.frombuffer(self.words.edge_w, np.float64) * factors
        close = alike >= NEIGHBOUR_FLOOR
        if before is None:
            top = nearest(n, ends_a[close], ends_b[close], alike[close], NEIGHBOURS)
            common = common_neighbours(top, ends_a, ends_b)
            changed = np.arange(n)
        else:
            top, common, changed = _grown_neighbours(before, n, ends_a, ends_b, alike, close)
        # each row of `top` holds the article itself, so two mutual neighbours share two entries
        linked = np.flatnonzero(
            ((common >= 3) & (alike >= LINK_FLOOR)) | ((common >= 1) & (alike >= STRONG_PAIR))
        )
        # far-apart dates also weigh on the neighbour overlap, which alone cannot tell in a
        # tiny corpus
        sims = (
            common[linked]
            * (1.0 / (NEIGHBOURS + 1))
            * np.where(factors[linked] < 0.5, factors[linked], 1.0)
        )
        a, b = ends_a[linked], ends_b[linked]
        parts = parts_of(n, a, b, sims, EVENT_THRESHOLD)
        graph = Graph(codes, common.astype(np.uint8), top.astype(np.int32))
        if before is None:
            found = average_link(n, zip(a.tolist(), b.tolist(), sims.tolist()), EVENT_THRESHOLD)
            return np.asarray(found, np.int64), parts, graph
        start = np.concatenate((before.events, np.arange(before.n, n)))
        redo = touched(parts, changed, before.event_parts)
        return recluster(start, redo, a, b, sims, EVENT_THRESHOLD), parts, graph

    def _date_factors(self, ends_a: np.ndarray, ends_b: np.ndarray) -> np.ndarray:
        """`date_factor` of each edge, a block of edges at a
        time (one by one for articles with many dates)."""
        feats = self.features
        # the dates of only the articles these edges join
        docs = np.unique(np.concatenate((ends_a, ends_b)))
        table = DateTable([feats[i] for i in docs.tolist()])
        at_a, at_b = np.searchsorted(docs, ends_a), np.searchsorted(docs, ends_b)
        factors = np.empty(len(ends_a))
        step = 1 << 15
        for start in range(0, len(ends_a), step):
            a, b = at_a[start : start + step], at_b[start : start + step]
            factors[start : start + step] = table.factors(a, b)
        for i in np.flatnonzero(table.wide[at_a] | table.wide[at_b]).tolist():
            factors[i] = date_factor(feats[ends_a[i]], feats[ends_b[i]])
        return factors

    def thread_labels(self, events: list[int]) -> list[int]:
        """Thread label of each article, by clustering events on their name profiles."""
        return self._threads(np.asarray(events, np.int64), None)[0].tolist()

    def _threads(
        self, events: np.ndarray, before: Labels | None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each article's thread, its component of the graph of events alike enough to be one
        story, and that graph's edges (pairs of event labels); with the labels `before`,
        only the components that changed events touch are redone."""
        order = np.unique(events)  # event labels, ascending: the events' numbers here
        number = np.searchsorted(order, events)
        ga = number[np.frombuffer(self.names.edge_a, np.int32)]
        gb = number[np.frombuffer(self.names.edge_b, np.int32)]
        cross = ga != gb
        ga, gb = np.minimum(ga, gb)[cross], np.maximum(ga, gb)[cross]
        pairs = np.unique(ga * len(order) + gb)
        pa, pb = pairs // len(order), pairs % len(order)
        profiles = Profiles(self.names, number, len(order))
        if before is None:
            sims = profiles.similarities(pa, pb)
            strong = sims >= THREAD_THRESHOLD
            parts = components(len(order), pa[strong], pb[strong])
            found = average_link(
                len(order), zip(pa.tolist(), pb.tolist(), sims.tolist()), THREAD_THRESHOLD
            )
            labels = np.asarray(found, np.int64)
            strong_pairs = np.stack((order[pa[strong]], order[pb[strong]]), axis=1)
            return order[labels[number]], order[parts[number]], strong_pairs
        changed = _changed_events(events, before)
        is_changed = np.zeros(len(order), bool)
        is_changed[number[changed]] = True
        # links between unchanged events are as they were; those of changed ones are scored
        near = is_changed[pa] | is_changed[pb]
        near_sims = profiles.similarities(pa[near], pb[near])
        fresh = near_sims >= THREAD_THRESHOLD
        kept = _surviving(before.strong, order, is_changed)
        strong_a = np.concatenate((pa[near][fresh], kept[:, 0]))
        strong_b = np.concatenate((pb[near][fresh], kept[:, 1]))
        parts = order[components(len(order), strong_a, strong_b)[number]]
        redo_docs = touched(parts, changed, before.thread_parts)
        redo = np.zeros(len(order), bool)
        redo[number[redo_docs]] = True
        inside = redo[pa] & redo[pb]
        # an event's label is its first article's number; outside `redo`, all are old articles
        was = np.concatenate((before.threads, events[before.n :]))
        labels = recluster(
            np.searchsorted(order, was[order]),
            redo,
            pa[inside],
            pb[inside],
            profiles.similarities(pa[inside], pb[inside]),
            THREAD_THRESHOLD,
        )
        strong_pairs = np.stack((order[strong_a], order[strong_b]), axis=1)
        return order[labels[number]], parts, strong_pairs

    def result(self, previous: Previous | None = None) -> tuple[list[Briefing], list[Thread]]:
        """Every briefing in one event, every event in one thread. After a `restore` and an
        `add`, only the part of the corpus the new articles touch is clustered again (with
        the result of clustering it all); `previous` (what the last threading gave) keeps
        the ids of events and threads, and the titles of those that did not change."""
        if not self.features:
            return [], []
        before = self.labels
        events, event_parts, graph = self._events(before)
        threads, thread_parts, strong = self._threads(events, before)
        self.labels = Labels(
            len(self.features),
            len(self.words.edge_a),
            events,
            event_parts,
            threads,
            thread_parts,
            strong,
            graph,
        )
        return outcome(self.briefings, self.features, events, threads, previous)

    # --- keeping the state between runs -------------------------------------------

    def snapshot(self) -> Snapshot:
        """What `restore` needs to go on where this threader is (after a `result`)."""
        out = Snapshot(lists={"ids": [b.id for b in self.briefings]})
        index_state(self.words, "words", out)
        index_state(self.names, "names", out)
        features_state(self.features, self.names, out)
        if self.labels is not None:
            out.arrays |= self.labels.arrays()
        return out

    @classmethod
    def restore(
        cls, state: Snapshot, briefings: Mapping[str, Briefing], plan: Plan | None = None
    ) -> Threader:
        """A threader as it was at `snapshot`; `briefings` holds the articles it had indexed
        (by id, unchanged since), and may hold more."""
        threader = cls(plan)
        restore_index(threader.words, "words", state)
        restore_index(threader.names, "names", state)
        threader.features = PackedKept(state, threader.words, threader.names, KEPT_WORDS)
        threader.briefings = [briefings[i] for i in state.ids]
        threader.labels = Labels.from_arrays(state.arrays)
        return threader


def _grown_neighbours(
    before: Labels,
    n: int,
    ends_a: np.ndarray,
    ends_b: np.ndarray,
    alike: np.ndarray,
    close: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The nearest neighbours and shared-neighbour counts after new articles came, redone only
    where they can have changed; and the articles whose nearest neighbours changed.

    The edges of an old article never change, but new articles may now be among its
    nearest: only the ends of new edges need their neighbours again, and only the edges
    of an article whose neighbours changed their count of shared ones."""
    m = before.edges
    fresh = np.flatnonzero(close[m:]) + m
    rows = np.unique(np.concatenate((ends_a[fresh], ends_b[fresh], np.arange(before.n, n))))
    incident = np.flatnonzero(close & (np.isin(ends_a, rows) | np.isin(ends_b, rows)))
    found = nearest(n, ends_a[incident], ends_b[incident], alike[incident], NEIGHBOURS)
    top = np.concatenate((before.graph.top, found[before.n :])).astype(np.int64)
    old = rows[rows < before.n]
    moved = old[(top[old] != found[old]).any(axis=1)]
    top[old] = found[old]
    changed = np.concatenate((moved, np.arange(before.n, n)))
    common = np.concatenate((before.graph.common, np.zeros(len(ends_a) - m, np.uint8)))
    redo = np.flatnonzero(np.isin(ends_a, changed) | np.isin(ends_b, changed))
    common = common.astype(np.int64)
    common[redo] = common_neighbours(top, ends_a[redo], ends_b[redo])
    return top, common, changed


class Profiles:
    """Events' name profiles (their articles' name vectors summed, at unit length), each
    made when first asked for: growing a corpus needs those of the events it touches."""

    def __init__(self, names: Index, number: np.ndarray, events: int) -> None:
        self.names = names
        self.members = np.argsort(number, kind="stable")  # articles by event, in their order
        self.bounds = np.searchsorted(number[self.members], np.arange(events + 1)).tolist()
        self.made: dict[int, dict[str, float]] = {}

    def of(self, event: int) -> dict[str, float]:
        profile = self.made.get(event)
        if profile is None:
            total: dict[str, float] = {}
            for doc in self.members[self.bounds[event] : self.bounds[event + 1]].tolist():
                for t, w in self.names.vector_of(doc).items():
                    total[t] = total.get(t, 0.0) + w
            norm = math.hypot(*total.values()) or 1.0
            profile = self.made[event] = {t: w / norm for t, w in total.items()}
        return profile

    def similarities(self, pa: np.ndarray, pb: np.ndarray) -> np.ndarray:
        out = np.empty(len(pa))
        for i, (a, b) in enumerate(zip(pa.tolist(), pb.tolist())):
            x, y = self.of(a), self.of(b)
            if len(y) < len(x):
                x, y = y, x
            out[i] = sum(w * y.get(t, 0.0) for t, w in x.items())
        return out


def _changed_events(events: np.ndarray, before: Labels) -> np.ndarray:
    """The articles of every event that is not exactly one of the events `before`."""
    n, m = len(events), before.n
    size_now = np.bincount(events, minlength=n)
    size_then = np.bincount(before.events, minlength=n)
    differs = np.ones(n, bool)
    now = events[:m]
    differs[:m] = (before.events != now) | (size_now[now] != size_then[now])
    return np.flatnonzero(np.isin(events, events[differs]))


def _surviving(pairs: np.ndarray, order: np.ndarray, is_changed: np.ndarray) -> np.ndarray:
    """The pairs of event labels `before` whose events are still there, unchanged, as
    pairs of event numbers (`order` holds the labels there are now)."""
    if not len(order):
        return np.zeros((0, 2), np.int64)
    at = np.minimum(np.searchsorted(order, pairs), len(order) - 1)
    ok = (order[at] == pairs).all(axis=1) & ~is_changed[at].any(axis=1)
    return at[ok].reshape(-1, 2)


def build_threads(
    briefings: list[Briefing], plan: Plan | None = None
) -> tuple[list[Briefing], list[Thread]]:
    """Every briefing in one event, every event in one
    thread; returns briefings with ids and dates filled in.

    `plan` says how the features are computed (chunks,
    worker processes); the result never depends on it.
    """
    with paused_gc():
        threader = Threader(plan)
        threader.add(briefings)
        out, threads = threader.result()
    order = {b.id: i for i, b in enumerate(briefings)}
    out.sort(key=lambda b: order[b.id])
    return out, threads
