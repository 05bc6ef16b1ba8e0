"""Two-or-three-sentence summaries, chosen from the opening of the story.

News puts the essentials first, so candidates are the first few sentences;
among them we prefer the ones that share the most vocabulary with the rest of
the article (centrality), with a gentle bias towards the lead, and keep
document order. The word budget is a hard cap, so a summary never ends
mid-sentence unless a single lead sentence alone is over budget.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache
from itertools import combinations

from brief.analysis.datelines import is_stamp, strip_dateline, strip_stamp
from brief.analysis.lexicon import SUMMARY_STOP_WORDS

MAX_WORDS = 60
MAX_SENTENCES = 3
CANDIDATES = 6  # how deep into the story a summary sentence may come from
LEAD_WEIGHT = 20.0
LEAD_DECAY = 0.3  # position prior: LEAD_WEIGHT / (1 + position) ** LEAD_DECAY

_DANGLING = re.compile(r"^(?:He|She|They|It|His|Her|Their|Its|This|That|These|Those|Him|Them)\b")
_DATELINE = re.compile(
    # "(CNN)", "New Delhi, India (CNN)", "(The Hollywood Reporter)", "LONDON, England (Reuters) --"
    r"^(?:(?:[A-Z][\w.'-]*(?:,?\s+[A-Z][\w.'-]*){0,3}\s*)?"
    r"\((?:CNN|AP|AFP|Reuters|The [A-Z][\w ]{2,30}|"
    r"[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,3})\)\s*(?:--|[\u2014\u2013-])?\s*|"
    r"By \.?\s*[^.]{0,60}?\.\s*(?:PUBLISHED:[^|]*\|\s*\.?\s*)?"
    r"(?:UPDATED:[^|]*?\b(?:19|20)\d\d\s*\.?\s*)?|"
    r"[A-Z][A-Z .,'-]{2,40}(?:\([A-Za-z .]+\))?\s*[-\u2014\u2013]+\s*)"
)
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")


_BOILERPLATE = re.compile(r"\b(?:PUBLISHED|UPDATED):")
# Page furniture a scraper leaves in front of the text it
# precedes, and photo-caption labels ("Flying high: ").
_FURNITURE_PREFIX = re.compile(
    r"^(?:(?:Scroll down for (?:video|more)|Click here[^.:]{0,60}|Advertisement)\s*[.:]?\s+)?"
    r"(?:[A-Z][\w'\u2019-]*(?:\s[\w'\u2019-]+){0,2}:\s+(?=[A-Z]))?"
)
# A photo caption or subheading glued to the sentence
# after it: "… a colleague The cost of divorce can …".
_GLUED = re.compile(
    r"(?<=[a-z0-9%'\u2019)])\s+(?=(?:The|A|An|He|She|They|It|His|Her|Their|Police|Officers)\s+[a-z])"
)
_FRAGMENT_OPENER = re.compile(r"^(?:But|And|Or|So)\s+(?:that|which|who)\b")


# Asides a summary can spare: "(pictured)", "(file photo)",
# "-- perhaps from pesticide exposure, officials say --".
_ASIDE = re.compile(r"\s\((?:[^()]{1,40})\)(?=[\s,.;:])|\s--\s[^-]{3,80}?\s--(?=\s)")


def clean_sentence(sentence: str) -> str:
    """A sentence without wire datelines, bylines, "Scroll down for video" or a caption
    label, on one line."""
    text = strip_stamp(_DATELINE.sub("", strip_dateline(" ".join(sentence.split()))))
    return _FURNITURE_PREFIX.sub("", text, count=1)


def _compact(sentence: str) -> str:
    return _ASIDE.sub("", sentence)


def split_glued(sentence: str) -> list[str]:
    """A caption glued to the sentence after it, as
    two sentences (the caption gets its full stop)."""
    glued = _GLUED.search(sentence)
    if (
        glued
        and len(sentence[: glued.start()].split()) >= 6
        and len(sentence[glued.end() :].split()) >= 6
    ):
        return [sentence[: glued.start()] + ".", sentence[glued.end() :]]
    return [sentence]


def _quotes_balanced(sentence: str) -> bool:
    """False for a piece of a quotation cut out of its
    sentence (`We know how to look," she said.`)."""
    if sentence.count('"') % 2:
        return False
    return sentence.count("\u201c") == sentence.count("\u201d")


def _content_words(sentence: str) -> set[str]:
    words = _WORD.findall(sentence.lower())
    return {w for w in words if w not in SUMMARY_STOP_WORDS and len(w) > 2}


def _usable(sentence: str) -> bool:
    """Whole sentences only: no fragments of a quote, no lower-case continuations, no timestamps."""
    if len(sentence.split()) < 4 or is_stamp(sentence):
        return False
    if sentence[0] in "\"'\u201c\u2018":
        return False  # a bare quote reads badly without the narration around it
    if sentence.rstrip("\"'\u201d\u2019) ").endswith("?"):
        return False  # a teaser question ("Think it's hard to redeem your miles?") informs no one
    if (
        _BOILERPLATE.search(sentence)
        or _FRAGMENT_OPENER.match(sentence)
        or not _quotes_balanced(sentence)
    ):
        return False
    return sentence[0].isupper() or sentence[0].isdigit() or sentence[0] == "("


# a sentence repeating another (a caption and the lead) costs half the lead prior
REDUNDANCY = LEAD_WEIGHT / 2


def _best_subset(candidates: list[str], scores: list[float], words: list[set[str]]) -> list[int]:
    """The set of up to MAX_SENTENCES candidates within
    MAX_WORDS with the best total score, less redundancy.

    Trying every subset (at most 41 of 6 candidates) instead of
    picking greedily fills the word budget with a third sentence when
    one fits, and never keeps two sentences that repeat each other.
    `words` are the candidates' content words.
    """
    lengths = [len(c.split()) for c in candidates]
    overlap = {
        (i, j): len(words[i] & words[j]) / (min(len(words[i]), len(words[j])) or 1)
        for i, j in combinations(range(len(candidates)), 2)
    }
    # the summary must not open on a pronoun whose referent was left out
    opens = [i == 0 or not _DANGLING.match(c) for i, c in enumerate(candidates)]
    best: tuple[float, list[int]] = (float("-inf"), [])
    for subset, pairs in _subsets(len(candidates)):
        if not opens[subset[0]] or sum(map(lengths.__getitem__, subset)) > MAX_WORDS:
            continue
        value = sum(map(scores.__getitem__, subset)) - REDUNDANCY * sum(
            map(overlap.__getitem__, pairs)
        )
        if value > best[0]:
            best = (value, list(subset))
    return best[1]


@cache
def _subsets(n: int) -> list[tuple[tuple[int, ...], list[tuple[int, int]]]]:
    """Each subset of up to MAX_SENTENCES of range(n), smallest first, with its pairs."""
    return [
        (subset, list(combinations(subset, 2)))
        for size in range(1, MAX_SENTENCES + 1)
        for subset in combinations(range(n), size)
    ]


def summarise(sentences: list[str]) -> str:
    cleaned = [_compact(part) for s in sentences for part in split_glued(clean_sentence(s))]
    pool = [s for s in cleaned if _usable(s)]
    if not pool:
        return ""
    words = [_content_words(s) for s in pool]
    frequency = Counter(w for found in words for w in found)
    candidates = pool[:CANDIDATES]

    def score(i: int) -> float:
        centrality = sum(frequency[w] - 1 for w in words[i]) / (math.sqrt(len(words[i])) + 1)
        return LEAD_WEIGHT / (1 + i) ** LEAD_DECAY + centrality

    scores = [score(i) for i in range(len(candidates))]
    picked = _best_subset(candidates, scores, words[: len(candidates)])
    if not picked:  # the lead alone is over budget: keep whole words and mark the cut
        lead = candidates[0].split()[:MAX_WORDS]
        return " ".join(lead).rstrip(",;:") + "\u2026"
    return " ".join(candidates[i] for i in sorted(picked))
