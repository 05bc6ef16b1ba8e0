"""The plain substring filter the search bar uses until the search index is built.

Plain Python on purpose (no Textual, no Rich): it only decides which briefings match.
It runs on the UI thread at every keystroke, so the lower-cased text of each briefing
is made once per list and kept, and a keystroke is one `in` test a briefing.
"""

from __future__ import annotations

from collections.abc import Sequence

from brief.model import Briefing


def _haystack(briefing: Briefing) -> str:
    names = " ".join(entity.name for entity in briefing.entities)
    return f"{briefing.headline}\n{briefing.summary}\n{briefing.source}\n{names}".casefold()


# The last list filtered and its haystacks; holding the list keeps its id from being reused.
_last: tuple[Sequence[Briefing], int, list[str]] | None = None


def _haystacks(briefings: Sequence[Briefing]) -> list[str]:
    global _last
    if _last is None or _last[0] is not briefings or _last[1] != len(briefings):
        _last = (briefings, len(briefings), list(map(_haystack, briefings)))
    return _last[2]


def filter_briefings(briefings: Sequence[Briefing], query: str) -> list[Briefing]:
    """Briefings whose headline, summary, source or
    entity names contain `query` (case-insensitive)."""
    needle = query.strip().casefold()
    if not needle:
        return list(briefings)
    return [b for b, hay in zip(briefings, _haystacks(briefings)) if needle in hay]
