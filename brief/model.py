"""Plain data passed between the stages: sources -> analysis -> threads -> search -> ui.

Every offset (`start`, `end`) is a character offset into `Article.text`, so the
reading pane, the JSON output and the highlighter all share one coordinate system.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT")


@dataclass(frozen=True, slots=True)
class Article:
    """One input document, as read by a source. `text` is already free of control characters."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD as given by the input, else None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    author: str | None = None
    # Other sources that carried the same story (merged into this one briefing).
    also: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Block:
    """A span of the article body: a paragraph, a subheading, or publisher furniture."""

    kind: str  # "para" | "subhead" | "furniture"
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    type: str  # one of ENTITY_TYPES, or "DATE" for dates in text
    text: str
    entity: str  # canonical name (for DATE: the ISO date, or "" when unresolved)


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    type: str
    count: int
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: str
    text: str
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Briefing:
    """An analysed article: what the list, the reading pane and the JSON show."""

    article: Article
    headline: str
    summary: str
    date: str | None
    date_inferred: bool = False
    source: str = ""
    blocks: tuple[Block, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[Mention, ...] = ()  # DATE mentions found in the text
    related: tuple[str, ...] = ()  # "Also Read" style links removed from the text
    thread: str = ""
    event: str = ""

    @property
    def id(self) -> str:
        return self.article.id

    def sentence_spans(self) -> list[tuple[int, int]]:
        """(start, end) of each of its sentences."""
        return [(s.start, s.end) for s in self.sentences]


@dataclass(frozen=True, slots=True)
class LeanBriefing(Briefing):
    """A briefing without the parts only reading it needs (its blocks, mentions and quotes,
    and its sentences as objects): what the reader holds for each of 100,000 stories. Its
    text, entities, dates in text and where its sentences end are all there, so the list,
    the search index and threading work on it as on a whole one (threading from scratch
    aside: it reads the whole ones); `brief.library.Library.whole` gives the whole one back,
    from the cache."""

    # where its sentences start and end, flat ([start, end, start, end, …] as 32-bit numbers:
    # 8 bytes a sentence, not a Sentence object)
    bounds: array = field(default_factory=lambda: array("I"))

    def sentence_spans(self) -> list[tuple[int, int]]:
        i = iter(self.bounds)
        return list(zip(i, i))


@dataclass(frozen=True, slots=True)
class Row:
    """A briefing as one row of the list: what the list paints, read straight from the store
    at start-up, before the full briefings (text, mentions, quotes) are loaded."""

    id: str
    headline: str
    summary: str
    date: str | None
    date_inferred: bool
    source: str
    entities: tuple[Entity, ...]  # the most mentioned few, for the card's chips
    thread: str
    event: str


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: str | None
    title: str
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Thread:
    id: str
    title: str
    articles: tuple[str, ...]  # oldest first
    entities: tuple[str, ...] = ()
    events: tuple[Event, ...] = field(default_factory=tuple)
