"""The store: SQLite files for analysed briefings, the reader's own state, and the library of
followed sources and their articles. Only this package speaks SQL."""

from brief.store.db import SCHEMA_VERSION, Store, content_key, default_path, default_state_path
from brief.store.library_db import (
    LIBRARY_VERSION,
    MIGRATIONS,
    LibraryDB,
    NewerLibrary,
    SourceRow,
    Stored,
)
from brief.store.threading_state import Saved, ThreadingStates, article_digest

__all__ = [
    "LIBRARY_VERSION",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "LibraryDB",
    "NewerLibrary",
    "Saved",
    "SourceRow",
    "Store",
    "Stored",
    "ThreadingStates",
    "article_digest",
    "content_key",
    "default_path",
    "default_state_path",
]
