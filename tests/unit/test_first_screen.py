"""The list as the last load left it, read straight from SQLite for the next start's first paint."""

from __future__ import annotations

import os
import sqlite3
import time

from brief.library import Library
from brief.snapshot import first_screen


def _news(folder):
    folder.mkdir()
    (folder / "a.txt").write_text("The harbour reopened on Monday. Ships returned at dawn.")
    (folder / "b.txt").write_text("The council met on Tuesday. It approved the budget.")
    return folder


def test_rows_are_the_loaded_list_in_order(tmp_path):
    library = Library.open(tmp_path / "cache.sqlite3")
    assert library.first_screen([]) is None  # nothing loaded yet: paint after loading
    corpus = library.load([])
    first = library.first_screen([])
    assert first is not None
    rows = list(first.rows)
    assert [r.id for r in rows] == [b.id for b in corpus.briefings]
    assert [(r.headline, r.summary, r.date, r.date_inferred, r.source, r.thread) for r in rows] == [
        (b.headline, b.summary, b.date, b.date_inferred, b.source, b.thread)
        for b in corpus.briefings
    ]
    # the seeds are one thread of two stories, and the row knows its size without a load
    assert first.rows.thread_sizes[rows[0].thread] == 2
    assert rows[0].entities and rows[0].entities[0].name == corpus.briefings[0].entities[0].name


def test_a_changed_added_or_removed_file_invalidates_the_rows(tmp_path):
    folder = _news(tmp_path / "news")
    library = Library.open(tmp_path / "cache.sqlite3")
    library.load([folder])
    assert library.first_screen([folder]) is not None
    (folder / "b.txt").write_text("The council met on Wednesday. It rejected the budget.")
    os.utime(folder / "b.txt", ns=(time.time_ns(), time.time_ns() + 10**9))
    assert library.first_screen([folder]) is None
    library.load([folder])
    assert any("Wednesday" in r.summary for r in library.first_screen([folder]).rows)
    (folder / "c.txt").write_text("A third story arrived. It is short.")
    assert library.first_screen([folder]) is None
    library.load([folder])
    assert len(library.first_screen([folder]).rows) == 3
    (folder / "c.txt").unlink()
    assert library.first_screen([folder]) is None


def test_rows_carry_read_and_starred_and_other_paths_have_their_own(tmp_path):
    folder = _news(tmp_path / "news")
    library = Library.open(tmp_path / "cache.sqlite3")
    corpus = library.load([folder])
    library.set_read(corpus.briefings[0].id)
    library.set_starred(corpus.briefings[1].id, True)
    first = library.first_screen([folder])
    assert first.read == {corpus.briefings[0].id}
    assert first.starred == {corpus.briefings[1].id}
    assert library.first_screen([]) is None  # the seeds were never loaded here
    assert library.first_screen(["-"]) is None  # stdin cannot be named again


def test_the_default_store_is_found_without_a_library(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    corpus = Library.open().load([])
    first = first_screen([])
    assert first is not None and [r.id for r in first.rows] == [b.id for b in corpus.briefings]


def test_a_damaged_view_table_means_loading_the_slow_way(tmp_path):
    library = Library.open(tmp_path / "cache.sqlite3")
    library.load([])
    with sqlite3.connect(tmp_path / "cache.sqlite3") as db:
        db.execute("DROP TABLE view")
    assert library.first_screen([]) is None
    library.load([])
    assert library.first_screen([]) is not None
