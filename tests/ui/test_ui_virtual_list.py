"""The card list is virtual: 100,000 briefings mount, move and render (not timed; speed lives in
benchmarks/)."""

from __future__ import annotations

from textual.geometry import Region

from brief.ui.app import BriefApp
from brief.ui.widgets.briefing_list import BriefingList
from brief.ui.widgets.card import CARD_HEIGHT, CURSOR_CELLS


def list_text(cards: BriefingList) -> str:
    return "\n".join(cards.render_line(y).text for y in range(cards.size.height))


async def test_a_hundred_thousand_briefings(synthetic_briefings):
    briefings = synthetic_briefings(100_000)
    app = BriefApp(briefings=briefings)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        cards = app.query_one(BriefingList)
        assert app.main.sub_title == "100,000 briefings · 100,000 unread"
        assert cards.virtual_size.height == 100_000 * CARD_HEIGHT
        await pilot.press("G")
        assert cards.cursor == 99_999
        assert "Headline 099999" in list_text(cards)
        await pilot.press("k", "k")
        assert cards.cursor == 99_997
        await pilot.press("g", "j")
        assert cards.cursor == 1
        assert "Headline 000001" in list_text(cards)
        # Only visible cards were ever rendered, not 100,000 of them.
        assert len(cards._strips) < 3 * (cards.size.height // CARD_HEIGHT + 2)
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one("#pane").briefing is briefings[1]


async def test_cursor_move_refreshes_only_the_cursor_cells_of_two_cards(
    synthetic_briefings, monkeypatch
):
    """Only the bar shows the cursor, so a move repaints its cells in the two cards (a few
    hundred bytes over SSH), not the cards' whole rows."""
    app = BriefApp(briefings=synthetic_briefings(1_000))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        cards = app.query_one(BriefingList)
        refreshed: list[tuple[Region, ...]] = []
        original = cards.refresh

        def spy(*regions, **kwargs):
            refreshed.append(regions)
            return original(*regions, **kwargs)

        monkeypatch.setattr(cards, "refresh", spy)
        await pilot.press("j")
        cells = CURSOR_CELLS
        assert refreshed == [
            (Region(0, 0, cells, CARD_HEIGHT), Region(0, CARD_HEIGHT, cells, CARD_HEIGHT))
        ]


async def test_selected_card_looks_different_and_cache_follows_width(synthetic_briefings):
    app = BriefApp(briefings=synthetic_briefings(20))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        cards = app.query_one(BriefingList)
        first, second = cards.render_line(0), cards.render_line(CARD_HEIGHT)
        assert first.text.startswith("▌") and not second.text.startswith("▌")
        await pilot.press("j")
        await pilot.pause()
        assert not cards.render_line(0).text.startswith("▌") and cards.render_line(
            CARD_HEIGHT
        ).text.startswith("▌")
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert cards.render_line(0).cell_length == cards.scrollable_content_region.width


async def test_a_keystroke_that_keeps_the_results_repaints_only_the_changed_cells(
    synthetic_briefings, monkeypatch
):
    """Typing one more letter of a word every result has marks one more letter of each
    headline: only those cells repaint, not the list (kilobytes a keystroke over SSH)."""
    app = BriefApp(briefings=synthetic_briefings(1_000))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("/", *"headli")
        await app.workers.wait_for_complete()
        await pilot.pause()
        cards = app.query_one(BriefingList)
        refreshed: list[Region] = []
        original = cards.refresh

        def spy(*regions, **kwargs):
            refreshed.extend(regions or [Region(0, 0, cards.size.width, cards.size.height)])
            return original(*regions, **kwargs)

        monkeypatch.setattr(cards, "refresh", spy)
        await pilot.press("n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert refreshed, "the new marks were never painted"
        assert all(r.height == 1 and r.width < cards.size.width for r in refreshed), refreshed
