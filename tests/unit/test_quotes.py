"""Direct quotes and their speakers: on the seeds through `brief list --json`, and per pattern."""

from __future__ import annotations

import json
import re

import pytest

from brief.analysis.blocks import split_blocks
from brief.analysis.quotes import find_quotes
from brief.analysis.sentences import split_sentences
from brief.model import Mention
from tests.helpers import run_brief


def quotes_of(text: str, people: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(speaker, text) of each quote; `people` maps surface names to canonical PERSON names."""
    mentions = []
    for surface, canonical in (people or {}).items():
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
            if not any(x.start <= m.start() < x.end for x in mentions):
                mentions.append(Mention(m.start(), m.end(), "PERSON", surface, canonical))
    blocks = split_blocks(text)
    found = find_quotes(
        text, blocks, split_sentences(text, blocks), sorted(mentions, key=lambda m: m.start)
    )
    for q in found:
        assert text[q.start : q.end] == q.text  # offsets point at the quoted words
    return [(q.speaker, q.text) for q in found]


@pytest.fixture(scope="module")
def seed_items():
    out = run_brief("list", "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def seed_quotes(seed_items):
    return [(q["speaker"], q["text"]) for item in seed_items for q in item["quotes"]]


def test_seeds_quote_putin_and_trump_by_canonical_name(seed_quotes):
    speakers = [s for s, _ in seed_quotes]
    assert speakers.count("Vladimir Putin") >= 2
    assert speakers.count("Donald Trump") >= 2
    assert ("Donald Trump", "Putin respects our country.") in seed_quotes
    decided = (
        "Not everything has been decided in the sphere of diplomatic relations, "
        "but the first steps have been taken and we are moving forward."
    )
    assert ("Vladimir Putin", decided) in seed_quotes


def test_seed_speakers_are_the_articles_own_entities(seed_items):
    for item in seed_items:
        names = {e["name"] for e in item["entities"]}
        assert item["quotes"]
        assert {q["speaker"] for q in item["quotes"]} <= names, item["id"]
    continued = [
        q
        for item in seed_items
        for q in item["quotes"]
        if q["text"].startswith("I take this opportunity")
    ]
    assert [q["speaker"] for q in continued] in (
        ["Vladimir Putin"],
        ["Putin"],
    )  # the previous quote's speaker


def test_reporter_attribution_is_not_the_speaker(seed_quotes):
    assert ("Donald Trump", "Putin made some very nice statements today") in seed_quotes
    putin_minsk = [
        s for s, t in seed_quotes if t.startswith("In general, thanks to President Trump")
    ]
    assert putin_minsk == ["Vladimir Putin"]  # "…," Reuters reported — Reuters only carried it
    assert not {"Reuters", "AP"} & {s for s, _ in seed_quotes}


def test_scare_quotes_are_not_quotes(seed_quotes):
    texts = {t for _, t in seed_quotes}
    assert not texts & {
        "great respect",
        "quite possible",
        "one-sided",
        "aggressiveness",
        "monumental win.",
    }


def test_quote_then_name_said():
    assert quotes_of(
        "\u201cWe will rebuild the bridge by spring,\u201d Putin said.", {"Putin": "Vladimir Putin"}
    ) == [("Vladimir Putin", "We will rebuild the bridge by spring")]


def test_name_said_then_quote_with_mismatched_marks():
    text = 'After the talks, Trump said, \u201cThe meeting went very well indeed."'
    assert quotes_of(text, {"Trump": "Donald Trump"}) == [
        ("Donald Trump", "The meeting went very well indeed.")
    ]


def test_said_name_after_quote():
    text = '"Prices will fall next year," said central bank governor Anna Berg.'
    assert quotes_of(text) == [("Anna Berg", "Prices will fall next year")]


def test_name_added():
    text = 'The vote was close. "We expect a recount in two districts," Berg added.'
    assert quotes_of(text, {"Berg": "Anna Berg"}) == [
        ("Anna Berg", "We expect a recount in two districts")
    ]


def test_according_to_name():
    text = '"The harvest is the worst in a decade," according to Maria Lopez.'
    assert quotes_of(text) == [("Maria Lopez", "The harvest is the worst in a decade")]


def test_agency_quoted_person_as_saying():
    text = '"The deal is done and signed," Reuters quoted Donald Trump as saying.'
    assert quotes_of(text, {"Donald Trump": "Donald Trump"}) == [
        ("Donald Trump", "The deal is done and signed")
    ]


def test_pronoun_resolves_to_the_one_recent_subject():
    text = (
        "Putin also noted that Trump\u2019s comments were important. "
        '"This deserves attention at least," he said.'
    )
    people = {"Putin": "Vladimir Putin", "Trump": "Donald Trump"}
    assert quotes_of(text, people) == [("Vladimir Putin", "This deserves attention at least")]


def test_ambiguous_pronoun_is_skipped():
    text = 'Putin and Trump met on Friday. "This deserves attention at least," he said.'
    assert quotes_of(text, {"Putin": "Vladimir Putin", "Trump": "Donald Trump"}) == []


def test_pronoun_without_entities_is_skipped():
    assert quotes_of('Officials met on Friday. "The talks will go on for weeks," he said.') == []


def test_whole_sentence_quote_continues_the_previous_speaker():
    text = '"We did our best today," Berg said at the club. "I thank every volunteer who came."'
    assert quotes_of(text) == [
        ("Berg", "We did our best today"),
        ("Berg", "I thank every volunteer who came."),
    ]


def test_without_mentions_a_surname_takes_the_fuller_name_in_the_text():
    text = 'Mayor Anna Berg opened the bridge. "It is finally finished for everyone," Berg said.'
    assert quotes_of(text) == [("Anna Berg", "It is finally finished for everyone")]


def test_short_lowercase_fragment_is_skipped_even_next_to_said():
    assert quotes_of('Berg called the plan "deeply flawed," Berg said.') == []


def test_new_sentence_after_a_closing_full_stop_is_not_attribution():
    text = 'Trump said, "Putin respects our country." He further noted the summit dates.'
    assert quotes_of(text, {"Trump": "Donald Trump"}) == [
        ("Donald Trump", "Putin respects our country.")
    ]
