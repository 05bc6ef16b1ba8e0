"""Two-or-three-sentence summaries taken from the lead, as editors write them."""

from __future__ import annotations

import re

MAX_WORDS = 60
_DANGLING = re.compile(r"^(?:He|She|They|It|His|Her|Their|Its|This|That|These|Those)\b")
_DATELINE = re.compile(r"^(?:\(CNN\)\s*|[A-Z][A-Z .,'-]{2,40}(?:\([A-Za-z .]+\))?\s*[-\u2014\u2013]+\s*)")


def clean_sentence(sentence: str) -> str:
    return _DATELINE.sub("", " ".join(sentence.split()))


def summarise(sentences: list[str]) -> str:
    """Up to three lead sentences within MAX_WORDS, never opening with a dangling pronoun."""
    picked: list[str] = []
    words = 0
    for raw in sentences:
        sentence = clean_sentence(raw)
        n = len(sentence.split())
        if n < 4:
            continue
        if not picked and _DANGLING.match(sentence):
            continue
        if picked and words + n > MAX_WORDS:
            if len(picked) >= 2:
                break
            continue
        picked.append(sentence)
        words += n
        if len(picked) == 3:
            break
    if not picked:
        return ""
    if words > MAX_WORDS:  # one very long lead sentence: keep whole words and mark the cut
        return " ".join(" ".join(picked).split()[:MAX_WORDS]).rstrip(",;:") + "…"
    return " ".join(picked)
