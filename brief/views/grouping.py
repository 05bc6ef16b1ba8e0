"""The briefing list grouped by thread: each thread's
stories together, newest activity first (no Textual)."""

from __future__ import annotations

from collections.abc import Sequence

from brief.model import Briefing


def thread_key(b: Briefing) -> str:
    """A briefing without a thread (not linked yet) is a thread of its own."""
    return b.thread or "=" + b.id


def group_by_thread(briefings: Sequence[Briefing]) -> list[tuple[str, list[Briefing]]]:
    """(thread key, its briefings) in order of each thread's first briefing in `briefings`.

    The list arrives newest first, so a thread's first briefing is its newest: threads come
    out ordered by newest activity, and each thread's stories stay newest first. One pass, O(n).
    """
    groups: dict[str, list[Briefing]] = {}
    for b in briefings:
        groups.setdefault(thread_key(b), []).append(b)
    return list(groups.items())
