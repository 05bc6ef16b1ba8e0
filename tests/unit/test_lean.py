"""A reader holds its briefings lean (brief.model.LeanBriefing): the same list, threads and
search text as whole briefings, with the parts only reading needs read back from the cache
when a story is opened (real SQLite files in tmp_path)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from brief.library import Library
from brief.model import LeanBriefing
from tests.unit.test_incremental import _placement, _rows, _shape, _write, grows  # noqa: F401


def test_a_lean_load_is_the_whole_load_without_what_only_reading_needs(tmp_path):
    _write(tmp_path / "news", "a.jsonl", _rows())
    library = Library.open(tmp_path / "cache.sqlite3")
    whole = library.load([tmp_path / "news"])
    lean = library.load([tmp_path / "news"], lean=True)
    assert [b.id for b in lean.briefings] == [b.id for b in whole.briefings]
    assert _shape(lean.threads) == _shape(whole.threads)
    assert _placement(lean.briefings) == _placement(whole.briefings)
    held = lean.briefings
    assert all(isinstance(b, LeanBriefing) for b in held)
    for b in held:
        assert not b.sentences and not b.mentions and not b.blocks and not b.quotes
    # what the list, the index and threading read
    assert sum(bool(b.article.text and b.bounds and b.entities) for b in held) > len(held) // 2
    # what threading dated from the evidence in the text is there: its dates and sentences
    inferred = [b for b in held if b.date_inferred]
    assert inferred and any(b.dates for b in inferred) and all(b.bounds for b in inferred)
    assert library.whole_many(lean.briefings) == whole.briefings
    assert library.whole(held[0]) in whole.briefings


@pytest.mark.usefixtures("grows")
def test_growing_lean_threads_as_growing_whole(tmp_path):
    rows = _rows()
    news = tmp_path / "news"
    _write(news, "a.jsonl", rows[::2])
    lean_library = Library.open(tmp_path / "lean.sqlite3")
    whole_library = Library.open(tmp_path / "whole.sqlite3")
    lean_library.load([news], lean=True)
    whole_library.load([news])
    _write(news, "b.jsonl", rows[1::2])
    lean = lean_library.load([news], lean=True)
    whole = whole_library.load([news])
    assert lean.threading == whole.threading == "grown"
    assert any(isinstance(b, LeanBriefing) for b in lean.briefings)
    assert _shape(lean.threads) == _shape(whole.threads)
    assert lean_library.whole_many(lean.briefings) == whole.briefings


def test_a_corpus_threaded_afresh_reads_its_lean_briefings_whole_first(tmp_path):
    """Threading from scratch needs every article's sentences and dates (an edited file)."""
    rows = _rows()
    news = tmp_path / "news"
    _write(news, "a.jsonl", rows)
    library = Library.open(tmp_path / "cache.sqlite3")
    library.load([news], lean=True)
    rows[0] = {**rows[0], "text": rows[0]["text"] + " An update."}
    _write(news, "a.jsonl", rows)
    lean = library.load([news], lean=True)
    assert lean.threading == "built"
    fresh = Library.open(tmp_path / "fresh.sqlite3").load([news])
    assert _shape(lean.threads) == _shape(fresh.threads)
    assert library.whole_many(lean.briefings) == fresh.briefings


def test_a_story_the_cache_lost_is_analysed_again_when_opened(tmp_path):
    _write(tmp_path / "news", "a.jsonl", _rows())
    library = Library.open(tmp_path / "cache.sqlite3")
    whole = library.load([tmp_path / "news"])
    lean = library.load([tmp_path / "news"], lean=True)
    with sqlite3.connect(tmp_path / "cache.sqlite3") as db:  # another brief cleared it
        assert db.execute("DELETE FROM analysis").rowcount == len(whole.briefings)
    assert library.whole_many(lean.briefings) == whole.briefings


def test_the_cli_json_of_a_lean_load_with_quotes_is_that_of_whole_briefings(tmp_path):
    """The CLI loads lean with quotes (`brief list --json` prints quotes, nothing finer)."""
    from brief.views.contracts import briefing_json, thread_json
    from tests.helpers import run_brief

    _write(tmp_path / "news", "a.jsonl", _rows())
    whole = Library.open(tmp_path / "whole.sqlite3").load([tmp_path / "news"])
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_DATA_HOME": str(tmp_path / "data")}
    for _ in ("cold", "warm"):
        listed = run_brief("list", "--json", str(tmp_path / "news"), env=env)
        assert listed.returncode == 0, listed.stderr
        assert json.loads(listed.stdout) == [briefing_json(b) for b in whole.briefings]
    threads = run_brief("threads", "--json", str(tmp_path / "news"), env=env)
    assert json.loads(threads.stdout) == [thread_json(t) for t in whole.threads]
    assert any(b.quotes for b in whole.briefings)


def test_search_finds_and_quotes_lean_briefings_as_whole_ones(tmp_path):
    """The index reads a lean briefing's text; a result's snippet is cut at the analysis's
    own sentence bounds, kept flat in the lean briefing."""
    from brief.search import SearchIndex

    # dated, so that the analysis's dates make them all lean
    _write(tmp_path / "news", "a.jsonl", [{**r, "date": "2015-04-20"} for r in _rows()])
    library = Library.open(tmp_path / "cache.sqlite3")
    whole = library.load([tmp_path / "news"])
    lean = library.load([tmp_path / "news"], lean=True)
    by_whole = SearchIndex.build(whole.briefings, whole.threads)
    by_lean = SearchIndex.build(lean.briefings, lean.threads)
    snippets = 0
    # "senate hearings", "genocide prevention": sentences with "U.S." in them, which a plain
    # full-stop split would cut short
    for query in ("rehab", "title fight", "senate hearings", "genocide prevention", "champion"):
        want, got = by_whole.search(query), by_lean.search(query)
        assert got == want
        snippets += sum(r.snippet is not None for r in got.results)
    assert snippets >= 3
    assert all(isinstance(b, LeanBriefing) for b in lean.briefings)
