"""Fuzzy search: ranking, the query language, highlights and `brief search`.

The qualifier tests use hand-made briefings with explicit entities, so they do
not depend on how well the entity recogniser does on the seeds.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from brief.cli import main
from brief.library import build_corpus
from brief.model import Article, Briefing, Entity, Thread
from brief.search import SearchIndex, parse_query

PUTIN = Entity("Vladimir Putin", "PERSON", 3, ("Putin",))
TRUMP = Entity("Donald Trump", "PERSON", 2, ("Trump",))
MINSK = Entity("Minsk", "GPE", 1)


def briefing(id, headline, body, date=None, source="", entities=(), thread="", summary=None):
    article = Article(id=id, text=body, title=headline, date=date, source=source)
    return Briefing(
        article=article,
        headline=headline,
        summary=summary or body.split(". ")[0],
        date=date,
        source=source,
        entities=tuple(entities),
        thread=thread or f"t-{id}",
    )


DOCS = [
    briefing(
        "minsk",
        "Putin lauds Trump at a press conference",
        "Speaking at a press conference in Minsk, "
        "Vladimir Putin praised Donald Trump. The talks were long.",
        "2025-06-27",
        "Reuters",
        (PUTIN, TRUMP, MINSK),
        "t-1",
    ),
    briefing(
        "congrats",
        "Putin congratulates Trump on election victory",
        "Vladimir Putin congratulated Donald Trump. He spoke at the Valdai club in Sochi.",
        "2024-11-08",
        "AP",
        (PUTIN, TRUMP),
        "t-1",
    ),
    briefing(
        "hockey",
        "Dynamo wins the cup",
        "The final was played in Minsk. A conference about the press followed.",
        "2025-08-01",
        "BBC News",
    ),
    briefing(
        "berlin",
        "Markets calm in Berlin",
        "Traders shrugged. Nobody mentioned Putin by name.",
        None,
        "Reuters",
    ),
]
THREADS = [
    Thread("t-1", "Minsk talks", ("congrats", "minsk")),
    Thread("t-hockey", "Hockey final", ("hockey",)),
]


@pytest.fixture(scope="module")
def index():
    return SearchIndex.build(DOCS, THREADS)


def ids(index, query, **kw):
    found = index.search(query, **kw)
    assert not found.errors, found.errors
    return [r.id for r in found.results]


# -- the seeds, end to end ---------------------------------------------------


@pytest.fixture(scope="module")
def seeds():
    corpus = build_corpus([])
    minsk_id = next(
        b.id
        for b in corpus.briefings
        if (b.article.path or "").endswith("000_dc8a7c53315bb8ca.txt")
    )
    return corpus, minsk_id


def test_typo_query_finds_the_minsk_seed_first(seeds):
    corpus, minsk_id = seeds
    found = SearchIndex.build(corpus.briefings, corpus.threads).search("putn minsk")
    assert found.results[0].id == minsk_id


def test_body_match_comes_with_its_sentence(seeds):
    corpus, minsk_id = seeds
    result = next(
        r for r in SearchIndex.build(corpus.briefings).search("minsk").results if r.id == minsk_id
    )
    assert "Minsk" not in result.headline
    assert "Minsk" in result.snippet.text
    assert [result.snippet.text[a:b] for a, b in result.snippet.spans] == ["Minsk"]
    article = next(b for b in corpus.briefings if b.id == minsk_id).article
    assert article.text[result.snippet.start :].startswith(result.snippet.text)


def test_cli_search_json_ranks_the_minsk_seed_first(seeds):
    _, minsk_id = seeds
    out = CliRunner().invoke(main, ["search", "--json", "putn minsk"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.stdout)
    assert rows[0]["id"] == minsk_id
    assert set(rows[0]) == {"id", "score", "title"} and 0 < rows[0]["score"] <= 1


def test_cli_search_as_a_command(tmp_path):
    (tmp_path / "a.jsonl").write_text(
        "\n".join(
            json.dumps(r)
            for r in [
                {
                    "id": "x1",
                    "title": "Earthquake shakes Lombok",
                    "text": "An earthquake shook Lombok island on Sunday.",
                },
                {
                    "id": "x2",
                    "title": "Red Sox offer Teixeira a contract",
                    "text": "Boston made an offer to Mark Teixeira.",
                },
            ]
        ),
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-m", "brief", "search", "--json", "teixera bostn", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert [r["id"] for r in json.loads(run.stdout)] == ["x2"]
    table = subprocess.run(
        [sys.executable, "-m", "brief", "search", "lombok", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Earthquake shakes Lombok" in table.stdout


def test_cli_reports_a_malformed_query_in_one_line():
    out = CliRunner().invoke(main, ["search", "--json", "after:2025-13-99 putin"])
    assert out.exit_code == 2
    assert "2025-13-99" in out.stderr and "Traceback" not in out.output


# -- matching and ranking ------------------------------------------------------


def test_typos_word_order_and_prefixes(index):
    assert ids(index, "congratultes")[0] == "congrats"
    assert ids(index, "trump putin") == ids(index, "putin trump")
    assert "minsk" in ids(index, "mins")  # mid-word: a prefix already finds Minsk in the body
    assert ids(index, "electi vict") == ["congrats"]


def test_every_word_must_match(index):
    assert ids(index, "putin hockey") == []


def test_headline_beats_body_then_newest_first(index):
    assert ids(index, "conference") == [
        "minsk",
        "hockey",
    ]  # headline, over the body of the newer "hockey"
    assert ids(index, "putin")[:2] == ["minsk", "congrats"]  # both in the headline: newest first


def test_headline_spans_mark_what_matched(index):
    result = index.search("putn congr").results[0]
    marked = [result.headline[a:b] for a, b in result.headline_spans]
    assert marked == ["Putin", "congr"]
    assert result.headline_positions[:5] == (0, 1, 2, 3, 4)
    assert result.snippet is None  # everything matched in the headline


# -- qualifiers ----------------------------------------------------------------


def test_entity_qualifier_matches_names_and_aliases_not_text(index):
    assert sorted(ids(index, "@putin")) == [
        "congrats",
        "minsk",
    ]  # "berlin" names Putin only in its text
    assert sorted(ids(index, "who:vladmir")) == ["congrats", "minsk"]  # typo in the canonical name
    assert sorted(ids(index, 'who:"donald trump"')) == ["congrats", "minsk"]


def test_where_prefers_place_entities_and_falls_back_to_text(index):
    assert ids(index, "where:minsk") == [
        "minsk",
        "hockey",
    ]  # the place entity beats the newer text match
    assert ids(index, "where:berlin") == ["berlin"]
    assert ids(index, "where:sochi") == ["congrats"]


def test_from_qualifier(index):
    assert ids(index, "from:reuters") == ["minsk", "berlin"]
    assert ids(index, "from:reutres praised") == ["minsk"]


def test_date_qualifiers(index):
    assert ids(index, "after:2025-01-01") == ["hockey", "minsk"]  # newest first
    assert ids(index, "after:2025-06-27") == ["hockey", "minsk"]  # on or after
    assert ids(index, "before:2025-06-27") == ["congrats"]  # strictly before; undated never
    assert ids(index, "after:2025 before:2025-07") == ["minsk"]


def test_thread_qualifier_by_id_and_title(index):
    assert ids(index, "thread:t-1") == ["minsk", "congrats"]
    assert ids(index, "thread:hockey") == ["hockey"]
    assert ids(index, 'thread:"minsk talks" election') == ["congrats"]


def test_state_qualifiers_use_what_the_caller_supplies(index):
    assert ids(index, "is:starred", state={"starred": {"congrats"}}) == ["congrats"]
    assert ids(index, "is:starred putin", state={"starred": lambda i: i == "minsk"}) == ["minsk"]
    assert "minsk" not in ids(index, "is:unread", state={"read": {"minsk"}})
    assert ids(index, "is:read", state={"read": {"minsk"}}) == ["minsk"]
    assert ids(index, "is:starred") == []  # no state supplied: nothing is starred


def test_phrase_and_exclusion(index):
    assert ids(index, '"press conference"') == ["minsk"]  # "hockey" has both words, not the phrase
    assert ids(index, "putin -trump") == ["berlin"]
    assert ids(index, 'conference -"press conference"') == ["hockey"]
    assert ids(index, "putin -from:reuters") == ["congrats"]


def test_qualifiers_combine(index):
    assert ids(index, "@putin from:reuters after:2025-01-01 praised") == ["minsk"]
    assert ids(index, "-@trump where:minsk") == ["hockey"]


# -- the parser ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("after:2025-13-99", "2025-13-99"),
        ("before:yesterday", "yesterday"),
        ("is:bogus", "is:bogus"),
        ('putin "press conf', "quote"),
        ("from: putin", "from:"),
    ],
)
def test_malformed_queries_give_errors_not_exceptions(index, text, fragment):
    query, errors = parse_query(text)
    assert errors and fragment in errors[0].message
    assert 0 <= errors[0].start < errors[0].end <= len(text)
    found = index.search(text)
    assert found.errors == tuple(errors)


def test_an_unterminated_quote_still_searches_its_words(index):
    found = index.search('"press conf')
    assert found.errors and [r.id for r in found.results][0] == "minsk"


def test_a_qualifier_being_typed_is_not_an_error():
    query, errors = parse_query("putin from:")
    assert errors == [] and [c.kind for c in query.clauses] == ["word"]


def test_parse_query_structure():
    query, errors = parse_query('-@putin where:"new york" "a b" x:y')
    assert not errors
    assert [(c.kind, c.value, c.negated) for c in query.clauses] == [
        ("entity", "putin", True),
        ("place", "new york", False),
        ("phrase", "a b", False),
        ("word", "x:y", False),
    ]


# -- the index ---------------------------------------------------------------------


def test_add_is_incremental(index):
    grown = SearchIndex.build(DOCS[:2], THREADS)
    assert ids(grown, "berlin") == []
    grown.add(DOCS[2:])
    for q in ("putin", "where:minsk", "from:reuters", "mins", "-trump"):
        assert ids(grown, q) == ids(index, q)
    assert len(grown) == len(DOCS)


def test_many_equal_matches_go_newest_first():
    docs = [
        briefing(
            f"d{i}", "Harbour news", "Boats.", f"20{10 + i % 15:02d}-01-{1 + i % 28:02d}", "AP"
        )
        for i in range(3000)
    ]
    docs.append(briefing("undated", "Harbour news", "Boats.", None, "AP"))
    index = SearchIndex.build(docs)
    for query in ("harbour", "harbour -d0", "harbour is:unread"):
        found = index.search(query, limit=5)
        dates = [r.date for r in found.results]
        assert dates == sorted(dates, reverse=True) and dates[0] == "2024-01-28", query
    assert index.search("harbour", limit=5000).results[-1].id == "undated"
    assert index.search("harbour").total == 3001


def test_accents_fold():
    index = SearchIndex.build([briefing("z", "Zelenskyy meets Łukaszenka in Kyiv", "Talks.")])
    assert ids(index, "lukaszenka") == ["z"]
    result = index.search("lukas").results[0]
    assert [result.headline[a:b] for a, b in result.headline_spans] == ["Łukas"]


def test_stop_words_are_optional_and_phrases_keep_them(index):
    assert ids(index, "putin the") == ids(
        index, "putin"
    )  # "the" is in most bodies: it narrows nothing
    assert ids(index, "the") == ["hockey"]  # alone it is what there is: headlines and names only
    assert ids(index, '"the talks"') == ["minsk"]  # in a phrase it still has to be there
    assert ids(index, '"the final"') == ["hockey"]


def test_filters_follow_added_briefings_and_repeated_ids():
    grown = SearchIndex.build(DOCS[:2], THREADS)
    assert ids(grown, "after:2025-01-01") == ["minsk"]
    grown.add(DOCS[2:])
    assert ids(grown, "after:2025-01-01") == [
        "hockey",
        "minsk",
    ]  # the date sets are rebuilt after add
    assert ids(grown, "before:2025-01-01") == ["congrats"]
    twice = SearchIndex.build(
        [DOCS[0], DOCS[0], DOCS[2]]
    )  # the same id twice: both follow its state
    assert ids(twice, "is:read", state={"read": {"minsk"}}) == ["minsk", "minsk"]
    assert ids(twice, "is:unread", state={"read": {"minsk"}}) == ["hockey"]


def test_a_finished_word_prefers_itself_to_longer_words_and_near_misses():
    docs = [
        briefing("walls", "Walls rise along the coast", "Storms hit Florida again.", "2025-02-01"),
        briefing("wall", "Builders busy", "A wall went up in Florida last week.", "2025-01-01"),
    ]
    index = SearchIndex.build(docs)
    assert ids(index, "wall florida") == [
        "wall",
        "walls",
    ]  # "wall" is typed out: the body's "wall" wins
    assert (
        ids(index, "florida wall")[0] == "walls"
    )  # the last word may still be growing into "walls"
