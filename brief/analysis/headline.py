"""Headlines for articles that arrive without a title.

A derived headline is at most 90 characters of whole words and never a
sentence cut off mid-way: either the lead sentence when it is short enough,
the lead compressed at a clause boundary, or a subheading the scraper glued on.
"""

from __future__ import annotations

import re

MAX_CHARS = 90
# Clause boundaries where a lead can be cut and still read as a headline.
_CLAUSE = re.compile(
    r",\s|\s(?:and|but|for|after|as|while|saying|amid|because|since|although|which|who|when|where|"
    r"with|without|despite|following|over|before|until|in order to|to)\s"
)
_TRAILING_WEAK = re.compile(r"(?:\s+(?:the|a|an|of|to|in|on|at|and|or|but|for|with|by|from|his|her|their|its))+$", re.I)


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"^[\"'\u201c\u2018]+|[\s.,;:\"'\u201d\u2019]+$", "", text)
    return text


def compress(sentence: str, limit: int = MAX_CHARS) -> str | None:
    """The sentence if it fits, else its longest clause-boundary prefix that fits (≥ 4 words)."""
    text = _tidy(sentence)
    if len(text) <= limit:
        return text or None
    best = None
    for m in _CLAUSE.finditer(text):
        if m.start() > limit:
            break
        head = _TRAILING_WEAK.sub("", text[: m.start()]).rstrip(",;: ")
        if len(head.split()) >= 4 and head.count("\u201c") <= head.count("\u201d") and head.count('"') % 2 == 0:
            best = head
    return best


def derive_headline(sentences: list[str], subheads: list[str]) -> str:
    """A headline from the lead sentences, else a subheading; never empty."""
    for sentence in sentences[:2]:
        if sentence.startswith(("\u201c", '"')):
            continue  # a quote opening the story is a poor headline
        if len(_tidy(sentence)) <= MAX_CHARS:
            return _tidy(sentence)
        break
    for sub in subheads:
        sub = _tidy(sub)
        if 3 <= len(sub.split()) and len(sub) <= MAX_CHARS and not sub.endswith("?"):
            return sub
    for sentence in sentences[:3]:
        head = compress(sentence)
        if head:
            return head
    if sentences:  # no clause boundary fits: fall back to whole words
        words = _tidy(sentences[0])[:MAX_CHARS].rsplit(" ", 1)[0]
        return _TRAILING_WEAK.sub("", words) + "…"
    return "Untitled"
