"""Bad files: a corrupt, foreign, damaged, newer or older cache, state or library file, on real
SQLite files. Nothing is ever deleted: a bad file is moved aside and said so in one line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from brief.library import Library, NewerSchema, SourceError, build_corpus
from brief.store import SCHEMA_VERSION, Store

SEED_TEXTS = {
    "harbour.txt": "The harbour reopened on Monday, the port authority said. Ships returned.",
    "council.txt": "The city council met on Tuesday. It approved the budget for the bridge.",
}


def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir(exist_ok=True)
    for name, text in SEED_TEXTS.items():
        (folder / name).write_text(text)
    return folder


def moved_aside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".corrupt-*[0-9Z]"))


def damage_table(path: Path, table: str) -> None:
    """Overwrites the root page of `table` with garbage, the rest of the file left as it was."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every committed row into the file itself
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    db.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(bytes([0xA5, 0x17, 0xFF, 0x00]) * (page_size // 4))


def briefs(corpus) -> list[tuple]:
    return [(b.id, b.headline, b.summary, b.date, b.thread) for b in corpus.briefings]


# --- the cache ----------------------------------------------------------------------


def test_a_cache_that_is_not_sqlite_is_moved_aside_and_rebuilt(tmp_path):
    folder = news(tmp_path)
    first = Library.open()
    expected = briefs(first.load([folder]))
    first.set_starred(expected[0][0], True)
    cache = first.store.path
    garbage = b"this is not a database, just some bytes a crash left behind\n" * 100
    cache.write_bytes(garbage)

    library = Library.open()
    [warning] = library.warnings
    [old] = moved_aside(cache)
    assert old.read_bytes() == garbage  # kept as it was
    assert str(cache) in warning and old.name in warning and "\n" not in warning
    assert "not a database" in warning and "rebuilt from the sources" in warning
    again = library.load([folder])
    assert again.analysed == 2 and briefs(again) == expected  # rebuilt from the sources
    assert library.state()[1] == {expected[0][0]}  # the star lives apart, so it survives
    assert Library.open().load([folder]).analysed == 0  # and the new cache works


def test_a_foreign_database_in_the_cache_place_is_kept_aside(tmp_path):
    cache = tmp_path / "cache" / "brief" / "briefings.sqlite3"
    cache.parent.mkdir(parents=True)
    other = sqlite3.connect(cache)
    other.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    other.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    other.commit()
    other.close()
    library = Library.open()
    [warning] = library.warnings
    assert "not a brief cache" in warning and "moz_places" in warning
    [old] = moved_aside(cache)
    assert sqlite3.connect(old).execute("SELECT url FROM moz_places").fetchall() == [
        ("https://example.org",)
    ]
    assert library.load([news(tmp_path)]).analysed == 2


def test_a_brief_file_of_another_kind_is_not_taken_for_the_cache(tmp_path):
    Store().set_starred("a", True)
    store = Store()
    store.path.unlink()
    store.path.write_bytes(store.state_path.read_bytes())  # the state file where the cache goes
    again = Store()
    assert "not a brief cache (application id" in again.warnings[0]
    assert again.state()[1] == {"a"}


def test_a_damaged_cache_page_found_in_use_is_moved_aside(tmp_path):
    folder = news(tmp_path)
    library = Library.open()
    expected = briefs(library.load([folder]))
    damage_table(library.store.path, "analysis")
    again = Library.open()
    assert again.warnings == []  # opening reads only the header and the schema
    corpus = again.load([folder])
    [warning] = again.warnings
    assert "damaged (database disk image is malformed)" in warning
    assert corpus.analysed == 2 and briefs(corpus) == expected
    [old] = moved_aside(library.store.path)
    assert old.stat().st_size > 0


def test_an_older_cache_is_rebuilt_and_a_newer_one_refused(tmp_path):
    path = tmp_path / "cache.sqlite3"
    old = sqlite3.connect(path)  # a cache of brief before schema 3: JSON objects
    old.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE analysis (key TEXT PRIMARY KEY, fingerprint TEXT, data TEXT);
        CREATE TABLE threading (key TEXT PRIMARY KEY, used REAL, data TEXT);
        INSERT INTO meta VALUES ('schema', '2');
        INSERT INTO analysis VALUES ('k', 'f', '{"h": "old"}');
        """
    )
    old.close()
    store = Store(path)
    assert store.warnings == [] and moved_aside(path) == []
    db = sqlite3.connect(path)
    assert db.execute("SELECT COUNT(*) FROM analysis").fetchone() == (0,)
    assert db.execute("SELECT value FROM meta").fetchone() == (str(SCHEMA_VERSION),)
    assert build_corpus([news(tmp_path)], store).analysed == 2

    db.execute("UPDATE meta SET value = '99'")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(NewerSchema) as refused:
        Store(path)
    message = str(refused.value)
    assert message == (
        f"{path}: written by a newer brief (schema 99; this brief knows up to "
        f"{SCHEMA_VERSION}): upgrade brief, or move the file away"
    )
    assert path.read_bytes() == before and moved_aside(path) == []


def test_deleting_the_cache_while_brief_runs_is_safe(tmp_path):
    folder = news(tmp_path)
    library = Library.open()
    library.load([folder])
    library.store.path.unlink()
    assert library.load([folder]).analysed == 2  # made again on the next use
    assert library.load([folder]).analysed == 0
    assert library.warnings == []


# --- the reader's state ---------------------------------------------------------------


def test_a_damaged_state_file_is_moved_aside_with_what_can_be_read(tmp_path):
    store = Store()
    for name in ("a", "b", "c"):
        store.set_starred(name, True)
    store.save_search("minsk", "minsk is:unread")
    damage_table(store.state_path, "state")
    again = Store()
    assert again.state() == (set(), set())
    [warning] = again.warnings
    [old] = moved_aside(store.state_path)
    assert str(store.state_path) in warning and old.name in warning
    assert "read back 0 read or starred marks and 1 saved searches" in warning
    assert again.saved_searches() == [("minsk", "minsk is:unread")]
    again.set_read("d")
    assert Store().state() == ({"d"}, set())


def test_a_state_file_of_an_older_brief_keeps_its_marks(tmp_path):
    path = tmp_path / "data" / "brief" / "state.sqlite3"
    path.parent.mkdir(parents=True)
    old = sqlite3.connect(path)  # as brief wrote it before files had versions
    old.executescript(
        """
        CREATE TABLE state (id TEXT PRIMARY KEY, read INTEGER DEFAULT 0, starred INTEGER DEFAULT 0);
        CREATE TABLE saved_search (name TEXT PRIMARY KEY, query TEXT NOT NULL, position INTEGER);
        INSERT INTO state VALUES ('a', 1, 1);
        """
    )
    old.close()
    store = Store()
    assert store.state() == ({"a"}, {"a"}) and store.warnings == []
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone() == (1,)
    assert db.execute("PRAGMA application_id").fetchone()[0] != 0


def test_a_newer_state_file_is_refused_untouched(tmp_path):
    Store().set_starred("a", True)
    path = Store().state_path
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 7")
    db.close()
    before = path.read_bytes()
    with pytest.raises(
        NewerSchema, match=r"state\.sqlite3: .*\(schema 7; this brief knows up to 1\)"
    ):
        Library.open()
    assert path.read_bytes() == before and moved_aside(path) == []


# --- the library ----------------------------------------------------------------------


def test_a_damaged_library_keeps_its_sources_and_the_refresh_brings_articles_back(tmp_path):
    folder = news(tmp_path)
    library = Library.open()
    library.add([str(folder)])
    expected = briefs(library.load())
    library.set_starred(expected[0][0], True)
    library.set_read(expected[1][0])
    damage_table(library.store.library_path, "article")

    again = Library.open()
    assert again.has_sources()  # the source table is intact
    assert again.load().briefings == []  # its articles were on the damaged page
    [warning] = again.warnings
    [old] = moved_aside(library.store.library_path)
    assert old.name in warning and "read back 1 sources and 0 articles" in warning
    assert [s.source for s in again.sources()] == [str(folder.resolve())]
    assert again.refresh().new == 2
    assert briefs(again.load()) == expected
    assert again.state() == ({expected[1][0]}, {expected[0][0]})  # read and starred survive


def test_a_library_that_is_not_sqlite_is_moved_aside(tmp_path):
    library = Library.open()
    library.add([str(news(tmp_path))])
    path = library.store.library_path
    path.write_bytes(b"\x00" * 50 + b"garbage" * 1000)
    again = Library.open()
    assert not again.has_sources()
    [warning] = again.warnings
    assert "not a database" in warning
    assert "its followed sources and their articles stay in that file only" in warning
    assert len(moved_aside(path)) == 1


def test_a_newer_library_is_refused_not_taken_for_an_empty_one(tmp_path):
    library = Library.open()
    library.add([str(news(tmp_path))])
    path = library.store.library_path
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 5")
    db.close()
    again = Library.open()  # the library file is opened on first use
    with pytest.raises(NewerSchema, match=r"schema 5; this brief knows up to 1"):
        again.load()
    with pytest.raises(NewerSchema):
        again.add([str(tmp_path)])
    assert moved_aside(path) == []


# --- nowhere to write -------------------------------------------------------------------


def test_an_unwritable_data_directory_keeps_state_in_memory_with_a_warning(tmp_path, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the data directory's parent should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker / "data"))
    library = Library.open()
    [warning] = library.warnings
    assert warning.startswith(f"{blocker}/data/brief/state.sqlite3: cannot be written (")
    assert "kept for this session only" in warning
    assert not library.persistent
    library.set_starred("a", True)
    library.save_search("minsk", "minsk")
    assert library.state() == (set(), {"a"}) and library.saved_searches() == [("minsk", "minsk")]
    folder = news(tmp_path)
    assert library.load([folder]).analysed == 2  # the cache directory is fine
    with pytest.raises(SourceError, match="cannot be written"):
        library.add([str(folder)])
    assert "library is kept in memory" in library.warnings[1]
    assert Library.open().state() == (set(), set())  # nothing was kept


# --- the command ------------------------------------------------------------------------


def test_the_command_warns_once_and_refuses_a_newer_file_with_status_2(tmp_path):
    from tests.helpers import run_brief

    folder = news(tmp_path)
    env = {"XDG_CACHE_HOME": str(tmp_path / "c"), "XDG_DATA_HOME": str(tmp_path / "d")}
    clean = run_brief("list", "--json", str(folder), env=env)
    assert clean.returncode == 0 and "warning" not in clean.stderr
    cache = tmp_path / "c" / "brief" / "briefings.sqlite3"
    cache.write_text("not sqlite")
    warned = run_brief("list", "--json", str(folder), env=env)
    assert warned.returncode == 0 and warned.stdout == clean.stdout
    [line] = [x for x in warned.stderr.splitlines() if "warning" in x]
    [old] = moved_aside(cache)
    assert line == (
        f"brief: warning: {cache}: not a database; moved aside to {old.name}; "
        "the cache is rebuilt from the sources"
    )

    added = run_brief("add", str(folder), env=env)
    assert added.returncode == 0, added.stderr
    library = tmp_path / "d" / "brief" / "library.sqlite3"
    db = sqlite3.connect(library)
    db.execute("PRAGMA user_version = 4")
    db.close()
    for command in (("list", "--json"), ("sources", "--json"), ("refresh",)):
        refused = run_brief(*command, env=env)
        assert refused.returncode == 2 and refused.stdout == ""
        assert refused.stderr == (
            f"brief: error: {library}: written by a newer brief (schema 4; this brief knows "
            "up to 1): upgrade brief, or move the file away\n"
        )
    assert moved_aside(library) == []


def test_the_command_works_without_a_writable_data_directory(tmp_path):
    from tests.helpers import run_brief

    folder = news(tmp_path)
    (tmp_path / "blocker").write_text("")
    env = {"XDG_CACHE_HOME": str(tmp_path / "c"), "XDG_DATA_HOME": str(tmp_path / "blocker")}
    listed = run_brief("list", "--json", str(folder), env=env)
    assert listed.returncode == 0 and '"starred": false' in listed.stdout
    [line] = listed.stderr.splitlines()
    assert line.startswith(f"brief: warning: {tmp_path}/blocker/brief/state.sqlite3: cannot be")
    added = run_brief("add", str(folder), env=env)
    assert added.returncode == 2
    library = f"{tmp_path}/blocker/brief/library.sqlite3"
    assert added.stderr.splitlines()[-2:] == [
        f"brief: warning: {library}: cannot be written (not a directory); the library is kept "
        "in memory for this session: sources added now are not kept",
        f"brief: error: {library}: cannot be written, so nothing is kept",
    ]


def test_a_file_another_brief_moved_aside_first_is_not_moved_again(tmp_path):
    """Two processes find one bad file: the one that comes second finds a fresh file in its
    place (another inode) and uses it instead of moving it aside too."""
    from brief.store.db import STATE
    from brief.store.files import DbFile

    path = tmp_path / "state.sqlite3"
    path.write_bytes(b"garbage " * 100)
    seen_by_both = path.stat().st_ino
    first = DbFile(path, STATE)
    assert len(moved_aside(path)) == 1 and len(first.warnings) == 1
    first.write(lambda db: db.execute("INSERT INTO state (id, starred) VALUES ('a', 1)"))
    second = DbFile(path, STATE)
    second._replace("not a database", False, seen_by_both)  # what it had found, too late
    assert len(moved_aside(path)) == 1 and second.warnings == []
    assert second.read(lambda db: db.execute("SELECT id FROM state").fetchall()) == [("a",)]
