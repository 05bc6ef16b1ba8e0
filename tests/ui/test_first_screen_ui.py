"""A warm start paints the list the last start left, from SQLite, before the corpus loads."""

from __future__ import annotations

import threading

from brief.library import Library
from brief.ui.app import BriefApp
from brief.ui.widgets.briefing_list import BriefingList
from brief.ui.widgets.reading_pane import ReadingPane
from tests.ui.terminal import screen_text
from tests.ui.test_ui_pilot import loaded


class HeldLibrary(Library):
    """The user's library, whose load waits until the test lets it go: the saved rows are all
    the reader has until then."""

    gate = threading.Event()

    def load(self, paths=(), **options):
        assert self.gate.wait(30)
        return super().load(paths, **options)


async def test_saved_rows_paint_before_loading_and_an_open_waits_for_it(tmp_path):
    primed = Library.open(tmp_path / "c.sqlite3").load([])
    held = HeldLibrary(Library.open(tmp_path / "c.sqlite3").store)
    held.gate.clear()
    app = BriefApp([], library=held)
    async with app.run_test(size=(110, 30)) as pilot:
        await pilot.pause()
        main = app.main
        assert main.rows_only
        text = screen_text(app)
        assert "2 briefings · loading…" in text
        assert primed.briefings[0].headline[:30] in text
        assert "thread of 2" in text  # the thread's size, counted in SQLite
        await pilot.press("j", "enter")  # moving works; opening waits for the stories
        await pilot.pause()
        assert "Opening as soon as the stories load" in screen_text(app)
        await pilot.press("t")  # the timeline needs threads: nothing happens yet
        assert app.screen is main
        held.gate.set()
        await loaded(pilot)
        assert not main.rows_only
        pane = app.query_one(ReadingPane)
        # the story asked for opened, with the cursor still on it, and it counts as read
        assert pane.briefing is not None and pane.briefing.id == primed.briefings[1].id
        assert app.query_one(BriefingList).highlighted.id == primed.briefings[1].id
        assert primed.briefings[1].id in main.read_ids
        assert "loading…" not in screen_text(app)
