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
from collections.abc import Callable, Iterable, Sequence

from brief.analysis.lexicon import REPORTING_VERBS, THREAD_STOP_WORDS, fold
from brief.model import Briefing

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*[A-Za-z]")
_BREAK = re.compile(r"[.,;:!?()\[\]“”\"—–|]+|\s[-–]\s")
_LINKS = frozenset("in into of for on at to over with against from".split())


SAMPLE = 48  # articles of a big thread that name it: more say nothing new and cost time at 100,000


def _sample(members: Sequence[Briefing]) -> Sequence[Briefing]:
    """At most SAMPLE members, spread evenly over the thread (deterministic)."""
    if len(members) <= SAMPLE:
        return members
    step = len(members) / SAMPLE
    return [members[int(i * step)] for i in range(SAMPLE)]


def _chunks_of(headline: str, summary: str) -> list[tuple[bool, list[str]]]:
    """Runs of tokens between punctuation in the headline
    and summary, each marked if from the headline."""
    out = []
    for in_headline, part in ((True, headline), (False, summary)):
        for chunk in _BREAK.split(part or ""):
            tokens = _TOKEN.findall(chunk)
            if tokens:
                out.append((in_headline, tokens))
    return out


def _name_words(briefings: Iterable[Briefing]) -> set[str]:
    found = set()
    for b in briefings:
        for e in b.entities:
            for form in (e.name, *e.aliases):
                found.update(fold(t) for t in _TOKEN.findall(form))
    return found


def _content(key: str, names: set[str]) -> bool:
    return (
        len(key) > 2
        and key not in THREAD_STOP_WORDS
        and key not in REPORTING_VERBS
        and key not in names
    )


Chunk = tuple[bool, list[str], list[str]]  # (from the headline, tokens, their keys)


def _keyed_chunks(b: Briefing) -> list[Chunk]:
    return [
        (h, tokens, [fold(t) for t in tokens]) for h, tokens in _chunks_of(b.headline, b.summary)
    ]


def _tally(
    articles: list[list[Chunk]], grams: Callable[[list[str]], Iterable]
) -> tuple[Counter, Counter]:
    """How many articles use each gram (word or phrase) that
    `grams(keys)` finds in a chunk, and how many in their headline."""
    spread: Counter = Counter()
    in_headline: Counter = Counter()
    for chunks in articles:
        seen: set = set()
        headline: set = set()
        for from_headline, _, keys in chunks:
            found = grams(keys)
            seen.update(found)
            if from_headline:
                headline.update(found)
        spread.update(seen)
        in_headline.update(headline)
    return spread, in_headline


def title_keys(headline: str, summary: str) -> set[str]:
    """The words (as keys) that a headline and summary
    use: what TitleWords counts for one briefing."""
    return {fold(t) for _, chunk in _chunks_of(headline, summary) for t in set(chunk)}


def count_title_keys(pairs: Iterable[tuple[str, str]]) -> Counter[str]:
    """How many of the (headline, summary) pairs use each key."""
    df: Counter[str] = Counter()
    for headline, summary in pairs:
        df.update(title_keys(headline, summary))
    return df


class TitleWords:
    """How many briefings of the corpus use each word in their headline or summary."""

    def __init__(self, df: Counter[str], docs: int) -> None:
        self.df = df  # from count_title_keys (the threader's workers count them while featurising)
        self.docs = docs
        self._idf: dict[str, float] = {}

    @classmethod
    def of(cls, briefings: Sequence[Briefing]) -> TitleWords:
        return cls(count_title_keys((b.headline, b.summary) for b in briefings), len(briefings))

    def idf(self, key: str) -> float:
        value = self._idf.get(key)
        if value is None:
            value = self._idf[key] = math.log((1 + self.docs) / (1 + self.df[key])) + 1.0
        return value

    def key_phrase(self, members: Sequence[Briefing]) -> str:
        """The phrase that best says what the members are about, or "" when none stands out."""
        members = _sample(members)
        names = _name_words(members)
        articles = [_keyed_chunks(b) for b in members]
        # the word first, then only the phrases around it:
        # most phrases of a thread are never candidates
        used, in_headlines = _tally(articles, lambda keys: [k for k in keys if _content(k, names)])
        if not used:
            return ""
        idf = self.idf

        def word_score(k: str) -> tuple[float, str]:
            # a story is named by its nouns: "rehab", "election
            # victory", not "checked" or "congratulated"
            return (
                -(used[k] + 0.5 * in_headlines[k])
                * idf(k)
                * (0.6 if k.endswith(("ed", "ing")) else 1.0),
                k,
            )

        word = min(used, key=word_score)
        # widen the word to the phrase it stands in, when enough of its users agree on one
        wider, wider_in_headline = _tally(
            articles,
            lambda keys: (
                [p for p in _phrases(keys, names) if len(p) > 1 and word in p]
                if word in keys
                else ()
            ),
        )

        def phrase_score(key: tuple[str, ...]) -> tuple[float, tuple[str, ...]]:
            content = [k for k in key if k not in _LINKS]
            rarity = sum(map(idf, content)) / len(content)
            verbal = 0.6 if key[-1].endswith(("ed", "ing")) else 1.0
            return (-(wider[key] + 0.5 * wider_in_headline[key]) * rarity * verbal * 1.25, key)

        best = (word,)
        if wider:
            phrase = min(wider, key=phrase_score)
            if wider[phrase] >= max(1 if len(members) == 1 else 2, 0.3 * used[word]):
                best = phrase
        return _surface(best, articles)


def _surface(key: tuple[str, ...], articles: list[list[Chunk]]) -> str:
    """How the members write the phrase `key`: the commonest form,
    lower case preferred (a headline's Title Case is not the word's
    own), a hyphenated name kept as written ("US-Russia")."""
    forms: Counter[str] = Counter()
    n = len(key)
    for chunks in articles:
        for _, chunk, keys in chunks:
            if key[0] not in keys:
                continue
            for i in range(len(chunk) - n + 1):
                if tuple(keys[i : i + n]) == key:
                    forms[" ".join(chunk[i : i + n])] += 1
    if not forms:
        return " ".join(key)
    return max(
        sorted(forms.items()),
        key=lambda fc: (fc[0].islower() or fc[0][:1].isupper() and "-" in fc[0], fc[1]),
    )[0]


def _phrases(keys: list[str], names: set[str]) -> list[tuple[str, ...]]:
    """Content words of a chunk (as keys), alone and in adjacent pairs."""
    ok = [_content(k, names) for k in keys]
    out = [(k,) for k, good in zip(keys, ok) if good]
    out += [(a, b) for (a, b), ga, gb in zip(zip(keys, keys[1:]), ok, ok[1:]) if ga and gb]
    # "checks into rehab", "talks on Ukraine": two content words joined by a preposition
    out += [
        (a, m, b)
        for (a, m, b), ga, gb in zip(zip(keys, keys[1:], keys[2:]), ok, ok[2:])
        if ga and gb and m in _LINKS
    ]
    return out
