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

MAX_WORDS = 60
MAX_SENTENCES = 3
CANDIDATES = 6  # how deep into the story a summary sentence may come from
LEAD_WEIGHT = 10.0
LEAD_DECAY = 0.3  # position prior: LEAD_WEIGHT / (1 + position) ** LEAD_DECAY

_DANGLING = re.compile(r"^(?:He|She|They|It|His|Her|Their|Its|This|That|These|Those|Him|Them)\b")
_DATELINE = re.compile(
    r"^(?:\(CNN\)\s*|By \.?\s*[^.]{0,60}?\.\s*(?:PUBLISHED:[^|]*\|\s*\.?\s*)?(?:UPDATED:[^.]*\.\s*\d{4}\s*\.\s*)?|"
    r"[A-Z][A-Z .,'-]{2,40}(?:\([A-Za-z .]+\))?\s*[-\u2014\u2013]+\s*)"
)
_STOPWORDS = frozenset(
    "a an the of to in on at for and or but is are was were be been being has have had he she it they his her "
    "its their this that these those with by from as said says say will would could should not no who which "
    "what when where than then there here also after before over into about more most one two i we you our "
    "your them him up out if so do does did".split()
)
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")


def clean_sentence(sentence: str) -> str:
    """A sentence without wire datelines and bylines, on one line."""
    return _DATELINE.sub("", " ".join(sentence.split()))


def _content_words(sentence: str) -> set[str]:
    return {w for w in _WORD.findall(sentence.lower()) if w not in _STOPWORDS and len(w) > 2}


def _usable(sentence: str) -> bool:
    """Whole sentences only: no fragments of a quote, no lower-case continuations."""
    if len(sentence.split()) < 4:
        return False
    if sentence[0] in "\"'\u201c\u2018":
        return False  # a bare quote reads badly without the narration around it
    return sentence[0].isupper() or sentence[0].isdigit() or sentence[0] == "("


def summarise(sentences: list[str]) -> str:
    cleaned = [clean_sentence(s) for s in sentences]
    pool = [s for s in cleaned if _usable(s)]
    if not pool:
        return ""
    frequency = Counter(w for s in pool for w in _content_words(s))
    candidates = pool[:CANDIDATES]

    def score(i: int) -> float:
        words = _content_words(candidates[i])
        centrality = sum(frequency[w] - 1 for w in words) / (math.sqrt(len(words)) + 1)
        return LEAD_WEIGHT / (1 + i) ** LEAD_DECAY + centrality

    picked: list[int] = []
    budget = MAX_WORDS
    for i in sorted(range(len(candidates)), key=lambda i: (-score(i), i)):
        n = len(candidates[i].split())
        if n > budget:
            continue
        picked.append(i)
        budget -= n
        if len(picked) == MAX_SENTENCES:
            break
    # The summary must not open on a pronoun whose referent was left out.
    while picked and _DANGLING.match(candidates[min(picked)]) and min(picked) > 0 and 0 not in picked:
        picked.remove(min(picked))
    if not picked:  # the lead alone is over budget: keep whole words and mark the cut
        words = candidates[0].split()[:MAX_WORDS]
        return " ".join(words).rstrip(",;:") + "\u2026"
    return " ".join(candidates[i] for i in sorted(picked))
