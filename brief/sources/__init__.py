"""Readers that turn files, folders and URLs into `Article`s.

`load(paths)` is the one entry point for reading once: it walks folders, fetches
URLs, sniffs each document's kind, and collects a one-line problem for every file
it has to skip, so a bad file never stops the rest from loading. The library's
refresh uses the same pieces (`fetch`, `read_document`) source by source.
"""

from brief.sources.dedup import merge_stories
from brief.sources.documents import read_document
from brief.sources.fetch import FetchError, Limits, Response, fetch, is_url, limits_from_env
from brief.sources.items import Document, Item, Outline, domain
from brief.sources.loader import LoadResult, SourceError, fetch_document, load, read_response

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
    "fetch",
    "fetch_document",
    "is_url",
    "limits_from_env",
    "load",
    "merge_stories",
    "read_document",
    "read_response",
]
