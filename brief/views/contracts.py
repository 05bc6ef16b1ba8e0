"""The JSON contracts of DESIGN.md, built from plain data."""

from __future__ import annotations

from brief.model import Briefing, Thread


def briefing_json(b: Briefing, read: bool = False, starred: bool = False) -> dict:
    """One briefing as `brief list --json` prints it, with the reader's own state."""
    return {
        "id": b.id,
        "title": b.headline,
        "date": b.date,
        "date_inferred": b.date_inferred,
        "source": b.source,
        "sources": [s for s in (b.source, *b.article.also) if s],
        "path": b.article.path,
        "url": b.article.url,
        "summary": b.summary,
        "entities": [
            {"name": e.name, "type": e.type, "count": e.count, "aliases": list(e.aliases)}
            for e in b.entities
        ],
        "quotes": [{"speaker": q.speaker, "text": q.text} for q in b.quotes],
        "thread": b.thread,
        "event": b.event,
        "read": read,
        "starred": starred,
    }


def thread_json(t: Thread) -> dict:
    return {
        "id": t.id,
        "title": t.title,
        "articles": list(t.articles),
        "entities": list(t.entities),
        "events": [
            {"id": e.id, "date": e.date, "title": e.title, "articles": list(e.articles)}
            for e in t.events
        ],
    }
