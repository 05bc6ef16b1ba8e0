"""What cards and the reading pane put on screen, checked on the Rich text they build."""

from __future__ import annotations

from rich.style import Style

from brief.model import ENTITY_TYPES, Article, Briefing
from brief.search.substring import filter_briefings
from brief.ui.app import BriefApp
from brief.ui.widgets.article import ArticleStyles, article_parts
from brief.ui.widgets.card import CardStyles, card_lines, card_summary
from brief.ui.widgets.entity_styles import entity_styles
from brief.ui.widgets.reading_pane import ReadingPane
from brief.views.labels import date_label, human_date

COLOURS = {t: Style(color=f"color({i + 1})") for i, t in enumerate(ENTITY_TYPES)}


def styled_words(text, style) -> list[str]:
    return [text.plain[span.start : span.end] for span in text.spans if span.style == style]


def test_every_mention_is_highlighted_with_its_type_style(annotated_briefing):
    body = article_parts(annotated_briefing, ArticleStyles(entities=COLOURS)).body
    assert styled_words(body, COLOURS["PERSON"]) == ["Vladimir Putin"]
    assert styled_words(body, COLOURS["ORG"]) == ["Reuters"]
    assert styled_words(body, COLOURS["GPE"]) == ["Minsk", "Sochi"]
    assert styled_words(body, COLOURS["LOC"]) == ["Black Sea"]
    assert styled_words(body, COLOURS["NORP"]) == ["Ukrainian"]
    assert styled_words(body, COLOURS["EVENT"]) == ["Valdai Forum"]


def test_subheads_quotes_and_furniture(annotated_briefing):
    styles = ArticleStyles(subhead=Style(color="red"), furniture=Style(color="blue"))
    parts = article_parts(annotated_briefing, styles)
    assert styled_words(parts.body, styles.subhead) == ["What comes next"]
    assert parts.body.plain.index("Related") > parts.body.plain.index(
        "organisers said"
    )  # furniture moved to the end
    assert "Also Read | Zelensky" in styled_words(parts.body, styles.furniture)[0]
    assert (
        parts.quotes is not None
        and parts.quotes.plain == "Vladimir Putin: “The first steps have been taken.”"
    )
    assert parts.head.plain.splitlines()[:2] == [
        "Putin meets reporters in Minsk",
        "≈ 27 Jun 2025 · Example Wire",
    ]


def test_head_shows_the_summary_and_who_is_involved(annotated_briefing):
    styles = ArticleStyles(entities=COLOURS)
    lines = article_parts(annotated_briefing, styles).head.plain.splitlines()
    assert lines[3] == annotated_briefing.summary
    names = [e.name for e in annotated_briefing.entities]
    assert lines[5] == " · ".join(names[:8])
    head = article_parts(annotated_briefing, styles).head
    assert styled_words(head, COLOURS["PERSON"]) == ["Vladimir Putin"]


def test_no_quotes_section_without_quotes():
    briefing = Briefing(
        article=Article(id="a", text="Just text."), headline="H", summary="S", date=None
    )
    parts = article_parts(briefing, ArticleStyles())
    assert parts.quotes is None
    assert parts.body.plain == "Just text."  # no blocks: the whole text is one paragraph
    assert parts.head.plain.splitlines() == ["H", "undated", "", "S"]


def test_card_shows_headline_date_source_chips_by_count_and_summary(annotated_briefing):
    lines = card_lines(annotated_briefing, 80, CardStyles(entities=COLOURS), selected=False)
    assert [len(line) for line in lines] == [80] * 4
    assert lines[0].plain.strip() == "• Putin meets reporters in Minsk"  # unread: the marker
    read = card_lines(annotated_briefing, 80, CardStyles(), selected=False, read=True)
    assert read[0].plain.strip() == "Putin meets reporters in Minsk"
    assert read[0].spans[-1].style == CardStyles().read  # dimmed, not bold
    meta = lines[1].plain
    assert meta.strip().startswith("≈ 27 Jun 2025 · Example Wire")
    assert (
        meta.index("Vladimir Putin") < meta.index("Minsk") < meta.index("Reuters")
    )  # 5, 2, 1 mentions
    assert styled_words(lines[1], COLOURS["PERSON"]) == ["Vladimir Putin"]
    assert lines[2].plain.strip() == "Vladimir Putin met Reuters reporters in Minsk."
    assert lines[3].plain.strip() == ""


def test_long_card_lines_are_cut_with_an_ellipsis():
    text = "word " * 100
    briefing = Briefing(
        article=Article(id="a", text=text), headline=text, summary=text, date="2024-11-08"
    )
    lines = card_lines(briefing, 30, CardStyles(), selected=True)
    assert all(line.cell_len == 30 for line in lines)
    assert lines[0].plain.endswith("…") and lines[0].plain.startswith("▌ ")


def test_dates():
    assert human_date("2024-11-08") == "8 Nov 2024"
    assert human_date("2025-06") == "Jun 2025"
    assert human_date("soon") == "soon"
    dated = Briefing(
        article=Article(id="a", text=""),
        headline="",
        summary="",
        date="2025-06-27",
        date_inferred=True,
    )
    assert date_label(dated) == "≈ 27 Jun 2025"


def test_filter_matches_headline_summary_source_and_entity_names(annotated_briefing):
    other = Briefing(
        article=Article(id="b", text="x"),
        headline="Other",
        summary="Nothing here",
        date=None,
        source="Wire B",
    )
    both = [annotated_briefing, other]
    assert filter_briefings(both, "  MINSK ") == [annotated_briefing]
    assert filter_briefings(both, "wire b") == [other]
    assert filter_briefings(both, "reuters") == [annotated_briefing]  # entity name / summary
    assert filter_briefings(both, "") == both
    assert filter_briefings(both, "absent") == []


async def test_entity_colours_are_distinct_in_every_colour_mode(annotated_briefing, monkeypatch):
    for theme in ("tokyo-night", "ansi-dark"):
        app = BriefApp(briefings=[annotated_briefing], theme=theme)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            styles = entity_styles(app.query_one(ReadingPane))
            colours = {style.color for style in styles.values()}
            assert len(colours) == len(ENTITY_TYPES) and None not in colours
            if theme == "ansi-dark":
                assert all(c.number is not None and c.number < 16 for c in colours)
    monkeypatch.setenv("NO_COLOR", "1")
    app = BriefApp(briefings=[annotated_briefing])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        styles = entity_styles(app.query_one(ReadingPane))
        looks = {(s.bold, s.italic, s.underline, s.reverse) for s in styles.values()}
        assert len(looks) == len(ENTITY_TYPES)  # without colour, text styles still tell types apart


def test_entity_colours_stay_distinct_when_downgraded_to_16_colours():
    from rich.color import ColorSystem

    from brief.resources import styles_dir

    # The truecolour hexes in the tcss must each land on a different one of the 16 ANSI colours.
    css = (styles_dir() / "brief.tcss").read_text()
    hexes = [
        line.split("color:")[1].strip(" ;}")
        for line in css.splitlines()
        if line.startswith(".entity--")
    ]
    assert len(hexes) == len(ENTITY_TYPES)
    downgraded = {Style.parse(h).color.downgrade(ColorSystem.STANDARD).number for h in hexes}
    assert len(downgraded) == len(ENTITY_TYPES)


def test_quote_text_is_not_styled_as_the_speaker(annotated_briefing):
    styles = ArticleStyles(speaker=Style(bold=True), quote=Style(italic=True))
    quotes = article_parts(annotated_briefing, styles).quotes
    assert quotes.style in ("", None) or not Style.parse(str(quotes.style)).bold
    assert styled_words(quotes, styles.speaker) == ["Vladimir Putin"]


def test_card_summary_skips_a_first_sentence_the_headline_already_says():
    lead = "Putin lauded Trump for progress in relations. He added that talks would go on."
    untitled = Briefing(
        article=Article(id="u", text=lead),
        headline="Putin lauded Trump for progress",
        summary=lead,
        date=None,
    )
    assert card_summary(untitled) == "He added that talks would go on."
    titled = Briefing(
        article=Article(id="t", text=lead), headline="Talks go on", summary=lead, date=None
    )
    assert card_summary(titled) == lead
    one_sentence = Briefing(
        article=Article(id="o", text="Putin spoke."),
        headline="Putin spoke",
        summary="Putin spoke.",
        date=None,
    )
    assert card_summary(one_sentence) == "Putin spoke."
