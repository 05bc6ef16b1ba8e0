"""Which terms of the index's vocabulary a query word may stand for (no I/O).

The word itself, the longer words it begins while the user is still typing, and
near misses within a few typos (rapidfuzz's OSA distance), each with a similarity.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from brief.search.fields import PREFIX_CAP


@dataclass(frozen=True, slots=True)
class TermMatch:
    sim: float
    prefix: int  # characters to highlight when matched as a prefix; 0 = the whole token


def typos_allowed(word: str) -> int:
    n = len(word)
    return 0 if n < 4 else 1 if n < 8 else 2


def starting_with(vocab: list[str], prefix: str) -> list[str]:
    """The terms of the sorted `vocab` that start with `prefix` (the prefix itself included)."""
    lo = bisect_left(vocab, prefix)
    return vocab[lo : bisect_left(vocab, prefix + "\U0010ffff", lo)]


def term_matches(word: str, vocab: list[str], by_len: dict[int, list[str]]) -> dict[str, TermMatch]:
    """Terms that `word` may stand for: itself, words it begins, and near misses.

    `vocab` is the sorted vocabulary, `by_len` the same terms by their length.
    """
    found: dict[str, TermMatch] = {}
    completions = starting_with(vocab, word)
    if len(completions) > PREFIX_CAP:
        completions = heapq.nsmallest(PREFIX_CAP, completions, key=len)
    for term in completions:
        if term == word:
            found[term] = TermMatch(1.0, 0)
        else:  # a longer completion scores a little less than a close one
            found[term] = TermMatch(round(0.7 + 0.25 * len(word) / len(term), 3), len(word))
    typos = typos_allowed(word)
    if typos:
        for length in range(len(word) - typos, len(word) + typos + 1):
            choices = by_len.get(length)
            if not choices:
                continue
            for term, dist, _ in process.extract_iter(
                word, choices, scorer=OSA.distance, score_cutoff=typos
            ):
                if dist and term not in found:
                    found[term] = TermMatch(0.75 if dist == 1 else 0.6, 0)
    return found
