"""A thread's title: who the story is about and what happens in it (no I/O).

The key phrase comes from the headlines and summaries, the parts of an article
written to say what it is about. A word scores by how many of the thread's
articles use it, weighted by how rare it is across the whole corpus (so
"said" or "added" never name a story), with a bonus for headlines; the
winning word is then widened to the phrase it most often stands in
("relations" -> "US-Russia relations") when the articles agree on it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from brief.linking.features import STOPWORDS, stem
from brief.model import Briefing

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*[A-Za-z]")
_BREAK = re.compile(r"[.,;:!?()\[\]“”\"—–|]+|\s[-–]\s")
# Reporting and filler verbs: common in leads, never what a story is about.
_DULL = frozenset(
    """added adds announced asked believe called comes continue continued described expressed
    gave give given including noted praised remarks remarked replied revealed stated statement
    statements thanked wrote""".split()
)


_LINKS = frozenset("in into of for on at to over with against from".split())


def _key(token: str) -> str:
    w = token.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return stem(w)


def _chunks(b: Briefing) -> list[list[str]]:
    """Runs of tokens between punctuation in the headline and summary, first the headline."""
    out = []
    for part in (b.headline, b.summary):
        for chunk in _BREAK.split(part or ""):
            tokens = _TOKEN.findall(chunk)
            if tokens:
                out.append(tokens)
    return out


def _name_words(briefings: Iterable[Briefing]) -> set[str]:
    found = set()
    for b in briefings:
        for e in b.entities:
            for form in (e.name, *e.aliases):
                found.update(_key(t) for t in _TOKEN.findall(form))
    return found


def _content(token: str, names: set[str]) -> bool:
    k = _key(token)
    return len(k) > 2 and k not in STOPWORDS and k not in _DULL and k not in names


class TitleWords:
    """How many briefings of the corpus use each word in their headline or summary."""

    def __init__(self, briefings: Sequence[Briefing]) -> None:
        self.docs = len(briefings)
        self.df: Counter[str] = Counter()
        for b in briefings:
            self.df.update({_key(t) for chunk in _chunks(b) for t in chunk})

    def idf(self, key: str) -> float:
        return math.log((1 + self.docs) / (1 + self.df[key])) + 1.0

    def key_phrase(self, members: Sequence[Briefing]) -> str:
        """The phrase that best says what the members are about, or "" when none stands out."""
        names = _name_words(members)
        spread: Counter[tuple[str, ...]] = Counter()
        in_headline: Counter[tuple[str, ...]] = Counter()
        forms: dict[tuple[str, ...], Counter[str]] = {}
        for b in members:
            seen: set[tuple[str, ...]] = set()
            for n, chunk in enumerate(_chunks(b)):
                for phrase in _phrases(chunk, names):
                    key = tuple(_key(t) for t in phrase)
                    forms.setdefault(key, Counter())[" ".join(phrase)] += 1
                    if key not in seen:
                        seen.add(key)
                        spread[key] += 1
                        in_headline[key] += n == 0 and bool(b.headline)
        if not spread:
            return ""

        def score(key: tuple[str, ...]) -> tuple[float, tuple[str, ...]]:
            content = [k for k in key if k not in _LINKS]
            rarity = sum(self.idf(k) for k in content) / len(content)
            # a story is named by its nouns: "rehab", "election victory", not "checked" or "congratulated"
            verbal = 0.6 if key[-1].endswith(("ed", "ing")) else 1.0
            return (-(spread[key] + 0.5 * in_headline[key]) * rarity * verbal * (1.25 if len(key) > 1 else 1.0), key)

        best = min((k for k in spread if len(k) == 1), key=score)
        # widen the word to the phrase it stands in, when enough of its users agree on one
        wider = [k for k in spread if len(k) > 1 and best[0] in k]
        if wider:
            phrase = min(wider, key=score)
            if spread[phrase] >= max(1 if len(members) == 1 else 2, 0.3 * spread[best]):
                best = phrase
        # the form most used, lower case preferred: a headline's Title Case is not the word's own
        return max(sorted(forms[best].items()), key=lambda fc: (fc[0].islower() or fc[0][:1].isupper() and "-" in fc[0], fc[1]))[0]


def _phrases(chunk: list[str], names: set[str]) -> list[tuple[str, ...]]:
    """Content words of a chunk, alone and in adjacent pairs."""
    ok = [_content(t, names) for t in chunk]
    out = [(t,) for t, good in zip(chunk, ok) if good]
    out += [(a, b) for (a, b), ga, gb in zip(zip(chunk, chunk[1:]), ok, ok[1:]) if ga and gb]
    # "checks into rehab", "talks on Ukraine": two content words joined by a preposition
    out += [
        (a, m, b)
        for (a, m, b), ga, gb in zip(zip(chunk, chunk[1:], chunk[2:]), ok, ok[2:])
        if ga and gb and m.lower() in _LINKS
    ]
    return out
