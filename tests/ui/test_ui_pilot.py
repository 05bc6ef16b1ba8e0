"""Driving the reader with keys and the mouse through Textual's Pilot, on the bundled seeds."""

from __future__ import annotations

import contextlib
import functools

import pytest
from textual import events
from textual.worker import WorkerCancelled

from brief.library import build_corpus
from brief.ui.app import BriefApp
from brief.ui.commands import ALL_COMMANDS
from brief.ui.screens.help import HelpScreen
from brief.ui.widgets.briefing_list import BriefingList
from brief.ui.widgets.card import CARD_HEIGHT
from brief.ui.widgets.reading_pane import ReadingPane
from brief.ui.widgets.search_bar import SearchInput
from tests.ui.terminal import screen_text


# The list shows the seeds in pipeline order (newest first); which one is first depends on date
# analysis, so tests read the order from the pipeline rather than hard-coding it.
@functools.cache
def seeds():
    return build_corpus([]).briefings


def words_only_in(briefing, other) -> str:
    """A run of body words that appears in `briefing` and not in `other`, to prove the pane shows
    it."""
    for line in briefing.article.text.splitlines():
        snippet = " ".join(line.split()[2:6])
        if len(snippet) > 12 and snippet not in other.article.text:
            return snippet
    raise AssertionError("seeds share all their text")


def list_text(app) -> str:
    """What the card list alone shows."""
    cards = app.query_one(BriefingList)
    return "\n".join(cards.render_line(y).text for y in range(cards.size.height))


async def loaded(pilot) -> None:
    """Wait for the corpus to be on screen (loading starts after the first paint), then for the
    search index."""
    for _ in range(1200):
        if pilot.app.corpus_shown:
            break
        await pilot.pause(0.05)
    else:
        raise AssertionError("the corpus was never shown")
    for worker in list(pilot.app.workers):
        # an exclusive worker started again (the saved searches' counts, after a story is
        # marked read and again when the index is ready) cancels the one before: expected
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()
    await pilot.pause()


async def test_paints_loading_then_shows_seeds_with_count():
    app = BriefApp([])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert app.main.sub_title == "2 briefings · 2 unread"
        text = screen_text(app)
        assert "brief — 2 briefings" in text
        assert seeds()[0].headline[:40] in text and seeds()[1].headline[:40] in text
        assert "8 Nov 2024" in text  # the dated seed, in the card's date format
        assert app.startup_ms is not None and app.startup_ms > 0


async def test_count_is_thousands_separated(synthetic_briefings):
    app = BriefApp(briefings=synthetic_briefings(10_000))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "10,000 briefings" in screen_text(app)


async def test_j_k_arrows_g_G_move_the_cursor(synthetic_briefings):
    app = BriefApp(briefings=synthetic_briefings(50))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        cards = app.query_one(BriefingList)
        assert cards.cursor == 0
        await pilot.press("j", "j", "down")
        assert cards.cursor == 3
        await pilot.press("k", "up")
        assert cards.cursor == 1
        await pilot.press("G")
        assert cards.cursor == 49
        assert "Headline 000049" in list_text(app)  # scrolled into view
        await pilot.press("g")
        assert cards.cursor == 0
        await pilot.press("pagedown")
        assert cards.cursor > 1
        await pilot.press("pageup")
        assert cards.cursor == 0
        await pilot.press("k")  # already at the top: stays
        assert cards.cursor == 0


async def test_enter_opens_the_highlighted_briefing_in_the_pane():
    app = BriefApp([])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        pane = app.query_one(ReadingPane)
        assert pane.briefing.headline == seeds()[0].headline  # the first one is shown on load
        await pilot.press("j")
        assert pane.briefing.headline == seeds()[0].headline  # moving alone does not open
        await pilot.press("enter")
        await pilot.pause()
        assert pane.briefing.headline == seeds()[1].headline
        assert app.focused is pane
        assert words_only_in(seeds()[1], seeds()[0]) in screen_text(
            app
        )  # body text, not just the card
        await pilot.press("escape")
        assert isinstance(app.focused, BriefingList)


async def test_question_mark_opens_help_listing_every_binding_and_escape_closes_it():
    app = BriefApp([])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for command in ALL_COMMANDS:
            if command.section:
                assert command.description in text, command.description
        for binding in [*BriefingList.BINDINGS, *SearchInput.BINDINGS]:
            assert binding.description in text, binding.description
        # The pane scrolls with the list's keys: the help names them once, in its heading.
        assert "j k g G" in text and "space pgdn" in text
        for entity_type in ("PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT"):
            assert entity_type in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_help_columns_are_never_cut_off_by_the_terminal_edge(size):
    app = BriefApp([])
    async with app.run_test(size=size) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        body = app.screen.query_one("#help-body")
        columns = list(app.screen.query(".help-column"))
        assert len(columns) >= (1 if size[0] < 80 else 2)  # at 60x20 one column, scrolled
        for column in columns:
            assert column.region.right <= body.region.right - 1, column.region  # inside the border
        assert body.region.right <= size[0]


async def settled(pilot) -> None:
    """Let the search worker answer the last keystroke and the screen repaint."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_search_as_you_type_marks_matches_and_escape_restores_list_and_cursor():
    app = BriefApp([])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        cards = app.query_one(BriefingList)
        await pilot.press("j")
        await pilot.press("slash", *"putn minsk")  # a typo, and a word only in one body
        await settled(pilot)
        minsk = [b for b in seeds() if "Minsk" in b.article.text]
        assert [b.id for b in cards.briefings] == [b.id for b in minsk] and len(minsk) == 1
        assert app.main.sub_title == "1 of 2 briefings · 2 unread"
        assert "conference in Minsk" in list_text(
            app
        )  # the body sentence that matched, not the summary
        assert "1 match" in screen_text(app)
        await pilot.press(*" xyzq")  # q types into the bar, it does not quit
        await settled(pilot)
        assert app.is_running and len(cards.briefings) == 0
        assert "Nothing matches" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert len(cards.briefings) == 2 and cards.cursor == 1  # the list and cursor from before
        assert app.main.sub_title == "2 briefings · 2 unread"
        assert app.focused is cards


async def test_enter_opens_the_selected_result_and_escape_walks_back():
    app = BriefApp([])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        cards = app.query_one(BriefingList)
        pane = app.query_one(ReadingPane)
        await pilot.press("slash", *"ELECTION")
        await settled(pilot)
        await pilot.press("enter")
        await pilot.pause()
        election = [b for b in seeds() if "election" in b.headline]
        assert app.focused is pane and pane.briefing.id == election[0].id
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is cards and [b.id for b in cards.briefings] == [
            election[0].id
        ]  # back in the results
        await pilot.press("escape")
        await pilot.pause()
        assert len(cards.briefings) == 2


async def test_a_malformed_qualifier_is_shown_not_raised():
    app = BriefApp([])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *"after:2025-13-01 putin")
        await settled(pilot)
        assert "after:2025-13-01" in screen_text(app) and "is not a date" in screen_text(app)
        assert app.is_running


async def test_a_slash_typed_in_the_search_bar_is_part_of_the_query():
    """ "/" opens the search at once (a priority key, so a burst typed after it lands in the
    bar); typed in the bar, it is text: "AC/DC"."""
    app = BriefApp([])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *"AC", "slash", *"DC")
        await pilot.pause()
        bar = app.query_one(SearchInput)
        assert app.focused is bar and bar.value == "AC/DC"


async def test_ctrl_s_saves_the_query_and_s_stars_for_is_starred():
    from brief.store import Store

    app = BriefApp([])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        cards = app.query_one(BriefingList)
        first = cards.highlighted
        await pilot.press("s")
        await pilot.pause()
        assert "★" in list_text(app)
        await pilot.press("slash", *"is:starred")
        await settled(pilot)
        assert [b.id for b in cards.briefings] == [first.id]
        await pilot.press("ctrl+s")
        await pilot.pause()
    store = Store()
    assert ("is:starred", "is:starred") in store.saved_searches()
    assert first.id in store.state()[1]


async def test_q_quits():
    app = BriefApp([])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_clicking_a_card_selects_and_opens_it():
    app = BriefApp([])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        cards = app.query_one(BriefingList)
        assert await pilot.click(BriefingList, offset=(5, CARD_HEIGHT + 1))
        await pilot.pause()
        assert cards.cursor == 1
        assert app.query_one(ReadingPane).briefing.headline == seeds()[1].headline


async def test_scroll_wheel_scrolls_the_list(synthetic_briefings):
    app = BriefApp(briefings=synthetic_briefings(100))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        cards = app.query_one(BriefingList)
        assert "Headline 000000" in list_text(app)
        # Pilot has no public wheel helper; this routes the events through the screen like the
        # driver does.
        for _ in range(10):
            await pilot._post_mouse_events([events.MouseScrollDown], BriefingList, offset=(5, 5))
        await pilot.pause()
        assert cards.scroll_offset.y > 0
        assert "Headline 000000" not in list_text(app)
        assert cards.cursor == 0  # the wheel scrolls, it does not move the selection


async def test_narrow_terminal_is_one_column_and_enter_shows_the_article():
    app = BriefApp([])
    async with app.run_test(size=(60, 20)) as pilot:
        await loaded(pilot)
        assert "-narrow" in app.screen.classes
        pane = app.query_one(ReadingPane)
        assert not pane.display or pane.region.height == 0 or pane.region.width == 0
        await pilot.press("enter")
        await pilot.pause()
        assert pane.region.width > 0 and not app.query_one("#list-column").region.width
        assert words_only_in(seeds()[0], seeds()[1]) in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one(BriefingList).region.width > 0


async def test_skipped_files_are_notified_and_kept_for_stderr(tmp_path):
    (tmp_path / "good.txt").write_text("A story about Minsk. It has two sentences.\n")
    (tmp_path / "bad.json").write_bytes(b"\xff\xfe\x00binary")
    app = BriefApp([str(tmp_path)])
    async with app.run_test(
        size=(100, 30), notifications=True
    ) as pilot:  # run_test hides toasts by default
        await loaded(pilot)
        assert app.main.sub_title == "1 briefing · 1 unread"
        assert len(app.problems) == 1 and "bad.json" in app.problems[0]
        await pilot.pause(0.2)  # toasts mount a moment after notify()
        text = screen_text(app)
        assert "Skipped 1 file" in text and "bad.json" in text


async def test_filter_input_does_not_blink():
    app = BriefApp(briefings=[])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        assert app.query_one("#filter").cursor_blink is False
        assert "No briefings found." in screen_text(app) or "Nothing matches" in screen_text(app)


async def test_tab_switches_between_list_and_pane_even_in_one_column(synthetic_briefings):
    app = BriefApp(briefings=synthetic_briefings(3))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is app.query_one(ReadingPane)
        assert app.query_one(ReadingPane).region.width > 0
        await pilot.press("tab")
        await pilot.pause()
        assert isinstance(app.focused, BriefingList)
        assert app.query_one(BriefingList).region.width > 0
