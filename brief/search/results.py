"""What a search returns: ranked results with the spans to highlight (plain data)."""

from __future__ import annotations

from dataclasses import dataclass

from brief.search.query import ParseError, Query


@dataclass(frozen=True, slots=True)
class Snippet:
    """The sentence of the body where the match lies; `spans` are offsets into `text`."""

    text: str
    start: int  # offset of `text` in Article.text
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class SearchResult:
    id: str
    score: float  # 0..1, 1 = every clause matched exactly in a headline or entity name
    headline: str
    date: str | None
    headline_spans: tuple[tuple[int, int], ...] = ()  # [start, end) character ranges to highlight
    snippet: Snippet | None = None

    @property
    def headline_positions(self) -> tuple[int, ...]:
        return tuple(i for a, b in self.headline_spans for i in range(a, b))


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: Query
    results: tuple[SearchResult, ...] = ()
    errors: tuple[ParseError, ...] = ()
    total: int = 0  # matches before the limit
