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
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from brief.threads.features import NAME, Kept
from brief.threads.index import Index

Arrays = dict[str, np.ndarray]


# arrays that only ever grow at the end (rows for new articles or new edges), as the lists
# of strings all do: a store may keep what it saved of them and append the rest
GROWING = frozenset(
    [f"{index}.{part}" for index in ("words", "names")
     for part in ("stored", "stored_w", "edge_a", "edge_b", "edge_w")]
    + [f"kept.{part}" for part in ("dates", "date_lens", "year_days", "year_day_lens", "actors",
                                   "actor_counts", "actor_lens")]
    + ["graph.codes"]
)  # fmt: skip


@dataclass
class Snapshot:
    """Everything a `Threader` needs to go on: `arrays` of numbers, `lists` of strings."""

    arrays: Arrays = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ids(self) -> list[str]:
        """The articles indexed, in the order they were numbered."""
        return self.lists["ids"]


def index_state(index: Index, name: str, out: Snapshot) -> None:
    """Adds `index` to `out` under `name` (its posting lists follow from its stored terms)."""
    n = index.n
    # copies of the growing `array`s: a view on one would forbid it to grow
    out.arrays |= {
        f"{name}.doc_freq": np.array(index.doc_freq, np.int32),
        f"{name}.stored": index._stored[:n],
        f"{name}.stored_w": index._stored_w[:n],
        f"{name}.edge_a": np.array(index.edge_a, np.int32),
        f"{name}.edge_b": np.array(index.edge_b, np.int32),
        f"{name}.edge_w": np.array(index.edge_w, np.float64),
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
    index.edge_a = array("i", get(f"{name}.edge_a").astype(np.int32).tobytes())
    index.edge_b = array("i", get(f"{name}.edge_b").astype(np.int32).tobytes())
    index.edge_w = array("d", get(f"{name}.edge_w").astype(np.float64).tobytes())
    index.repack()


def _flat(rows: list[tuple[int, ...]] | list[list[int]], dtype: type) -> tuple[np.ndarray, ...]:
    """Rows of different lengths as one flat array and each row's length."""
    lens = np.fromiter(map(len, rows), np.int32, len(rows))
    flat = np.fromiter((x for r in rows for x in r), dtype, int(lens.sum()))
    return flat, lens


class PackedKept(Sequence[Kept]):
    """What is kept of the articles of a restored threader, unpacked one at a time when asked
    for (growing a corpus reads few of them), and of those added since, as they are."""

    def __init__(self, state: Snapshot, words: Index, names: Index, heaviest: int) -> None:
        self.arrays = {k[5:]: v for k, v in state.arrays.items() if k.startswith("kept.")}
        self.ends = {
            part: np.concatenate(([0], np.cumsum(self.arrays[part + "_lens"]))).tolist()
            for part in ("date", "year_day", "actor")
        }
        self.ids, self.words, self.names, self.heaviest = state.ids, words, names, heaviest
        self.added: list[Kept] = []

    def __len__(self) -> int:
        return len(self.ids) + len(self.added)

    def append(self, kept: Kept) -> None:
        self.added.append(kept)

    def _part(self, name: str, ends: str, i: int) -> list[int]:
        at = self.ends[ends]
        return self.arrays[name][at[i] : at[i + 1]].tolist()

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if i >= len(self.ids):
            return self.added[i - len(self.ids)]
        terms, is_name = self.words.terms, self.words._is_name
        heavy = [terms[t] for t in self.words._stored[i].tolist() if t >= 0 and not is_name[t]]
        names = self.names.terms
        return Kept(
            id=self.ids[i],
            dates=tuple(self._part("dates", "date", i)),
            year_days=tuple(self._part("year_days", "year_day", i)),
            actors=tuple(
                zip(
                    [sys.intern(names[t][1:]) for t in self._part("actors", "actor", i)],
                    self._part("actor_counts", "actor", i),
                )
            ),
            words=tuple(heavy[: self.heaviest]),
        )


def features_state(features: Sequence[Kept], names: Index, out: Snapshot) -> None:
    """What is kept of each article, its names as numbers of the name index's terms (its
    heaviest words are the word index's stored terms, so they need no room of their own)."""
    packed = features.arrays if isinstance(features, PackedKept) else None
    added = features.added if isinstance(features, PackedKept) else list(features)
    number = names.term_number
    dates, date_lens = _flat([f.dates for f in added], np.int32)
    year_days, year_day_lens = _flat([f.year_days for f in added], np.int16)
    actors, actor_lens = _flat([[number[NAME + n] for n, _ in f.actors] for f in added], np.int32)
    counts, _ = _flat([[c for _, c in f.actors] for f in added], np.int32)
    fresh = {
        "dates": dates,
        "date_lens": date_lens,
        "year_days": year_days,
        "year_day_lens": year_day_lens,
        "actors": actors,
        "actor_counts": counts,
        "actor_lens": actor_lens,
    }
    for part, values in fresh.items():
        whole = values if packed is None else np.concatenate((packed[part], values))
        out.arrays["kept." + part] = whole


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
