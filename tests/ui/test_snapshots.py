"""Screenshots of the reader compared with accepted SVGs in tests/__snapshots__/.

Review changes in snapshot_report.html before `pytest --snapshot-update`.
"""

from __future__ import annotations

import pytest

from brief.ui.app import BriefApp
from tests.ui.test_ui_pilot import loaded


async def _loaded(pilot) -> None:
    """Wait for the analysis worker to post the corpus and the screen to settle."""
    await loaded(pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (60, 20)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_seeds(snap_compare, size):
    assert snap_compare(BriefApp([]), terminal_size=size, run_before=_loaded)


def test_seeds_second_opened_at_80x24(snap_compare):
    async def open_second(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("j", "enter")
        await pilot.pause()

    assert snap_compare(BriefApp([]), terminal_size=(80, 24), run_before=open_second)


def test_narrow_reading_view(snap_compare):
    async def open_first(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(BriefApp([]), terminal_size=(60, 20), run_before=open_first)


def test_help_screen(snap_compare):
    async def help_open(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(BriefApp([]), terminal_size=(80, 24), run_before=help_open)


def test_search_results_mark_matches_and_show_the_body_snippet(snap_compare):
    async def searching(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("slash", *"putn minsk")
        await _loaded(pilot)

    assert snap_compare(BriefApp([]), terminal_size=(80, 24), run_before=searching)


def test_search_bar_shows_a_malformed_qualifier(snap_compare):
    async def searching(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("slash", *"before:yesterday putin")
        await _loaded(pilot)

    assert snap_compare(BriefApp([]), terminal_size=(80, 24), run_before=searching)


def test_mentions_and_quotes_full_colour(snap_compare, annotated_briefing):
    assert snap_compare(BriefApp(briefings=[annotated_briefing]), terminal_size=(100, 30))


def test_mentions_and_quotes_16_colours(snap_compare, annotated_briefing):
    """The ansi-dark theme uses the terminal's own 16 colours (what SSH sessions often get)."""
    assert snap_compare(
        BriefApp(briefings=[annotated_briefing], theme="ansi-dark"), terminal_size=(100, 30)
    )


def test_entity_picker(snap_compare):
    async def pick(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("e", "p", "u", "t", "n")
        await pilot.pause()

    assert snap_compare(BriefApp([]), terminal_size=(80, 24), run_before=pick)


def test_saved_searches_sidebar_with_live_counts(snap_compare):
    from brief.store import Store

    Store().save_search("putin", "putin")
    Store().save_search("Minsk, starred", "minsk is:starred")

    async def counted(pilot) -> None:
        await _loaded(pilot)
        await _loaded(pilot)  # the counts worker starts when the index is ready
        await pilot.pause(0.3)

    assert snap_compare(BriefApp([]), terminal_size=(120, 40), run_before=counted)


# --- threads: the grouped list (T), the timeline (t), the daily briefing (b) ---------------------
# On the hand-made corpus of tests/thread_corpus.py, so linking changes do not move these pictures.

SIZES = [(80, 24), (120, 40), (60, 20)]


def _thread_app() -> BriefApp:
    from tests import thread_corpus

    return BriefApp(briefings=thread_corpus.briefings(), threads=thread_corpus.threads())


def _pressing(*keys: str):
    async def run(pilot) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_list_grouped_by_thread(snap_compare, size):
    assert snap_compare(_thread_app(), terminal_size=size, run_before=_pressing("j", "j", "T"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_thread_timeline_marks_whats_new(snap_compare, size):
    assert snap_compare(_thread_app(), terminal_size=size, run_before=_pressing("t"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_daily_briefing_this_week(snap_compare, size):
    assert snap_compare(_thread_app(), terminal_size=size, run_before=_pressing("b", "d", "j"))


def test_seeds_thread_timeline_at_80x24(snap_compare):
    async def timeline(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("t")
        await pilot.pause()

    assert snap_compare(BriefApp([]), terminal_size=(80, 24), run_before=timeline)


# --- issue 15: read state, compact list, light theme, NO_COLOR --------------------------------


def test_read_and_unread_at_100x30(snap_compare):
    """The first story opened (read: dimmed, no marker), the cursor moved on: the pane says it
    shows another story; the header counts what is unread."""

    async def read_first(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("enter", "escape", "j")
        await pilot.pause()

    assert snap_compare(BriefApp([]), terminal_size=(100, 30), run_before=read_first)


def test_compact_list_at_80x24(snap_compare):
    from brief.library import build_corpus
    from tests.helpers import FIXTURES

    corpus = build_corpus([FIXTURES / "cnndm-unrelated.jsonl"])

    async def compact(pilot) -> None:
        await pilot.pause()
        await pilot.press("c", "j", "enter", "escape", "j", "j")
        await pilot.pause()

    app = BriefApp(briefings=corpus.briefings, threads=corpus.threads)
    assert snap_compare(app, terminal_size=(80, 24), run_before=compact)


def test_mentions_and_quotes_light_theme(snap_compare, annotated_briefing):
    """Entity colours follow the theme: darker tones on a light background."""
    assert snap_compare(
        BriefApp(briefings=[annotated_briefing], theme="textual-light"), terminal_size=(100, 30)
    )


def test_mentions_and_quotes_ansi_light(snap_compare, annotated_briefing):
    assert snap_compare(
        BriefApp(briefings=[annotated_briefing], theme="ansi-light"), terminal_size=(100, 30)
    )


def test_no_color(snap_compare, annotated_briefing, monkeypatch):
    """NO_COLOR: entity types differ by text style; the cursor's card is reversed."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(BriefApp(briefings=[annotated_briefing]), terminal_size=(100, 30))
