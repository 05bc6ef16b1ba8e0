"""The library: followed sources, their fetch state, and the articles they gave.

One SQLite file in the user data directory (it is the user's data, not a cache),
in WAL mode so the reader can read while a refresh writes. The schema is versioned
with `PRAGMA user_version`; `MIGRATIONS[n]` takes a database from version n to n+1,
so later issues (analyses, thread assignments) add tables by adding a step. A damaged
file is moved aside and its sources (and what articles can be read) copied into a fresh
one; see store/files.py.

As in lemon24/reader: a source row holds its caching info (ETag, Last-Modified) and
its last error, so a failure stays with its own source; articles are keyed by
(source, item id), where the item id is the feed's GUID, else its link, and carry
a hash of their content, so an item seen again is not new and an edited one is
updated in place (keeping its article id, and with it read and starred state).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from brief.model import Article
from brief.store.files import DbFile, Layout, NewerSchema, run_script, stepwise
from brief.store.salvage import copy_rows

LIBRARY_VERSION = 1


def _create_v1(db: sqlite3.Connection) -> None:
    run_script(
        db,
        """
        CREATE TABLE source (
            id INTEGER PRIMARY KEY,
            location TEXT NOT NULL UNIQUE,      -- http(s) URL, or an absolute local path
            kind TEXT NOT NULL,                 -- 'feed' | 'page' | 'path'
            title TEXT,
            fetch_pages INTEGER NOT NULL DEFAULT 0,  -- fetch linked pages for teaser-only items
            added TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            last_fetch TEXT,                    -- last attempt (UTC ISO)
            last_success TEXT,
            last_error TEXT,                    -- NULL after a successful fetch
            failures INTEGER NOT NULL DEFAULT 0,
            next_due TEXT
        );
        CREATE TABLE article (
            source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
            item_id TEXT NOT NULL,              -- feed GUID, else link, else a content hash
            id TEXT NOT NULL,                   -- the article id brief shows, stable across edits
            title TEXT,
            date TEXT,
            author TEXT,
            url TEXT,
            source_name TEXT,
            path TEXT,
            text TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            updated TEXT NOT NULL,
            seq INTEGER NOT NULL,               -- order first seen, for a stable listing
            PRIMARY KEY (source_id, item_id)
        );
        CREATE INDEX article_by_id ON article (id);
        CREATE INDEX article_by_url ON article (source_id, url);
        """,
    )


# MIGRATIONS[n] moves a library from user_version n to n + 1.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {0: _create_v1}

NewerLibrary = NewerSchema  # the name it had before every file was versioned


def _salvage(old: sqlite3.Connection, new: sqlite3.Connection) -> str:
    # validators dropped: the next refresh fetches every source whole, and so brings back
    # the articles of unreadable pages that the feeds still carry
    sources = copy_rows(old, new, "source", blank=("etag", "last_modified"))
    articles = copy_rows(old, new, "article")
    if not sources:
        return ""
    return f"read back {sources} sources and {articles} articles; brief refresh fetches the rest"


LIBRARY = Layout(
    name="library",
    application_id=0x6272666C,  # "brfl"
    version=LIBRARY_VERSION,
    tables={"source": ("id", "location"), "article": ("source_id", "item_id", "text")},
    migrate=stepwise(MIGRATIONS),
    memory_note="the library is kept in memory for this session: sources added now are not kept",
    lost="followed sources and their articles",
    salvage=_salvage,
    pragmas=("PRAGMA foreign_keys=ON",),
    timeout=30.0,
)


@dataclass(frozen=True)
class SourceRow:
    location: str
    kind: str
    title: str | None
    articles: int
    added: str
    last_fetch: str | None
    last_success: str | None
    last_error: str | None
    etag: str | None
    last_modified: str | None
    next_due: str | None
    fetch_pages: bool


@dataclass(frozen=True)
class Stored:
    new: int = 0
    updated: int = 0
    unchanged: int = 0


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def content_hash(article: Article) -> str:
    fields = (
        article.title,
        article.text,
        article.date,
        article.url,
        article.author,
        article.source,
    )
    return hashlib.blake2b(json.dumps(fields).encode(), digest_size=16).hexdigest()


def _due(failures: int) -> str:
    hours = 1 if failures == 0 else min(24, 2 ** (failures - 1))  # back off while it fails
    return (datetime.now(UTC) + timedelta(hours=hours)).replace(microsecond=0).isoformat()


class LibraryDB:
    def __init__(self, path: Path, warnings: list[str] | None = None) -> None:
        self.path = path
        self.file = DbFile(path, LIBRARY, warnings)

    @property
    def in_memory(self) -> bool:
        return self.file.in_memory

    def _write(self, work: Callable[[sqlite3.Connection], object]) -> object:
        return self.file.write(work)

    def _read(self, sql: str, args: tuple = ()) -> list[tuple]:
        return self.file.read(lambda db: db.execute(sql, args).fetchall())

    # --- sources ------------------------------------------------------------------

    def add_source(
        self, location: str, kind: str, title: str | None = None, fetch_pages: bool = False
    ) -> bool:
        """Remember a source; False when it was already there (its kind and title are updated)."""

        def work(db: sqlite3.Connection) -> bool:
            found = db.execute("SELECT id FROM source WHERE location = ?", (location,)).fetchone()
            if found:
                db.execute(
                    "UPDATE source SET kind = ?, title = COALESCE(?, title),"
                    " fetch_pages = MAX(fetch_pages, ?) WHERE id = ?",
                    (kind, title, int(fetch_pages), found[0]),
                )
                return False
            db.execute(
                "INSERT INTO source (location, kind, title, fetch_pages, added) VALUES (?,?,?,?,?)",
                (location, kind, title, int(fetch_pages), now()),
            )
            return True

        return bool(self._write(work))

    def remove_source(self, location: str) -> bool:
        def work(db: sqlite3.Connection) -> bool:
            return db.execute("DELETE FROM source WHERE location = ?", (location,)).rowcount > 0

        return bool(self._write(work))

    def sources(self) -> list[SourceRow]:
        rows = self._read(
            """
            SELECT s.location, s.kind, s.title,
                   (SELECT COUNT(*) FROM article a WHERE a.source_id = s.id),
                   s.added, s.last_fetch, s.last_success, s.last_error, s.etag,
                   s.last_modified, s.next_due, s.fetch_pages
            FROM source s ORDER BY s.id
            """
        )
        return [SourceRow(*r[:11], bool(r[11])) for r in rows]

    def has_sources(self) -> bool:
        return bool(self._read("SELECT 1 FROM source LIMIT 1"))

    def record_failure(self, location: str, error: str) -> None:
        def work(db: sqlite3.Connection) -> None:
            failures = db.execute(
                "SELECT failures FROM source WHERE location = ?", (location,)
            ).fetchone()
            count = (failures[0] if failures else 0) + 1
            db.execute(
                "UPDATE source SET last_fetch = ?, last_error = ?, failures = ?, next_due = ?"
                " WHERE location = ?",
                (now(), error, count, _due(count), location),
            )

        self._write(work)

    def record_success(
        self,
        location: str,
        *,
        title: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        articles: Iterable[tuple[str, Article]] | None = None,
    ) -> Stored:
        """A fetch that worked: new caching info, and the items it gave (None for a 304)."""
        items = list(articles) if articles is not None else None

        def work(db: sqlite3.Connection) -> Stored:
            row = db.execute("SELECT id FROM source WHERE location = ?", (location,)).fetchone()
            if row is None:
                return Stored()
            stamp = now()
            db.execute(
                "UPDATE source SET last_fetch = ?, last_success = ?, last_error = NULL,"
                " failures = 0, next_due = ?, title = COALESCE(?, title),"
                " etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified)"
                " WHERE id = ?",
                (stamp, stamp, _due(0), title, etag, last_modified, row[0]),
            )
            return _store_items(db, row[0], items or [], stamp)

        return self._write(work)  # type: ignore[return-value]

    # --- articles -----------------------------------------------------------------

    def item_ids(self, location: str) -> set[str]:
        rows = self._read(
            "SELECT a.item_id FROM article a JOIN source s ON s.id = a.source_id"
            " WHERE s.location = ?",
            (location,),
        )
        return {r[0] for r in rows}

    def articles(self) -> list[Article]:
        rows = self._read(
            "SELECT id, text, title, date, source_name, url, path, author FROM article ORDER BY seq"
        )
        return [Article(*r) for r in rows]


def _store_items(
    db: sqlite3.Connection, source_id: int, items: list[tuple[str, Article]], stamp: str
) -> Stored:
    new = updated = unchanged = 0
    seq = db.execute("SELECT COALESCE(MAX(seq), 0) FROM article").fetchone()[0]
    for item_id, a in items:
        digest = content_hash(a)
        found = db.execute(
            "SELECT item_id, content_hash FROM article WHERE source_id = ? AND item_id = ?",
            (source_id, item_id),
        ).fetchone()
        if found is None and a.url:  # the same link under a new GUID is the same item
            found = db.execute(
                "SELECT item_id, content_hash FROM article WHERE source_id = ? AND url = ?",
                (source_id, a.url),
            ).fetchone()
        if found is None:
            seq += 1
            db.execute(
                "INSERT INTO article (source_id, item_id, id, title, date, author, url,"
                " source_name, path, text, content_hash, first_seen, updated, seq)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (source_id, item_id, a.id, a.title, a.date, a.author, a.url, a.source,
                 a.path, a.text, digest, stamp, stamp, seq),
            )  # fmt: skip
            new += 1
        elif found[1] != digest:
            db.execute(
                "UPDATE article SET title = ?, date = ?, author = ?, url = ?, source_name = ?,"
                " path = ?, text = ?, content_hash = ?, updated = ?"
                " WHERE source_id = ? AND item_id = ?",
                (a.title, a.date, a.author, a.url, a.source, a.path, a.text, digest, stamp,
                 source_id, found[0]),
            )  # fmt: skip
            updated += 1
        else:
            unchanged += 1
    return Stored(new, updated, unchanged)
