"""What the threader takes from each article, in a
form that is cheap to send between processes (no I/O).

At 100,000 articles the features are made in worker processes and sent back a
chunk at a time. A term-count dict per article would be four times the size of
a tuple of terms and an array of counts, and several chunks are in flight at
once, so the plain form is what travels. This module imports no numpy and no
clustering code: it is all a worker needs.
"""

from __future__ import annotations

from array import array
from typing import NamedTuple

from brief.threads.features import NAME, FeatureInput, Features, features_of

LEAD_NAME_WEIGHT = 2  # a name in the headline or first sentence counts this many times over

Terms = tuple[tuple[str, ...], array]  # terms, and their counts in an array("i")


class Prepared(NamedTuple):
    """One article as the threader indexes it."""

    id: str
    counts: Terms  # its words and (NAME-prefixed) names, for the event index
    actors: Terms  # canonical entities (lower-cased), for the thread index and its names
    dates: tuple[int, ...]
    year_days: tuple[int, ...]


def event_counts(f: Features) -> dict[str, int]:
    counts = dict(f.words)
    for name, c in f.names.items():
        # who the lead names is who the happening is about
        # ("Red Sox offer Teixeira" vs "Angels offer Teixeira")
        counts[NAME + name] = counts.get(NAME + name, 0) + c * (
            LEAD_NAME_WEIGHT if name in f.lead_names else 1
        )
    return counts


def _terms(counts: dict[str, int]) -> Terms:
    return tuple(counts), array("i", counts.values())


def prepare(item: FeatureInput) -> Prepared:
    f = features_of(item)
    return Prepared(f.id, _terms(event_counts(f)), _terms(f.actors), f.dates, f.year_days)


def prepare_chunk(items: list[FeatureInput]) -> list[Prepared]:
    """A chunk's prepared articles."""
    return list(map(prepare, items))
