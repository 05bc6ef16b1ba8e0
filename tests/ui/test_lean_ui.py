"""The reader holds its stories lean; opening one, or its thread's timeline, reads the rest
back from the cache (a real SQLite file): quotes, mentions and paragraphs all show."""

from __future__ import annotations

from brief.library import Library
from brief.model import LeanBriefing
from brief.ui.app import BriefApp
from brief.ui.screens.timeline import TimelineScreen
from brief.ui.widgets.briefing_list import BriefingList
from brief.ui.widgets.reading_pane import ReadingPane
from tests.ui.terminal import screen_text
from tests.ui.test_ui_pilot import loaded


async def test_a_lean_story_opens_whole_with_its_quotes_and_timeline(tmp_path):
    library = Library.open(tmp_path / "c.sqlite3")
    app = BriefApp([], library=library)
    async with app.run_test(size=(130, 40)) as pilot:
        await loaded(pilot)
        held = app.main.all_briefings
        congratulations = next(b for b in held if b.date == "2024-11-08")
        assert isinstance(congratulations, LeanBriefing) and not congratulations.quotes
        cards = app.query_one(BriefingList)
        while cards.highlighted.id != congratulations.id:
            await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()
        pane = app.query_one(ReadingPane)
        assert pane.briefing is congratulations  # the list's own object: cursor checks hold
        text = screen_text(app)
        assert "Key quotes" in text
        assert "He behaved, in my opinion, in a very correct way" in text
        # a theme change repaints the story without reading the cache again
        reads = []
        pane.whole = lambda b: reads.append(b) or b
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        await pilot.pause()
        assert not reads and "Key quotes" in screen_text(app)
        await pilot.press("escape", "t")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        text = screen_text(app)
        assert "8 Nov 2024" in text and "27 Jun 2025" in text
        assert "Putin" in text
