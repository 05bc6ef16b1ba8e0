"""Briefings and threadings as compact JSON for the cache (plain data, no SQL)."""

from __future__ import annotations

import json
from dataclasses import replace

from brief.model import Article, Block, Briefing, Entity, Event, Mention, Quote, Sentence, Thread


def encode_briefing(b: Briefing) -> str:
    return json.dumps(
        {
            "h": b.headline,
            "s": b.summary,
            "b": [[x.kind, x.start, x.end] for x in b.blocks],
            "S": [[x.start, x.end] for x in b.sentences],
            "m": [[x.start, x.end, x.type, x.text, x.entity] for x in b.mentions],
            "e": [[x.name, x.type, x.count, list(x.aliases)] for x in b.entities],
            "q": [[x.speaker, x.text, x.start, x.end] for x in b.quotes],
            "d": [[x.start, x.end, x.type, x.text, x.entity] for x in b.dates],
            "r": list(b.related),
            # what the analysis read from the text itself: a dateline's agency, a stamp's date
            "o": b.source,
            "w": [b.date, b.date_inferred],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def decode_briefing(article: Article, data: str) -> Briefing:
    d = json.loads(data)
    return Briefing(
        article=article,
        headline=d["h"],
        summary=d["s"],
        date=d["w"][0],
        date_inferred=d["w"][1],
        source=d["o"],
        blocks=tuple(Block(*x) for x in d["b"]),
        sentences=tuple(Sentence(*x) for x in d["S"]),
        mentions=tuple(Mention(*x) for x in d["m"]),
        entities=tuple(Entity(n, t, c, tuple(a)) for n, t, c, a in d["e"]),
        quotes=tuple(Quote(*x) for x in d["q"]),
        dates=tuple(Mention(*x) for x in d["d"]),
        related=tuple(d["r"]),
    )


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
