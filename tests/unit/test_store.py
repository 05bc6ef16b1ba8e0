"""The cache: a second run on unchanged input re-analyses nothing and gives the same briefings."""

from __future__ import annotations

from brief.library import Library, build_corpus
from brief.store import Store


def test_second_build_reanalyses_nothing(tmp_path):
    store = Store(tmp_path / "cache.sqlite3")
    first = build_corpus([], store=store)
    second = build_corpus([], store=store)
    assert first.analysed == len(first.briefings) > 0 and first.threaded
    assert second.analysed == 0 and not second.threaded
    assert [
        (b.id, b.headline, b.summary, b.mentions, b.quotes, b.date) for b in second.briefings
    ] == [(b.id, b.headline, b.summary, b.mentions, b.quotes, b.date) for b in first.briefings]


def test_changed_article_is_reanalysed(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("The harbour reopened on Monday. Ships returned at dawn.")
    (folder / "b.txt").write_text("The council met on Tuesday. It approved the budget.")
    library = Library.open(tmp_path / "cache.sqlite3")
    assert library.load([folder]).analysed == 2
    (folder / "b.txt").write_text("The council met on Wednesday. It rejected the budget.")
    again = library.load([folder])
    assert again.analysed == 1
    assert any("Wednesday" in b.summary for b in again.briefings)


def test_read_starred_and_saved_searches_persist(tmp_path):
    path = tmp_path / "cache.sqlite3"
    store = Store(path)
    store.set_read("a")
    store.set_starred("b", True)
    store.set_starred("a", False)
    store.save_search("russia", "@putin where:minsk")
    again = Store(path)
    assert again.state() == ({"a"}, {"b"})
    assert again.saved_searches() == [("russia", "@putin where:minsk")]
    again.delete_search("russia")
    assert again.saved_searches() == []


def test_stars_and_saved_searches_survive_deleting_the_cache(tmp_path, monkeypatch):
    """The cache is disposable; the reader's state is not, so it lives in the data directory."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    store = Store()
    store.set_starred("a", True)
    store.save_search("minsk", "minsk is:unread")
    assert store.path.is_relative_to(tmp_path / "cache") and store.state_path.is_relative_to(
        tmp_path / "data"
    )
    store.path.unlink()
    again = Store()
    assert again.state()[1] == {"a"} and again.saved_searches() == [("minsk", "minsk is:unread")]


def test_a_warm_start_gives_what_the_cold_one_gave(tmp_path):
    """Datelines name the source and stamps date the story at analysis: the cache keeps both,
    and the cached threading gives the same threads, events and inferred dates."""
    from tests.helpers import FIXTURES, run_brief

    for path in (FIXTURES / "trust-dates.jsonl", FIXTURES / "ecb_rehab_deaths.jsonl"):
        cold = run_brief("list", "--json", str(path))
        warm = run_brief("list", "--json", str(path))
        uncached = run_brief(
            "list", "--json", str(path), env={"XDG_CACHE_HOME": str(tmp_path / path.name)}
        )
        assert cold.returncode == 0, cold.stderr
        assert cold.stdout == warm.stdout == uncached.stdout
        threads = [run_brief("threads", "--json", str(path)).stdout for _ in range(2)]
        assert threads[0] == threads[1]
    assert (
        '"source": "Reuters"'
        in run_brief("list", "--json", str(FIXTURES / "trust-dates.jsonl")).stdout
    )


def test_a_changed_corpus_is_threaded_again(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("The harbour reopened on Monday. Ships returned at dawn.")
    library = Library.open(tmp_path / "cache.sqlite3")
    assert library.load([folder]).threaded
    assert not library.load([folder]).threaded
    (folder / "b.txt").write_text("The council met on Tuesday. It approved the budget.")
    again = library.load([folder])
    assert again.threaded and len(again.briefings) == 2
