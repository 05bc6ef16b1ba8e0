"""The cache's encoding gives back exactly the briefing that was analysed."""

from __future__ import annotations

from dataclasses import dataclass

from brief.analysis.briefing import analyse
from brief.model import Mention, Sentence
from brief.sources import load
from brief.store.codec import _maker, decode_briefing, decode_briefings, encode_briefing
from tests.conftest import make_annotated_briefing
from tests.helpers import FIXTURES


def test_a_briefing_comes_back_equal_field_by_field():
    b = make_annotated_briefing()
    again = decode_briefing(b.article, encode_briefing(b))
    assert again == b and again.article is b.article
    assert again.entities[1].aliases == ("Putin",) and isinstance(again.entities[1].aliases, tuple)
    assert all(type(m) is Mention for m in again.mentions)


def test_analysed_articles_round_trip():
    articles = [
        *load([FIXTURES / "trust-dates.jsonl"]).articles,
        *load([FIXTURES / "cnndm-five.jsonl"]).articles,
    ]
    briefings = [analyse(a) for a in articles]
    assert any(b.dates for b in briefings) and any(b.quotes for b in briefings)
    rows = [(b.article, encode_briefing(b)) for b in briefings]
    assert decode_briefings(rows) == briefings


def test_the_fast_constructor_makes_what_the_class_makes():
    make = _maker(Sentence)
    made = make(3, 9)
    assert made == Sentence(3, 9) and hash(made) == hash(Sentence(3, 9))
    assert _maker(Mention)(0, 5, "GPE", "Minsk", "Minsk") == Mention(0, 5, "GPE", "Minsk", "Minsk")

    @dataclass(frozen=True)
    class Plain:  # not slotted: no slots to set, so the class itself constructs
        a: int
        b: int

    assert _maker(Plain) is Plain
