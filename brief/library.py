"""The one facade the reader and the CLI use: load
briefings, and read and change the reader's state.

    library = Library.open()          # the user's cache and state; never raises
    corpus = library.load(paths)      # sources -> analysis (cached) -> threads
    read, starred = library.state()

Nothing above this module speaks to the store, the sources or the threader directly,
so where the briefings come from (files today, feeds and a persistent library next)
can change behind it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from brief.analysis.briefing import analyse
from brief.model import Article, Briefing, Thread
from brief.resources import seeds_dir
from brief.sources import SourceError, load
from brief.store import Store
from brief.threads import Plan, build_threads

__all__ = ["Corpus", "Library", "SourceError", "build_corpus", "sort_briefings"]


@dataclass
class Corpus:
    briefings: list[Briefing] = field(default_factory=list)
    threads: list[Thread] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    analysed: int = 0  # articles analysed afresh, not taken from the cache


def default_paths(paths: Sequence[str | Path]) -> list[str | Path]:
    return list(paths) if paths else [seeds_dir()]


def sort_briefings(briefings: list[Briefing]) -> list[Briefing]:
    """Newest first, undated after dated; ties broken by headline and id so the order is stable."""
    by_name = sorted(briefings, key=lambda b: (b.headline.lower(), b.id))
    dated = sorted((b for b in by_name if b.date), key=lambda b: b.date or "", reverse=True)
    return dated + [b for b in by_name if not b.date]


def analyse_all(articles: list[Article], store: Store | None = None) -> tuple[list[Briefing], int]:
    """Briefings for `articles`, taking unchanged ones from the cache and caching the rest; and how
    many were analysed afresh."""
    cached = store.cached(articles) if store else {}
    fresh = [analyse(a) for a in articles if a.id not in cached]
    if store and fresh:
        store.save(fresh)
    by_id = {b.id: b for b in fresh} | cached
    return [by_id[a.id] for a in articles], len(fresh)


def build_corpus(
    paths: Sequence[str | Path], store: Store | None = None, plan: Plan | None = None
) -> Corpus:
    """Load, analyse and thread everything under `paths` (the bundled seeds when empty).

    Raises SourceError when a path named cannot be read at all; files that cannot be
    used are skipped and listed in `Corpus.problems`.
    """
    loaded = load(default_paths(paths))
    briefings, analysed = analyse_all(loaded.articles, store)
    briefings, threads = build_threads(briefings, plan)
    return Corpus(
        briefings=sort_briefings(briefings),
        threads=threads,
        problems=loaded.problems,
        analysed=analysed,
    )


class Library:
    """The user's analysed briefings and reading state.

    Without a usable cache or data directory (read-only home, full disk) the library
    still works: it analyses everything and keeps state in memory for the session.
    """

    def __init__(self, store: Store | None, plan: Plan | None = None) -> None:
        self.store = store
        self.plan = plan  # how threading uses worker processes; None: by corpus size and cores
        self._read: set[str] = set()
        self._starred: set[str] = set()
        self._saved: dict[str, str] = {}

    @classmethod
    def open(cls, cache: Path | str | None = None, plan: Plan | None = None) -> Library:
        try:
            return cls(Store(cache), plan)
        except (OSError, sqlite3.Error):
            return cls(None, plan)

    @property
    def persistent(self) -> bool:
        return self.store is not None

    def load(self, paths: Sequence[str | Path] = ()) -> Corpus:
        return build_corpus(paths, self.store, self.plan)

    # --- the reader's own state -------------------------------------------------

    def state(self) -> tuple[set[str], set[str]]:
        """(read ids, starred ids)."""
        if self.store is None:
            return set(self._read), set(self._starred)
        return self.store.state()

    def set_read(self, article_id: str, read: bool = True) -> None:
        if self.store is None:
            (self._read.add if read else self._read.discard)(article_id)
        else:
            self.store.set_read(article_id, read)

    def set_starred(self, article_id: str, starred: bool) -> None:
        if self.store is None:
            (self._starred.add if starred else self._starred.discard)(article_id)
        else:
            self.store.set_starred(article_id, starred)

    def saved_searches(self) -> list[tuple[str, str]]:
        """(name, query) pairs, in the order they were saved."""
        if self.store is None:
            return list(self._saved.items())
        return self.store.saved_searches()

    def save_search(self, name: str, query: str) -> None:
        if self.store is None:
            self._saved[name] = query
        else:
            self.store.save_search(name, query)

    def delete_search(self, name: str) -> None:
        if self.store is None:
            self._saved.pop(name, None)
        else:
            self.store.delete_search(name)
