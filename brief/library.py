"""The one facade the reader and the CLI use: load briefings, follow sources, keep state.

    library = Library.open()          # the user's cache, state and followed sources
    library.warnings                  # what went wrong with those files, one line each
    corpus = library.load(paths)      # sources -> analysis (cached) -> threads
    library.add(["https://example.org/feed.xml"])   # follow sources (fetched once on adding)
    summary = library.refresh()       # fetch them all; summary.label() -> "12 new from 3 sources"
    read, starred = library.state()

With no paths, `load` reads the library's stored articles when it follows any source,
else the bundled seeds. Nothing above this module speaks to the store, the sources or
the threader directly.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from brief.analysis.pool import Plan as AnalysisPlan
from brief.analysis.pool import analysed
from brief.follow import AddResult, Follower, RefreshSummary, SourceResult
from brief.model import Article, Briefing, Thread
from brief.resources import seeds_dir
from brief.snapshot import FirstScreen, corpus_key, first_screen, input_signature
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
from brief.store import NewerSchema, Store, thread_corpus
from brief.store.codec import decode_briefings, encode_briefing, lighten
from brief.threads import Plan, build_threads

__all__ = [
    "AddResult",
    "Corpus",
    "FirstScreen",
    "Library",
    "Limits",
    "LoadProgress",
    "NewerSchema",
    "RefreshSummary",
    "SourceError",
    "SourceInfo",
    "SourceResult",
    "build_corpus",
    "clean_line",
    "corpus_key",
    "export_rows",
    "first_screen",
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


def sort_briefings(briefings: list[Briefing]) -> list[Briefing]:
    """Newest first, undated after dated; ties broken by headline and id so the order is stable."""
    by_name = sorted(briefings, key=lambda b: (b.headline.lower(), b.id))
    dated = sorted((b for b in by_name if b.date), key=lambda b: b.date or "", reverse=True)
    return dated + [b for b in by_name if not b.date]


@dataclass(frozen=True)
class LoadProgress:
    """How far a load has come, told to a `progress` callback: as it starts analysing (with
    the briefings the cache already had), after each batch it analysed and committed to the
    cache (with those briefings, so they can be shown at once), and as threading starts."""

    stage: str  # "analysing" or "threading"
    done: int  # articles analysed so far, those from the cache included
    total: int  # articles in the load
    cached: int = 0  # of them, taken from the cache
    batch: tuple[Briefing, ...] = ()  # briefings new since the last call, in input order


Progress = Callable[[LoadProgress], None]


def analyse_all(
    articles: list[Article],
    store: Store | None = None,
    progress: Progress | None = None,
    plan: AnalysisPlan | None = None,
    lean: bool = False,
    quotes: bool = False,
) -> tuple[list[Briefing], int]:
    """Briefings for `articles`, taking unchanged ones from the cache and analysing the rest on
    every core; and how many were analysed afresh. Each batch is committed to the cache as it
    is done, so an interrupted load keeps what it analysed and the next one resumes. `lean`:
    those from the cache as a reader holds them (see `LeanBriefing`), with their `quotes`."""
    cached = store.cached(articles, lean, quotes) if store else {}
    todo = [a for a in articles if a.id not in cached]
    total, reused = len(articles), len(articles) - len(todo)
    report = progress or (lambda _: None)
    first = tuple(cached[a.id] for a in articles if a.id in cached)
    report(LoadProgress("analysing", reused, total, reused, first))
    fresh: dict[str, Briefing] = {}
    done = 0
    # the workers send each briefing as the cache's JSON: decoded here, it is what a warm start
    # will read
    for encoded in analysed(todo, plan, encode_briefing):
        pairs = list(zip(todo[done : done + len(encoded)], encoded))
        batch = decode_briefings(pairs)
        if store:
            store.save_encoded(pairs)
        fresh.update((b.id, b) for b in batch)
        done += len(batch)
        report(LoadProgress("analysing", reused + done, total, reused, tuple(batch)))
    by_id = fresh | cached
    return [by_id[a.id] for a in articles], len(todo)


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
    exact = store.threads_key(briefings)
    cached = store.cached_threads(exact, briefings)
    if cached is not None:
        return *cached, "cached"
    briefings, threads = build_threads(store.whole(briefings), plan)
    store.save_threads(exact, briefings, threads)
    return briefings, threads, "built"


def build_corpus(
    paths: Sequence[str | Path],
    store: Store | None = None,
    plan: Plan | None = None,
    loaded: LoadResult | None = None,
    merge: bool = False,
    progress: Progress | None = None,
    key: str | None = "",
    lean: bool = False,
    quotes: bool = False,
) -> Corpus:
    """Load, analyse and thread everything under `paths` (the bundled seeds when empty),
    or the articles already `loaded`. With `merge`, copies of one story from several sources
    become one briefing (the library's feeds); articles named on the command line are each
    kept, since tools that feed brief a file expect a briefing per row.

    Raises SourceError when a path named cannot be read at all; files that cannot be
    used are skipped and listed in `Corpus.problems`. `progress` is told how far it has come.
    `key` names the corpus, whose threading grows from what was kept of it (by default
    `corpus_key(paths, merge)`; None keeps only the threading of exactly these articles).
    `lean`: the briefings as a reader holds them (see `LeanBriefing`), which needs a store;
    with `quotes`, they keep their quotes (what `brief list --json` prints).
    """
    if loaded is None:
        loaded = load(default_paths(paths))
    articles = merge_stories(loaded.articles) if merge else loaded.articles
    lean = lean and store is not None
    briefings, analysed = analyse_all(articles, store, progress, lean=lean, quotes=quotes)
    if progress:
        progress(LoadProgress("threading", len(articles), len(articles), len(articles) - analysed))
    if key == "":
        key = corpus_key(paths, merge)
    briefings, threads, how = thread_all(briefings, store, plan, key)
    if lean:  # those analysed or threaded afresh are whole until here
        briefings = [lighten(b, quotes) for b in briefings]
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
    still works: it keeps what it cannot write in memory for the session. A damaged or
    foreign file is moved aside and started afresh. Each such event is a line in `warnings`.
    """

    def __init__(self, store: Store | None, plan: Plan | None = None) -> None:
        self.store = store
        self.plan = plan  # how threading uses worker processes; None: by corpus size and cores
        self._read: set[str] = set()
        self._starred: set[str] = set()
        self._saved: dict[str, str] = {}
        self._warnings: list[str] = []

    @classmethod
    def open(cls, cache: Path | str | None = None, plan: Plan | None = None) -> Library:
        """Raises NewerSchema (one line naming the file) when a newer brief wrote one of the
        files; anything else wrong with them becomes a warning."""
        try:
            return cls(Store(cache), plan)
        except (OSError, sqlite3.Error) as exc:
            library = cls(None, plan)
            library._warnings.append(f"no cache or data directory ({exc}): all kept in memory")
            return library

    @property
    def warnings(self) -> list[str]:
        """One line for each file moved aside or kept in memory, in the order it happened."""
        return self.store.warnings if self.store is not None else self._warnings

    @property
    def persistent(self) -> bool:
        """Whether read and starred marks and saved searches outlast the session."""
        return self.store is not None and not self.store.state_file.in_memory

    def _follower(self, limits: Limits | None = None, writing: bool = True) -> Follower:
        if self.store is None:
            raise SourceError("no library: brief cannot write its data directory")
        try:
            library = self.store.library
        except (OSError, sqlite3.Error) as exc:
            raise SourceError(f"{self.store.library_path}: {exc}") from None
        if writing and library.in_memory:
            raise SourceError(f"{self.store.library_path}: cannot be written, so nothing is kept")
        return Follower(library, limits)

    def has_sources(self) -> bool:
        """Raises NewerSchema when a newer brief wrote the library: never mistaken for none."""
        if self.store is None:
            return False
        try:
            return self.store.library.has_sources()
        except (OSError, sqlite3.Error):
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

    def load(
        self,
        paths: Sequence[str | Path] = (),
        progress: Progress | None = None,
        lean: bool = False,
        quotes: bool = False,
    ) -> Corpus:
        """The corpus under `paths`; with none, the library's (its copies of one story merged)
        when it follows sources, else the bundled seeds. `progress` (called in this thread) is
        told how far the load has come, with each batch of briefings as it is analysed.
        `lean`: briefings as a reader holds them, without the parts only reading one needs
        (see `LeanBriefing`), with their `quotes` or not; `whole` gives those back."""
        followed = not paths and self.has_sources()
        key = corpus_key(paths, followed)
        # taken before reading: a file written meanwhile makes the next start load afresh
        signature = self._signature(paths, followed) if key else None
        loaded = self.articles(paths, followed)
        corpus = build_corpus(
            paths, self.store, self.plan, loaded, followed, progress, key, lean, quotes
        )
        if self.store is not None and key and signature:
            # should it fail, the next start paints after loading instead: nothing is lost
            with contextlib.suppress(OSError, sqlite3.Error):
                self.store.keep_rows(key, signature, corpus.briefings)
        return corpus

    def whole(self, briefing: Briefing) -> Briefing:
        """The whole briefing for one a lean load gave (itself when it is whole already)."""
        return self.whole_many([briefing])[0]

    def whole_many(self, briefings: Sequence[Briefing]) -> list[Briefing]:
        """`whole` for many at once (one read of the cache)."""
        # without a store nothing was loaded lean (see build_corpus)
        return list(briefings) if self.store is None else self.store.whole(briefings)

    def _signature(self, paths: Sequence[str | Path], followed: bool) -> str | None:
        if self.store is None:
            return None  # nothing is saved
        return input_signature(paths, followed, self.store.library_path)

    def first_screen(self, paths: Sequence[str | Path] = ()) -> FirstScreen | None:
        """The list's rows saved from this very input by an earlier load (see `brief.snapshot`)."""
        if self.store is None:
            return None
        return first_screen(paths, self.store.path, self.store.state_path)

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
            for r in self._follower(writing=False).db.sources()
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
