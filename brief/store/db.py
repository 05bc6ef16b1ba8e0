"""SQLite cache of analysed briefings, plus the reader's own state (read, starred, saved searches).

Two files: the cache lives in the user cache directory and may be deleted at any time;
the reader's state lives in the user data directory, because losing stars and saved
searches to a cache clean-up would be data loss.

Analyses are keyed by a hash of the article's content and of the analysis code
itself, so a second start on an unchanged corpus re-analyses nothing, and a
new version of brief never serves a stale analysis. Only this module speaks SQL.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from brief.model import Article, Briefing, Thread
from brief.store.codec import decode_briefing, decode_threads, encode_briefing, encode_threads
from brief.store.library_db import LibraryDB
from brief.store.threading_state import ThreadingStates

SCHEMA_VERSION = 2  # of the cache file: 2 keeps an analysis's own source and date
_BRIEF = Path(__file__).resolve().parent.parent
THREADINGS_KEPT = 4  # cached threadings of whole corpora: the few a user switches between


def code_fingerprint(*packages: str) -> str:
    """A hash of the code and data of brief's `packages`: a change to them invalidates what
    was cached from their results."""
    digest = hashlib.blake2b(digest_size=8)
    for package in packages:
        for path in sorted((_BRIEF / package).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".json", ".txt", ".tsv", ".gz", ".bin"):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def content_key(article: Article) -> str:
    fields = (article.id, article.text, article.title, article.date, article.source, article.url)
    return hashlib.blake2b(json.dumps(fields).encode(), digest_size=16).hexdigest()


def default_path() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("brief", appauthor=False)) / "briefings.sqlite3"


def default_state_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("brief", appauthor=False)) / "state.sqlite3"


class Store:
    """The cache, the state and the library files. Every call opens its own connection, so
    workers in other threads can use it."""

    def __init__(
        self, path: Path | str | None = None, state_path: Path | str | None = None
    ) -> None:
        self.path = Path(path) if path is not None else default_path()
        # An explicit cache path (tests, --cache) keeps the state beside it; otherwise the data dir.
        if state_path is not None:
            self.state_path = Path(state_path)
        else:
            self.state_path = (
                self.path.with_name("state.sqlite3") if path is not None else default_state_path()
            )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        self.library_path = self.state_path.with_name("library.sqlite3")
        self._library: LibraryDB | None = None
        self._fingerprint = code_fingerprint("analysis")
        # threading depends on the analysis too: its code is hashed once, above
        self._threads_fingerprint = self._fingerprint + code_fingerprint("threads")
        self._lock = threading.Lock()
        # the threader's state per corpus, so that a growing corpus is threaded for its new articles
        self.threading = ThreadingStates(self._connect, self._lock)
        with self._connect() as db:
            db.executescript(
                """
                CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
                CREATE TABLE IF NOT EXISTS analysis
                    (key TEXT PRIMARY KEY, fingerprint TEXT, data TEXT);
                CREATE TABLE IF NOT EXISTS threading (key TEXT PRIMARY KEY, used REAL, data TEXT);
                """
            )
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None:
                db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            elif int(row[0]) != SCHEMA_VERSION:  # a cache is disposable: start it afresh
                db.execute("DELETE FROM analysis")
                db.execute("DELETE FROM threading")
                self.threading.clear(db)
                db.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION),))
        with self._connect_state() as db:
            db.executescript(
                """
                CREATE TABLE IF NOT EXISTS state
                    (id TEXT PRIMARY KEY, read INTEGER DEFAULT 0, starred INTEGER DEFAULT 0);
                CREATE TABLE IF NOT EXISTS saved_search
                    (name TEXT PRIMARY KEY, query TEXT NOT NULL, position INTEGER);
                """
            )

    @property
    def threads_fingerprint(self) -> str:
        """Names the code that analysis and threading results come from."""
        return self._threads_fingerprint

    @property
    def library(self) -> LibraryDB:
        """Followed sources and their articles (opened, and migrated, on first use)."""
        if self._library is None:
            self._library = LibraryDB(self.library_path)
        return self._library

    def _connect_state(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.state_path, timeout=10)
        db.execute("PRAGMA journal_mode=WAL")
        return db

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10)
        db.execute("PRAGMA journal_mode=WAL")
        return db

    # --- analysis cache ---------------------------------------------------------

    def cached(self, articles: Iterable[Article]) -> dict[str, Briefing]:
        """Briefings already analysed for these articles, by article id."""
        wanted = {content_key(a): a for a in articles}
        found: dict[str, Briefing] = {}
        keys = list(wanted)
        with self._connect() as db:
            for i in range(0, len(keys), 900):  # SQLite's bound-parameter limit
                chunk = keys[i : i + 900]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    f"SELECT key, data FROM analysis WHERE fingerprint = ? AND key IN ({marks})",
                    (self._fingerprint, *chunk),
                )
                for key, data in rows:
                    article = wanted[key]
                    found[article.id] = decode_briefing(article, data)
        return found

    def save(self, briefings: Iterable[Briefing]) -> None:
        rows = [(content_key(b.article), self._fingerprint, encode_briefing(b)) for b in briefings]
        with self._lock, self._connect() as db:
            db.executemany("INSERT OR REPLACE INTO analysis VALUES (?, ?, ?)", rows)

    # --- threading of a whole corpus ----------------------------------------------

    def threads_key(self, briefings: Iterable[Briefing]) -> str:
        """Names a corpus for the threading cache: its articles' contents and the code."""
        digest = hashlib.blake2b(self._threads_fingerprint.encode(), digest_size=16)
        for key in sorted(content_key(b.article) for b in briefings):
            digest.update(key.encode())
        return digest.hexdigest()

    def cached_threads(
        self, key: str, briefings: list[Briefing]
    ) -> tuple[list[Briefing], list[Thread]] | None:
        """The threading saved for this corpus, applied to its `briefings`; None when absent."""
        with self._connect() as db:
            row = db.execute("SELECT data FROM threading WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            db.execute("UPDATE threading SET used = ? WHERE key = ?", (time.time(), key))
        return decode_threads(row[0], briefings)

    def save_threads(self, key: str, briefings: list[Briefing], threads: list[Thread]) -> None:
        data = encode_threads(briefings, threads)
        with self._lock, self._connect() as db:
            db.execute(
                "INSERT OR REPLACE INTO threading VALUES (?, ?, ?)", (key, time.time(), data)
            )
            db.execute(
                "DELETE FROM threading WHERE key NOT IN "
                "(SELECT key FROM threading ORDER BY used DESC LIMIT ?)",
                (THREADINGS_KEPT,),
            )

    # --- reader state -------------------------------------------------------------

    def state(self) -> tuple[set[str], set[str]]:
        """(read ids, starred ids)."""
        with self._connect_state() as db:
            rows = db.execute("SELECT id, read, starred FROM state").fetchall()
        return {i for i, r, _ in rows if r}, {i for i, _, s in rows if s}

    def set_read(self, article_id: str, read: bool = True) -> None:
        self._set(article_id, "read", read)

    def set_starred(self, article_id: str, starred: bool) -> None:
        self._set(article_id, "starred", starred)

    def set_read_many(self, article_ids: list[str], read: bool = True) -> None:
        """Mark many read (or unread) in one transaction: `M` on a long list."""
        rows = [(i,) for i in article_ids]
        with self._lock, self._connect_state() as db:
            db.executemany("INSERT OR IGNORE INTO state (id) VALUES (?)", rows)
            db.executemany(
                "UPDATE state SET read = ? WHERE id = ?", [(int(read), i) for i in article_ids]
            )

    def _set(self, article_id: str, column: str, value: bool) -> None:
        with self._lock, self._connect_state() as db:
            db.execute("INSERT OR IGNORE INTO state (id) VALUES (?)", (article_id,))
            db.execute(f"UPDATE state SET {column} = ? WHERE id = ?", (int(value), article_id))

    def saved_searches(self) -> list[tuple[str, str]]:
        with self._connect_state() as db:
            return db.execute(
                "SELECT name, query FROM saved_search ORDER BY position, name"
            ).fetchall()

    def save_search(self, name: str, query: str) -> None:
        with self._lock, self._connect_state() as db:
            position = db.execute(
                "SELECT COALESCE(MAX(position), 0) + 1 FROM saved_search"
            ).fetchone()[0]
            db.execute(
                "INSERT OR REPLACE INTO saved_search VALUES (?, ?, ?)", (name, query, position)
            )

    def delete_search(self, name: str) -> None:
        with self._lock, self._connect_state() as db:
            db.execute("DELETE FROM saved_search WHERE name = ?", (name,))
