"""From cluster labels to dated briefings and named threads, keeping what an earlier
threading made of the stories that did not change (no I/O).

Event and thread ids are carried over (`brief.threads.naming`); a thread whose articles
and events are exactly those it had keeps its title, names and dates as they were, so
growing a corpus re-titles only the threads the new articles touch.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from operator import attrgetter

import numpy as np

from brief.model import Briefing, LeanBriefing, Thread
from brief.threads.assemble import assemble
from brief.threads.features import Kept
from brief.threads.naming import Naming, carry_ids

Placed = tuple[str | None, bool, str, str]  # (date, date inferred, event id, thread id)


_FIELDS = [f.name for f in fields(Briefing)]
_ALL = attrgetter(*_FIELDS)
_LEAN_ALL = attrgetter(*(f.name for f in fields(LeanBriefing)))  # Briefing's, then its own
_PLACE = [_FIELDS.index(name) for name in ("date", "date_inferred", "event", "thread")]


def placed_as(b: Briefing, where: Placed) -> Briefing:
    """`b` placed where an earlier threading put it (as `dataclasses.replace` would, at half
    the cost: at 100,000 briefings that is half a second)."""
    kind = type(b)  # a LeanBriefing stays lean, with its own fields
    values = list((_ALL if kind is Briefing else _LEAN_ALL)(b))
    for at, value in zip(_PLACE, where):
        values[at] = value
    return kind(*values)


@dataclass(frozen=True)
class Previous:
    """What an earlier threading gave: where each article was placed (by article id), and
    the threads it made, by id (none when only the ids are to be kept)."""

    placed: Mapping[str, Placed]
    threads: Mapping[str, Thread]


def outcome(
    briefings: list[Briefing],
    feats: Sequence[Kept],
    events: np.ndarray,
    threads: np.ndarray,
    previous: Previous | None = None,
) -> tuple[list[Briefing], list[Thread]]:
    """Briefings with their date, event and thread filled in, and the threads."""
    if previous is None:
        return assemble(briefings, list(feats), events.tolist(), threads.tolist())
    ids = [b.id for b in briefings]
    where = list(map(previous.placed.get, ids))
    event_of, thread_of = events.tolist(), threads.tolist()
    by_event, by_thread = _groups(event_of), _groups(thread_of)
    event_kept = carry_ids(by_event, [w and w[2] for w in where], ids)
    thread_kept = carry_ids(by_thread, [w and w[3] for w in where], ids)
    events_of: dict[int, list[int]] = {}  # thread label -> its event labels
    for label, members in by_event.items():
        events_of.setdefault(thread_of[members[0]], []).append(label)
    same = [
        label
        for label, members in by_thread.items()
        if _as_before(
            label, len(members), previous.threads, thread_kept, events_of, by_event, event_kept
        )
    ]
    unchanged = set(same)
    redo = sorted(
        i for label, members in by_thread.items() if label not in unchanged for i in members
    )
    made, made_threads = assemble(
        [briefings[i] for i in redo],
        [feats[i] for i in redo],
        [event_of[i] for i in redo],
        [thread_of[i] for i in redo],
        Naming("e-", {label: old for label, (old, _) in event_kept.items()}),
        Naming("t-", {label: old for label, (old, _) in thread_kept.items()}),
    )
    out = list(briefings)
    for i, b in zip(redo, made):
        out[i] = b
    for label in same:
        for i in by_thread[label]:
            out[i] = placed_as(out[i], where[i])
    result = [previous.threads[thread_kept[label][0]] for label in same] + made_threads
    result.sort(key=lambda t: (min((e.date or "9999") for e in t.events), t.id))
    return out, result


def _groups(labels: Sequence[int]) -> dict[int, list[int]]:
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, []).append(i)
    return groups


def _as_before(
    label: int,
    size: int,
    threads: Mapping[str, Thread],
    thread_kept: Mapping[int, tuple[str, int]],
    events_of: Mapping[int, list[int]],
    by_event: Mapping[int, list[int]],
    event_kept: Mapping[int, tuple[str, int]],
) -> bool:
    """Whether a thread's articles and events are exactly those of the one it keeps the id of:
    all its articles had that id, and as many as it had then; the same for each event."""
    tid, had = thread_kept.get(label, ("", 0))
    old = threads.get(tid)
    if old is None or not size == had == len(old.articles):
        return False
    sizes = {e.id: len(e.articles) for e in old.events}
    mine = events_of[label]
    return len(mine) == len(sizes) and all(
        (kept := event_kept.get(e)) is not None
        and len(by_event[e]) == kept[1] == sizes.get(kept[0])
        for e in mine
    )
