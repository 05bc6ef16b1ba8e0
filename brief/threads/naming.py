"""Ids of events and threads that stay put as a corpus grows or is rebuilt (no I/O).

Stars, saved searches and the open pane hold on to a thread's id, so a story keeps its
id while it is the same story: after a threading, each earlier id goes to the new group
that holds most of its articles, unless that group holds even more of another earlier
id's (a merge keeps the larger story's id). Each earlier id names at most one group;
a group that inherits none is named after its oldest article, as on a first threading.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence


def stable_id(prefix: str, member: str) -> str:
    """The id of a new group, made from one of its articles' ids."""
    return prefix + hashlib.sha1(member.encode("utf-8")).hexdigest()[:12]


def carry_ids(
    groups: Mapping[int, Sequence[int]], before: Sequence[str | None], ids: Sequence[str]
) -> dict[int, tuple[str, int]]:
    """Which groups (label -> article numbers) keep an earlier id, and how many of their
    articles had it; `before` holds each article's earlier id (None for a new article) and
    `ids` the articles' own, which break ties. Groups that keep none are left out."""
    shared: Counter[tuple[str, int]] = Counter()
    for label, members in groups.items():
        old = before[members[0]]
        if old is not None and all(before[i] == old for i in members):
            shared[(old, label)] = len(members)  # most groups are as they were: no counting
            continue
        for i in members:
            if (old := before[i]) is not None:
                shared[(old, label)] += 1
    best: dict[str, tuple[int, int]] = {}
    for (old, label), count in shared.items():
        held = best.get(old)
        # ties go to the group whose smallest article id comes first, whatever the numbering
        if (
            held is None
            or count > held[0]
            or count == held[0]
            and _first(groups[label], ids) < _first(groups[held[1]], ids)
        ):
            best[old] = (count, label)
    kept: dict[int, tuple[str, int]] = {}
    for old, (count, label) in sorted(best.items(), key=lambda item: (-item[1][0], item[0])):
        if label not in kept:
            kept[label] = (old, count)
    return kept


def _first(members: Sequence[int], ids: Sequence[str]) -> str:
    return min(ids[i] for i in members)


class Naming:
    """Hands out ids: the ones carried over, else new ones that clash with none in use."""

    def __init__(self, prefix: str, kept: Mapping[int, str], taken: Iterable[str] = ()) -> None:
        self.prefix = prefix
        self.kept = kept
        self.taken = set(taken) | set(kept.values())

    def __call__(self, label: int, oldest: str) -> str:
        carried = self.kept.get(label)
        if carried is not None:
            return carried
        made, salt = stable_id(self.prefix, oldest), 1
        while made in self.taken:  # an earlier group's id, now held by another group
            salt += 1
            made = stable_id(self.prefix, f"{oldest}\n{salt}")
        self.taken.add(made)
        return made
