"""Readers that turn files, folders and URLs into `Article`s.

`load(paths)` is the one entry point for reading once: it walks folders, fetches
URLs, sniffs each document's kind, and collects a one-line problem for every file
it has to skip, so a bad file never stops the rest from loading. The library's
refresh uses the same pieces (`fetch`, `read_document`) source by source.

The names below load on first use (PEP 562): the reader imports `brief.sources.walk` before
its first paint, and must not pay for feedparser and the HTTP client then. The function
`fetch` is imported from `brief.sources.fetch`: the package's attribute of that name is the
module.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

_WHERE = {
    "merge_stories": "dedup",
    "read_document": "documents",
    "FetchError": "fetch",
    "Limits": "fetch",
    "Response": "fetch",
    "is_url": "fetch",
    "limits_from_env": "fetch",
    "Document": "items",
    "Item": "items",
    "Outline": "items",
    "domain": "items",
    "LoadResult": "loader",
    "SourceError": "loader",
    "fetch_document": "loader",
    "load": "loader",
    "read_response": "loader",
}

__all__ = [
    "Document",
    "FetchError",
    "Item",
    "Limits",
    "LoadResult",
    "Outline",
    "Response",
    "SourceError",
    "domain",
    "fetch_document",
    "is_url",
    "limits_from_env",
    "load",
    "merge_stories",
    "read_document",
    "read_response",
]

if TYPE_CHECKING:
    from brief.sources.dedup import merge_stories
    from brief.sources.documents import read_document
    from brief.sources.fetch import FetchError, Limits, Response, is_url, limits_from_env
    from brief.sources.items import Document, Item, Outline, domain
    from brief.sources.loader import (
        LoadResult,
        SourceError,
        fetch_document,
        load,
        read_response,
    )


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'brief.sources' has no attribute {name!r}")
    value = getattr(import_module(f"brief.sources.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
