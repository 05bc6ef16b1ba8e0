"""The store: SQLite files for analysed briefings and
the reader's own state. Only this package speaks SQL."""

from brief.store.db import SCHEMA_VERSION, Store, content_key, default_path, default_state_path

__all__ = ["SCHEMA_VERSION", "Store", "content_key", "default_path", "default_state_path"]
