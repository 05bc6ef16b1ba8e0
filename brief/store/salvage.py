"""Copying what can still be read out of a file brief cannot use as it is: a damaged one
(row by row, up to the first unreadable page) or an unwritable one (whole, into memory)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote


def copy_readable(path: Path, memory: sqlite3.Connection) -> None:
    """The file's content into `memory`, when it can be read at all (even with no -shm beside a
    WAL file in a read-only directory: then as an immutable snapshot)."""
    if not path.is_file():
        return
    for options in ("mode=ro", "mode=ro&immutable=1"):
        try:
            source = sqlite3.connect(f"file:{quote(str(path))}?{options}", uri=True)
            try:
                source.backup(memory)
                return
            finally:
                source.close()
        except sqlite3.Error:
            continue


def copy_rows(
    old: sqlite3.Connection,
    new: sqlite3.Connection,
    table: str,
    blank: tuple[str, ...] = (),
) -> int:
    """Copies what can be read of `table` from a damaged file, row by row until the first
    unreadable page; the columns both files have, those in `blank` left NULL. A row the new
    file refuses (a dangling reference) is skipped."""
    have = _columns(old, table)
    columns = [c for c in _columns(new, table) if c in have and c not in blank]
    if not columns:
        return 0
    names = ", ".join(f'"{c}"' for c in columns)
    insert = f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'
    copied = 0
    try:
        rows = old.execute(f'SELECT {names} FROM "{table}"')
    except sqlite3.DatabaseError:
        return 0
    while True:
        try:
            row = next(rows)
        except (StopIteration, sqlite3.DatabaseError):
            return copied  # at the end, or at the first unreadable page
        try:
            copied += new.execute(insert, row).rowcount
        except sqlite3.IntegrityError:
            continue


def _columns(db: sqlite3.Connection, table: str) -> list[str]:
    try:
        return [r[1] for r in db.execute(f'PRAGMA table_info("{table}")')]
    except sqlite3.DatabaseError:
        return []
