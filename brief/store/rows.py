"""The list as it was last built, one SQLite row per briefing, for painting before anything loads.

A start on the same input (the same files, unchanged; the same library; the same code) pages
these rows straight from the cache file: no reading of articles, no analysis, no threading, and
no `Briefing` objects for rows nobody looks at. The full corpus loads behind them.

Imports nothing heavy: this runs on the reader's UI thread before its first paint.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from brief.model import Briefing, Entity, Row

PAGE = 256  # rows read from SQLite at a time
CHIPS = 4  # entities kept per row: what a card shows
VIEWS_KEPT = 4  # corpora whose rows are kept: the few a user switches between

SCHEMA = """
CREATE TABLE IF NOT EXISTS view (key TEXT PRIMARY KEY, signature TEXT, rows INTEGER, used REAL);
CREATE TABLE IF NOT EXISTS view_row (
    key TEXT, position INTEGER, id TEXT, headline TEXT, summary TEXT, date TEXT,
    inferred INTEGER, source TEXT, entities TEXT, thread TEXT, event TEXT,
    PRIMARY KEY (key, position)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS view_row_thread ON view_row (key, thread);
"""


def _chips(b: Briefing) -> str:
    top = sorted(b.entities, key=lambda e: (-e.count, e.name))[:CHIPS]
    return json.dumps([[e.name, e.type, e.count] for e in top], ensure_ascii=False)


def signature_in(db: sqlite3.Connection, key: str) -> str | None:
    """The signature the rows of `key` were saved under, if any."""
    try:
        row = db.execute("SELECT signature FROM view WHERE key = ?", (key,)).fetchone()
    except sqlite3.OperationalError:  # no view table yet
        return None
    return row[0] if row else None


def write_rows(
    db: sqlite3.Connection, key: str, signature: str, briefings: Sequence[Briefing]
) -> None:
    """Keep `briefings` (in display order) as the rows of `key`, built from input `signature`,
    inside the caller's transaction on the cache file."""
    for statement in SCHEMA.split(";"):  # (executescript would commit the transaction)
        if statement.strip():
            db.execute(statement)
    rows = [
        (
            key,
            n,
            b.id,
            b.headline,
            b.summary,
            b.date,
            int(b.date_inferred),
            b.source,
            _chips(b),
            b.thread,
            b.event,
        )
        for n, b in enumerate(briefings)
    ]
    db.execute("DELETE FROM view_row WHERE key = ?", (key,))
    db.executemany("INSERT INTO view_row VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    db.execute(
        "INSERT OR REPLACE INTO view VALUES (?, ?, ?, ?)",
        (key, signature, len(rows), time.time()),
    )
    stale = db.execute(
        "SELECT key FROM view ORDER BY used DESC LIMIT -1 OFFSET ?", (VIEWS_KEPT,)
    ).fetchall()
    for (old,) in stale:
        db.execute("DELETE FROM view_row WHERE key = ?", (old,))
        db.execute("DELETE FROM view WHERE key = ?", (old,))


class StoredRows(Sequence[Row]):
    """The rows of one corpus, read from SQLite a page at a time as the list asks for them."""

    def __init__(self, path: Path, key: str, count: int) -> None:
        self._db = sqlite3.connect(path, timeout=10, check_same_thread=False)
        self._key = key
        self._count = count
        self._page = lru_cache(maxsize=64)(self._read_page)
        self.thread_sizes = _ThreadSizes(self._db, key)

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        return self._page(index // PAGE)[index % PAGE]

    def _read_page(self, page: int) -> list[Row]:
        cursor = self._db.execute(
            "SELECT id, headline, summary, date, inferred, source, entities, thread, event "
            "FROM view_row WHERE key = ? AND position >= ? AND position < ? ORDER BY position",
            (self._key, page * PAGE, (page + 1) * PAGE),
        )
        return [
            Row(
                id=i,
                headline=h,
                summary=s,
                date=d,
                date_inferred=bool(inf),
                source=src,
                entities=tuple(Entity(n, t, c) for n, t, c in json.loads(ents)),
                thread=thread,
                event=event,
            )
            for i, h, s, d, inf, src, ents, thread, event in cursor
        ]

    def close(self) -> None:
        self._db.close()


class _ThreadSizes(Mapping[str, int]):
    """Stories per thread id, counted in SQLite when a card asks (only visible cards do)."""

    def __init__(self, db: sqlite3.Connection, key: str) -> None:
        self._db = db
        self._key = key
        self._sizes: dict[str, int] = {}

    def __getitem__(self, thread: str) -> int:
        if thread not in self._sizes:
            self._sizes[thread] = self._db.execute(
                "SELECT count(*) FROM view_row WHERE key = ? AND thread = ?", (self._key, thread)
            ).fetchone()[0]
        return self._sizes[thread]

    def __iter__(self) -> Iterator[str]:
        return iter(self._sizes)

    def __len__(self) -> int:
        return len(self._sizes)


def stored_rows(path: Path, key: str, signature: str) -> StoredRows | None:
    """The rows saved for `key` from input with this `signature`; None when there are none, or
    when they were built from other input (then the reader paints after loading)."""
    if not path.exists():
        return None
    try:
        with sqlite3.connect(path, timeout=10) as db:
            row = db.execute("SELECT signature, rows FROM view WHERE key = ?", (key,)).fetchone()
            if row is None or row[0] != signature:
                return None
            db.execute("UPDATE view SET used = ? WHERE key = ?", (time.time(), key))
    except sqlite3.Error:
        return None  # no view table, a locked or damaged file: load the slow way
    return StoredRows(path, key, row[1])


def library_signature(library_path: Path) -> str | None:
    """What the followed sources' articles are now (how many, the newest, the last edit); None
    when the library follows no source, since brief then reads the bundled seeds."""
    if not library_path.exists():
        return None
    try:
        with sqlite3.connect(f"file:{library_path}?mode=ro", uri=True, timeout=10) as db:
            if not db.execute("SELECT count(*) FROM source").fetchone()[0]:
                return None
            row = db.execute(
                "SELECT count(*), max(seq), max(updated), total(rowid) FROM article"
            ).fetchone()
    except sqlite3.Error:
        return None
    return "library:" + json.dumps(row)


def reader_state(state_path: Path) -> tuple[set[str], set[str]]:
    """(read ids, starred ids), for painting the rows' markers; empty when there is no state yet."""
    if not state_path.exists():
        return set(), set()
    try:
        with sqlite3.connect(f"file:{state_path}?mode=ro", uri=True, timeout=10) as db:
            rows = db.execute("SELECT id, read, starred FROM state").fetchall()
    except sqlite3.Error:
        return set(), set()
    return {i for i, r, _ in rows if r}, {i for i, _, s in rows if s}
