"""Assembling the threader's labels into dated
briefings, events and threads with titles (no I/O)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from operator import itemgetter

from brief.model import Briefing, Event, Thread
from brief.threads.dates import infer_date
from brief.threads.features import Kept, words
from brief.threads.naming import Naming

_second = itemgetter(1)
HEADLINE_CHARS = 90  # longer, a given title is a sentence rather than a headline


def _oldest_first(b: Briefing) -> tuple[str, str]:
    return (b.date or "9999-99-99", b.id)


def _central(members: list[int], feats: list[Kept], briefings: list[Briefing]) -> Briefing:
    """The member whose headline best represents the group (its words most shared with the
    others), preferring a headline of headline length to a title that is a whole sentence."""
    pool: Counter[str] = Counter()
    for i in members:
        pool.update(set(feats[i].words))

    def score(i: int) -> tuple[bool, float, str]:
        headline = briefings[i].headline
        own = set(words(headline))
        shared = sum(pool[w] for w in own) / (1 + len(own)) ** 0.5
        return (len(headline) > HEADLINE_CHARS, -shared, briefings[i].id)

    return briefings[min(members, key=score)]


def _display_names(members: list[int], feats: list[Kept], briefings: list[Briefing]) -> list[str]:
    """Names of a group, most salient first (mentioned by most members, then most often)."""
    spread: Counter[str] = Counter()
    volume: Counter[str] = Counter()
    surface: dict[str, dict[str, int]] = {}  # name -> how it is written, with counts
    for i in members:
        canonical = {e.name.lower(): e.name for e in briefings[i].entities}
        text = briefings[i].article.text
        for name, c in feats[i].actors:
            spread[name] += 1
            volume[name] += c
            if name in canonical:
                form = canonical[name]
            else:
                at = text.lower().find(name)
                form = text[at : at + len(name)] if at >= 0 else name.title()
            forms = surface.get(name)
            if forms is None:
                forms = surface[name] = {}
            forms[form] = forms.get(form, 0) + c
    need = max(1, len(members) // 2)
    ranked = sorted(spread, key=lambda n: (-spread[n], -volume[n], n))
    salient = [n for n in ranked if spread[n] >= need] or ranked[:3]
    shown = [
        max(surface[n].items(), key=_second)[0] for n in salient
    ]  # the commonest form, first met on ties
    # "Page" beside "Bettie Page" says nothing more: keep
    # a name only if a fuller one does not contain it
    shown = [
        n for n in shown if not any(n != m and f" {n.lower()} " in f" {m.lower()} " for m in shown)
    ]
    # nor does a plural beside its singular ("Oscars", "Oscar")
    lower = {n.lower() for n in shown}
    return [n for n in shown if not (n.endswith("s") and n[:-1].lower() in lower)]


def assemble(
    briefings: list[Briefing],
    feats: list[Kept],
    events: list[int],
    threads: list[int],
    event_ids: Naming | None = None,
    thread_ids: Naming | None = None,
) -> tuple[list[Briefing], list[Thread]]:
    """Dated briefings and titled threads from the labels of `events` and `threads` (one per
    briefing); `event_ids` and `thread_ids` name each label (by default, after its oldest
    article)."""
    event_ids = event_ids or Naming("e-", {})
    thread_ids = thread_ids or Naming("t-", {})
    by_thread: dict[int, list[int]] = {}
    for i, t in enumerate(threads):
        by_thread.setdefault(t, []).append(i)
    out = list(briefings)
    # Undated articles take a date from the evidence in their text, a year from their thread,
    # or the date of their own event (see infer_date).
    event_dates: dict[int, list[str]] = {}
    for i, b in enumerate(briefings):
        if b.date:
            event_dates.setdefault(events[i], []).append(b.date)
    for members in by_thread.values():
        anchors = [briefings[i].date for i in members if briefings[i].date]
        for i in members:
            b = briefings[i]
            if not b.date and (inferred := infer_date(b, anchors, event_dates.get(events[i], []))):
                out[i] = replace(b, date=inferred, date_inferred=True)
    result: list[Thread] = []
    event_of = [""] * len(out)
    thread_of = [""] * len(out)
    for label, members in by_thread.items():
        members.sort(key=lambda i: _oldest_first(out[i]))
        by_event: dict[int, list[int]] = {}
        for i in members:
            by_event.setdefault(events[i], []).append(i)
        thread_events = []
        for event_label, ev_members in by_event.items():
            first = out[ev_members[0]]
            given = sorted(
                out[i].date for i in ev_members if out[i].date and not out[i].date_inferred
            )
            dated = sorted(out[i].date for i in ev_members if out[i].date)
            event = Event(
                id=event_ids(event_label, first.id),
                date=(given or dated or [None])[0],
                title=_central(ev_members, feats, out).headline,
                articles=tuple(out[i].id for i in ev_members),
            )
            thread_events.append(event)
            for i in ev_members:
                event_of[i] = event.id
        thread_events.sort(key=lambda e: (e.date or "9999-99-99", e.id))
        tid = thread_ids(label, out[members[0]].id)
        names = _display_names(members, feats, out)
        # a story is named as a newspaper names it: by its most representative headline
        title = _central(members, feats, out).headline
        result.append(
            Thread(
                id=tid,
                title=title,
                articles=tuple(out[i].id for i in members),
                entities=tuple(names[:8]),
                events=tuple(thread_events),
            )
        )
        for i in members:
            thread_of[i] = tid
    result.sort(key=lambda t: (min((e.date or "9999") for e in t.events), t.id), reverse=False)
    # one copy of each briefing, not one per field
    # filled in: at 100,000 articles copies cost seconds
    out = [replace(b, event=event_of[i], thread=thread_of[i]) for i, b in enumerate(out)]
    return out, result
