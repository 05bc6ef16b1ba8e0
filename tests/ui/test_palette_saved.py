"""ctrl+p offers search, saved searches, threads and entities; S shows saved searches with live
counts."""

from __future__ import annotations

from textual.command import CommandPalette

from brief.store import Store
from brief.ui.app import BriefApp
from brief.ui.screens.daily import DailyScreen
from brief.ui.widgets.briefing_list import BriefingList
from brief.ui.widgets.saved_searches import SavedSearches
from tests.ui.terminal import screen_text
from tests.ui.test_ui_pilot import loaded, seeds


async def _palette(pilot, text: str) -> str:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*text)
    await pilot.pause(0.5)  # the palette gathers hits in its own worker
    return screen_text(pilot.app)


async def test_palette_offers_a_search_and_runs_it():
    app = BriefApp([])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        shown = await _palette(pilot, "election")
        assert "Search for “election”" in shown
        await pilot.press("enter")
        await loaded(pilot)
        assert app.query_one("#filter").value == "election"
        assert [b.id for b in app.query_one(BriefingList).briefings] == [
            b.id for b in seeds() if "election" in b.headline
        ]


async def test_palette_goes_to_an_entity_and_to_a_thread():
    app = BriefApp([])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        shown = await _palette(pilot, "valdai")
        assert "Go to entity: Valdai Discussion Club" in shown
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.main.sub_title.startswith("Valdai Discussion Club · 1 of 2 briefings")
        await pilot.press("escape")
        thread = app.main.threads[0]
        shown = await _palette(pilot, thread.title.split(":")[0])
        assert f"Go to thread: {thread.title}" in shown


async def test_palette_opens_the_daily_briefing():
    app = BriefApp([])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        shown = await _palette(pilot, "daily")
        assert "Daily briefing" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DailyScreen)


async def test_saved_searches_sidebar_counts_runs_and_forgets():
    Store().save_search("putin", "putin")
    Store().save_search("minsk only", "minsk")
    app = BriefApp([])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        sidebar = app.query_one(SavedSearches)
        assert not sidebar.display  # never opens by itself: S opens it
        await pilot.press("S")
        await pilot.pause()
        for _ in range(100):  # the counts worker starts once the index is ready
            text = screen_text(app)
            if "putin  2" in text and "minsk only  1" in text:  # live counts
                break
            await pilot.pause(0.05)
        else:
            raise AssertionError(text)
        await pilot.press("S")  # open and focused: S closes it
        assert not sidebar.display
        await pilot.press("S")  # opens it again, focused
        await pilot.press("down", "enter")
        await loaded(pilot)
        assert app.query_one("#filter").value == "minsk"
        assert len(app.query_one(BriefingList).briefings) == 1
        await pilot.press("escape")
        await pilot.press("S")
        await pilot.press("d")
        await pilot.pause()
        assert [name for name, _ in Store().saved_searches()] == [
            "putin"
        ]  # the highlighted one went
