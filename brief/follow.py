"""Following sources: adding, removing and refreshing them, for the library facade.

Plain data in and out (no Rich, no click): `refresh` reports progress through a
callback and returns a `RefreshSummary` the CLI prints and the reader can show as
"12 new from 3 sources · 1 failed".
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from brief.model import Article
from brief.sources import (
    Document,
    FetchError,
    Limits,
    SourceError,
    is_url,
    limits_from_env,
    load,
    read_document,
    read_response,
)
from brief.sources.fetch import fetch
from brief.sources.pages import page_text
from brief.sources.sniff import FEED, HTML, JSON_FEED, OPML, sniff
from brief.store import LibraryDB, SourceRow

PARALLEL = 4
TEASER_CHARS = 600  # with fetch_pages on, items with less text than this get their linked page

FEED_KINDS = (FEED, JSON_FEED)


@dataclass
class SourceResult:
    """What one source's refresh did."""

    source: str
    title: str | None = None
    new: int = 0
    updated: int = 0
    not_modified: bool = False
    error: str | None = None
    seconds: float = 0.0

    @property
    def name(self) -> str:
        return self.title or self.source


@dataclass
class RefreshSummary:
    results: list[SourceResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def new(self) -> int:
        return sum(r.new for r in self.results)

    @property
    def updated(self) -> int:
        return sum(r.updated for r in self.results)

    @property
    def failed(self) -> list[SourceResult]:
        return [r for r in self.results if r.error]

    @property
    def not_modified(self) -> int:
        return sum(1 for r in self.results if r.not_modified)

    @property
    def ok(self) -> bool:
        return not self.failed

    def label(self) -> str:
        """One line for a header: "12 new from 3 sources · 1 failed"."""
        with_new = sum(1 for r in self.results if r.new)
        noun = "source" if with_new == 1 else "sources"
        text = f"{self.new} new from {with_new} {noun}" if self.new else "nothing new"
        if self.updated:
            text += f" · {self.updated} updated"
        if self.failed:
            text += f" · {len(self.failed)} failed"
        return text

    def as_json(self) -> dict:
        return {
            "sources": len(self.results),
            "new": self.new,
            "updated": self.updated,
            "not_modified": self.not_modified,
            "failed": len(self.failed),
            "seconds": round(self.seconds, 2),
            "results": [
                {
                    "source": r.source,
                    "title": r.title,
                    "new": r.new,
                    "updated": r.updated,
                    "not_modified": r.not_modified,
                    "error": r.error,
                }
                for r in self.results
            ],
        }


@dataclass
class AddResult:
    source: str
    kind: str = ""
    title: str | None = None
    added: bool = False  # False: it was already followed (or could not be added)
    articles: int = 0
    error: str | None = None


def normalise_location(given: str) -> str:
    """A URL as given (minus surrounding space); a local path made absolute."""
    given = given.strip()
    if is_url(given):
        return given
    return str(Path(given).expanduser().resolve())


def _kind_of(doc: Document) -> str:
    if doc.kind in FEED_KINDS:
        return "feed"
    if doc.kind == HTML:
        return "page"
    return doc.kind


def _doc_error(doc: Document) -> str | None:
    if doc.items or doc.outlines:
        return None
    problem = doc.problems[0] if doc.problems else "no articles"
    return "not a feed" if problem.startswith("not a feed") else problem


class Follower:
    """Adds, removes and refreshes the sources in one library file."""

    def __init__(self, db: LibraryDB, limits: Limits | None = None) -> None:
        self.db = db
        self.limits = limits

    # --- reading one source -----------------------------------------------------

    def _fetch_doc(self, row_or_url: SourceRow | str, result: SourceResult) -> Document | None:
        """Fetch and read a URL source; None after a 304 (result.not_modified set)."""
        row = row_or_url if isinstance(row_or_url, SourceRow) else None
        url = row.location if row else str(row_or_url)
        resp = fetch(
            url,
            etag=row.etag if row else None,
            last_modified=row.last_modified if row else None,
            limits=self.limits or limits_from_env(),
        )
        if resp.status == 304:
            result.not_modified = True
            return None
        return read_response(url, resp)

    def _with_pages(self, location: str, items: list[tuple[str, Article]]) -> list:
        """Teaser-only items, not seen before, with their linked page's text."""
        known = self.db.item_ids(location)
        out = []
        for item_id, article in items:
            if item_id not in known and article.url and len(article.text) < TEASER_CHARS:
                try:
                    resp = fetch(article.url, limits=self.limits or limits_from_env())
                    text = page_text(resp.body, resp.url) if resp.status == 200 else ""
                except FetchError:
                    text = ""
                if len(text) > len(article.text):
                    article = replace(article, text=text)
            out.append((item_id, article))
        return out

    def _refresh_one(self, row: SourceRow) -> SourceResult:
        started = time.perf_counter()
        result = SourceResult(row.location, row.title)
        try:
            self._refresh_into(row, result)
        except FetchError as exc:
            result.error = str(exc)
        except SourceError as exc:
            result.error = str(exc).removeprefix(f"{row.location}: ")
        except (OSError, ValueError) as exc:  # a source never fails the refresh of the others
            result.error = f"{type(exc).__name__}: {exc}"
        if result.error:
            self.db.record_failure(row.location, result.error)
        result.seconds = time.perf_counter() - started
        return result

    def _refresh_into(self, row: SourceRow, result: SourceResult) -> None:
        if row.kind == "path":
            if not os.path.exists(row.location):
                raise SourceError("no such file or directory")
            loaded = load([row.location], self.limits)
            items = [(a.id, a) for a in loaded.articles]
            if not items and loaded.problems:
                raise SourceError(loaded.problems[0])
            names = {a.source for a in loaded.articles}
            if os.path.isfile(row.location) and len(names) == 1:  # a feed file: its title
                result.title = names.pop() or row.title
            stored = self.db.record_success(row.location, title=result.title, articles=items)
        else:
            doc = self._fetch_doc(row, result)
            if doc is None:
                self.db.record_success(row.location)
                return
            error = _doc_error(doc)
            if error:
                raise SourceError(error)
            items = [(i.item_id, i.article) for i in doc.items]
            if row.fetch_pages:
                items = self._with_pages(row.location, items)
            result.title = doc.title or row.title
            stored = self.db.record_success(
                row.location,
                title=doc.title,
                etag=doc.etag,
                last_modified=doc.last_modified,
                articles=items,
            )
        result.new, result.updated = stored.new, stored.updated

    def refresh(
        self,
        only: Sequence[str] | None = None,
        *,
        on_start: Callable[[int], None] | None = None,
        on_done: Callable[[SourceResult], None] | None = None,
        parallel: int = PARALLEL,
    ) -> RefreshSummary:
        started = time.perf_counter()
        rows = self.db.sources()
        if only is not None:
            wanted = set(only)
            rows = [r for r in rows if r.location in wanted]
        if on_start:
            on_start(len(rows))
        summary = RefreshSummary()
        with ThreadPoolExecutor(max(1, min(parallel, len(rows) or 1))) as pool:
            for result in pool.map(self._refresh_one, rows):
                summary.results.append(result)
                if on_done:
                    on_done(result)
        summary.seconds = time.perf_counter() - started
        return summary

    # --- adding and removing ------------------------------------------------------

    def add(self, given: Sequence[str], fetch_pages: bool = False) -> list[AddResult]:
        """Follow each source; an OPML list (file or URL) adds each of its feeds. Every new
        source is fetched once, so its articles are there straight away."""
        results: list[AddResult] = []
        for raw in given:
            results.extend(self._add_one(raw, fetch_pages))
        fresh = [r.source for r in results if r.added and not r.error]
        if fresh:
            by_source = {r.source: r for r in self.refresh(fresh).results}
            for r in results:
                done = by_source.get(r.source)
                if done:
                    r.title = done.title or r.title
                    r.articles = done.new + done.updated
                    r.error = done.error
        for r in results:
            if r.added and not r.kind:
                r.kind = next((s.kind for s in self.db.sources() if s.location == r.source), "")
        return results

    def _add_one(self, raw: str, fetch_pages: bool) -> list[AddResult]:
        location = normalise_location(raw)
        if not is_url(location):
            if not os.path.exists(location):
                return [AddResult(raw, error="no such file or directory")]
            if os.path.isfile(location):
                with open(location, "rb") as f:
                    head = f.read(65536)
                if sniff(head) == OPML:
                    return self._add_outlines(Path(location).read_bytes(), raw, fetch_pages)
            added = self.db.add_source(location, "path", Path(location).name, fetch_pages)
            return [AddResult(location, "path", Path(location).name, added)]
        try:
            result = SourceResult(location)
            doc = self._fetch_doc(location, result)
        except FetchError as exc:
            return [AddResult(location, error=str(exc))]
        if doc is not None and doc.kind == OPML:
            return self._add_outlines(None, raw, fetch_pages, doc)
        error = _doc_error(doc) if doc is not None else None
        if error:
            return [AddResult(location, error=error)]
        kind = _kind_of(doc) if doc is not None else "feed"
        title = doc.title if doc is not None else None
        added = self.db.add_source(location, kind, title, fetch_pages)
        return [AddResult(location, kind, title, added)]

    def _add_outlines(
        self, data: bytes | None, raw: str, fetch_pages: bool, doc: Document | None = None
    ) -> list[AddResult]:
        if doc is None:
            doc = read_document(data or b"", location=raw)
        if not doc.outlines:
            return [AddResult(raw, error=_doc_error(doc) or "no feeds in this OPML list")]
        out = []
        for outline in doc.outlines:
            added = self.db.add_source(outline.url, "feed", outline.title, fetch_pages)
            out.append(AddResult(outline.url, "feed", outline.title, added))
        return out

    def remove(self, given: str) -> str | None:
        """Forget a source named by its URL, path or title; its location, or None."""
        rows = self.db.sources()
        location = normalise_location(given)
        match = [r for r in rows if r.location in (given, location)]
        if not match:
            match = [r for r in rows if (r.title or "").casefold() == given.strip().casefold()]
        if len(match) != 1:
            return None
        self.db.remove_source(match[0].location)
        return match[0].location
