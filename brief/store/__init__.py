"""The store: SQLite files for analysed briefings, the reader's own state, and the library of
followed sources and their articles. Only this package speaks SQL. A bad file is moved aside, an
unwritable one kept in memory (each said in `Store.warnings`), a newer one refused (NewerSchema).

The names below load on first use (PEP 562), so that `brief.store.rows`, which the reader
reads before its first paint, costs only itself.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

_WHERE = {
    "SCHEMA_VERSION": "db",
    "Store": "db",
    "content_key": "db",
    "default_path": "paths",
    "default_state_path": "paths",
    "LIBRARY_VERSION": "library_db",
    "MIGRATIONS": "library_db",
    "LibraryDB": "library_db",
    "NewerLibrary": "library_db",
    "NewerSchema": "files",
    "SourceRow": "library_db",
    "Stored": "library_db",
    "Saved": "threading_state",
    "ThreadingStates": "threading_state",
    "article_digest": "threading_state",
    "Threaded": "growing",
    "thread_corpus": "growing",
}

__all__ = [
    "LIBRARY_VERSION",
    "LibraryDB",
    "MIGRATIONS",
    "NewerLibrary",
    "NewerSchema",
    "SCHEMA_VERSION",
    "Saved",
    "SourceRow",
    "Store",
    "Stored",
    "Threaded",
    "ThreadingStates",
    "article_digest",
    "content_key",
    "default_path",
    "default_state_path",
    "thread_corpus",
]

if TYPE_CHECKING:
    from brief.store.db import SCHEMA_VERSION, Store, content_key
    from brief.store.files import NewerSchema
    from brief.store.growing import Threaded, thread_corpus
    from brief.store.library_db import (
        LIBRARY_VERSION,
        MIGRATIONS,
        LibraryDB,
        NewerLibrary,
        SourceRow,
        Stored,
    )
    from brief.store.paths import default_path, default_state_path
    from brief.store.threading_state import Saved, ThreadingStates, article_digest


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'brief.store' has no attribute {name!r}")
    value = getattr(import_module(f"brief.store.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
