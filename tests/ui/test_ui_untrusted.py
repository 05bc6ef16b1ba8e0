"""Article text that looks like markup must show literally and never act."""

from __future__ import annotations

from brief.model import Article, Block, Briefing, Entity, Quote
from brief.ui.app import BriefApp
from brief.ui.widgets.briefing_list import BriefingList
from brief.ui.widgets.reading_pane import ReadingPane
from tests.ui.terminal import screen_text

HEADLINE = "[@click=app.quit]x[/]"
SUMMARY = "[/bold] closes nothing [red]still plain"
BODY = "Body [b]not bold[/b] and [@click=app.quit]click me[/] and [/] stray."


def hostile_briefing() -> Briefing:
    article = Article(id="hostile", text=BODY, title=HEADLINE)
    return Briefing(
        article=article,
        headline=HEADLINE,
        summary=SUMMARY,
        date="2025-06-27",
        source="[i]wire[/i]",
        blocks=(Block("para", 0, len(BODY)),),
        entities=(Entity("[/]Org", "ORG", 3),),
        quotes=(Quote("[bold]Speaker", "[@click=app.quit]q[/]"),),
    )


async def test_markup_in_article_text_is_shown_literally_and_clicks_do_nothing():
    app = BriefApp(briefings=[hostile_briefing()])
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert HEADLINE in text
        assert SUMMARY in text
        assert "[i]wire[/i]" in text and "[/]Org" in text
        assert "[b]not bold[/b]" in text
        assert "[bold]Speaker" in text and "[@click=app.quit]q[/]" in text
        # Click the headline on the card and the same words in the reading pane: the app keeps
        # running.
        await pilot.click(BriefingList, offset=(4, 0))
        await pilot.pause()
        pane = app.query_one(ReadingPane)
        await pilot.click(pane, offset=(4, 2))
        await pilot.pause()
        assert app.is_running
        assert app.return_code is None


async def test_filter_with_markup_characters_does_not_crash():
    app = BriefApp(briefings=[hostile_briefing()])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"[/")
        await pilot.pause()
        assert len(app.query_one(BriefingList).briefings) == 1
        await pilot.press(*"zz[")
        await pilot.pause()
        assert "Nothing matches “[/zz[”." in screen_text(app)
