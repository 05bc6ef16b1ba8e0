"""Every entity across the corpus, with the briefings that mention it, and a fuzzy pick over them.

Plain data (no Textual): the `e` picker in the reader and its tests use it alike.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from brief.model import Briefing

PICK_LIMIT = 50
PREFIX_SCORE = 95.0  # "trum" finds "Trump" as surely as a near-miss, but an exact word ranks first
PICK_CUTOFF = 70  # similarity of one word below which a typo is just another word


@dataclass(frozen=True, slots=True)
class EntityEntry:
    name: str
    type: str
    aliases: tuple[str, ...]
    briefings: tuple[int, ...]  # positions in the sequence the directory was built from

    @property
    def label(self) -> str:
        """Name and the aliases that add another way to find it ("US", "EAEU"), not titled
        forms of the name itself ("US President Donald Trump")."""
        name = self.name.casefold()
        other = [a for a in self.aliases if name not in a.casefold() and a.casefold() not in name]
        return " ".join((self.name, *other))


def entity_directory(briefings: Sequence[Briefing]) -> list[EntityEntry]:
    """One entry per canonical name, most widely reported
    first; the type is the one most briefings give."""
    found: dict[str, tuple[dict[str, int], dict[str, None], list[int]]] = {}
    for i, b in enumerate(briefings):
        for e in b.entities:
            types, aliases, where = found.setdefault(e.name, ({}, {}, []))
            types[e.type] = types.get(e.type, 0) + 1
            aliases.update(dict.fromkeys(a for a in e.aliases if a != e.name))
            if not where or where[-1] != i:
                where.append(i)
    _fold_surnames(found)
    entries = [
        EntityEntry(name, max(types, key=lambda t: (types[t], t)), tuple(aliases), tuple(where))
        for name, (types, aliases, where) in found.items()
    ]
    entries.sort(key=lambda e: (-len(e.briefings), e.name.casefold()))
    return entries


def _fold_surnames(found: dict[str, tuple[dict[str, int], dict[str, None], list[int]]]) -> None:
    """Across the corpus, one person: "Obama" in the stories that never give his first name
    joins "Barack Obama", when exactly one full name of a person ends with it (two
    Jordans leave "Jordan" alone)."""

    def person(types: dict[str, int]) -> bool:
        return max(types, key=lambda t: (types[t], t)) == "PERSON"

    full_by_last: dict[str, list[str]] = {}
    for name, (types, _, _) in found.items():
        if " " in name and person(types):
            full_by_last.setdefault(name.rsplit(" ", 1)[1], []).append(name)
    for short in [n for n, (types, _, _) in found.items() if " " not in n and person(types)]:
        fulls = full_by_last.get(short, [])
        if len(fulls) != 1:
            continue
        types, aliases, where = found.pop(short)
        full_types, full_aliases, full_where = found[fulls[0]]
        for kind, count in types.items():
            full_types[kind] = full_types.get(kind, 0) + count
        full_aliases.update(aliases)
        full_aliases[short] = None
        full_where[:] = sorted(set(full_where) | set(where))


class EntityPicker:
    """Fuzzy pick over entity names and aliases, word by word, so short queries behave.

    Each query word is matched against the vocabulary of name words (a prefix counts as
    a full match, a typo as its similarity); an entry must match every query word, and
    scores the mean of its best matches. Scoring the vocabulary, not every entry, keeps
    each keystroke cheap at 100,000 briefings.
    """

    def __init__(self, entries: Sequence[EntityEntry]) -> None:
        self.entries = list(entries)
        words: dict[str, set[int]] = {}
        for i, entry in enumerate(self.entries):
            for word in utils.default_process(entry.label).split():
                words.setdefault(word, set()).add(i)
        self.words = words
        self.vocabulary = sorted(words)

    def _word_scores(self, word: str) -> dict[int, float]:
        best: dict[int, float] = {}
        at = bisect.bisect_left(self.vocabulary, word)
        while at < len(self.vocabulary) and self.vocabulary[at].startswith(word):
            exact = self.vocabulary[at] == word
            for i in self.words[self.vocabulary[at]]:
                best[i] = max(best.get(i, 0.0), 100.0 if exact else PREFIX_SCORE)
            at += 1
        for token, score, _ in process.extract(
            word, self.vocabulary, scorer=fuzz.ratio, limit=None, score_cutoff=PICK_CUTOFF
        ):
            for i in self.words[token]:
                if score > best.get(i, 0.0):
                    best[i] = score
        return best

    def pick(self, query: str, limit: int = PICK_LIMIT) -> list[EntityEntry]:
        words = utils.default_process(query).split()
        if not words:
            return self.entries[:limit]
        total: dict[int, float] | None = None
        for word in words:
            scores = self._word_scores(word)
            total = (
                scores
                if total is None
                else {i: total[i] + s for i, s in scores.items() if i in total}
            )
        ranked = sorted(total or {}, key=lambda i: (-total[i], -len(self.entries[i].briefings), i))
        return [self.entries[i] for i in ranked[:limit]]
