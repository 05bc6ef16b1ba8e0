"""The one facade the reader and the CLI use: load briefings, follow sources, keep state.

    library = Library.open()          # the user's cache, state and followed sources; never raises
    corpus = library.load(paths)      # sources -> analysis (cached) -> threads
    library.add(["https://example.org/feed.xml"])   # follow sources (fetched once on adding)
    summary = library.refresh()       # fetch them all; summary.label() -> "12 new from 3 sources"
    read, starred = library.state()

With no paths, `load` reads the library's stored articles when it follows any source,
else the bundled seeds. Nothing above this module speaks to the store, the sources or
the threader directly.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from brief.analysis.briefing import analyse
from brief.follow import AddResult, Follower, RefreshSummary, SourceResult
from brief.incremental import thread_corpus
from brief.model import Article, Briefing, Thread
from brief.resources import seeds_dir
from brief.sources import (
    Limits,
    LoadResult,
    SourceError,
    is_url,
    limits_from_env,
    load,
    merge_stories,
)
from brief.sources.clean import clean_field as clean_line
from brief.store import NewerLibrary, Store
from brief.threads import Plan, build_threads

__all__ = [
    "AddResult",
    "Corpus",
    "Library",
    "Limits",
    "RefreshSummary",
    "SourceError",
    "SourceInfo",
    "SourceResult",
    "build_corpus",
    "clean_line",
    "corpus_key",
    "export_rows",
    "is_url",
    "limits_from_env",
    "sort_briefings",
]


@dataclass
class Corpus:
    briefings: list[Briefing] = field(default_factory=list)
    threads: list[Thread] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    analysed: int = 0  # articles analysed afresh, not taken from the cache
    threaded: bool = True  # False when the whole threading came from the cache
    # "cached" (read back whole), "grown" (only the new articles added) or "built"
    threading: str = "built"


def default_paths(paths: Sequence[str | Path]) -> list[str | Path]:
    return list(paths) if paths else [seeds_dir()]


def corpus_key(paths: Sequence[str | Path], followed: bool) -> str | None:
    """Names what a load reads, so that what was built from it (threads, the list's rows) can be
    found again and grown: "library" for the followed sources, else the paths named (the bundled
    seeds when none). None for input that cannot be named again: stdin, a URL fetched once."""
    if followed:
        return "library"
    given = default_paths(paths)
    if any(str(p) == "-" or is_url(p) for p in given):
        return None
    return "files:" + "\n".join(sorted({str(Path(p).resolve()) for p in given}))


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


@dataclass(frozen=True)
class SourceInfo:
    """One followed source, as `brief sources --json` prints it."""

    source: str
    title: str | None
    kind: str
    articles: int
    last_fetch: str | None
    last_error: str | None

    def as_json(self) -> dict:
        return {
            "source": self.source,
            "title": self.title,
            "kind": self.kind,
            "articles": self.articles,
            "last_fetch": self.last_fetch,
            "last_error": self.last_error,
        }


def export_rows(articles: Sequence[Article]) -> list[dict]:
    """Articles in the JSON Lines input shape: id, title, date, source, url, text (+ author)."""
    rows = []
    for a in articles:
        row = {
            "id": a.id,
            "title": a.title,
            "date": a.date,
            "source": a.source,
            "url": a.url,
            "text": a.text,
        }
        if a.author:
            row["author"] = a.author
        rows.append(row)
    return rows


def thread_all(
    briefings: list[Briefing],
    store: Store | None = None,
    plan: Plan | None = None,
    key: str | None = None,
) -> tuple[list[Briefing], list[Thread], str]:
    """Events and threads of `briefings`, and how: "cached" (a corpus threaded before, the
    same articles and code, read back), "grown" (what was kept of the corpus named `key`,
    with its new articles added) or "built" (from scratch)."""
    if store is None:
        return *build_threads(briefings, plan), "built"
    if key is not None and len({b.id for b in briefings}) == len(briefings):
        threaded = thread_corpus(briefings, store, key, plan)
        return threaded.briefings, threaded.threads, threaded.how
    key = store.threads_key(briefings)
    cached = store.cached_threads(key, briefings)
    if cached is not None:
        return *cached, "cached"
    briefings, threads = build_threads(briefings, plan)
    store.save_threads(key, briefings, threads)
    return briefings, threads, "built"


def build_corpus(
    paths: Sequence[str | Path],
    store: Store | None = None,
    plan: Plan | None = None,
    loaded: LoadResult | None = None,
    merge: bool = False,
    key: str | None = "",
) -> Corpus:
    """Load, analyse and thread everything under `paths` (the bundled seeds when empty),
    or the articles already `loaded`. With `merge`, copies of one story from several sources
    become one briefing (the library's feeds); articles named on the command line are each
    kept, since tools that feed brief a file expect a briefing per row.

    `key` names the corpus, whose threading grows from what was kept of it (by default
    `corpus_key(paths, merge)`; None keeps only the threading of exactly these articles).

    Raises SourceError when a path named cannot be read at all; files that cannot be
    used are skipped and listed in `Corpus.problems`.
    """
    if loaded is None:
        loaded = load(default_paths(paths))
    articles = merge_stories(loaded.articles) if merge else loaded.articles
    briefings, analysed = analyse_all(articles, store)
    if key == "":
        key = corpus_key(paths, merge)
    briefings, threads, how = thread_all(briefings, store, plan, key)
    return Corpus(
        briefings=sort_briefings(briefings),
        threads=threads,
        problems=loaded.problems,
        analysed=analysed,
        threaded=how != "cached",
        threading=how,
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

    def _follower(self, limits: Limits | None = None) -> Follower:
        if self.store is None:
            raise SourceError("no library: brief cannot write its data directory")
        try:
            return Follower(self.store.library, limits)
        except (OSError, sqlite3.Error, NewerLibrary) as exc:
            raise SourceError(f"{self.store.library_path}: {exc}") from None

    def has_sources(self) -> bool:
        if self.store is None:
            return False
        try:
            return self.store.library.has_sources()
        except (OSError, sqlite3.Error, NewerLibrary):
            return False

    def articles(
        self, paths: Sequence[str | Path] = (), followed: bool | None = None
    ) -> LoadResult:
        """The articles under `paths`; with none, the library's (else the bundled seeds').
        `followed` says whether the library has sources, when the caller knows already."""
        if followed is None:
            followed = not paths and self.has_sources()
        if followed:
            assert self.store is not None
            return LoadResult(self.store.library.articles())
        return load(default_paths(paths))

    def load(self, paths: Sequence[str | Path] = ()) -> Corpus:
        """The corpus under `paths`; with none, the library's (its copies of one story merged)
        when it follows sources, else the bundled seeds."""
        followed = not paths and self.has_sources()
        loaded = self.articles(paths, followed)
        return build_corpus(paths, self.store, self.plan, loaded, merge=followed)

    # --- followed sources ---------------------------------------------------------

    def add(
        self, sources: Sequence[str], *, fetch_pages: bool = False, limits: Limits | None = None
    ) -> list[AddResult]:
        """Follow feeds, pages, OPML lists (each feed in it) and local paths."""
        return self._follower(limits).add(sources, fetch_pages)

    def remove(self, source: str) -> str | None:
        """Forget a source (by URL, path or title) and its articles; what was removed."""
        return self._follower().remove(source)

    def sources(self) -> list[SourceInfo]:
        return [
            SourceInfo(r.location, r.title, r.kind, r.articles, r.last_fetch, r.last_error)
            for r in self._follower().db.sources()
        ]

    def refresh(
        self,
        *,
        limits: Limits | None = None,
        on_start: Callable[[int], None] | None = None,
        on_done: Callable[[SourceResult], None] | None = None,
    ) -> RefreshSummary:
        """Fetch every followed source, a few at a time; one failure never stops the others.
        The summary's `label()` reads "12 new from 3 sources · 1 failed"."""
        return self._follower(limits).refresh(on_start=on_start, on_done=on_done)

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

    def set_read_many(self, article_ids: Sequence[str], read: bool = True) -> None:
        """Mark many briefings read (or unread) at once."""
        if self.store is None:
            (self._read.update if read else self._read.difference_update)(article_ids)
        else:
            self.store.set_read_many(list(article_ids), read)

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
