"""A threader's incremental state as plain arrays and lists, and back (no I/O).

The store keeps what a threading built, so that the next load of the same corpus only adds
its new articles. Plain numbers and strings: numpy arrays (saved without pickle) and lists
of strings (saved as JSON). A snapshot holds the two indexes, what is kept of each
article, and the labels of the last clustering (`Labels`), which lets the next one redo
only the part of the corpus that the new articles touch.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from brief.model import Briefing
from brief.threads.features import NAME, Kept
from brief.threads.index import Index

Arrays = dict[str, np.ndarray]


@dataclass
class Snapshot:
    """Everything a `Threader` needs to go on: `arrays` of numbers, `lists` of strings."""

    arrays: Arrays = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ids(self) -> list[str]:
        """The articles indexed, in the order they were numbered."""
        return self.lists["ids"]


def _ragged(rows: list[tuple[int, ...]] | list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Rows of different lengths as one flat array and the offsets where each row ends."""
    ends = np.cumsum([len(r) for r in rows], dtype=np.int64)
    flat = np.fromiter((x for r in rows for x in r), np.int64, int(ends[-1]) if len(ends) else 0)
    return flat, ends


def _rows(flat: np.ndarray, ends: np.ndarray) -> list[list]:
    starts = np.concatenate(([0], ends[:-1])).tolist()
    values = flat.tolist()
    return [values[s:e] for s, e in zip(starts, ends.tolist())]


def index_state(index: Index, name: str, out: Snapshot) -> None:
    """Adds `index` to `out` under `name`."""
    n = index.n
    live = sorted(t for t, plist in index.postings.items() if plist is not None)
    dead = sorted(t for t, plist in index.postings.items() if plist is None)
    docs, ends = _ragged([index.postings[t] for t in live])
    out.arrays |= {
        f"{name}.doc_freq": np.frombuffer(index.doc_freq, np.int32).copy(),
        f"{name}.stored": index._stored[:n].copy(),
        f"{name}.stored_w": index._stored_w[:n].copy(),
        f"{name}.posting_terms": np.asarray(live, np.int32),
        f"{name}.posting_ends": ends,
        f"{name}.posting_docs": docs.astype(np.int32),
        f"{name}.dropped": np.asarray(dead, np.int32),
        f"{name}.edge_a": np.frombuffer(index.edge_a, np.int32).copy(),
        f"{name}.edge_b": np.frombuffer(index.edge_b, np.int32).copy(),
        f"{name}.edge_w": np.frombuffer(index.edge_w, np.float64).copy(),
    }
    out.lists[f"{name}.terms"] = list(index.terms)


def restore_index(index: Index, name: str, state: Snapshot) -> None:
    """Fills an empty `index` (made with the same parameters) from `state`."""
    get = state.arrays.__getitem__
    index.terms = list(state.lists[f"{name}.terms"])
    index.term_number = {t: i for i, t in enumerate(index.terms)}
    index.doc_freq = array("i", get(f"{name}.doc_freq").astype(np.int32).tobytes())
    index._is_name = array("b", bytes(t[:1] == NAME for t in index.terms))
    index._stored = get(f"{name}.stored").astype(np.int32)
    index._stored_w = get(f"{name}.stored_w").astype(np.float32)
    index.n = len(index._stored)
    docs, ends = get(f"{name}.posting_docs").astype(np.int32), get(f"{name}.posting_ends")
    starts = np.concatenate(([0], ends[:-1])).tolist()
    postings: dict[int, array | None] = {
        t: array("i", docs[s:e].tobytes())
        for t, s, e in zip(get(f"{name}.posting_terms").tolist(), starts, ends.tolist())
    }
    postings.update(dict.fromkeys(get(f"{name}.dropped").tolist()))
    index.postings = postings
    index.edge_a = array("i", get(f"{name}.edge_a").astype(np.int32).tobytes())
    index.edge_b = array("i", get(f"{name}.edge_b").astype(np.int32).tobytes())
    index.edge_w = array("d", get(f"{name}.edge_w").astype(np.float64).tobytes())


def features_state(features: list[Kept], names: Index, out: Snapshot) -> None:
    """What is kept of each article, its names as numbers of the name index's terms (its
    heaviest words are the word index's stored terms, so they need no room of their own)."""
    number = names.term_number
    dates, date_ends = _ragged([f.dates for f in features])
    year_days, year_day_ends = _ragged([f.year_days for f in features])
    actors, actor_ends = _ragged([[number[NAME + n] for n, _ in f.actors] for f in features])
    counts, _ = _ragged([[c for _, c in f.actors] for f in features])
    out.arrays |= {
        "kept.dates": dates,
        "kept.date_ends": date_ends,
        "kept.year_days": year_days.astype(np.int16),
        "kept.year_day_ends": year_day_ends,
        "kept.actors": actors.astype(np.int32),
        "kept.actor_counts": counts.astype(np.int32),
        "kept.actor_ends": actor_ends,
    }


def restore_features(state: Snapshot, words: Index, names: Index, heaviest: int) -> list[Kept]:
    get = state.arrays.__getitem__
    dates = _rows(get("kept.dates"), get("kept.date_ends"))
    year_days = _rows(get("kept.year_days"), get("kept.year_day_ends"))
    actor_ends = get("kept.actor_ends")
    actors = _rows(get("kept.actors"), actor_ends)
    counts = _rows(get("kept.actor_counts"), actor_ends)
    # the interned name strings, once per term, as the threader makes them
    name_terms = [sys.intern(t[1:]) for t in names.terms]
    word_terms, is_name = words.terms, words._is_name
    kept = []
    for i, (doc_id, stored) in enumerate(zip(state.ids, words._stored.tolist())):
        heavy = [word_terms[t] for t in stored if t >= 0 and not is_name[t]][:heaviest]
        kept.append(
            Kept(
                id=doc_id,
                dates=tuple(dates[i]),
                year_days=tuple(year_days[i]),
                actors=tuple(zip([name_terms[t] for t in actors[i]], counts[i])),
                words=tuple(heavy),
            )
        )
    return kept


def ordered_briefings(ids: list[str], by_id: Mapping[str, Briefing]) -> list[Briefing]:
    """The briefings a snapshot indexed, in its order (KeyError when one is missing)."""
    return [by_id[i] for i in ids]


@dataclass
class Graph:
    """The graph events are cut from, kept so that new articles redo only what they touch."""

    codes: np.ndarray  # each word-index edge's date factor, as its place in dates.FACTORS
    common: np.ndarray  # each edge's ends' shared nearest neighbours (themselves included)
    top: np.ndarray  # each article's nearest neighbours, one row each (see cluster.nearest)


@dataclass
class Labels:
    """A clustering, by article number: where the next one, after more articles, starts."""

    n: int  # articles clustered
    edges: int  # edges the word index had then (the first of those it has now)
    events: np.ndarray  # each article's event: the number of its first article
    event_parts: np.ndarray  # its component of the graph of strong links between articles
    threads: np.ndarray  # each article's thread: the number of its first article
    thread_parts: np.ndarray  # its component of the graph of events alike enough to be one story
    strong: np.ndarray  # the edges of that graph, as pairs of event labels
    graph: Graph

    def arrays(self) -> Arrays:
        return {
            "graph.codes": self.graph.codes,
            "graph.common": self.graph.common,
            "graph.top": self.graph.top,
            "labels.edges": np.asarray([self.edges], np.int64),
            "labels.events": self.events.astype(np.int32),
            "labels.event_parts": self.event_parts.astype(np.int32),
            "labels.threads": self.threads.astype(np.int32),
            "labels.thread_parts": self.thread_parts.astype(np.int32),
            "labels.strong": self.strong.astype(np.int32).reshape(-1, 2),
        }

    @classmethod
    def from_arrays(cls, arrays: Arrays) -> Labels | None:
        if "labels.events" not in arrays:
            return None
        events = arrays["labels.events"].astype(np.int64)
        return cls(
            n=len(events),
            edges=int(arrays["labels.edges"][0]),
            events=events,
            event_parts=arrays["labels.event_parts"].astype(np.int64),
            threads=arrays["labels.threads"].astype(np.int64),
            thread_parts=arrays["labels.thread_parts"].astype(np.int64),
            strong=arrays["labels.strong"].astype(np.int64).reshape(-1, 2),
            graph=Graph(
                arrays["graph.codes"].astype(np.uint8),
                arrays["graph.common"].astype(np.uint8),
                arrays["graph.top"].astype(np.int32),
            ),
        )
