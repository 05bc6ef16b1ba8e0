"""brief's SQLite files, opened so that a bad file never stops brief and never loses data.

Each of the three files (the cache, the reader's state, the library) is a `DbFile` with a
`Layout`: what it holds, its `PRAGMA application_id`, its schema version and how to reach it.

- Not SQLite, another program's database, or a brief file of another kind: moved aside as
  `<name>.corrupt-<UTC time>` (never deleted), a one-line warning, and a fresh file.
- Damaged (SQLITE_CORRUPT while in use, confirmed by `PRAGMA integrity_check`): moved aside the
  same way; what can still be read from it is copied into the fresh file (`Layout.salvage`).
- Written by a newer brief: `NewerSchema`, and nothing is touched. Older: migrated.
- Cannot be written (a read-only directory, a full disk), at opening or later: kept in memory
  for the session, with the file's rows copied in when it can be read, and a warning.

Opening checks only what is cheap: the header, the application id, the version and the table
names (well under a millisecond). A damaged page shows when a query reads it, and only then is
the whole file checked; `PRAGMA quick_check` at every start would cost about 30 ms for each
16 MB file (10,000 articles), ten times that at 100,000.

Warnings are plain strings appended to a list the caller shares (`Store.warnings`).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from brief.store.salvage import copy_readable

T = TypeVar("T")

BROKEN = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
UNWRITABLE = {
    sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_PERM,
}
# The file went away or was replaced while brief ran (deleting the cache is always allowed):
# set it up again and retry.
REOPEN = {sqlite3.SQLITE_ERROR, sqlite3.SQLITE_CANTOPEN}


class NewerSchema(Exception):
    """A file was written by a newer brief: refused, and left as it is."""


def user_version(db: sqlite3.Connection) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def set_user_version(db: sqlite3.Connection, version: int) -> None:
    db.execute(f"PRAGMA user_version = {int(version)}")


@dataclass(frozen=True)
class Layout:
    """What one of brief's files holds and how to bring it to the current schema."""

    name: str  # in warnings: "cache", "reading state", "library"
    application_id: int  # stamped on every file brief sets up, so a foreign file is known
    version: int
    # Tables (and columns) by which a file of an older brief, before application ids, is known.
    tables: dict[str, tuple[str, ...]]
    # From the version found (0: a new file) to `version`, inside the caller's transaction.
    migrate: Callable[[sqlite3.Connection, int], None]
    memory_note: str  # what running in memory means for the user
    lost: str = ""  # what a user loses with the file ("" for a cache: rebuilt from the sources)
    # Copies what can still be read from a damaged file (old, new) and says what it kept.
    salvage: Callable[[sqlite3.Connection, sqlite3.Connection], str] | None = None
    get_version: Callable[[sqlite3.Connection], int] = user_version
    set_version: Callable[[sqlite3.Connection, int], None] = set_user_version
    pragmas: tuple[str, ...] = ()  # run on every connection
    timeout: float = 10.0  # seconds a connection waits for another process's write


@dataclass
class _Found:
    application_id: int
    tables: set[str]
    foreign: str | None = None  # why the file is not one of ours
    version: int = 0


def _code(exc: sqlite3.Error) -> int:
    return (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF


def _reason(exc: BaseException, directory: Path) -> str:
    """Why a file cannot be written, in the system's words when SQLite's are vague."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    try:
        disk = os.statvfs(directory)
        if disk.f_flag & os.ST_RDONLY:
            return "read-only file system"
        if not disk.f_bavail or not disk.f_bfree:
            return "no space left on device"  # SQLite says "disk I/O error" when -shm cannot grow
    except OSError:
        pass
    return str(exc) or type(exc).__name__


class DbFile:
    """One SQLite file: `read(work)` and `write(work)` run `work(connection)` in a transaction
    (a write: BEGIN IMMEDIATE, committed at the end), recovering once from a damaged or
    unwritable file. A new connection each call, so any thread may use it; in memory, one
    connection behind a lock."""

    def __init__(self, path: Path, layout: Layout, warnings: list[str] | None = None) -> None:
        self.path = path
        self.layout = layout
        self.warnings = warnings if warnings is not None else []
        self._lock = threading.RLock()  # one writer at a time here; every call when in memory
        self._memory: sqlite3.Connection | None = None
        self._open()

    @property
    def in_memory(self) -> bool:
        return self._memory is not None

    def read(self, work: Callable[[sqlite3.Connection], T]) -> T:
        return self._run(work, write=False)

    def write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        return self._run(work, write=True)

    # --- opening ------------------------------------------------------------------

    def _open(self) -> None:
        seen = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            seen = _inode(self.path)
            problem = self._prepare()
        except sqlite3.DatabaseError as exc:
            if _code(exc) in UNWRITABLE:
                self._to_memory(exc)
                return
            if _code(exc) not in BROKEN:
                raise  # e.g. still locked after the timeout: not a reason to drop the file
            problem = "damaged" if _code(exc) == sqlite3.SQLITE_CORRUPT else "not a database"
        except OSError as exc:
            self._to_memory(exc)
            return
        if problem:
            self._replace(problem, problem == "damaged", seen)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=self.layout.timeout, isolation_level=None)
        try:
            for pragma in self.layout.pragmas:
                db.execute(pragma)
        except BaseException:
            db.close()
            raise
        return db

    def _inspect(self, db: sqlite3.Connection) -> _Found:
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        tables = {
            r[0]
            for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith("sqlite_")
        }
        found = _Found(application_id, tables)
        found.foreign = self._foreign(db, found)
        if tables and not found.foreign:
            found.version = self.layout.get_version(db)
        return found

    def _foreign(self, db: sqlite3.Connection, found: _Found) -> str | None:
        """Why the file is not one of ours, else None (ours, an older brief's, or empty)."""
        if found.application_id == self.layout.application_id or not found.tables:
            return None
        if found.application_id:
            return f"not a brief {self.layout.name} (application id {found.application_id:#x})"
        for table, columns in self.layout.tables.items():
            if table not in found.tables or not set(columns) <= {
                r[1] for r in db.execute(f'PRAGMA table_info("{table}")')
            }:
                names = ", ".join(sorted(found.tables)[:4])
                return f"not a brief {self.layout.name} (it holds tables {names})"
        return None

    def _check_version(self, found: _Found) -> None:
        if found.version > self.layout.version:
            raise NewerSchema(
                f"{self.path}: written by a newer brief (schema {found.version}; this brief "
                f"knows up to {self.layout.version}): upgrade brief, or move the file away"
            )

    def _prepare(self) -> str | None:
        """Checks the file and brings it to the current schema; why it is unusable, else None."""
        db = self._connect()
        try:
            found = self._inspect(db)
            if found.foreign:
                return found.foreign
            self._check_version(found)
            if (found.application_id, found.version) == (
                self.layout.application_id,
                self.layout.version,
            ):
                return None  # the usual case: nothing written
            self._set_up(db)
            return None
        finally:
            db.close()

    def _set_up(self, db: sqlite3.Connection, wal: bool = True) -> None:
        if wal:  # readers never wait for the writer, nor it for them (kept in the file)
            db.execute("PRAGMA journal_mode=WAL")
        db.execute("BEGIN IMMEDIATE")
        try:
            found = self._inspect(db)  # again: another process may have set it up meanwhile
            self._check_version(found)
            if found.version < self.layout.version or not found.application_id:
                self.layout.migrate(db, found.version)
                self.layout.set_version(db, self.layout.version)
                db.execute(f"PRAGMA application_id = {int(self.layout.application_id)}")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    # --- recovering ---------------------------------------------------------------

    def _run(self, work: Callable[[sqlite3.Connection], T], write: bool) -> T:
        try:
            return self._once(work, write)
        except sqlite3.DatabaseError as exc:
            if self._memory is not None:
                raise
            code = _code(exc)
            if code in BROKEN:
                self._recover(exc)
            elif code in REOPEN:
                with self._lock:
                    self._open()
            elif code in UNWRITABLE and write:
                self._to_memory(exc)
            else:
                raise
        return self._once(work, write)

    def _once(self, work: Callable[[sqlite3.Connection], T], write: bool) -> T:
        with self._lock if write or self._memory is not None else nullcontext():
            db = self._memory or self._connect()
            try:
                db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                try:
                    out = work(db)
                    db.execute("COMMIT")
                except BaseException:
                    if db.in_transaction:
                        db.execute("ROLLBACK")
                    raise
                return out
            finally:
                if db is not self._memory:
                    db.close()

    def _recover(self, exc: sqlite3.Error) -> None:
        with self._lock:
            seen = _inode(self.path)
            if self._memory is None and self._damaged():
                self._replace(f"damaged ({exc})", True, seen)

    def _damaged(self) -> bool:
        """Whether the whole file fails its check now (another process may have replaced it)."""
        try:
            db = sqlite3.connect(self.path, timeout=self.layout.timeout)
            try:
                return db.execute("PRAGMA integrity_check(1)").fetchall() != [("ok",)]
            finally:
                db.close()
        except sqlite3.DatabaseError as exc:
            return _code(exc) in BROKEN

    def _replace(self, problem: str, salvage: bool, seen: int | None) -> None:
        """Moves the file aside, starts a fresh one and says so in one line; unless another
        brief did so first (the file found bad, inode `seen`, is no longer there)."""
        if _inode(self.path) != seen:
            self._open()
            return
        try:
            moved = self._move_aside()
            self._prepare()
        except (OSError, sqlite3.Error) as exc:
            self._to_memory(exc)
            return
        kept = ""
        if salvage and self.layout.salvage is not None:
            kept = self._salvage(moved)
        if not self.layout.lost:
            after = f"the {self.layout.name} is rebuilt from the sources"
        else:
            after = kept or f"its {self.layout.lost} stay in that file only"
        self.warnings.append(f"{self.path}: {problem}; moved aside to {moved.name}; {after}")

    def _move_aside(self) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        os.rename(self.path, target)
        for suffix in ("-wal", "-shm"):  # the WAL may hold committed rows: it goes along
            side = Path(f"{self.path}{suffix}")
            if side.exists():
                os.rename(side, Path(f"{target}{suffix}"))
        return target

    def _salvage(self, old_path: Path) -> str:
        assert self.layout.salvage is not None
        try:
            old = sqlite3.connect(f"file:{quote(str(old_path))}?mode=ro", uri=True)
        except sqlite3.Error:
            return ""
        try:
            return self.write(lambda new: self.layout.salvage(old, new))  # type: ignore[misc]
        except sqlite3.Error:
            return ""
        finally:
            old.close()

    def _to_memory(self, exc: BaseException) -> None:
        """Go on in memory, with the file's rows when it can be read (a read-only cache
        still serves: its analyses are copied, not dropped)."""
        with self._lock:
            if self._memory is not None:
                return
            memory = _memory_db()
            copy_readable(self.path, memory)
            try:
                found = self._inspect(memory)
                if found.foreign or found.version > self.layout.version:
                    raise sqlite3.DatabaseError("not ours")
                self._set_up(memory, wal=False)
            except sqlite3.DatabaseError:  # what was copied is no use here: start empty
                memory.close()
                memory = _memory_db()
                self._set_up(memory, wal=False)
            self._memory = memory
        self.warnings.append(
            f"{self.path}: cannot be written ({_reason(exc, self.path.parent)}); "
            f"{self.layout.memory_note}"
        )


def _inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except OSError:
        return None


def _memory_db() -> sqlite3.Connection:
    return sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)


def run_script(db: sqlite3.Connection, script: str) -> None:
    """Each statement of `script` inside the caller's transaction (executescript would commit)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def stepwise(
    steps: dict[int, Callable[[sqlite3.Connection], None]],
) -> Callable[[sqlite3.Connection, int], None]:
    """A `Layout.migrate` from migration steps: `steps[n]` takes version n to n + 1."""

    def migrate(db: sqlite3.Connection, found: int) -> None:
        for version in range(found, max(steps) + 1):
            steps[version](db)

    return migrate
