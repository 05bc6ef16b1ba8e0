"""From cluster labels to dated briefings and named threads, keeping what an earlier
threading made of the stories that did not change (no I/O).

Event and thread ids are carried over (`brief.threads.naming`); a thread whose articles
and events are exactly those it had keeps its title, names and dates as they were, so
growing a corpus re-titles only the threads the new articles touch.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from brief.model import Briefing, Thread
from brief.threads.assemble import assemble
from brief.threads.features import Kept
from brief.threads.naming import Naming, carry_ids

Placed = tuple[str | None, bool, str, str]  # (date, date inferred, event id, thread id)


@dataclass(frozen=True)
class Previous:
    """What an earlier threading gave: where each article was placed (by article id), and
    the threads it made, by id (none when only the ids are to be kept)."""

    placed: Mapping[str, Placed]
    threads: Mapping[str, Thread]


def outcome(
    briefings: list[Briefing],
    feats: list[Kept],
    events: np.ndarray,
    threads: np.ndarray,
    previous: Previous | None = None,
) -> tuple[list[Briefing], list[Thread]]:
    """Briefings with their date, event and thread filled in, and the threads."""
    if previous is None:
        return assemble(briefings, feats, events.tolist(), threads.tolist())
    ids = [b.id for b in briefings]
    event_of, thread_of = events.tolist(), threads.tolist()
    by_event, by_thread = _groups(event_of), _groups(thread_of)
    placed = previous.placed
    event_kept = carry_ids(_named(by_event, ids), {i: p[2] for i, p in placed.items()})
    thread_kept = carry_ids(_named(by_thread, ids), {i: p[3] for i, p in placed.items()})
    same = [
        label
        for label, members in by_thread.items()
        if _as_before(
            members,
            previous.threads.get(thread_kept.get(label, "")),
            placed,
            ids,
            event_of,
            by_event,
            event_kept,
        )
    ]
    unchanged = set(same)
    redo = [i for label, members in by_thread.items() if label not in unchanged for i in members]
    redo.sort()
    made, made_threads = assemble(
        [briefings[i] for i in redo],
        [feats[i] for i in redo],
        [event_of[i] for i in redo],
        [thread_of[i] for i in redo],
        Naming("e-", event_kept),
        Naming("t-", thread_kept),
    )
    out = list(briefings)
    for i, b in zip(redo, made):
        out[i] = b
    for label in same:
        for i in by_thread[label]:
            date, inferred, event, thread = placed[ids[i]]
            out[i] = replace(out[i], date=date, date_inferred=inferred, event=event, thread=thread)
    result = [previous.threads[thread_kept[label]] for label in same] + made_threads
    result.sort(key=lambda t: (min((e.date or "9999") for e in t.events), t.id))
    return out, result


def _groups(labels: Sequence[int]) -> dict[int, list[int]]:
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, []).append(i)
    return groups


def _named(groups: dict[int, list[int]], ids: list[str]) -> dict[int, list[str]]:
    return {label: [ids[i] for i in members] for label, members in groups.items()}


def _as_before(
    members: list[int],
    old: Thread | None,
    placed: Mapping[str, Placed],
    ids: list[str],
    event_of: list[int],
    by_event: dict[int, list[int]],
    event_kept: Mapping[int, str],
) -> bool:
    """Whether a thread's articles and events are exactly those of the earlier `old`."""
    if old is None or len(old.articles) != len(members):
        return False
    sizes = {e.id: len(e.articles) for e in old.events}
    seen: set[int] = set()
    for i in members:
        where = placed.get(ids[i])
        event = event_kept.get(event_of[i])
        if where is None or where[3] != old.id or event is None or where[2] != event:
            return False
        seen.add(event_of[i])
    return len(seen) == len(sizes) and all(
        len(by_event[label]) == sizes.get(event_kept[label]) for label in seen
    )
