"""Readers that turn files, folders and URLs into `Article`s.

`load(paths)` is the one entry point: it walks folders, sniffs each file's
kind, and collects a one-line problem for every file it has to skip, so a
bad file never stops the rest from loading.
"""

from brief.sources.loader import LoadResult, SourceError, load

__all__ = ["LoadResult", "SourceError", "load"]
