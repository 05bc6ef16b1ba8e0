"""Entities through the real interfaces: `brief list
--json` on the seeds and `brief entities --json`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, REPO, run_brief

EXPECTED = json.loads((FIXTURES / "seeds-expected.json").read_text(encoding="utf-8"))
SEEDS = REPO / "seeds"


@pytest.fixture(scope="module")
def seed_briefings() -> dict[str, dict]:
    out = run_brief("list", "--json", str(SEEDS))
    assert out.returncode == 0, out.stderr
    return {Path(b["path"]).name: b for b in json.loads(out.stdout)}


@pytest.fixture(scope="module")
def seed_mentions() -> dict[str, list[dict]]:
    found = {}
    for name in EXPECTED["articles"]:
        out = run_brief("entities", "--json", input=(SEEDS / name).read_text(encoding="utf-8"))
        assert out.returncode == 0, out.stderr
        found[name] = json.loads(out.stdout)
    return found


CASES = [(name, e) for name, a in EXPECTED["articles"].items() for e in a["entities"]]


@pytest.mark.parametrize(
    ("name", "expected"), CASES, ids=[f"{n[:3]}-{e['name']}" for n, e in CASES]
)
def test_seed_entity_found_with_type_and_aliases(seed_briefings, name, expected):
    entities = {e["name"]: e for e in seed_briefings[name]["entities"]}
    assert expected["name"] in entities, sorted(entities)
    got = entities[expected["name"]]
    assert got["type"] == expected["type"]
    assert set(expected["aliases"]) <= set(got["aliases"]), got["aliases"]


@pytest.mark.parametrize("name", list(EXPECTED["articles"]))
def test_seed_not_entities_are_never_mentions_or_names(seed_briefings, seed_mentions, name):
    banned = set(EXPECTED["articles"][name]["not_entities"])
    names = {e["name"] for e in seed_briefings[name]["entities"]}
    texts = {m["text"] for m in seed_mentions[name]}
    assert not banned & names
    assert not banned & texts


@pytest.mark.parametrize("name", list(EXPECTED["articles"]))
def test_seed_mention_spans_are_strict(seed_mentions, name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    for m in seed_mentions[name]:
        assert text[m["start"] : m["end"]] == m["text"]
        assert not m["text"].lower().startswith("the ")
        assert not m["text"].endswith(("'s", "’s"))
        assert m["text"].split()[0] not in ("President", "Mr", "Russian President")
    putin = [m for m in seed_mentions[name] if m["entity"] == "Vladimir Putin"]
    assert putin and {m["text"] for m in putin} <= {"Putin", "Vladimir Putin"}


def test_entities_sorted_by_salience(seed_briefings):
    entities = seed_briefings["000_dc8a7c53315bb8ca.txt"]["entities"]
    counts = [e["count"] for e in entities]
    assert counts == sorted(counts, reverse=True)
    assert entities[0]["name"] == "Vladimir Putin"


def test_jsonl_rows_keep_their_own_offsets(tmp_path):
    rows = [
        {
            "id": "a",
            "text": (
                "Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on Monday."
            ),
        },
        {
            "id": "b",
            "text": (
                "The European Central Bank (ECB) raised rates. "
                "The ECB said inflation in Germany was high."
            ),
        },
    ]
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = run_brief("entities", "--json", str(path))
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    for row, line in zip(rows, lines):
        for m in line["mentions"]:
            assert row["text"][m["start"] : m["end"]] == m["text"]
            assert set(m) == {"start", "end", "type", "text", "entity"}
    first = {(m["text"], m["type"]) for m in lines[0]["mentions"]}
    assert {("Angela Merkel", "PERSON"), ("Emmanuel Macron", "PERSON"), ("Berlin", "GPE")} <= first
    ecb = [m for m in lines[1]["mentions"] if m["text"] == "ECB"]
    assert len(ecb) == 2 and {m["entity"] for m in ecb} == {"European Central Bank"}


def test_stdin_text_gives_one_json_array():
    out = run_brief(
        "entities",
        "--json",
        input="Meanwhile, Putin spoke in Moscow. According to Reuters, Putin left.",
    )
    assert out.returncode == 0, out.stderr
    mentions = json.loads(out.stdout)
    assert isinstance(mentions, list)
    texts = [m["text"] for m in mentions]
    assert "Meanwhile" not in texts and "According" not in texts
    assert ("Moscow", "GPE") in {(m["text"], m["type"]) for m in mentions}


def test_analysis_is_deterministic():
    from brief.analysis.entities import find_entities

    text = (SEEDS / "000_dc8a7c53315bb8ca.txt").read_text(encoding="utf-8")
    assert find_entities(text) == find_entities(text)


def _stdin_mentions(text: str) -> set[tuple[str, str, str]]:
    out = run_brief("entities", "--json", input=text)
    assert out.returncode == 0, out.stderr
    return {(m["text"], m["type"], m["entity"]) for m in json.loads(out.stdout)}


def test_an_organisation_run_is_one_name_even_when_it_starts_with_a_nationality():
    found = _stdin_mentions(
        "He joined the British Broadcasting Corporation in 1990. The European Central Bank left "
        "rates alone."
    )
    assert ("British Broadcasting Corporation", "ORG", "British Broadcasting Corporation") in found
    assert ("European Central Bank", "ORG", "European Central Bank") in found
    assert not {t for t, _, _ in found} & {"British", "European", "Central Bank"}


def test_a_country_before_an_organisation_stays_a_place():
    found = _stdin_mentions("The US Federal Reserve held rates on Wednesday.")
    assert {("US", "GPE", "United States"), ("Federal Reserve", "ORG", "Federal Reserve")} <= found


def test_an_unknown_name_that_speaks_is_a_person_and_one_reading_holds_per_document():
    found = _stdin_mentions(
        "Also Read | Kovalenko warns Putin could test the alliance\n\nVladimir Putin spoke in "
        "Minsk."
    )
    assert ("Kovalenko", "PERSON", "Kovalenko") in found
    assert {e for t, ty, e in found if t == "Putin"} == {"Vladimir Putin"}
    assert {ty for t, ty, e in found if e == "Vladimir Putin"} == {"PERSON"}


def test_repeats_are_found_as_one_regex_alternating_the_names_would_find_them():
    """Other mentions of a name are found by plain string search; the scan must pick what
    a regex of the names, longest first, picks: standalone, leftmost, longest, no overlaps."""
    import random
    import re

    from brief.analysis.entities import _occurrences

    def by_regex(text: str, names: dict[str, str]) -> list[tuple[int, int]]:
        alternation = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
        pattern = re.compile(rf"(?<![\w.'’-])(?:{alternation})(?![\w'’-]\w|\w)")
        return [m.span() for m in pattern.finditer(text)]

    def by_scan(text: str, names: dict[str, str]) -> list[tuple[int, int]]:
        found, end = [], 0
        for start, length in _occurrences(text, names):
            if start >= end:
                end = start + length
                found.append((start, end))
        return found

    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice("AaB .'’-xé\n") for _ in range(rng.randrange(40)))
        names = {"".join(rng.choice("AaB .x") for _ in range(rng.randrange(1, 5))): "PERSON"}
        names |= {"".join(rng.choice("AaB x'") for _ in range(rng.randrange(1, 5))): "ORG"}
        assert by_scan(text, names) == by_regex(text, names), (text, names)
    assert by_scan("Russian troops left Russia.", {"Russia": "GPE"}) == [(20, 26)]  # whole words
    text = "Putin met Vladimir Putin. Putin's aides; Putinism; M.Putin; Putin-era; (Putin)."
    names = {"Vladimir Putin": "PERSON", "Putin": "PERSON"}
    assert by_scan(text, names) == by_regex(text, names) == [(0, 5), (10, 24), (72, 77)]
