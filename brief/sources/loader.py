"""Walking paths and URLs, sniffing each document's kind, and reporting what cannot be read.

A PATH is a file, a folder (read recursively), an http(s) URL (a feed, an OPML list or a
page, fetched once) or `-` for JSON Lines on stdin. An OPML list's feeds are fetched too.
"""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from brief.model import Article
from brief.sources.documents import read_document
from brief.sources.fetch import FetchError, Limits, Response, fetch, is_url
from brief.sources.items import Document, Outline, domain
from brief.sources.walk import files_under

MAX_BYTES = 50 * 1024 * 1024
PARALLEL_FETCHES = 4


class SourceError(Exception):
    """A problem with what the user asked for (e.g. a path that does not exist): fatal, exit 2."""


@dataclass
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _file_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size == 0:
        raise ValueError("empty file")
    if size > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    return path.read_bytes()


def _collect(doc: Document, shown: str, result: LoadResult) -> None:
    nothing = not doc.items and not doc.outlines
    for problem in doc.problems:
        if problem.startswith(shown):
            result.problems.append(problem)
        elif nothing and "skipped" not in problem:
            result.problems.append(f"{shown}: skipped: {problem}")
        else:
            result.problems.append(f"{shown}: {problem}")
    result.articles.extend(item.article for item in doc.items)


def read_file(path: Path, result: LoadResult, limits: Limits | None = None) -> None:
    shown = str(path)
    try:
        data = _file_bytes(path)
    except ValueError as exc:
        result.problems.append(f"{shown}: skipped: {exc}")
        return
    except OSError as exc:
        result.problems.append(f"{shown}: skipped: {exc.strerror or exc}")
        return
    doc = read_document(
        data,
        location=shown,
        suffix=path.suffix.lower(),
        fallback=path.resolve().parent.name or None,
    )
    _collect(doc, shown, result)
    if doc.outlines:
        _read_outlines(doc.outlines, result, limits)


def fetch_document(url: str, limits: Limits | None = None) -> Document:
    """Fetch `url` once and read it; raises FetchError."""
    return read_response(url, fetch(url, limits=limits))


def read_response(location: str, resp: Response) -> Document:
    """A fetched document read by its content, named by where it was asked for (`location`)
    and from where it came (`resp.url`, after redirects), with its caching headers."""
    suffix = Path(urlsplit(resp.url).path).suffix.lower()
    doc = read_document(
        resp.body,
        location=location,
        url=resp.url,
        suffix=suffix,
        content_type=resp.content_type,
        fallback=domain(resp.url),
    )
    doc.etag, doc.last_modified = resp.etag, resp.last_modified
    return doc


def _read_outlines(outlines: list[Outline], result: LoadResult, limits: Limits | None) -> None:
    def one(outline: Outline) -> tuple[str, Document | str]:
        try:
            return outline.url, fetch_document(outline.url, limits)
        except FetchError as exc:
            return outline.url, str(exc)

    with ThreadPoolExecutor(PARALLEL_FETCHES) as pool:
        for url, doc in pool.map(one, outlines):
            if isinstance(doc, str):
                result.problems.append(f"{url}: skipped: {doc}")
            else:
                _collect(doc, url, result)


def _read_url(url: str, result: LoadResult, limits: Limits | None) -> None:
    try:
        doc = fetch_document(url, limits)
    except FetchError as exc:
        raise SourceError(f"{url}: {exc}") from None
    _collect(doc, url, result)
    if doc.outlines:
        _read_outlines(doc.outlines, result, limits)


def _read_stdin(result: LoadResult) -> None:
    data = sys.stdin.buffer.read()
    if not data.strip():
        result.problems.append("-: skipped: nothing on stdin")
        return
    _collect(read_document(data, location="-", suffix=".jsonl"), "-", result)


def load(paths: list[str | Path], limits: Limits | None = None) -> LoadResult:
    """Read every article under `paths`. Raises SourceError for a path that does not exist
    or a URL that cannot be fetched."""
    result = LoadResult()
    for given in paths:
        if str(given) == "-":
            _read_stdin(result)
            continue
        if is_url(given):
            _read_url(str(given), result, limits)
            continue
        path = Path(given)
        if not path.exists():
            raise SourceError(f"{given}: no such file or directory")
        files = files_under(path, result.problems) if path.is_dir() else [path]
        for file in files:
            read_file(file, result, limits)
    result.articles = unique_ids(result.articles, result.problems)
    return result


def unique_ids(articles: list[Article], problems: list[str]) -> list[Article]:
    seen: set[str] = set()
    unique = []
    for article in articles:
        if article.id in seen:
            problems.append(f"{article.path}: skipped duplicate article id {article.id}")
            continue
        seen.add(article.id)
        unique.append(article)
    return unique
