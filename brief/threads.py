"""Linking briefings into events and threads (no I/O)."""

from __future__ import annotations

from dataclasses import replace

from brief.model import Briefing, Event, Thread


def build_threads(briefings: list[Briefing]) -> tuple[list[Briefing], list[Thread]]:
    """Every briefing in its own event and thread; returns briefings with ids filled in."""
    out: list[Briefing] = []
    threads: list[Thread] = []
    for b in briefings:
        tid = f"t-{b.id}"
        event = Event(id=f"e-{b.id}", date=b.date, title=b.headline, articles=(b.id,))
        threads.append(Thread(id=tid, title=b.headline, articles=(b.id,), events=(event,)))
        out.append(replace(b, thread=tid, event=event.id))
    return out, threads
