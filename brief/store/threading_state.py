"""The threading of each corpus the user opens, kept in the cache file so that a corpus that
grows is threaded only for its new articles.

Per corpus key (`brief.library.corpus_key`): the articles threaded, in the threader's
order, with a digest of each one's content; where each was placed (date, event, thread)
and the threads, which a load with nothing new reads back whole and a threading after a
change uses to keep ids; and the threader's state (`brief.threads.state`). Numbers
are numpy arrays saved without pickle, strings are JSON: nothing here is code to run.
A part that cannot be read counts as absent, so the worst a damaged cache costs is a
full threading.
"""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import sys
import time
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from brief.model import Article, Briefing, Event, Thread
from brief.store.files import DbFile
from brief.threads.outcome import Previous
from brief.threads.state import GROWING, Snapshot

STATES_KEPT = 4  # corpora whose threading is kept: the few a user switches between
MAX_CHUNKS = 16  # additions kept apart before a corpus's state is written afresh as one
_LIST = "list:"  # names the lists of strings among a chunk's arrays
_UNREADABLE = (ValueError, KeyError, TypeError, IndexError, OSError, zlib.error, sqlite3.Error)


def article_digest(article: Article) -> bytes:
    """12 bytes that change when anything the analysis reads of `article` changes.

    The text, the long part, counts by its length and two checksums (CRC-32, Adler-32):
    hashing it whole cost a second at 100,000 articles, at every load."""
    text = article.text.encode("utf-8", "surrogatepass")
    fields = (article.id, article.title, article.date, article.source, article.url)
    checks = (len(text), zlib.crc32(text), zlib.adler32(text))
    return hashlib.blake2b(repr((fields, checks)).encode(), digest_size=12).digest()


@dataclass(frozen=True)
class Saved:
    """Which articles a corpus's last threading had, and by which code."""

    fingerprint: str
    ids: list[str]  # in the threader's order
    digests: list[bytes]
    built: int  # articles at the last threading from scratch
    version: int = 0  # of what is kept: a save that grows it says which version it grew


def _json(value: object) -> bytes:
    return zlib.compress(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def _unjson(data: bytes) -> object:
    return json.loads(zlib.decompress(data))


def _pack(arrays: dict[str, np.ndarray], lists: dict[str, list]) -> bytes:
    """Arrays and lists of strings as one .npz (the lists as UTF-8 JSON bytes). Numbers that
    are not whole (weights) hardly compress and are stored as they are: inflating them would
    cost more at every load than their room on disk."""
    items = dict(arrays)
    for name, values in lists.items():
        text = json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode()
        items[_LIST + name] = np.frombuffer(text, np.uint8)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", allowZip64=True) as z:
        for name, values in items.items():
            member = io.BytesIO()
            np.lib.format.write_array(member, np.ascontiguousarray(values), allow_pickle=False)
            whole = values.dtype.kind in "iub"
            method = zipfile.ZIP_DEFLATED if whole else zipfile.ZIP_STORED
            z.writestr(name + ".npy", member.getvalue(), compress_type=method, compresslevel=1)
    return out.getvalue()


def _unpack(data: bytes) -> tuple[dict[str, np.ndarray], dict[str, list]]:
    arrays, lists = {}, {}
    with np.load(io.BytesIO(data), allow_pickle=False) as saved:
        for name in saved.files:
            if name.startswith(_LIST):
                lists[name[len(_LIST) :]] = json.loads(saved[name].tobytes())
            else:
                arrays[name] = saved[name]
    return arrays, lists


def _joined(chunks: list[tuple[dict, dict]]) -> tuple[dict[str, np.ndarray], dict[str, list]]:
    """Chunks saved one after another, each array and list joined end to end."""
    arrays: dict[str, list[np.ndarray]] = {}
    lists: dict[str, list] = {}
    for chunk_arrays, chunk_lists in chunks:
        for name, values in chunk_arrays.items():
            arrays.setdefault(name, []).append(values)
        for name, items in chunk_lists.items():
            lists.setdefault(name, []).extend(items)
    joined = {n: v[0] if len(v) == 1 else np.concatenate(v) for n, v in arrays.items()}
    return joined, lists


def _placed(ids: list[str], briefings: Sequence[Briefing], threads: Sequence[Thread]) -> object:
    """Where each article was placed, in the order of `ids`, and the threads, their articles
    named by their place in `ids` (a third of the room, and quicker to read)."""
    at = {i: n for n, i in enumerate(ids)}
    by_id = {b.article.id: b for b in briefings}
    rows = [(b.date, b.date_inferred, b.event, b.thread) for b in map(by_id.__getitem__, ids)]
    return {
        "b": rows,
        "t": [
            [
                t.id,
                t.title,
                [at[a] for a in t.articles],
                t.entities,
                [[e.id, e.date, e.title, [at[a] for a in e.articles]] for e in t.events],
            ]
            for t in threads
        ],
    }


def _previous(data: object, ids: list[str]) -> Previous:
    assert isinstance(data, dict) and len(data["b"]) == len(ids)
    threads = {
        tid: Thread(
            tid,
            title,
            tuple(map(ids.__getitem__, articles)),
            tuple(entities),
            tuple(Event(e[0], e[1], e[2], tuple(map(ids.__getitem__, e[3]))) for e in events),
        )
        for tid, title, articles, entities, events in data["t"]
    }
    # interned: an id is one string however many articles its event or thread has
    intern = sys.intern
    placed = {i: (p[0], bool(p[1]), intern(p[2]), intern(p[3])) for i, p in zip(ids, data["b"])}
    return Previous(placed, threads)


SCHEMA = """
CREATE TABLE IF NOT EXISTS threader_state (key TEXT PRIMARY KEY, used REAL, fingerprint TEXT,
    built INTEGER, version INTEGER, lengths TEXT);
CREATE TABLE IF NOT EXISTS threader_chunk (key TEXT, part TEXT, seq INTEGER, data BLOB,
    PRIMARY KEY (key, part, seq))
"""


class ThreadingStates:
    """The `threader_state` and `threader_chunk` tables of the cache file (made on first use).

    A corpus's arrays that only grow (see `brief.threads.state.GROWING`) and its lists are
    saved in chunks, each holding what was added since the one before, so that adding a
    few articles to a large corpus writes little; the rest is replaced at each save. A save
    appends only to the version it grew from (another process may have saved since), and
    past MAX_CHUNKS writes everything afresh as one chunk."""

    def __init__(self, file: DbFile) -> None:
        self._file = file

    def _read(self, key: str, *parts: str) -> tuple[tuple | None, dict[str, list[bytes]]]:
        """The corpus's row and the chunks of `parts`, as of one moment (one read transaction:
        another process may be saving)."""

        def read(db: sqlite3.Connection) -> tuple[tuple | None, dict[str, list[bytes]]]:
            try:
                row = db.execute(
                    "SELECT fingerprint, built, version, lengths FROM threader_state WHERE key = ?",
                    (key,),
                ).fetchone()
            except sqlite3.OperationalError:  # no tables yet: nothing kept
                return None, {}
            query = "SELECT data FROM threader_chunk WHERE key = ? AND part = ? ORDER BY seq"
            return row, {part: [r[0] for r in db.execute(query, (key, part))] for part in parts}

        return self._file.read(read)

    def saved(self, key: str) -> Saved | None:
        try:
            row, chunks = self._read(key, "ids")
            if row is None:
                return None
            self._file.write(
                lambda db: db.execute(
                    "UPDATE threader_state SET used = ? WHERE key = ?", (time.time(), key)
                )
            )
            arrays, lists = _joined([_unpack(c) for c in chunks["ids"]])
            ids, digests = lists["ids"], arrays["digests"].tobytes()
            if len(digests) != 12 * len(ids):
                return None
            cut = [digests[i : i + 12] for i in range(0, len(digests), 12)]
            return Saved(row[0], ids, cut, int(row[1]), int(row[2]))
        except _UNREADABLE:
            return None

    def previous(self, key: str, saved: Saved) -> Previous | None:
        """Where the threading `saved` describes placed each article, and its threads."""
        try:
            row, chunks = self._read(key, "placed")
            if row is None or row[2] != saved.version or not chunks["placed"]:
                return None
            return _previous(_unjson(chunks["placed"][0]), saved.ids)
        except (*_UNREADABLE, AssertionError):
            return None

    def snapshot(self, key: str, saved: Saved) -> Snapshot | None:
        """The threader's state `saved` describes, or None when it is missing, has been
        replaced since, or does not add up."""
        try:
            row, chunks = self._read(key, "fixed", "grown")
            if row is None or row[2] != saved.version or not chunks["fixed"]:
                return None
            arrays, lists = _joined([_unpack(c) for c in chunks["grown"]])
            lists["ids"] = saved.ids
            lengths = json.loads(row[3])
            for name, length in lengths.items():
                if len(arrays[name] if name in arrays else lists[name]) != length:
                    return None
            return Snapshot(arrays | _unpack(chunks["fixed"][0])[0], lists)
        except _UNREADABLE:
            return None

    def save(
        self,
        key: str,
        saved: Saved,
        briefings: Sequence[Briefing],
        threads: Sequence[Thread],
        snapshot: Snapshot,
        grew: int | None = None,
    ) -> None:
        """Keeps the threading of `key`: appended to what was kept when that is the version
        `grew` from, else in place of it. `saved.ids` are the snapshot's, with their digests.
        The least recently used corpora beyond STATES_KEPT are forgotten."""
        if saved.ids != snapshot.ids or len(saved.digests) != len(saved.ids):
            raise ValueError("the articles saved are not those of the snapshot")
        placed = _json(_placed(saved.ids, briefings, threads))
        growing = {n: a for n, a in snapshot.arrays.items() if n in GROWING}
        fixed = _pack({n: a for n, a in snapshot.arrays.items() if n not in GROWING}, {})
        digests = np.frombuffer(b"".join(saved.digests), np.uint8)
        lists = {n: v for n, v in snapshot.lists.items() if n != "ids"}  # kept apart, below
        lengths = {n: len(a) for n, a in growing.items()} | {n: len(v) for n, v in lists.items()}

        def write(db: sqlite3.Connection) -> None:
            for statement in SCHEMA.split(";"):  # (executescript would commit the transaction)
                db.execute(statement)
            row = db.execute(
                "SELECT version, lengths FROM threader_state WHERE key = ?", (key,)
            ).fetchone()
            seq = db.execute(
                "SELECT COUNT(*) FROM threader_chunk WHERE key = ? AND part = 'grown'", (key,)
            ).fetchone()[0]
            if row is None or grew is None or row[0] != grew or seq >= MAX_CHUNKS:
                db.execute("DELETE FROM threader_chunk WHERE key = ?", (key,))
                had, seq = {}, 0
            else:
                had = json.loads(row[1])
            grown = _pack(
                {n: a[had.get(n, 0) :] for n, a in growing.items()},
                {n: v[had.get(n, 0) :] for n, v in lists.items()},
            )
            start = had.get("ids", 0)
            new_ids = _pack({"digests": digests[12 * start :]}, {"ids": saved.ids[start:]})
            version = (row[0] if row is not None else 0) + 1
            db.executemany(
                "INSERT OR REPLACE INTO threader_chunk VALUES (?, ?, ?, ?)",
                [
                    (key, "grown", seq, grown),
                    (key, "ids", seq, new_ids),
                    (key, "fixed", 0, fixed),
                    (key, "placed", 0, placed),
                ],
            )
            db.execute(
                "INSERT OR REPLACE INTO threader_state VALUES (?, ?, ?, ?, ?, ?)",
                (
                    key,
                    time.time(),
                    saved.fingerprint,
                    saved.built,
                    version,
                    json.dumps(lengths | {"ids": len(saved.ids)}),
                ),
            )
            stale = "(SELECT key FROM threader_state ORDER BY used DESC LIMIT -1 OFFSET ?)"
            db.execute(f"DELETE FROM threader_chunk WHERE key IN {stale}", (STATES_KEPT,))
            db.execute(f"DELETE FROM threader_state WHERE key IN {stale}", (STATES_KEPT,))

        self._file.write(write)
