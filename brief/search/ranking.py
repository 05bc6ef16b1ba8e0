"""Ranking: the best documents by score, ties to the newest, at any corpus size (no I/O).

Documents are numbers; `dates` gives each one's ISO date ("" when undated) and
`newest_first` all of them newest first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from itertools import compress, filterfalse, islice, repeat, tee
from operator import add


def newest_of(
    docs: int,
    dates: list[str],
    newest_first: list[int],
    allowed: Collection[int] | None,
    excluded: set[int],
    limit: int,
) -> tuple[list[int], int]:
    """The `limit` newest documents of `allowed` (or
    of all but `excluded`), and how many there are."""
    newest: Iterable[int] = newest_first
    if allowed is None:
        total = docs - len(excluded)
        if excluded:
            newest = filterfalse(excluded.__contains__, newest)
    else:
        total = len(allowed)
        if limit * docs > total * total:  # few: sorting them beats walking every document
            picked = sorted(allowed)
            picked.sort(key=dates.__getitem__, reverse=True)  # stable: same day, lower number first
            return picked[:limit], total
        newest = filter(allowed.__contains__, newest)
    return list(islice(newest, max(limit, 0))), total


def top(
    dates: list[str],
    newest_first: list[int],
    totals: dict[int, float],
    allowed: Collection[int] | None,
    limit: int,
) -> list[int]:
    """The `limit` best documents by score, ties going
    to the newest, with no Python step per candidate.

    Scores take few distinct values, so counting them finds the lowest score that
    makes the cut; the documents above it are few, and the ties at it are taken
    walking the documents newest first, which stops as soon as enough are found.
    """
    pool: Collection[int] = totals.keys() if allowed is None else allowed
    if limit <= 0 or not pool:
        return []
    levels = Counter(totals.values() if allowed is None else map(totals.__getitem__, allowed))
    ordered = sorted(levels, reverse=True)
    count = 0
    for cut in ordered:
        count += levels[cut]
        if count >= limit:
            break
    above: list[int] = []
    if cut != ordered[0]:
        above = list(compress(pool, map(cut.__lt__, map(totals.__getitem__, pool))))
        above.sort(key=lambda i: (totals[i], dates[i], -i), reverse=True)
    need = limit - len(above)
    if levels[cut] <= 20 * need + 500:
        tied = list(compress(pool, map(cut.__eq__, map(totals.__getitem__, pool))))
        tied.sort()
        tied.sort(key=dates.__getitem__, reverse=True)  # stable: same day, lower number first
        return above + tied[:need]
    newest: Iterable[int] = newest_first
    if allowed is not None:
        newest = filter(allowed.__contains__, newest)
    newest, scores = tee(newest)
    return above + list(
        islice(compress(newest, map(cut.__eq__, map(totals.get, scores, repeat(-1.0)))), need)
    )


def sum_common(weights: list[dict[int, float]]) -> dict[int, float]:
    """doc -> sum of its weights, for the documents in
    every dict (C-level loops: no bytecode per doc)."""
    weights = sorted(weights, key=len)
    common = weights[0].keys() & weights[1].keys()
    for d in weights[2:]:
        common &= d.keys()
    docs = list(common)
    sums = map(add, map(weights[0].__getitem__, docs), map(weights[1].__getitem__, docs))
    for d in weights[2:]:
        sums = map(add, sums, map(d.__getitem__, docs))
    return dict(zip(docs, sums))
