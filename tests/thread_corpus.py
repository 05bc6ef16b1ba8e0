"""A small hand-made corpus of threads for the thread views' Pilot and snapshot tests.

Briefings and threads are built directly (no analysis, no linking), so these screens do not
change when the entity tagger or the linker does. Stories are invented; names are fictional
apart from places.
"""

from __future__ import annotations

import re

from brief.model import Article, Briefing, Entity, Event, Mention, Quote, Sentence, Thread


def story(
    id_: str,
    day: str,
    headline: str,
    text: str,
    names: dict[str, str],
    *,
    thread: str,
    event: str,
    source: str = "Example Wire",
    inferred: bool = False,
    quotes: tuple[tuple[str, str], ...] = (),
) -> Briefing:
    sentences = tuple(
        Sentence(m.start(), m.end())
        for m in re.finditer(r"[^.!?]+[.!?]”?", text)
        if m.group().strip()
    )
    sentences = tuple(
        Sentence(
            s.start + (len(text[s.start : s.end]) - len(text[s.start : s.end].lstrip())), s.end
        )
        for s in sentences
    )
    mentions, counts = [], {}
    for name, kind in names.items():
        for m in re.finditer(re.escape(name), text):
            mentions.append(Mention(m.start(), m.end(), kind, name, name))
            counts[name] = counts.get(name, 0) + 1
    found = []
    for speaker, words in quotes:
        at = text.index(words)
        found.append(Quote(speaker, words, at, at + len(words)))
    summary = " ".join(text[s.start : s.end] for s in sentences[:2])
    return Briefing(
        article=Article(
            id=id_, text=text, title=headline, date=None if inferred else day, source=source
        ),
        headline=headline,
        summary=summary,
        date=day,
        date_inferred=inferred,
        source=source,
        sentences=sentences,
        mentions=tuple(sorted(mentions, key=lambda m: m.start)),
        entities=tuple(
            Entity(n, names[n], c)
            for n, c in sorted(counts.items(), key=lambda nc: (-nc[1], nc[0]))
        ),
        quotes=tuple(found),
        thread=thread,
        event=event,
    )


QUAKE = {
    "Chile": "GPE",
    "Valparaiso": "GPE",
    "Red Cross": "ORG",
    "Marta Rojas": "PERSON",
    "Santiago": "GPE",
}
VOTE = {
    "Ana Lopez": "PERSON",
    "Chile": "GPE",
    "Senate": "ORG",
    "Santiago": "GPE",
    "Pedro Vidal": "PERSON",
}


def briefings() -> list[Briefing]:
    """Newest first, as the pipeline sorts them."""
    out = [
        story(
            "q3",
            "2025-03-10",
            "Rescuers reach villages cut off by the Chile earthquake",
            "Rescuers reached three villages near Valparaiso that the earthquake in Chile had cut "
            "off. "
            "The Red Cross flew in water and tents. Marta Rojas, who leads the rescue, said roads "
            "would reopen by Friday. "
            "“We have found everyone we were looking for,” Marta Rojas said.",
            QUAKE,
            thread="t-quake",
            event="e-q2",
            source="Andes Daily",
            quotes=(("Marta Rojas", "We have found everyone we were looking for,"),),
        ),
        story(
            "q2",
            "2025-03-10",
            "Red Cross flies aid to Valparaiso after the Chile earthquake",
            "The Red Cross flew water and tents to Valparaiso on Monday after the earthquake in "
            "Chile. Rescuers reached the villages near Valparaiso that had been cut off.",
            QUAKE,
            thread="t-quake",
            event="e-q2",
            source="Wire Service",
        ),
        story(
            "v3",
            "2025-03-10",
            "Ana Lopez wins the Senate vote on the pension law",
            "Ana Lopez won the Senate vote on her pension law by four votes. "
            "Pedro Vidal, who led the opposition, conceded in Santiago. "
            "“This law belongs to every worker,” Ana Lopez said.",
            VOTE,
            thread="t-vote",
            event="e-v3",
            source="Capital News",
            inferred=True,
            quotes=(("Ana Lopez", "This law belongs to every worker,"),),
        ),
        story(
            "m1",
            "2025-03-10",
            "Santiago Rovers win the cup final on penalties",
            "Santiago Rovers won the cup final on penalties after a goalless draw in Santiago.",
            {"Santiago Rovers": "ORG", "Santiago": "GPE"},
            thread="t-cup",
            event="e-m1",
            source="Sport Today",
        ),
        story(
            "v2",
            "2025-03-09",
            "Senate sets the date for the pension vote",
            "The Senate will vote on the pension law of Ana Lopez on Monday. "
            "Pedro Vidal said the opposition would vote against it.",
            VOTE,
            thread="t-vote",
            event="e-v2",
            source="Capital News",
        ),
        story(
            "q1",
            "2025-03-08",
            "Strong earthquake shakes central Chile",
            "A strong earthquake shook central Chile on Saturday, cutting off villages near "
            "Valparaiso. Buildings swayed in Santiago.",
            QUAKE,
            thread="t-quake",
            event="e-q1",
            source="Andes Daily",
        ),
        story(
            "v1",
            "2025-03-02",
            "Ana Lopez proposes a new pension law",
            "Ana Lopez proposed a new pension law in Santiago. "
            "She said it would raise the pensions of two million workers in Chile.",
            VOTE,
            thread="t-vote",
            event="e-v1",
            source="Capital News",
        ),
        story(
            "a1",
            "2025-01-15",
            "Valparaiso opens its new harbour museum",
            "Valparaiso opened a harbour museum in the old customs house.",
            {"Valparaiso": "GPE"},
            thread="t-museum",
            event="e-a1",
            source="Culture Weekly",
        ),
    ]
    return out


def threads() -> list[Thread]:
    by_id = {b.id: b for b in briefings()}

    def event(eid: str, *ids: str) -> Event:
        return Event(eid, min(by_id[i].date for i in ids), by_id[ids[0]].headline, ids)

    return [
        Thread(
            "t-quake",
            "Chile, Valparaiso: earthquake, rescue",
            ("q1", "q2", "q3"),
            ("Chile", "Valparaiso", "Red Cross"),
            (event("e-q1", "q1"), event("e-q2", "q3", "q2")),
        ),
        Thread(
            "t-vote",
            "Ana Lopez, Senate: pension law",
            ("v1", "v2", "v3"),
            ("Ana Lopez", "Senate", "Chile"),
            (event("e-v1", "v1"), event("e-v2", "v2"), event("e-v3", "v3")),
        ),
        Thread(
            "t-cup",
            "Santiago Rovers: cup final",
            ("m1",),
            ("Santiago Rovers",),
            (event("e-m1", "m1"),),
        ),
        Thread(
            "t-museum",
            "Valparaiso: harbour museum",
            ("a1",),
            ("Valparaiso",),
            (event("e-a1", "a1"),),
        ),
    ]
