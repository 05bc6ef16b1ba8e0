"""What the thread timeline shows for each event:
date, headline, summary, coverage, and what it adds.

Plain data for `brief/ui/timeline.py` (no Textual). The novelty itself — which sentences,
names and quotes no earlier event had — is `brief.threads.whats_new`; this module picks
what is worth a line on screen and puts it beside the event's headline and summary.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from brief.model import Briefing, Entity, Event, Quote, Thread
from brief.threads.features import words


@dataclass(frozen=True, slots=True)
class TimelineItem:
    event_id: str
    date: str | None
    date_inferred: bool  # no article of the event gave this date: it was read from the text
    headline: str
    summary: str
    articles: int  # how many articles report the event
    story: str  # the briefing id that enter opens: the article whose headline names the event
    first: bool  # the thread starts here: everything is new, so nothing is marked
    new_entities: tuple[Entity, ...]  # names no earlier event mentioned, most mentioned first
    new_quotes: tuple[Quote, ...]
    new_sentences: tuple[str, ...]  # most telling first: those naming new names, then by position


def _oldest_first(b: Briefing) -> tuple[str, str]:
    return (b.date or "9999-99-99", b.id)


# --- the thread's events in order, and what each adds --------------------------------

NOVEL_OVERLAP = 0.5  # a sentence is new when at most this share of its words was said before


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    event: Event
    briefings: tuple[Briefing, ...]  # oldest first


@dataclass(frozen=True, slots=True)
class EventNews:
    """What one event adds to its thread: sentences, names and quotes no earlier event had."""

    event: Event
    sentences: tuple[tuple[str, int, int, str], ...]  # (briefing id, start, end, text)
    entities: tuple[str, ...]
    quotes: tuple[Quote, ...]


def timeline(thread: Thread, briefings_by_id: dict[str, Briefing]) -> list[TimelineEntry]:
    """The thread's events, oldest to newest, each with its briefings oldest first."""
    entries = []
    for event in sorted(thread.events, key=lambda e: (e.date or "9999-99-99", e.id)):
        members = sorted(
            (briefings_by_id[a] for a in event.articles if a in briefings_by_id), key=_oldest_first
        )
        entries.append(TimelineEntry(event=event, briefings=tuple(members)))
    return entries


def whats_new(thread: Thread, briefings: list[Briefing] | dict[str, Briefing]) -> list[EventNews]:
    """For each event, oldest first, what it adds to the events before it.

    A sentence is new when at most NOVEL_OVERLAP of its content words appeared in
    earlier events (or earlier in this event: several outlets repeat each other).
    """
    by_id = briefings if isinstance(briefings, dict) else {b.id: b for b in briefings}
    seen_words: set[str] = set()
    seen_names: set[str] = set()
    seen_quotes: set[str] = set()
    out = []
    for entry in timeline(thread, by_id):
        sentences, names, quotes = [], [], []
        event_words: set[str] = set()
        for b in entry.briefings:
            text = b.article.text
            for s in b.sentences:
                content = set(words(text[s.start : s.end]))
                if not content:
                    continue
                if len(content & (seen_words | event_words)) / len(content) <= NOVEL_OVERLAP:
                    sentences.append((b.id, s.start, s.end, text[s.start : s.end]))
                event_words |= content
            for e in b.entities:
                if e.name not in seen_names and e.name not in names:
                    names.append(e.name)
            for q in b.quotes:
                key = " ".join(words(q.text))
                if key not in seen_quotes:
                    seen_quotes.add(key)
                    quotes.append(q)
        seen_words |= event_words
        seen_names.update(names)
        out.append(
            EventNews(
                event=entry.event,
                sentences=tuple(sentences),
                entities=tuple(names),
                quotes=tuple(quotes),
            )
        )
    return out


def _lead(event_title: str, members: tuple[Briefing, ...]) -> Briefing:
    """The article whose headline became the event's title, else the oldest."""
    return next((b for b in members if b.headline == event_title), members[0])


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)


def _pick_sentences(
    news_sentences, members: dict[str, Briefing], names: set[str], summary: str
) -> list[str]:
    """New sentences that the one-line summary and the
    quotes do not show, those naming new names first."""
    ranked = []
    for position, (bid, start, end, text) in enumerate(news_sentences):
        b = members.get(bid)
        if b is None:
            continue
        sentence = " ".join(text.split())
        if not sentence or summary.startswith(sentence):
            continue  # the summary line leads with it already
        if _overlaps(start, end, [(q.start, q.end) for q in b.quotes if q.end > q.start]):
            continue  # the quote is listed on its own line
        named = {m.entity for m in b.mentions if start <= m.start < end and m.entity in names}
        ranked.append((-len(named), position, sentence))
    ranked.sort()
    return list(
        dict.fromkeys(s for _, _, s in ranked)
    )  # several outlets may carry the same sentence


def timeline_items(thread: Thread, briefings_by_id: Mapping[str, Briefing]) -> list[TimelineItem]:
    """The thread's events, oldest to newest, each with what it adds to the events before it."""
    by_id = briefings_by_id if isinstance(briefings_by_id, dict) else dict(briefings_by_id)
    entries = [e for e in timeline(thread, by_id) if e.briefings]
    news = {n.event.id: n for n in whats_new(thread, by_id)}
    items = []
    for number, entry in enumerate(entries):
        members = entry.briefings
        lead = _lead(entry.event.title, members)
        given = any(b.date == entry.event.date and not b.date_inferred for b in members)
        summary = " ".join(lead.summary.split())
        event_news = news.get(entry.event.id)
        first = number == 0
        entities: tuple[Entity, ...] = ()
        quotes: tuple[Quote, ...] = ()
        sentences: tuple[str, ...] = ()
        if event_news is not None and not first:
            # Counts summed over the event's articles: the
            # name the event talks about most comes first.
            totals: dict[str, Entity] = {}
            for b in members:
                for e in b.entities:
                    if e.name in event_news.entities:
                        old = totals.get(e.name)
                        totals[e.name] = (
                            e
                            if old is None
                            else Entity(e.name, old.type, old.count + e.count, old.aliases)
                        )
            entities = tuple(sorted(totals.values(), key=lambda e: (-e.count, e.name)))
            quotes = event_news.quotes
            sentences = tuple(
                _pick_sentences(
                    event_news.sentences,
                    {b.id: b for b in members},
                    set(event_news.entities),
                    summary,
                )
            )
        items.append(
            TimelineItem(
                event_id=entry.event.id,
                date=entry.event.date,
                date_inferred=bool(entry.event.date) and not given,
                headline=" ".join(entry.event.title.split()) or " ".join(lead.headline.split()),
                summary=summary,
                articles=len(members),
                story=lead.id,
                first=first,
                new_entities=entities,
                new_quotes=quotes,
                new_sentences=sentences,
            )
        )
    return items


def thread_stories(thread: Thread, briefings_by_id: Mapping[str, Briefing]) -> list[Briefing]:
    """The thread's briefings oldest to newest (what n and p step through in the reading pane)."""
    return [briefings_by_id[i] for i in thread.articles if i in briefings_by_id]
