"""The same story from several sources becomes one article that names them all.

Two articles are the same story when they share a link, when their text is the
same (a content hash of the normalised words), or when their word 5-grams overlap by
at least 90% of the longer one's (a copy with a changed word or two, not a short wire
story quoted inside a longer article: those stay two articles of one event).
Candidates for the last test come from an index of a sample of each text's 5-grams,
so the work grows with the corpus, not with its square. The first copy (in input
order) is kept; the others' sources are listed in `Article.also`, so reading that
one briefing reads the story everywhere.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import zlib
from collections import defaultdict
from urllib.parse import urlsplit, urlunsplit

from brief.model import Article

OVERLAP = 0.9
SHINGLE = 5
MIN_SHINGLES = 20  # shorter texts are compared by link and hash only
_SAMPLE = 4  # one 5-gram in about four is indexed
_MAX_POSTINGS = 64  # a 5-gram shared by more texts than this is boilerplate, not evidence
_WORD = re.compile(r"\w+")


def _link_key(url: str | None) -> str | None:
    if not url:
        return None
    try:
        p = urlsplit(url.strip())
    except ValueError:
        return None
    path = p.path.rstrip("/") or "/"
    return urlunsplit((p.scheme.lower(), p.netloc.lower(), path, p.query, ""))


def _shingles(text: str) -> set[int]:
    words = _WORD.findall(text.lower())
    # crc32, not hash(): the same input must merge the same way in every process
    grams = (" ".join(words[i : i + SHINGLE]) for i in range(max(0, len(words) - SHINGLE + 1)))
    return {zlib.crc32(g.encode()) for g in grams}


def _text_key(article: Article, words: int) -> str:
    body = " ".join(_WORD.findall(article.text.lower()))
    if words < MIN_SHINGLES:  # a short or empty body: the title must match too
        body = " ".join(_WORD.findall((article.title or "").lower())) + "\x00" + body
    return hashlib.blake2b(body.encode(), digest_size=16).hexdigest()


class _Groups:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # the earlier copy leads


def _join_equal_keys(keys: list[str | None], groups: _Groups) -> None:
    first: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key is None:
            continue
        if key in first:
            groups.join(first[key], i)
        else:
            first[key] = i


def _join_overlaps(shingles: list[set[int]], groups: _Groups) -> None:
    postings: dict[int, list[int]] = defaultdict(list)
    for i, sh in enumerate(shingles):
        if len(sh) < MIN_SHINGLES:
            continue
        candidates: set[int] = set()
        sample = [s for s in sh if s % _SAMPLE == 0]
        for s in sample:
            seen = postings[s]
            if len(seen) < _MAX_POSTINGS:
                candidates.update(seen)
                seen.append(i)
        for j in candidates:
            other = shingles[j]
            if min(len(sh), len(other)) < OVERLAP * max(len(sh), len(other)):
                continue  # the shorter cannot cover enough of the longer
            if groups.find(i) == groups.find(j):
                continue
            if len(sh & other) >= OVERLAP * max(len(sh), len(other)):
                groups.join(j, i)


def merge_stories(articles: list[Article]) -> list[Article]:
    """`articles` with copies of one story folded into its first copy."""
    if len(articles) < 2:
        return articles
    groups = _Groups(len(articles))
    shingles = [_shingles(a.text) for a in articles]
    _join_equal_keys([_link_key(a.url) for a in articles], groups)
    _join_equal_keys([_text_key(a, len(s)) for a, s in zip(articles, shingles)], groups)
    _join_overlaps(shingles, groups)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(articles)):
        members[groups.find(i)].append(i)
    out = []
    for i, article in enumerate(articles):
        group = members.get(i)
        if group is None:
            continue  # folded into an earlier copy
        if len(group) == 1:
            out.append(article)
            continue
        names = [articles[j].source for j in group[1:]]
        also = tuple(dict.fromkeys(n for n in names if n and n != article.source))
        out.append(dataclasses.replace(article, also=also))
    return out
