"""Where brief keeps its files by default. A module of its own, light to import: the first
paint needs these paths before anything else of the store (numpy, the threader's state)."""

from __future__ import annotations

from pathlib import Path


def default_path() -> Path:
    """The cache: analyses, threadings and the list's rows (safe to delete)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("brief", appauthor=False)) / "briefings.sqlite3"


def default_state_path() -> Path:
    """The reader's own state: read and starred marks, saved searches (the user's data)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("brief", appauthor=False)) / "state.sqlite3"
