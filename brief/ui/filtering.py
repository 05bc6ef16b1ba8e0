"""The list filter: one small function so a fuzzy search can replace it later.

Plain Python on purpose (no Textual, no Rich): it only decides which briefings match.
"""

from __future__ import annotations

from collections.abc import Sequence

from brief.model import Briefing


def _haystack(briefing: Briefing) -> str:
    names = " ".join(entity.name for entity in briefing.entities)
    return f"{briefing.headline}\n{briefing.summary}\n{briefing.source}\n{names}".casefold()


def filter_briefings(briefings: Sequence[Briefing], query: str) -> list[Briefing]:
    """Briefings whose headline, summary, source or entity names contain `query` (case-insensitive)."""
    needle = query.strip().casefold()
    if not needle:
        return list(briefings)
    return [b for b in briefings if needle in _haystack(b)]
