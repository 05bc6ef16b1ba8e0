"""Linking briefings into events and story threads; timelines and what each event adds (no I/O).

Two levels (see DESIGN.md). An *event* is one happening: articles whose
distinctive words and names agree and whose dates (given or written in the
text) are close. A *thread* is one developing story: events whose salient
names agree, at any distance in time. Both levels are average-link clusterings
over sparse similarity graphs; candidate pairs come from inverted indexes
(`brief.linking.index`), so adding articles never compares every pair.
"""

from __future__ import annotations

import hashlib
import math
import os
import sys
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from itertools import islice
from multiprocessing import get_context, resource_tracker
from operator import itemgetter

import numpy as np

from brief.analysis.datelines import is_stamp, leading_stamp
from brief.analysis.textdates import find_dates, full_dates, resolve_partial
from brief.gc_pause import paused_gc
from brief.linking.cluster import average_link
from brief.linking.features import feature_input, words
from brief.linking.index import NAME, Index
from brief.linking.prepared import Prepared, prepare_chunk
from brief.model import Briefing, Event, Quote, Thread
from brief.thread_title import TitleWords

NEIGHBOURS = 5  # an article's nearest neighbours, whose overlap measures how alike two articles are
EVENT_THRESHOLD = 0.12  # mean shared-neighbour similarity for articles to be one happening
THREAD_THRESHOLD = 0.30  # mean name-profile similarity for events to be one story
NOVEL_OVERLAP = 0.5  # a sentence is new when at most this share of its words was said before


def date_factor(fa: Kept, fb: Kept) -> float:
    """How much the dates of two articles support their being one happening."""
    a, b = fa.dates, fb.dates
    if a and b:
        gap = abs(a[0] - b[0]) if len(a) == 1 == len(b) else min(abs(x - y) for x in a for y in b)
    elif (a or fa.year_days) and (b or fb.year_days) and (fa.year_days or fb.year_days):
        # a year is missing: compare days of the year, across new year
        ya = fa.year_days + tuple(_year_day(d) for d in a)
        yb = fb.year_days + tuple(_year_day(d) for d in b)
        gap = min(min(abs(x - y), 365 - abs(x - y)) for x in ya for y in yb)
    else:
        return 1.0
    return gap_factor(gap)


class _DateTable:
    """The articles' dates as padded matrices, so that `date_factor` can be computed for many edges at once.

    An article with more than WIDTH dates (or year-days) is marked `wide` and left to `date_factor`.
    """

    WIDTH = 4
    FAR = 1 << 40  # pads: far from any day, and of opposite signs on the two sides of an edge

    def __init__(self, feats: list[Kept]) -> None:
        n, width = len(feats), self.WIDTH
        self.wide = np.zeros(n, bool)
        self.dates = np.full((n, width), self.FAR, np.int64)
        self.year_days = np.full((n, 2 * width), self.FAR, np.int64)  # its own, then those of its dates
        rows, cols, values, y_rows, y_cols, y_values = [], [], [], [], [], []
        for i, f in enumerate(feats):
            if not f.dates and not f.year_days:
                continue
            if len(f.dates) > width or len(f.year_days) > width:
                self.wide[i] = True
                continue
            rows += [i] * len(f.dates)
            cols += range(len(f.dates))
            values += f.dates
            days = f.year_days + tuple(map(_year_day, f.dates))
            y_rows += [i] * len(days)
            y_cols += range(len(days))
            y_values += days
        self.dates[rows, cols] = values
        self.year_days[y_rows, y_cols] = y_values
        self.has_dates = self.dates[:, 0] != self.FAR
        self.has_year_days = np.zeros(n, bool)
        self.has_year_days[[i for i, f in enumerate(feats) if f.year_days]] = True

    def factors(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        far = self.FAR
        da, db = self.dates[a], self.dates[b]
        db = np.where(db == far, -far, db)
        gap = np.abs(da[:, :, None] - db[:, None, :]).min(axis=(1, 2))
        both = self.has_dates[a] & self.has_dates[b]
        # a year is missing: compare days of the year, across new year
        yearly = ~both & (self.has_dates[a] | self.has_year_days[a]) & (self.has_dates[b] | self.has_year_days[b]) \
            & (self.has_year_days[a] | self.has_year_days[b])
        ya, yb = self.year_days[a[yearly]], self.year_days[b[yearly]]
        apart = np.abs(ya[:, :, None] - yb[:, None, :])
        apart = np.where((ya[:, :, None] == far) | (yb[:, None, :] == far), far, np.minimum(apart, 365 - apart))
        gap[yearly] = apart.min(axis=(1, 2))
        out = np.select([gap <= days for days, _ in GAP_STEPS], [factor for _, factor in GAP_STEPS], FAR_APART)
        out[~both & ~yearly] = 1.0
        return out


GAP_STEPS = ((3, 1.15), (14, 1.0), (60, 0.6))  # (at most this many days apart, factor), nearest first
FAR_APART = 0.3  # the factor beyond the last step


def gap_factor(gap: int) -> float:
    """How much `gap` days between two articles' dates support their being one happening."""
    return next((factor for days, factor in GAP_STEPS if gap <= days), FAR_APART)


_second = itemgetter(1)


@lru_cache(maxsize=1 << 16)
def _year_day(ordinal: int) -> int:
    return date.fromordinal(ordinal).timetuple().tm_yday


def nearest(n: int, ends_a: np.ndarray, ends_b: np.ndarray, sims: np.ndarray, k: int) -> np.ndarray:
    """Each item's k most similar neighbours (ties to the lower number) and itself, as the rows of a matrix.

    Rows with fewer neighbours are padded with -2 - the row's own number, a value no other row has.
    """
    node = np.concatenate((ends_a, ends_b))
    other = np.concatenate((ends_b, ends_a))
    order = np.lexsort((other, -np.concatenate((sims, sims)), node))
    node, other = node[order], other[order]
    rank = np.arange(len(node)) - np.searchsorted(node, node)
    near = rank < k
    top = np.repeat(-2 - np.arange(n, dtype=np.int64)[:, None], k + 1, axis=1)
    top[:, 0] = np.arange(n)
    top[node[near], rank[near] + 1] = other[near]
    return top


def common_neighbours(top: np.ndarray, ends_a: np.ndarray, ends_b: np.ndarray) -> np.ndarray:
    """For each edge, how many entries its two ends' rows of `top` have in common."""
    out = np.empty(len(ends_a), np.int64)
    step = 1 << 16  # edges at a time: the comparison cube is (edges, k + 1, k + 1)
    for start in range(0, len(ends_a), step):
        ta, tb = top[ends_a[start : start + step]], top[ends_b[start : start + step]]
        out[start : start + step] = (ta[:, :, None] == tb[:, None, :]).sum(axis=(1, 2))
    return out


@dataclass(frozen=True, slots=True)
class Kept:
    """What the threader keeps of an article once it is indexed: enough to date, group and title it.

    The full word counts are dropped: at 100,000 articles they alone would take gigabytes.
    """

    id: str
    dates: tuple[int, ...]
    year_days: tuple[int, ...]
    actors: tuple[tuple[str, int], ...]  # canonical entities (lower-cased) with counts
    words: tuple[str, ...]  # its heaviest words, for the group's central headline and key phrase


KEPT_WORDS = 20
CHUNK = 5000  # articles featurised and indexed together (a larger corpus is indexed incrementally)


PARALLEL_FROM = 4 * CHUNK  # below this many articles, starting worker processes costs more than it saves
AHEAD = 2  # chunks in flight per worker: enough to keep it busy, few enough to bound memory


Chunk = tuple[list[Prepared], Counter[str]]  # prepared articles and their title-word counts


def featurised(batch: list[Briefing], parallel_from: int | None = None) -> Iterator[Chunk]:
    """`batch` prepared for threading, CHUNK articles at a time, in order.

    A large batch is featurised by worker processes while this one indexes the
    chunks already done: on two cores that takes the features (a fifth of the
    work at 100,000 articles) off the critical path. The results are the same
    either way; `prepare_chunk` is a pure function of plain data.
    """
    chunks = [batch[start : start + CHUNK] for start in range(0, len(batch), CHUNK)]
    done = 0
    workers = _workers()
    if workers > 1 and len(batch) >= (PARALLEL_FROM if parallel_from is None else parallel_from):
        try:
            for feats in _in_workers(chunks, workers):
                yield feats
                done += 1
        except (BrokenProcessPool, OSError, NotImplementedError):
            # no worker processes here (a sandbox, a script without a __main__ guard, a Python without
            # semaphores): the rest in this one, with the same result
            pass
    for chunk in chunks[done:]:
        yield prepare_chunk(list(map(feature_input, chunk)))


def _workers() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores, 4)


def _in_workers(chunks: list[list[Briefing]], workers: int) -> Iterator[Chunk]:
    _start_resource_tracker()
    # spawned, not forked: the reader threads in a worker thread, and forking a threaded process is unsafe
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        pending: deque[Future] = deque()
        inputs = (list(map(feature_input, chunk)) for chunk in chunks)
        for item in islice(inputs, workers * AHEAD):
            pending.append(pool.submit(prepare_chunk, item))
        while pending:
            done = pending.popleft().result()
            for item in islice(inputs, 1):
                pending.append(pool.submit(prepare_chunk, item))
            yield done


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker, which the pool's semaphores need, with a usable stderr.

    The tracker is a process started on first use and handed our stderr's file
    descriptor. In the reader, Textual has replaced sys.stderr with an object
    whose fileno() is -1, and starting the tracker then fails ("bad value(s) in
    fds_to_keep"). Hand it /dev/null instead: nothing it says belongs on the
    reader's screen.
    """
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        return  # no file descriptor at all: the tracker copes by leaving stderr out
    if usable:
        return
    with open(os.devnull, "w") as sink:
        saved, sys.stderr = sys.stderr, sink
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = saved


class Threader:
    """Incremental state: add briefings in batches, read events and threads at any time."""

    def __init__(self) -> None:
        self.words = Index()  # words and names: which articles report the same happening
        self.names = Index(top_terms=12, block_terms=8, max_posting=200, keep=15, extra=5, floor=0.05, name_boost=1.0)
        self.features: list[Kept] = []
        self.briefings: list[Briefing] = []
        self.title_df: Counter[str] = Counter()  # for thread titles (see TitleWords)

    def add(self, briefings: list[Briefing]) -> None:
        batch = sorted(briefings, key=lambda b: b.id)  # the same input gives the same numbering
        # In chunks, so that the full word counts of only one chunk are alive at a time;
        # each chunk counts in the document frequencies before its own vectors are made.
        for prepared, title_df in featurised(batch):
            self._add_chunk(prepared)
            self.title_df.update(title_df)
        self.briefings.extend(batch)

    def _add_chunk(self, feats: list[Prepared]) -> None:
        docs = self.words.add([f.counts for f in feats])
        self.names.add([(tuple(NAME + n for n in f.actors[0]), f.actors[1]) for f in feats])
        for f, doc in zip(feats, docs):
            heaviest = [t for t in self.words.top_terms_of(doc) if t[0] != NAME][:KEPT_WORDS]
            names, counts = f.actors
            self.features.append(Kept(id=f.id, dates=f.dates, year_days=f.year_days,
                                      actors=tuple(zip(map(sys.intern, names), counts)),  # names repeat across articles
                                      words=tuple(heaviest)))

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
        top = nearest(len(feats), ends_a, ends_b, np.frombuffer(self.words.edge_w, np.float64) * factors, NEIGHBOURS)
        common = common_neighbours(top, ends_a, ends_b)
        linked = np.flatnonzero(common)
        # far-apart dates also weigh on the neighbour overlap, which alone cannot tell in a tiny corpus
        sims = common[linked] * (1.0 / (NEIGHBOURS + 1)) * np.where(factors[linked] < 0.5, factors[linked], 1.0)
        return average_link(len(feats), zip(ends_a[linked].tolist(), ends_b[linked].tolist(), sims.tolist()),
                            EVENT_THRESHOLD)

    def _date_factors(self, ends_a: np.ndarray, ends_b: np.ndarray) -> np.ndarray:
        """`date_factor` of each edge, a block of edges at a time (one by one for articles with many dates)."""
        feats = self.features
        table = _DateTable(feats)
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
        pairs = {(x, y) if x < y else (y, x) for a, b in zip(self.names.edge_a, self.names.edge_b)
                 if (x := group[a]) != (y := group[b])}
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
        return assemble(self.briefings, self.features, events, threads, TitleWords(self.title_df, len(self.briefings)))


def build_threads(briefings: list[Briefing]) -> tuple[list[Briefing], list[Thread]]:
    """Every briefing in one event, every event in one thread; returns briefings with ids and dates filled in."""
    with paused_gc():
        threader = Threader()
        threader.add(briefings)
        out, threads = threader.result()
    order = {b.id: i for i, b in enumerate(briefings)}
    out.sort(key=lambda b: order[b.id])
    return out, threads


# --- assembling the result -------------------------------------------------


def _stable_id(prefix: str, member: str) -> str:
    return prefix + hashlib.sha1(member.encode("utf-8")).hexdigest()[:12]


def _oldest_first(b: Briefing) -> tuple[str, str]:
    return (b.date or "9999-99-99", b.id)


def infer_date(b: Briefing, anchors: list[str]) -> str | None:
    """An undated article's latest explicit date, a missing year taken from its thread's dated `anchors`."""
    # a publication stamp in front of the story says when it was written; later dates may be plans
    stamp = leading_stamp(b.article.text)
    stamped = full_dates(tuple(m for m in b.dates if m.start < stamp))
    title = b.article.title or ""
    if is_stamp(title):  # a scraper took the page's timestamp for the title
        stamped += full_dates(find_dates(title))
    if stamped:
        return max(stamped)
    candidates = full_dates(b.dates)
    for m in b.dates:
        if m.entity.startswith("--") and (resolved := resolve_partial(m.entity, anchors)):
            candidates.append(resolved)
    return max(candidates) if candidates else None


def _central(members: list[int], feats: list[Kept], briefings: list[Briefing]) -> Briefing:
    """The member whose words best represent the group (most shared with the others)."""
    pool: Counter[str] = Counter()
    for i in members:
        pool.update(set(feats[i].words))
    def score(i: int) -> tuple[float, str]:
        own = set(words(briefings[i].headline))
        return (-sum(pool[w] for w in own) / (1 + len(own)) ** 0.5, briefings[i].id)
    return briefings[min(members, key=score)]


def _display_names(members: list[int], feats: list[Kept], briefings: list[Briefing]) -> list[str]:
    """Names of a group, most salient first (mentioned by most members, then most often)."""
    spread: Counter[str] = Counter()
    volume: Counter[str] = Counter()
    surface: dict[str, dict[str, int]] = {}  # name -> how it is written, with counts
    for i in members:
        canonical = {e.name.lower(): e.name for e in briefings[i].entities}
        text = briefings[i].article.text
        for name, c in feats[i].actors:
            spread[name] += 1
            volume[name] += c
            if name in canonical:
                form = canonical[name]
            else:
                at = text.lower().find(name)
                form = text[at : at + len(name)] if at >= 0 else name.title()
            forms = surface.get(name)
            if forms is None:
                forms = surface[name] = {}
            forms[form] = forms.get(form, 0) + c
    need = max(1, len(members) // 2)
    ranked = sorted(spread, key=lambda n: (-spread[n], -volume[n], n))
    salient = [n for n in ranked if spread[n] >= need] or ranked[:3]
    shown = [max(surface[n].items(), key=_second)[0] for n in salient]  # the commonest form, first met on ties
    # "Page" beside "Bettie Page" says nothing more: keep a name only if a fuller one does not contain it
    shown = [n for n in shown if not any(n != m and f" {n.lower()} " in f" {m.lower()} " for m in shown)]
    # nor does a plural beside its singular ("Oscars", "Oscar")
    lower = {n.lower() for n in shown}
    return [n for n in shown if not (n.endswith("s") and n[:-1].lower() in lower)]


def assemble(briefings: list[Briefing], feats: list[Kept], events: list[int], threads: list[int],
             title_words: TitleWords):
    by_thread: dict[int, list[int]] = {}
    for i, t in enumerate(threads):
        by_thread.setdefault(t, []).append(i)
    out = list(briefings)
    # Undated articles take a date from their text, resolved against their thread.
    for members in by_thread.values():
        anchors = [briefings[i].date for i in members if briefings[i].date]
        for i in members:
            b = briefings[i]
            if not b.date and (inferred := infer_date(b, anchors)):
                out[i] = replace(b, date=inferred, date_inferred=True)
    result: list[Thread] = []
    event_of = [""] * len(out)
    thread_of = [""] * len(out)
    for members in by_thread.values():
        members.sort(key=lambda i: _oldest_first(out[i]))
        by_event: dict[int, list[int]] = {}
        for i in members:
            by_event.setdefault(events[i], []).append(i)
        thread_events = []
        for ev_members in by_event.values():
            first = out[ev_members[0]]
            given = sorted(out[i].date for i in ev_members if out[i].date and not out[i].date_inferred)
            dated = sorted(out[i].date for i in ev_members if out[i].date)
            event = Event(
                id=_stable_id("e-", first.id),
                date=(given or dated or [None])[0],
                title=_central(ev_members, feats, out).headline,
                articles=tuple(out[i].id for i in ev_members),
            )
            thread_events.append(event)
            for i in ev_members:
                event_of[i] = event.id
        thread_events.sort(key=lambda e: (e.date or "9999-99-99", e.id))
        tid = _stable_id("t-", out[members[0]].id)
        names = _display_names(members, feats, out)
        phrase = title_words.key_phrase([out[i] for i in members])
        # a story is told by who acts in it: people and organisations before places
        kinds = {e.name: e.type for i in members for e in out[i].entities}
        actors = sorted(names[:6], key=lambda n: (kinds.get(n) not in ("PERSON", "ORG"), names.index(n)))
        title = ", ".join(actors[:2]) + (f": {phrase}" if phrase else "") if names else _central(members, feats, out).headline
        result.append(Thread(id=tid, title=title, articles=tuple(out[i].id for i in members),
                             entities=tuple(names[:8]), events=tuple(thread_events)))
        for i in members:
            thread_of[i] = tid
    result.sort(key=lambda t: (min((e.date or "9999") for e in t.events), t.id), reverse=False)
    # one copy of each briefing, not one per field filled in: at 100,000 articles copies cost seconds
    out = [replace(b, event=event_of[i], thread=thread_of[i]) for i, b in enumerate(out)]
    return out, result


# --- plain data for the reader ---------------------------------------------


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    event: Event
    briefings: tuple[Briefing, ...]  # oldest first


@dataclass(frozen=True, slots=True)
class EventNews:
    """What one event adds to its thread: sentences, names and quotes no earlier event had."""

    event: Event
    sentences: tuple[tuple[str, int, int, str], ...]  # (briefing id, start, end, text)
    entities: tuple[str, ...]
    quotes: tuple[Quote, ...]


def timeline(thread: Thread, briefings_by_id: dict[str, Briefing]) -> list[TimelineEntry]:
    """The thread's events, oldest to newest, each with its briefings oldest first."""
    entries = []
    for event in sorted(thread.events, key=lambda e: (e.date or "9999-99-99", e.id)):
        members = sorted((briefings_by_id[a] for a in event.articles if a in briefings_by_id), key=_oldest_first)
        entries.append(TimelineEntry(event=event, briefings=tuple(members)))
    return entries


def whats_new(thread: Thread, briefings: list[Briefing] | dict[str, Briefing]) -> list[EventNews]:
    """For each event, oldest first, what it adds to the events before it.

    A sentence is new when at most NOVEL_OVERLAP of its content words appeared in
    earlier events (or earlier in this event: several outlets repeat each other).
    """
    by_id = briefings if isinstance(briefings, dict) else {b.id: b for b in briefings}
    seen_words: set[str] = set()
    seen_names: set[str] = set()
    seen_quotes: set[str] = set()
    out = []
    for entry in timeline(thread, by_id):
        sentences, names, quotes = [], [], []
        event_words: set[str] = set()
        for b in entry.briefings:
            text = b.article.text
            for s in b.sentences:
                content = set(words(text[s.start : s.end]))
                if not content:
                    continue
                if len(content & (seen_words | event_words)) / len(content) <= NOVEL_OVERLAP:
                    sentences.append((b.id, s.start, s.end, text[s.start : s.end]))
                event_words |= content
            for e in b.entities:
                if e.name not in seen_names and e.name not in names:
                    names.append(e.name)
            for q in b.quotes:
                key = " ".join(words(q.text))
                if key not in seen_quotes:
                    seen_quotes.add(key)
                    quotes.append(q)
        seen_words |= event_words
        seen_names.update(names)
        out.append(EventNews(event=entry.event, sentences=tuple(sentences), entities=tuple(names), quotes=tuple(quotes)))
    return out
