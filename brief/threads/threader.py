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

import numpy as np

from brief.gc_pause import paused_gc
from brief.model import Briefing, Thread
from brief.threads.assemble import assemble
from brief.threads.cluster import average_link, common_neighbours, nearest
from brief.threads.dates import DateTable, date_factor
from brief.threads.features import Kept
from brief.threads.index import NAME, Index
from brief.threads.parallel import Plan, featurised
from brief.threads.prepared import Prepared

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
        self.features: list[Kept] = []
        self.briefings: list[Briefing] = []

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
        """Articles clustered on shared nearest neighbours.

        Raw similarities run higher in some stories than in others (long agency copy,
        short blog posts); whether two articles have the same nearest neighbours does
        not, so one threshold serves every story (Jarvis & Patrick's shared-neighbour idea).
        """
        feats = self.features
        ends_a = np.frombuffer(self.words.edge_a, np.int32).astype(np.int64)
        ends_b = np.frombuffer(self.words.edge_b, np.int32).astype(np.int64)
        factors = self._date_factors(ends_a, ends_b)
        alike = np.frombuffer(self.words.edge_w, np.float64) * factors
        close = alike >= NEIGHBOUR_FLOOR
        top = nearest(len(feats), ends_a[close], ends_b[close], alike[close], NEIGHBOURS)
        common = common_neighbours(top, ends_a, ends_b)
        # each row of `top` holds the article itself, so two mutual neighbours share two entries
        linked = np.flatnonzero((common >= 3) | ((common >= 1) & (alike >= STRONG_PAIR)))
        # far-apart dates also weigh on the neighbour overlap, which alone cannot tell in a
        # tiny corpus
        sims = (
            common[linked]
            * (1.0 / (NEIGHBOURS + 1))
            * np.where(factors[linked] < 0.5, factors[linked], 1.0)
        )
        return average_link(
            len(feats),
            zip(ends_a[linked].tolist(), ends_b[linked].tolist(), sims.tolist()),
            EVENT_THRESHOLD,
        )

    def _date_factors(self, ends_a: np.ndarray, ends_b: np.ndarray) -> np.ndarray:
        """`date_factor` of each edge, a block of edges at a
        time (one by one for articles with many dates)."""
        feats = self.features
        table = DateTable(feats)
        factors = np.empty(len(ends_a))
        step = 1 << 15
        for start in range(0, len(ends_a), step):
            a, b = ends_a[start : start + step], ends_b[start : start + step]
            factors[start : start + step] = table.factors(a, b)
        for i in np.flatnonzero(table.wide[ends_a] | table.wide[ends_b]).tolist():
            factors[i] = date_factor(feats[ends_a[i]], feats[ends_b[i]])
        return factors

    def thread_labels(self, events: list[int]) -> list[int]:
        """Thread label of each article, by clustering events on their name profiles."""
        groups: dict[int, list[int]] = {}
        for doc, ev in enumerate(events):
            groups.setdefault(ev, []).append(doc)
        order = sorted(groups)
        number = {ev: i for i, ev in enumerate(order)}
        profiles = []
        for ev in order:
            total: dict[str, float] = {}
            for doc in groups[ev]:
                for t, w in self.names.vector_of(doc).items():
                    total[t] = total.get(t, 0.0) + w
            norm = math.hypot(*total.values()) or 1.0
            profiles.append({t: w / norm for t, w in total.items()})
        group = [number[ev] for ev in events]
        pairs = {
            (x, y) if x < y else (y, x)
            for a, b in zip(self.names.edge_a, self.names.edge_b)
            if (x := group[a]) != (y := group[b])
        }
        edges = {}
        for a, b in sorted(pairs):
            pa, pb = profiles[a], profiles[b]
            if len(pb) < len(pa):
                pa, pb = pb, pa
            edges[(a, b)] = sum(w * pb.get(t, 0.0) for t, w in pa.items())
        labels = average_link(len(order), edges, THREAD_THRESHOLD)
        return [order[labels[number[ev]]] for ev in events]

    def result(self) -> tuple[list[Briefing], list[Thread]]:
        events = self.event_labels()
        threads = self.thread_labels(events)
        return assemble(self.briefings, self.features, events, threads)


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
