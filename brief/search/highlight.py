"""Where a result matched: headline spans and the body sentence that says the most (no I/O)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from brief.model import Briefing
from brief.search.results import Snippet
from brief.search.terms import TOKEN_RE, fold, terms

_SENTENCE_RE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)]*|\n|$)")


def token_hits(text: str, found: list) -> list[tuple[int, int, int]]:
    """(start, end, which) for each token of `text` matched by entry `which` of `found`."""
    folded = fold(text)
    hits = []
    for m in TOKEN_RE.finditer(folded):
        token = m.group()
        for which, f in enumerate(found):
            if isinstance(f, dict) and token in f:
                cut = f[token].prefix
                hits.append((m.start(), m.start() + cut if cut else m.end(), which))
    return hits


def phrase_hits(text: str, found: list) -> list[tuple[int, int, int]]:
    folded = fold(text)
    hits = []
    for which, f in enumerate(found):
        if isinstance(f, str):
            pattern = r"\b" + r"\W+".join(re.escape(w) for w in terms(f)) + r"\b"
            hits += [(m.start(), m.end(), which) for m in re.finditer(pattern, folded)]
    return hits


def merge_spans(ranges: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[list[int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return tuple((a, b) for a, b in out)


def _sentences(b: Briefing) -> Iterable[tuple[int, int]]:
    if spans := b.sentence_spans():
        return spans
    return ((m.start(), m.end()) for m in _SENTENCE_RE.finditer(b.article.text))


def snippet(b: Briefing, found: list) -> Snippet | None:
    """The body sentence that matches the most of what the headline did not."""
    text = b.article.text
    best = None
    for start, end in _sentences(b):
        sentence = text[start:end]
        hits = token_hits(sentence, found) + phrase_hits(sentence, found)
        n = len({w for _, _, w in hits})
        if n and (best is None or n > best[0]):
            best = (n, start, end, hits)
            if n == len(found):
                break
    if best is None:
        return None
    _, start, end, hits = best
    sentence = text[start:end]
    lead = len(sentence) - len(sentence.lstrip())
    sentence = sentence.strip()
    spans = merge_spans((a - lead, b_ - lead) for a, b_, _ in hits)
    return Snippet(text=sentence, start=start + lead, spans=spans)
