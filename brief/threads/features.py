"""What the threader compares: distinctive words, names and dates of one briefing (no I/O).

Names come from `Briefing.entities` (canonical, with counts) when the entity
stage has filled them; otherwise from capitalised phrases in the text, with a
lone surname folded into the full name it abbreviates ("Cheeks" -> "Maurice Cheeks").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from brief.analysis.lexicon import CACHE_LIMIT, NAME_OPENERS, content_words
from brief.analysis.textdates import is_full
from brief.model import Briefing

NAME = "="  # prefix of name terms, so "=turkmenistan" and the word "turkmenistan" differ
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|(?:19|20)\d\d")
_NAME = re.compile(r"\b[A-Z][\w'’.&-]*[\w&](?:\s+(?:of\s+|de\s+|the\s+)?[A-Z][\w'’.&-]*[\w&])*")


def words(text: str) -> list[str]:
    """Lower-cased content words of `text`, plurals folded, function words dropped."""
    return content_words(_WORD.findall(text))


_LAST: dict[str, str] = {}  # name -> its folded last word


def _last_word(name: str) -> str:
    """The folded last word of a name ("" when it has none), which a later mention may use alone."""
    last = _LAST.get(name)
    if last is None:
        folded = words(name)
        last = folded[-1] if folded else ""
        if len(_LAST) < CACHE_LIMIT:
            _LAST[name] = last
    return last


def _phrase_name(phrase: str) -> str:
    """The name a capitalised run stands for, lower-cased; "" when it is no name."""
    parts = phrase.split()
    while parts and parts[0].lower() in NAME_OPENERS:
        parts.pop(0)
    if parts and parts[-1].endswith(("'s", "’s")):
        parts[-1] = parts[-1][:-2]
    if not parts or len(parts) == 1 and parts[0].endswith("ing"):
        return ""  # "Emphasising", "Reiterating": participles opening a sentence
    if len(parts) == 1 and (len(parts[0]) < 3 or parts[0].isupper() and len(parts[0]) > 6):
        return ""  # initials and SHOUTED headline words are not names
    return " ".join(parts).rstrip(".").lower()


# capitalised run -> _phrase_name (runs repeat: names, sentence openers)
_PHRASES: dict[str, str] = {}


def text_names(text: str) -> Counter[str]:
    """Capitalised phrases as a fallback for named entities, surnames folded into full names."""
    phrases = _NAME.findall(text)
    cache = _PHRASES
    try:
        found = Counter(map(cache.__getitem__, phrases))
    except KeyError:
        for phrase in phrases:
            if phrase not in cache and len(cache) < CACHE_LIMIT:
                cache[phrase] = _phrase_name(phrase)
        found = Counter(cache[p] if p in cache else _phrase_name(p) for p in phrases)
    found.pop("", None)
    longer: dict[str, list[str]] = {}  # a first or last word -> the full names it may abbreviate
    for full in found:
        if " " in full:
            first, _, rest = full.partition(" ")
            longer.setdefault(first, []).append(full)
            last = rest.rpartition(" ")[2]
            if last != first:
                longer.setdefault(last, []).append(full)
    if not longer:
        return found
    folded: dict[str, int] = {}  # a plain dict: a Counter costs more to make than this small loop
    for name, count in found.items():
        if " " not in name and name in longer:
            name = max(longer[name], key=lambda f: (found[f], f))
        folded[name] = folded.get(name, 0) + count
    return Counter(folded)


@dataclass(frozen=True, slots=True)
class Features:
    """Raw counts for one briefing; weighting happens in the index, which knows the corpus."""

    id: str
    words: Counter[str]
    names: Counter[str]  # capitalised phrases, surnames folded into full names
    actors: Counter[str]  # canonical entities (lower-cased) when known, else `names`
    # day ordinals of complete dates: the article's own and those in its text
    dates: tuple[int, ...]
    year_days: tuple[int, ...] = ()  # days of the year (1-366) of year-less dates ("on June 27")
    # names said in the headline or first sentence: who the happening is about
    lead_names: frozenset[str] = frozenset()


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


class FeatureInput(NamedTuple):
    """The parts of a briefing its features are made from:
    small and plain, so worker processes can take it."""

    id: str
    text: str
    headline: str
    entities: tuple[tuple[str, int], ...]  # canonical names with counts
    date: str | None
    # ISO dates ("2024-11-08") and year-less ones ("--06-27") found in the text
    date_entities: tuple[str, ...]
    first_end: int  # where the first sentence ends


def feature_input(b: Briefing) -> FeatureInput:
    text = b.article.text
    return FeatureInput(
        b.id,
        text,
        b.headline,
        tuple((e.name, e.count) for e in b.entities),
        b.date,
        tuple(m.entity for m in b.dates),
        b.sentences[0].end if b.sentences else len(text),
    )


def features_of(item: FeatureInput) -> Features:
    text, headline = item.text, item.headline
    counts = Counter(words(text))
    for w in words(headline):
        # the headline's words count as words of the corpus (document frequency) but add no weight:
        # a headline restates the lead, and the lead's names already weigh more (LEAD_NAME_WEIGHT)
        counts[w] += 0
    # Capitalised phrases tell happenings apart better than tagged entities (they keep
    # clinics, works, teams and headline names), so events use them; threads and titles
    # use the canonical entities when the entity stage found any ("Putin" = "Vladimir Putin").
    names = text_names(headline + "\n" + text)
    actors = (
        Counter({name.lower(): count for name, count in item.entities}) if item.entities else names
    )
    days = set(
        map(
            _iso_ordinal,
            ([item.date] if item.date else []) + list(filter(is_full, item.date_entities)),
        )
    )
    days.discard(None)  # an impossible date ("2013-02-30")
    year_days = {
        _ordinal(2000, int(d[2:4]), int(d[5:7])) - _ordinal(1999, 12, 31)
        for d in item.date_entities
        if d.startswith("--")
    }
    return Features(
        id=item.id,
        words=counts,
        names=names,
        actors=actors,
        dates=tuple(sorted(days)),
        year_days=tuple(sorted(year_days)),
        lead_names=lead_names(names, headline + "\n" + text[: item.first_end]),
    )


def lead_names(names: Counter[str], lead: str) -> frozenset[str]:
    """The names (full forms) that the lead mentions, whole
    or by their last word ("Teixeira", "the Angels")."""
    said = {_last_word(n) for n in text_names(lead)}
    said.discard("")
    return frozenset(name for name in names if _last_word(name) in said)


def _iso_ordinal(iso: str) -> int | None:
    try:
        return _ordinal(int(iso[:4]), int(iso[5:7]), int(iso[8:10]))
    except ValueError:
        return None


def _ordinal(y: int, m: int, d: int) -> int:
    return date(y, m, d).toordinal()
