"""Publisher furniture, glued subheadings and derived headlines."""

from __future__ import annotations

from brief.analysis.blocks import split_blocks
from brief.analysis.briefing import analyse
from brief.analysis.headline import MAX_CHARS, derive_headline
from brief.model import Article
from brief.resources import seeds_dir
from brief.sources import load


def seeds():
    return {a.path.rsplit("/", 1)[-1][:3]: analyse(a) for a in load([seeds_dir()]).articles}


def kinds(b):
    text = b.article.text
    return [(blk.kind, text[blk.start : blk.end]) for blk in b.blocks]


def test_glued_subheads_are_split_off():
    found = {t for kind, t in kinds(seeds()["000"]) + kinds(seeds()["002"]) if kind == "subhead"}
    assert {
        "Vladimir Putin praises Donald Trump",
        "Donald Trump reacts",
        "What was Putin's response on Ukraine crisis?",
        "Putin on restoring relations with US",
    } <= found


def test_subhead_before_a_parenthetically_attributed_subject():
    glued = (
        "Putin on restoring relations with US Russia, Putin said, was ready to restore relations."
    )
    assert [(b.kind, glued[b.start : b.end]) for b in split_blocks(glued)] == [
        ("subhead", "Putin on restoring relations with US"),
        ("para", "Russia, Putin said, was ready to restore relations."),
    ]
    for ordinary in (
        "The talks in Geneva with Iran, Lavrov said, were useful.",
        "Officials met in Paris on Monday. Russia, Putin said, was ready.",
    ):
        assert [b.kind for b in split_blocks(ordinary)] == ["para"]


def test_paragraph_after_subhead_starts_with_its_sentence():
    paras = [t for kind, t in kinds(seeds()["000"]) if kind == "para"]
    assert any(p.startswith("The 72-year-old Russian President praised") for p in paras)
    assert any(p.startswith("\u201cPutin made some very nice statements") for p in paras)


def test_also_read_is_furniture_not_text():
    b = seeds()["000"]
    assert any(kind == "furniture" and t.startswith("Also Read |") for kind, t in kinds(b))
    sentences = [b.article.text[s.start : s.end] for s in b.sentences]
    assert not any("Also Read" in s for s in sentences)
    assert b.related and b.related[0].startswith("Also Read")


def test_ordinary_paragraphs_are_not_split():
    text = "The mayor said on Monday that the bridge would reopen. Traffic resumed at noon."
    assert [b.kind for b in split_blocks(text)] == ["para"]
    quoted = "What happens next? Nobody knows, the minister said."
    assert [b.kind for b in split_blocks(quoted)] == ["para"]


def test_derived_headline_is_whole_words_and_short():
    long_lead = (
        "Russian President Vladimir Putin lauded US President Donald Trump for progress in "
        "US-Russia relations during a long press conference in the Belarusian capital on Friday."
    )
    headline = derive_headline([long_lead], [])
    assert len(headline) <= MAX_CHARS
    assert long_lead.startswith(headline)
    assert not headline.endswith((" the", " of", " for", ","))


def test_title_wins_over_derived_headline():
    b = analyse(Article(id="x", text="Something happened in the city today.", title="Given title"))
    assert b.headline == "Given title"


def test_seed_headlines_read_like_headlines():
    for b in seeds().values():
        assert 20 <= len(b.headline) <= MAX_CHARS
        assert b.headline[0].isupper() and not b.headline.endswith(".")
