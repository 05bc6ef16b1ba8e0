"""The threading of each corpus the user opens, kept in the cache file so that a corpus that
grows is threaded only for its new articles.

Per corpus key (`brief.library.corpus_key`): the articles threaded, in the threader's
order, with a digest of each one's content; where each was placed (date, event, thread)
and the threads, which a load with nothing new reads back whole and a threading after a
change uses to keep ids; and the threader's state (`brief.threads.snapshot`). Numbers
are numpy arrays saved without pickle, strings are JSON: nothing here is code to run.
A part that cannot be read counts as absent, so the worst a damaged cache costs is a
full threading.
"""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import threading
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from brief.model import Article, Briefing, Event, Thread
from brief.threads.outcome import Previous
from brief.threads.snapshot import Snapshot

STATES_KEPT = 4  # corpora whose threading is kept: the few a user switches between
_UNREADABLE = (ValueError, KeyError, TypeError, IndexError, OSError, zlib.error, sqlite3.Error)
_NONE = b"\xff\xff\xff\xff"  # a missing field, unlike any length


def article_digest(article: Article) -> bytes:
    """12 bytes that change when anything the analysis reads of `article` changes."""
    digest = hashlib.blake2b(digest_size=12)
    fields = (article.id, article.text, article.title, article.date, article.source, article.url)
    for value in fields:
        if value is None:
            digest.update(_NONE)
        else:
            data = value.encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(4, "little"))
            digest.update(data)
    return digest.digest()


@dataclass(frozen=True)
class Saved:
    """Which articles a corpus's last threading had, and by which code."""

    fingerprint: str
    ids: list[str]  # in the threader's order
    digests: list[bytes]
    built: int  # articles at the last threading from scratch


def _json(value: object) -> bytes:
    return zlib.compress(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def _unjson(data: bytes) -> object:
    return json.loads(zlib.decompress(data))


def _arrays(arrays: dict[str, np.ndarray]) -> bytes:
    out = io.BytesIO()
    np.savez(out, **arrays)
    return zlib.compress(out.getvalue(), 1)


def _unarrays(data: bytes) -> dict[str, np.ndarray]:
    with np.load(io.BytesIO(zlib.decompress(data)), allow_pickle=False) as saved:
        return {name: saved[name] for name in saved.files}


def _placed(briefings: Sequence[Briefing], threads: Sequence[Thread]) -> object:
    return {
        "b": {b.id: [b.date, b.date_inferred, b.event, b.thread] for b in briefings},
        "t": [
            [
                t.id,
                t.title,
                t.articles,
                t.entities,
                [[e.id, e.date, e.title, e.articles] for e in t.events],
            ]
            for t in threads
        ],
    }


def _previous(data: object) -> Previous:
    assert isinstance(data, dict)
    threads = {
        tid: Thread(
            id=tid,
            title=title,
            articles=tuple(articles),
            entities=tuple(entities),
            events=tuple(Event(e[0], e[1], e[2], tuple(e[3])) for e in events),
        )
        for tid, title, articles, entities, events in data["t"]
    }
    placed = {i: (p[0], bool(p[1]), p[2], p[3]) for i, p in data["b"].items()}
    return Previous(placed, threads)


class ThreadingStates:
    """The `threader` tables of the cache file."""

    def __init__(self, connect: Callable[[], sqlite3.Connection], lock: threading.Lock) -> None:
        self._connect = connect
        self._lock = lock
        with self._connect() as db:
            db.executescript(
                """
                CREATE TABLE IF NOT EXISTS threader (key TEXT PRIMARY KEY, used REAL,
                    fingerprint TEXT, built INTEGER, ids BLOB, digests BLOB);
                CREATE TABLE IF NOT EXISTS threader_part
                    (key TEXT, part TEXT, data BLOB, PRIMARY KEY (key, part));
                """
            )

    def clear(self, db: sqlite3.Connection) -> None:
        db.execute("DELETE FROM threader")
        db.execute("DELETE FROM threader_part")

    def saved(self, key: str) -> Saved | None:
        try:
            with self._connect() as db:
                row = db.execute(
                    "SELECT fingerprint, built, ids, digests FROM threader WHERE key = ?", (key,)
                ).fetchone()
                if row is None:
                    return None
                db.execute("UPDATE threader SET used = ? WHERE key = ?", (time.time(), key))
            fingerprint, built, ids, digests = row
            ids = _unjson(ids)
            digests = [digests[i : i + 12] for i in range(0, len(digests), 12)]
            if not isinstance(ids, list) or len(ids) != len(digests):
                return None
            return Saved(fingerprint, ids, digests, int(built))
        except _UNREADABLE:
            return None

    def _part(self, key: str, part: str) -> bytes | None:
        with self._connect() as db:
            row = db.execute(
                "SELECT data FROM threader_part WHERE key = ? AND part = ?", (key, part)
            ).fetchone()
        return None if row is None else row[0]

    def previous(self, key: str) -> Previous | None:
        """Where the last threading placed each article, and its threads."""
        try:
            data = self._part(key, "placed")
            return None if data is None else _previous(_unjson(data))
        except (*_UNREADABLE, AssertionError):
            return None

    def snapshot(self, key: str) -> Snapshot | None:
        try:
            arrays, lists = self._part(key, "arrays"), self._part(key, "lists")
            if arrays is None or lists is None:
                return None
            strings = _unjson(lists)
            assert isinstance(strings, dict)
            return Snapshot(_unarrays(arrays), strings)
        except (*_UNREADABLE, AssertionError):
            return None

    def save(
        self,
        key: str,
        saved: Saved,
        briefings: Sequence[Briefing],
        threads: Sequence[Thread],
        snapshot: Snapshot | None,
    ) -> None:
        """Replaces what is kept for `key`; the least recently used corpora beyond
        STATES_KEPT are forgotten."""
        parts = [("placed", _json(_placed(briefings, threads)))]
        if snapshot is not None:
            parts += [("arrays", _arrays(snapshot.arrays)), ("lists", _json(snapshot.lists))]
        ids, digests = _json(saved.ids), b"".join(saved.digests)
        row = (key, time.time(), saved.fingerprint, saved.built, ids, digests)
        with self._lock, self._connect() as db:
            db.execute("DELETE FROM threader_part WHERE key = ?", (key,))
            db.execute("INSERT OR REPLACE INTO threader VALUES (?, ?, ?, ?, ?, ?)", row)
            db.executemany(
                "INSERT INTO threader_part VALUES (?, ?, ?)", [(key, p, d) for p, d in parts]
            )
            stale = "(SELECT key FROM threader ORDER BY used DESC LIMIT -1 OFFSET ?)"
            db.execute(f"DELETE FROM threader_part WHERE key IN {stale}", (STATES_KEPT,))
            db.execute(f"DELETE FROM threader WHERE key IN {stale}", (STATES_KEPT,))
