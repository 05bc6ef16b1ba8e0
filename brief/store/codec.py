"""Briefings and threadings as compact JSON for the cache (plain data, no SQL).

A briefing is one JSON array, its parts flat lists of fields (`[start, end, start, end, …]`
for sentences), so decoding creates no list per mention or sentence, and the objects are
cut straight from the flat lists. Decoding 10,000 briefings builds about 350,000 small frozen
objects: a batch is decoded with the garbage collector paused, since every allocation burst
otherwise rescans all the briefings decoded so far (benchmarks/decode.py).
"""

from __future__ import annotations

import json
import sys
from array import array
from collections.abc import Callable, Iterable
from dataclasses import fields, replace
from functools import lru_cache
from types import MemberDescriptorType

from brief.gc_pause import paused_gc
from brief.model import (
    Article,
    Block,
    Briefing,
    Entity,
    Event,
    LeanBriefing,
    Mention,
    Quote,
    Sentence,
    Thread,
)

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_loads = json.loads


def encode_briefing(b: Briefing) -> str:
    return _dumps(
        [
            b.headline,
            b.summary,
            # what the analysis read from the text itself: a stamp's date, a dateline's agency
            b.date,
            b.date_inferred,
            b.source,
            [v for x in b.blocks for v in (x.kind, x.start, x.end)],
            [v for x in b.sentences for v in (x.start, x.end)],
            [v for x in b.mentions for v in (x.start, x.end, x.type, x.text, x.entity)],
            [v for x in b.entities for v in (x.name, x.type, x.count, x.aliases)],
            [v for x in b.quotes for v in (x.speaker, x.text, x.start, x.end)],
            [v for x in b.dates for v in (x.start, x.end, x.type, x.text, x.entity)],
            b.related,
        ]
    )


def _maker(cls: type) -> Callable:
    """A constructor for a frozen, slotted dataclass of 2 or 5 fields that sets its slots
    directly: the object its __init__ would make (these classes have no defaults computed at
    init and no __post_init__), in about 60% of the time. Else the class itself."""
    slots = [getattr(cls, f.name, None) for f in fields(cls)]
    if not all(isinstance(s, MemberDescriptorType) for s in slots) or len(slots) not in (2, 5):
        return cls
    new = object.__new__
    if len(slots) == 2:
        s0, s1 = (s.__set__ for s in slots)  # type: ignore[union-attr]

        def make2(a, b):
            o = new(cls)
            s0(o, a)
            s1(o, b)
            return o

        return make2
    s0, s1, s2, s3, s4 = (s.__set__ for s in slots)  # type: ignore[union-attr]

    def make5(a, b, c, d, e):
        o = new(cls)
        s0(o, a)
        s1(o, b)
        s2(o, c)
        s3(o, d)
        s4(o, e)
        return o

    return make5


_sentence = _maker(Sentence)  # about 12 sentences and 12 mentions a briefing: the bulk of it
_mention = _maker(Mention)


def decode_briefing(article: Article, data: str) -> Briefing:
    (headline, summary, date, inferred, source, blocks, sentences, mentions, entities, quotes,
     dates, related) = _loads(data)  # fmt: skip
    # one iterator passed n times to map: its items n at a time, as the fields of one object
    i = iter(blocks)
    blocks = tuple(map(Block, i, i, i))
    i = iter(sentences)
    sentences = tuple(map(_sentence, i, i))
    i = iter(mentions)
    mentions = tuple(map(_mention, i, i, i, i, i))
    i = iter(entities)
    entities = tuple(map(Entity, i, i, i, map(tuple, i)))  # the aliases, as a tuple
    i = iter(quotes)
    quotes = tuple(map(Quote, i, i, i, i))
    i = iter(dates)
    dates = tuple(map(_mention, i, i, i, i, i))
    return Briefing(
        article, headline, summary, date, inferred, source, blocks, sentences, mentions,
        entities, quotes, dates, tuple(related),
    )  # fmt: skip


_intern = sys.intern  # one copy of a name however many briefings mention it


def decode_lean(article: Article, data: str, quotes: bool = False) -> Briefing:
    """The briefing as a reader holds it (see `LeanBriefing`): the parts that only reading it
    needs are not built, nor its dates in text when the analysis dated it already (only
    threading reads them, to date an undated one). With `quotes`, its quotes are kept."""
    (headline, summary, date, inferred, source, _, sentences, _, entities, said, dates,
     related) = _loads(data)  # fmt: skip
    i = iter(entities)
    entities = tuple(
        map(_entity, map(_intern, i), map(_intern, i), i, (tuple(map(_intern, a)) for a in i))
    )
    if date is None:  # threading dates it from the dates in its text
        i = iter(dates)
        dates = tuple(map(_mention, i, i, i, i, i))
    else:
        dates = ()
    i = iter(said)
    said = tuple(map(Quote, i, i, i, i)) if quotes else ()
    return LeanBriefing(
        article, headline, summary, date, inferred, _intern(source), (), (), (), entities, said,
        dates, tuple(related), "", "", array("I", sentences),
    )  # fmt: skip


def lighten(b: Briefing, quotes: bool = False) -> Briefing:
    """A whole briefing as a reader holds it: the same as `decode_lean` would give."""
    if isinstance(b, LeanBriefing):
        return b
    bounds = array("I", [v for s in b.sentences for v in (s.start, s.end)])
    entities = tuple(_entity(e.name, e.type, e.count, e.aliases) for e in b.entities)
    dates = b.dates if not b.date or b.date_inferred else ()
    return LeanBriefing(
        b.article, b.headline, b.summary, b.date, b.date_inferred, b.source, (), (), (),
        entities, b.quotes if quotes else (), dates, b.related, b.thread, b.event, bounds,
    )  # fmt: skip


@lru_cache(maxsize=1 << 16)
def _entity(name: str, kind: str, count: int, aliases: tuple[str, ...]) -> Entity:
    """One object for an entity many briefings name alike (frozen, so shared safely)."""
    return Entity(name, kind, count, aliases)


def decode_briefings(
    rows: Iterable[tuple[Article, str]], lean: bool = False, quotes: bool = False
) -> list[Briefing]:
    """Many briefings at once, with the garbage collector paused (see the module's note);
    `lean` ones as a reader holds them (see `decode_lean`), with their `quotes` or not."""
    with paused_gc():
        if lean:
            return [decode_lean(article, data, quotes) for article, data in rows]
        return [decode_briefing(article, data) for article, data in rows]


def encode_threads(briefings: list[Briefing], threads: list[Thread]) -> str:
    """What threading added to each briefing (date, event, thread) and the threads themselves."""
    return json.dumps(
        {
            "b": [[b.id, b.date, b.date_inferred, b.event, b.thread] for b in briefings],
            "t": [
                [
                    t.id,
                    t.title,
                    list(t.articles),
                    list(t.entities),
                    [[e.id, e.date, e.title, list(e.articles)] for e in t.events],
                ]
                for t in threads
            ],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def decode_threads(
    data: str, briefings: list[Briefing]
) -> tuple[list[Briefing], list[Thread]] | None:
    """`briefings` with their saved threading applied; None when they are not the ones saved."""
    d = json.loads(data)
    saved = {row[0]: row[1:] for row in d["b"]}
    if len(saved) != len(briefings) or any(b.id not in saved for b in briefings):
        return None
    out = []
    for b in briefings:
        date, inferred, event, thread = saved[b.id]
        out.append(replace(b, date=date, date_inferred=inferred, event=event, thread=thread))
    threads = [
        Thread(
            id=tid,
            title=title,
            articles=tuple(articles),
            entities=tuple(entities),
            events=tuple(Event(e[0], e[1], e[2], tuple(e[3])) for e in events),
        )
        for tid, title, articles, entities, events in d["t"]
    ]
    return out, threads
