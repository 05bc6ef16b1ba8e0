"""SQLite cache of analysed briefings, plus the reader's own state (read, starred, saved searches).

Two files: the cache lives in the user cache directory and may be deleted at any time;
the reader's state lives in the user data directory, because losing stars and saved
searches to a cache clean-up would be data loss. Each is a `DbFile` (store/files.py): a bad
file is moved aside, an unwritable one kept in memory, a newer one refused.

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
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from brief.model import Article, Briefing, LeanBriefing, Thread
from brief.store import rows
from brief.store.codec import decode_briefings, decode_threads, encode_briefing, encode_threads
from brief.store.files import DbFile, Layout, run_script, stepwise
from brief.store.library_db import LibraryDB
from brief.store.paths import default_path, default_state_path
from brief.store.salvage import copy_rows
from brief.store.threading_state import ThreadingStates

SCHEMA_VERSION = 3  # of the cache file: 2 keeps an analysis's own source and date; 3 flat arrays
STATE_VERSION = 1
_BRIEF = Path(__file__).resolve().parent.parent
THREADINGS_KEPT = 4  # cached threadings of whole corpora: the few a user switches between

# The cache's tables (store/rows.py makes its own on first use): a cache older than
# SCHEMA_VERSION is dropped whole, every table, and made again, so new tables need no migration.
CACHE_TABLES = """
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE IF NOT EXISTS analysis (key TEXT PRIMARY KEY, fingerprint TEXT, data TEXT);
    CREATE TABLE IF NOT EXISTS threading (key TEXT PRIMARY KEY, used REAL, data TEXT);
"""


def _cache_version(db: sqlite3.Connection) -> int:
    """The cache keeps its version in `meta`, as brief always did: an older brief that finds
    another number there empties the cache instead of misreading it."""
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.OperationalError:  # no meta table
        return 0
    return int(row[0]) if row and str(row[0]).isdigit() else 0


def _set_cache_version(db: sqlite3.Connection, version: int) -> None:
    db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(version),))


def _rebuild_cache(db: sqlite3.Connection, found: int) -> None:
    """Any older cache is dropped whole (it is rebuilt from the sources), then made anew."""
    tables = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    for (name,) in tables:
        db.execute(f'DROP TABLE "{name}"')
    run_script(db, CACHE_TABLES)


CACHE = Layout(
    name="cache",
    application_id=0x62726663,  # "brfc"
    version=SCHEMA_VERSION,
    tables={"meta": ("key", "value"), "analysis": ("key", "fingerprint", "data")},
    migrate=_rebuild_cache,
    memory_note="the cache is kept in memory for this session: what is analysed now is not kept",
    get_version=_cache_version,
    set_version=_set_cache_version,
)


def _create_state(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        CREATE TABLE IF NOT EXISTS state
            (id TEXT PRIMARY KEY, read INTEGER DEFAULT 0, starred INTEGER DEFAULT 0);
        CREATE TABLE IF NOT EXISTS saved_search
            (name TEXT PRIMARY KEY, query TEXT NOT NULL, position INTEGER);
        """,
    )


def _salvage_state(old: sqlite3.Connection, new: sqlite3.Connection) -> str:
    marks = copy_rows(old, new, "state")
    searches = copy_rows(old, new, "saved_search")
    if not marks and not searches:
        return ""
    return (
        f"read back {marks} read or starred marks and {searches} saved searches; "
        "anything else stays in that file"
    )


STATE = Layout(
    name="reading state",
    application_id=0x62726673,  # "brfs"
    version=STATE_VERSION,
    tables={"state": ("id", "read", "starred")},
    migrate=stepwise({0: _create_state}),  # a file of brief before versions is 0: made anew
    memory_note="read and starred marks and saved searches are kept for this session only",
    lost="read and starred marks and saved searches",
    salvage=_salvage_state,
)


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


class Store:
    """The cache, the state and the library files. Every call opens its own connection, so
    workers in other threads can use it. What went wrong with a file and how brief went on
    (moved aside, kept in memory) is one line each in `warnings`, for the user to see."""

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
        self.library_path = self.state_path.with_name("library.sqlite3")
        self.warnings: list[str] = []
        self._library: LibraryDB | None = None
        self._library_lock = threading.Lock()
        self._fingerprint = code_fingerprint("analysis")
        # threading depends on the analysis too: its code is hashed once, above
        self._threads_fingerprint = self._fingerprint + code_fingerprint("threads")
        self.cache_file = DbFile(self.path, CACHE, self.warnings)
        self.state_file = DbFile(self.state_path, STATE, self.warnings)
        if self.library_path.exists():  # checked now, so a newer one is refused at opening
            self._library = LibraryDB(self.library_path, self.warnings)
        # the threader's state per corpus, so that a corpus that grows is threaded for its
        # new articles only (store/threading_state.py makes its tables on first use)
        self.threading = ThreadingStates(self.cache_file)

    @property
    def threads_fingerprint(self) -> str:
        """Names the code that analysis and threading results come from."""
        return self._threads_fingerprint

    @property
    def library(self) -> LibraryDB:
        """Followed sources and their articles (made on first use when there is no file yet)."""
        with self._library_lock:
            if self._library is None:
                self._library = LibraryDB(self.library_path, self.warnings)
            return self._library

    # --- analysis cache ---------------------------------------------------------

    def cached(
        self, articles: Iterable[Article], lean: bool = False, quotes: bool = False
    ) -> dict[str, Briefing]:
        """Briefings already analysed for these articles, by article id; `lean`: as a reader
        holds them (`LeanBriefing`: `whole` gives the rest back), with their `quotes` or not."""
        return {b.id: b for b in decode_briefings(self._analyses(articles), lean, quotes)}

    def _analyses(self, articles: Iterable[Article]) -> list[tuple[Article, str]]:
        """The cached analyses of these articles (those the cache has), encoded."""
        wanted = {content_key(a): a for a in articles}
        keys = list(wanted)

        def read(db: sqlite3.Connection) -> list[tuple[Article, str]]:
            rows: list[tuple[Article, str]] = []
            for i in range(0, len(keys), 900):  # SQLite's bound-parameter limit
                chunk = keys[i : i + 900]
                marks = ",".join("?" * len(chunk))
                found = db.execute(
                    f"SELECT key, data FROM analysis WHERE fingerprint = ? AND key IN ({marks})",
                    (self._fingerprint, *chunk),
                )
                rows += [(wanted[key], data) for key, data in found]
            return rows

        return self.cache_file.read(read) if keys else []

    def whole(self, briefings: Sequence[Briefing]) -> list[Briefing]:
        """`briefings` with every `LeanBriefing` made whole again, in the same order: its
        analysis read back from the cache (analysed afresh should the cache have lost it),
        with the date, event and thread that threading gave it."""
        lean = [b for b in briefings if isinstance(b, LeanBriefing)]
        if not lean:
            return list(briefings)
        found = {b.id: b for b in decode_briefings(self._analyses(b.article for b in lean))}
        made = {}
        for b in lean:
            full = found.get(b.id)
            if full is None:
                from brief.analysis.briefing import analyse

                full = analyse(b.article)
            made[b.id] = replace(
                full, date=b.date, date_inferred=b.date_inferred, event=b.event, thread=b.thread
            )
        return [made.get(b.id, b) if isinstance(b, LeanBriefing) else b for b in briefings]

    def save(self, briefings: Iterable[Briefing]) -> None:
        self.save_encoded((b.article, encode_briefing(b)) for b in briefings)

    def save_encoded(self, analyses: Iterable[tuple[Article, str]]) -> None:
        """Analyses already encoded (by the worker process that made them), with their articles:
        one transaction."""
        rows = [(content_key(a), self._fingerprint, data) for a, data in analyses]
        self.cache_file.write(
            lambda db: db.executemany("INSERT OR REPLACE INTO analysis VALUES (?, ?, ?)", rows)
        )

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

        def read(db: sqlite3.Connection) -> str | None:
            row = db.execute("SELECT data FROM threading WHERE key = ?", (key,)).fetchone()
            if row is not None:
                db.execute("UPDATE threading SET used = ? WHERE key = ?", (time.time(), key))
            return row[0] if row else None

        data = self.cache_file.write(read)
        return decode_threads(data, briefings) if data is not None else None

    def save_threads(self, key: str, briefings: list[Briefing], threads: list[Thread]) -> None:
        data = encode_threads(briefings, threads)

        def write(db: sqlite3.Connection) -> None:
            db.execute(
                "INSERT OR REPLACE INTO threading VALUES (?, ?, ?)", (key, time.time(), data)
            )
            db.execute(
                "DELETE FROM threading WHERE key NOT IN "
                "(SELECT key FROM threading ORDER BY used DESC LIMIT ?)",
                (THREADINGS_KEPT,),
            )

        self.cache_file.write(write)

    # --- the list's rows, for the next start's first paint ---------------------------

    def keep_rows(self, key: str, signature: str, briefings: list[Briefing]) -> None:
        """Save the list's rows of corpus `key` unless they were saved from this input already."""
        if self.cache_file.read(lambda db: rows.signature_in(db, key)) != signature:
            self.cache_file.write(lambda db: rows.write_rows(db, key, signature, briefings))

    # --- reader state -------------------------------------------------------------

    def state(self) -> tuple[set[str], set[str]]:
        """(read ids, starred ids)."""
        rows = self.state_file.read(
            lambda db: db.execute("SELECT id, read, starred FROM state").fetchall()
        )
        return {i for i, r, _ in rows if r}, {i for i, _, s in rows if s}

    def set_read(self, article_id: str, read: bool = True) -> None:
        self._set(article_id, "read", read)

    def set_starred(self, article_id: str, starred: bool) -> None:
        self._set(article_id, "starred", starred)

    def set_read_many(self, article_ids: list[str], read: bool = True) -> None:
        """Mark many read (or unread) in one transaction: `M` on a long list."""

        def write(db: sqlite3.Connection) -> None:
            db.executemany(
                "INSERT OR IGNORE INTO state (id) VALUES (?)", [(i,) for i in article_ids]
            )
            db.executemany(
                "UPDATE state SET read = ? WHERE id = ?", [(int(read), i) for i in article_ids]
            )

        self.state_file.write(write)

    def _set(self, article_id: str, column: str, value: bool) -> None:
        def write(db: sqlite3.Connection) -> None:
            db.execute("INSERT OR IGNORE INTO state (id) VALUES (?)", (article_id,))
            db.execute(f"UPDATE state SET {column} = ? WHERE id = ?", (int(value), article_id))

        self.state_file.write(write)

    def saved_searches(self) -> list[tuple[str, str]]:
        return self.state_file.read(
            lambda db: db.execute(
                "SELECT name, query FROM saved_search ORDER BY position, name"
            ).fetchall()
        )

    def save_search(self, name: str, query: str) -> None:
        def write(db: sqlite3.Connection) -> None:
            position = db.execute(
                "SELECT COALESCE(MAX(position), 0) + 1 FROM saved_search"
            ).fetchone()[0]
            db.execute(
                "INSERT OR REPLACE INTO saved_search VALUES (?, ?, ?)", (name, query, position)
            )

        self.state_file.write(write)

    def delete_search(self, name: str) -> None:
        self.state_file.write(
            lambda db: db.execute("DELETE FROM saved_search WHERE name = ?", (name,))
        )
