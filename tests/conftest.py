"""Shared fixtures. Every test runs with its own config/cache dirs and no colour/theme overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from brief.model import Article, Block, Briefing, Entity, Mention, Quote


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path, monkeypatch):
    """Fixed, empty config and cache dirs; no user theme or colour settings leak in."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for name in ("NO_COLOR", "BRIEF_THEME", "TEXTUAL_THEME", "COLORTERM"):
        monkeypatch.delenv(name, raising=False)


def _span(text: str, words: str, type_: str, entity: str | None = None) -> Mention:
    start = text.index(words)
    return Mention(start, start + len(words), type_, words, entity or words)


@pytest.fixture
def annotated_briefing() -> Briefing:
    return make_annotated_briefing()


def make_annotated_briefing() -> Briefing:
    """A hand-made briefing with one mention of every
    entity type, a subhead, furniture and quotes."""
    body = (
        "Vladimir Putin met Reuters reporters in Minsk after the Ukrainian delegation left the "
        "Black Sea coast.\n\nWhat comes next\n\n"
        "The Valdai Forum will return to Sochi next year, organisers said.\n\n"
        "Also Read | Zelensky warns of a NATO test"
    )
    article = Article(
        id="hand-made",
        text=body,
        title="Putin meets reporters in Minsk",
        date="2025-06-27",
        source="Example Wire",
    )
    sub = body.index("What comes next")
    para2 = body.index("The Valdai")
    furniture = body.index("Also Read")
    mentions = (
        _span(body, "Vladimir Putin", "PERSON"),
        _span(body, "Reuters", "ORG"),
        _span(body, "Minsk", "GPE"),
        _span(body, "Ukrainian", "NORP"),
        _span(body, "Black Sea", "LOC"),
        _span(body, "Valdai Forum", "EVENT"),
        _span(body, "Sochi", "GPE"),
    )
    return Briefing(
        article=article,
        headline="Putin meets reporters in Minsk",
        summary="Vladimir Putin met Reuters reporters in Minsk.",
        date="2025-06-27",
        date_inferred=True,
        source="Example Wire",
        blocks=(
            Block("para", 0, sub - 2),
            Block("subhead", sub, sub + len("What comes next")),
            Block("para", para2, furniture - 2),
            Block("furniture", furniture, len(body)),
        ),
        mentions=mentions,
        entities=(
            Entity("Minsk", "GPE", 2),
            Entity("Vladimir Putin", "PERSON", 5, ("Putin",)),
            Entity("Reuters", "ORG", 1),
        ),
        quotes=(Quote("Vladimir Putin", "The first steps have been taken."),),
    )


def _synthetic_briefings(count: int) -> list[Briefing]:
    out = []
    for i in range(count):
        text = f"Story number {i} body text."
        out.append(
            Briefing(
                article=Article(id=f"s{i:06d}", text=text),
                headline=f"Headline {i:06d}",
                summary=f"Summary of story {i}.",
                date=f"2025-01-{i % 28 + 1:02d}",
                source="synthetic",
            )
        )
    return out


@pytest.fixture
def synthetic_briefings():
    """A factory: `synthetic_briefings(n)` gives n small
    distinct briefings, built directly (no analysis)."""
    return _synthetic_briefings


_KINDS = {"unit", "ui", "e2e"}


def pytest_collection_modifyitems(config, items):
    """Each test is marked by its folder (tests/unit, tests/ui,
    tests/e2e), so `-m unit` selects the quick loop."""
    for item in items:
        kind = Path(str(item.fspath)).parent.name
        if kind in _KINDS:
            item.add_marker(getattr(pytest.mark, kind))
