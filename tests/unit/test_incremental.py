"""A corpus that grows: the threader's state is kept per corpus, new articles are added to it,
and event and thread ids stay put (real SQLite files in tmp_path)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import brief.store.growing as growing
from brief.analysis.briefing import analyse
from brief.library import Library, corpus_key
from brief.model import Article
from brief.store import Saved, Store
from brief.threads import Threader
from brief.threads.naming import Naming, carry_ids, stable_id
from tests.helpers import FIXTURES, run_brief

STORIES = ("ecb_rehab_deaths.jsonl", "ecb_klitschko_fights.jsonl", "cnndm-unrelated.jsonl")


def _rows() -> list[dict]:
    return [
        json.loads(line)
        for name in STORIES
        for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    ]


def _briefings(rows: list[dict]) -> list:
    return [
        analyse(Article(id=r["id"], text=r["text"], title=r.get("title"), date=r.get("date")))
        for r in rows
    ]


def _write(folder: Path, name: str, rows: list[dict]) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _placement(briefings: list) -> list:
    return sorted((b.id, b.date, b.date_inferred, b.event, b.thread) for b in briefings)


def _shape(threads: list) -> list:
    return [
        (
            t.id,
            t.title,
            t.articles,
            t.entities,
            [(e.id, e.date, e.title, e.articles) for e in t.events],
        )
        for t in threads
    ]


@pytest.fixture
def grows(monkeypatch):
    """Growing even a handful of articles, which brief would rather thread from scratch."""
    monkeypatch.setattr(growing, "GROW_FROM", 0)
    monkeypatch.setattr(growing, "REBUILD_GROWTH", 100.0)


# --- the threader ---------------------------------------------------------------------


def test_a_restored_threader_goes_on_as_one_that_never_stopped(tmp_path):
    briefings = _briefings(_rows())
    first, later = briefings[::2], briefings[1::2]
    kept = Threader()
    kept.add(first)
    out, threads = kept.result()
    store = Store(tmp_path / "cache.sqlite3")
    snapshot = kept.snapshot()
    saved = Saved("code", snapshot.ids, [b"x" * 12] * len(first), len(first))
    store.threading.save("corpus", saved, out, threads, snapshot)
    back = store.threading.snapshot("corpus", store.threading.saved("corpus"))
    restored = Threader.restore(back, {b.id: b for b in briefings})
    for threader in (kept, restored):
        threader.add(later)
    (out_a, threads_a), (out_b, threads_b) = kept.result(), restored.result()
    assert _placement(out_a) == _placement(out_b)
    assert _shape(threads_a) == _shape(threads_b)


def test_clustering_only_what_new_articles_touch_gives_the_clustering_of_everything():
    briefings = _briefings(_rows())
    threader = Threader()
    for start in range(0, len(briefings), 7):  # batches, each clustered where it lands
        threader.add(briefings[start : start + 7])
        threader.result()
        assert threader.labels.events.tolist() == threader.event_labels()
        assert threader.labels.threads.tolist() == threader.thread_labels(threader.event_labels())


# --- ids that stay put ----------------------------------------------------------------


def test_a_group_keeps_the_id_of_the_earlier_group_it_holds_most_of():
    ids = ["a", "b", "c", "d", "e", "f", "g", "h"]
    before = ["t-1", "t-1", "t-1", "t-2", "t-2", "t-3", None, None]  # g and h are new
    # t-1 and t-2 merged: the merge keeps the larger story's id; t-3 grew by "g"
    kept = carry_ids({0: [0, 1, 2, 3, 4], 5: [5, 6], 7: [7]}, before, ids)
    assert kept == {0: ("t-1", 3), 5: ("t-3", 1)}
    # t-1 split: the part holding most of it keeps the id, the other part is new
    assert carry_ids({0: [0], 1: [1, 2]}, before, ids) == {1: ("t-1", 2)}
    # an even split: the part with the first article id keeps it, whatever the labels
    assert carry_ids({9: [3], 2: [4]}, before, ids) == {9: ("t-2", 1)}


def test_a_new_id_never_clashes_with_one_in_use():
    clash = stable_id("t-", "a")
    naming = Naming("t-", {3: clash})  # "a" left the group that keeps the id it was named by
    assert naming(3, "b") == clash
    fresh = naming(4, "a")
    assert fresh.startswith("t-") and fresh != clash and naming(5, "c") == stable_id("t-", "c")


# --- through the library ----------------------------------------------------------------


def _load(library: Library, folder: Path):
    corpus = library.load([folder])
    threads = {t.id: set(t.articles) for t in corpus.threads}
    return corpus, threads, {b.id: b.thread for b in corpus.briefings}


def test_a_story_that_grows_keeps_its_id_and_a_new_story_gets_a_new_one(tmp_path, grows):
    rows = _rows()
    late = next(r for r in rows if r["id"] == "ecb-1_13ecb")  # one more report of a known story
    others = [r for r in rows if r["id"] != "ecb-1_13ecb" and not r["id"].startswith("ecb-4_")]
    folder = tmp_path / "news"
    _write(folder, "a.jsonl", others)
    library = Library.open(tmp_path / "cache.sqlite3")
    corpus, _, thread_of = _load(library, folder)
    assert corpus.threading == "built"
    _write(folder, "b.jsonl", [late])
    grown, threads, grown_of = _load(library, folder)
    assert grown.threading == "grown" and grown.analysed == 1
    assert all(grown_of[i] == t for i, t in thread_of.items())  # every old article stays put
    assert grown_of["ecb-1_13ecb"] == grown_of["ecb-1_10ecb"]  # in the story it continues
    assert threads[grown_of["ecb-1_13ecb"]] >= {"ecb-1_10ecb", "ecb-1_13ecb"}
    _write(folder, "c.jsonl", [r for r in rows if r["id"].startswith("ecb-4_")])
    again, _, again_of = _load(library, folder)
    assert again.threading == "grown"
    assert all(again_of[i] == t for i, t in grown_of.items())
    assert again_of["ecb-4_10ecb"] not in set(grown_of.values())
    assert library.load([folder]).threading == "cached"


def test_a_rebuild_after_a_removal_or_an_edit_keeps_the_ids_of_the_stories(tmp_path, grows):
    rows = _rows()
    folder = tmp_path / "news"
    _write(folder, "a.jsonl", rows)
    library = Library.open(tmp_path / "cache.sqlite3")
    _, threads, thread_of = _load(library, folder)
    _write(folder, "a.jsonl", [r for r in rows if r["id"] != "ecb-1_11ecb"])
    corpus, _, after = _load(library, folder)
    assert corpus.threading == "built"
    assert all(after[i] == t for i, t in thread_of.items() if i != "ecb-1_11ecb")
    edited = [
        dict(r, text=r["text"] + " Officials declined to comment.")
        if r["id"] == "ecb-4_3ecb"
        else r
        for r in rows
    ]
    _write(folder, "a.jsonl", edited)
    corpus, _, after = _load(library, folder)
    assert corpus.threading == "built" and after == thread_of
    assert len(threads) == len({t.id for t in corpus.threads})


def test_stars_are_on_articles_so_they_survive_any_rethreading(tmp_path, grows):
    """Stars and read marks are kept by article id, never by thread id."""
    rows = _rows()
    folder = tmp_path / "news"
    _write(folder, "a.jsonl", rows[:-3])
    library = Library.open(tmp_path / "cache.sqlite3")
    library.set_starred("ecb-1_10ecb", True)
    before, _, thread_of = _load(library, folder)
    _write(folder, "b.jsonl", rows[-3:])
    corpus, _, after = _load(library, folder)
    assert corpus.threading == "grown" and library.state()[1] == {"ecb-1_10ecb"}
    assert after["ecb-1_10ecb"] == thread_of["ecb-1_10ecb"]


def test_a_damaged_or_outdated_state_costs_a_rebuild_not_the_ids(tmp_path, grows):
    rows = _rows()
    folder = tmp_path / "news"
    _write(folder, "a.jsonl", rows[:-3])
    cache = tmp_path / "cache.sqlite3"
    _, _, thread_of = _load(Library.open(cache), folder)
    with sqlite3.connect(cache) as db:
        db.execute("UPDATE threader_chunk SET data = x'00ff' WHERE part = 'grown'")
    _write(folder, "b.jsonl", rows[-3:])
    corpus, _, after = _load(Library.open(cache), folder)
    assert corpus.threading == "built"
    assert all(after[i] == t for i, t in thread_of.items())
    with sqlite3.connect(cache) as db:
        db.execute("UPDATE threader_state SET fingerprint = 'older code'")
    corpus, _, again = _load(Library.open(cache), folder)
    assert corpus.threading == "built" and again == after
    with sqlite3.connect(cache) as db:
        db.execute("UPDATE threader_chunk SET data = x'00ff' WHERE part = 'placed'")
    assert Library.open(cache).load([folder]).threading == "built"


def test_thread_ids_stay_when_a_file_is_added_between_two_runs_of_the_command(tmp_path):
    rows = _rows()
    folder = tmp_path / "news"
    _write(folder, "a.jsonl", [r for r in rows if not r["id"].startswith("ecb-4_")])
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_DATA_HOME": str(tmp_path / "data")}
    first = run_brief("threads", "--json", str(folder), env=env)
    assert first.returncode == 0, first.stderr
    _write(folder, "b.jsonl", [r for r in rows if r["id"].startswith("ecb-4_")])
    second = run_brief("threads", "--json", str(folder), env=env)
    assert second.returncode == 0, second.stderr
    before = {t["id"]: t["articles"] for t in json.loads(first.stdout)}
    after = {t["id"]: t["articles"] for t in json.loads(second.stdout)}
    assert len(after) > len(before)
    assert all(after.get(tid) == articles for tid, articles in before.items())


def test_growing_appends_to_what_was_kept_and_a_writer_that_fell_behind_rewrites_it(
    tmp_path, grows
):
    rows = _rows()
    folder = tmp_path / "news"
    cache = tmp_path / "cache.sqlite3"
    library = Library.open(cache)

    def chunks() -> int:
        with sqlite3.connect(cache) as db:
            query = "SELECT COUNT(*) FROM threader_chunk WHERE part = 'grown'"
            return db.execute(query).fetchone()[0]

    for step, start in enumerate(range(0, len(rows), 11)):
        _write(folder, f"{step}.jsonl", rows[start : start + 11])
        corpus = library.load([folder])
        assert corpus.threading == ("built" if step == 0 else "grown")
        assert chunks() == step + 1
    store = library.store
    saved = store.threading.saved(corpus_key([folder], False))
    snapshot = store.threading.snapshot(corpus_key([folder], False), saved)
    assert saved.ids == snapshot.ids and len(saved.ids) == len(rows)
    # a process that grew an older version writes everything afresh, as one chunk
    stale = Saved(saved.fingerprint, saved.ids, saved.digests, saved.built, saved.version - 1)
    key = corpus_key([folder], False)
    store.threading.save(key, stale, corpus.briefings, corpus.threads, snapshot, stale.version)
    assert chunks() == 1
    again = store.threading.snapshot(key, store.threading.saved(key))
    assert all((again.arrays[k] == v).all() for k, v in snapshot.arrays.items())
