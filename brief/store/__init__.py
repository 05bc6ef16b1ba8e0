"""The store: SQLite files for analysed briefings, the reader's own state, and the library of
followed sources and their articles. Only this package speaks SQL. A bad file is moved aside, an
unwritable one kept in memory (each said in `Store.warnings`), a newer one refused."""

from brief.store.db import SCHEMA_VERSION, Store, content_key, default_path, default_state_path
from brief.store.files import NewerSchema
from brief.store.library_db import (
    LIBRARY_VERSION,
    MIGRATIONS,
    LibraryDB,
    NewerLibrary,
    SourceRow,
    Stored,
)

__all__ = [
    "LIBRARY_VERSION",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "LibraryDB",
    "NewerLibrary",
    "NewerSchema",
    "SourceRow",
    "Store",
    "Stored",
    "content_key",
    "default_path",
    "default_state_path",
]
