"""Issue 15 under Pilot: read state, the pane's note, links, restricted mode, config, compact
list, help scrolling, the saved-searches sidebar and the palette guard."""

from __future__ import annotations

import stat
import time
from dataclasses import replace

from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from brief.library import Library
from brief.ui.app import BriefApp
from brief.ui.config import Config, load_config
from brief.ui.screens.help import HelpScreen
from brief.ui.widgets.briefing_list import BriefingList
from brief.ui.widgets.reading_pane import ReadingPane
from tests.ui.terminal import screen_text
from tests.ui.test_ui_pilot import list_text, loaded

URL = "https://example.org/news/minsk?id=1"


def _with_links(briefings, url=URL):
    return [replace(b, article=replace(b.article, url=url)) for b in briefings]


def notes(app) -> str:
    """Every notification shown so far (toasts wrap, so the screen would split them)."""
    return "\n".join(n.message for n in app._notifications)


def _app(briefings, tmp_path, **kwargs) -> BriefApp:
    library = Library.open(tmp_path / "cache.sqlite3")
    return BriefApp(briefings=briefings, library=library, **kwargs)


async def test_unread_stand_out_and_opening_marks_read(synthetic_briefings, tmp_path):
    app = BriefApp([], library=Library.open(tmp_path / "c.sqlite3"))
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        main = app.main
        assert "2 unread" in main.sub_title
        text = list_text(app)
        assert text.splitlines()[4].startswith("• ")  # the second card, unread, has the marker
        await pilot.press("j", "enter")
        await pilot.pause()
        second = app.query_one(BriefingList).highlighted
        assert second.id in main.read_ids
        assert "1 unread" in main.sub_title
        assert not list_text(app).splitlines()[4].startswith("• ")  # read: no marker
        read, _ = app.library.state()
        assert second.id in read  # kept in the store


async def test_m_toggles_M_marks_all_N_jumps(synthetic_briefings, tmp_path):
    briefings = synthetic_briefings(6)
    app = _app(briefings, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        main = app.main
        cards = app.query_one(BriefingList)
        main.show_library(app._given_library, set(), set(), [])
        main.show_corpus(briefings, [])
        await pilot.pause()
        assert "6 unread" in main.sub_title
        await pilot.press("m")
        assert briefings[0].id in main.read_ids and "5 unread" in main.sub_title
        await pilot.press("m")
        assert briefings[0].id not in main.read_ids
        await pilot.press("m", "j", "m", "g", "N")
        assert cards.cursor == 2  # the next unread after the top
        await pilot.press("M")
        assert main.read_ids >= {b.id for b in briefings}
        assert "0 unread" in main.sub_title
        await pilot.press("N")  # nothing left: the cursor stays
        assert cards.cursor == 2


async def test_thread_headers_count_unread(tmp_path):
    app = BriefApp([], library=Library.open(tmp_path / "c.sqlite3"))
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("T")
        await pilot.pause()
        assert "2 stories · 2 unread" in list_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "2 stories · 1 unread" in list_text(app)


async def test_pane_says_when_it_shows_another_story_than_the_cursor(tmp_path):
    app = BriefApp([], library=Library.open(tmp_path / "c.sqlite3"))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert "not the highlighted story" not in screen_text(app)
        await pilot.press("j")
        await pilot.pause()
        assert "not the highlighted story · enter opens it" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "not the highlighted story" not in screen_text(app)
        opened = app.query_one(ReadingPane).briefing.id
        # the same in search results: the top result is the other story, the pane keeps its own
        await pilot.press("escape", "slash", *"lauded")
        await loaded(pilot)
        await pilot.pause()
        assert app.query_one(ReadingPane).briefing.id == opened
        assert app.query_one(BriefingList).highlighted.id != opened
        assert "not the highlighted story" in screen_text(app)


async def test_the_link_is_an_osc8_hyperlink_and_y_copies_it(synthetic_briefings, tmp_path):
    briefings = _with_links(synthetic_briefings(2))
    app = _app(briefings, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        head = app.query_one("#article-head")
        links = {span.style.link for span in head.content.spans if hasattr(span.style, "link")}
        rendered = (
            "".join(
                str(segment.style.link) for strip in head._render_cache.lines for segment in strip
            )
            if getattr(head, "_render_cache", None)
            else ""
        )
        assert URL in screen_text(app)
        assert URL in links or URL in rendered
        await pilot.press("y")
        assert app.clipboard == URL


async def test_other_schemes_and_control_characters_never_become_links(
    synthetic_briefings, tmp_path
):
    bad = ["javascript:alert(1)", "file:///etc/passwd", "https://ex\x1b]52;c;aGk=\x07ample.org/"]
    for url in bad:
        briefings = _with_links(synthetic_briefings(1), url)
        app = _app(briefings, tmp_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("y")
            shown = screen_text(app)
            assert "javascript" not in shown and "file:" not in shown
            assert app.clipboard in ("", "https://example.org/")
            assert "\x1b" not in app.clipboard


async def test_o_opens_a_local_browser(synthetic_briefings, tmp_path, monkeypatch):
    """The real webbrowser module, with $BROWSER a script that records what it was given."""
    import webbrowser

    record = tmp_path / "opened.txt"
    script = tmp_path / "browser.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s" "$1" > {record}\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("BROWSER", str(script))
    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    monkeypatch.setattr(webbrowser, "_tryorder", None)  # forget browsers found before
    app = _app(_with_links(synthetic_briefings(1)), tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        for _ in range(50):
            if record.exists():
                break
            time.sleep(0.1)
        assert record.read_text() == URL
        assert app.clipboard == ""


async def test_o_copies_instead_over_ssh_and_restricted(synthetic_briefings, tmp_path, monkeypatch):
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22")
    monkeypatch.setenv("BROWSER", "/bin/false")
    app = _app(_with_links(synthetic_briefings(1)), tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert app.clipboard == URL
        assert "Copied the link (over SSH" in notes(app)
    monkeypatch.delenv("SSH_CONNECTION")
    app = _app(_with_links(synthetic_briefings(1)), tmp_path, restricted=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "restricted" in screen_text(app).splitlines()[0]
        await pilot.press("o")
        await pilot.pause()
        assert app.clipboard == URL
        assert "restricted session" in notes(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert "restricted session" in screen_text(app)


async def test_restricted_palette_offers_no_screenshot(synthetic_briefings, tmp_path):
    app = _app(synthetic_briefings(1), tmp_path, restricted=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles and "Theme" in titles
    app = _app(synthetic_briefings(1), tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Screenshot" in [c.title for c in app.get_system_commands(app.screen)]


async def test_keymap_from_the_config_remaps_quit(synthetic_briefings, tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[keys]\nquit = "x"\n')
    config, problem = load_config(path)
    assert problem is None
    app = _app(synthetic_briefings(2), tmp_path, config=config)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running
        await pilot.press("x")
        await pilot.pause()
        assert not app.is_running


async def test_theme_chosen_is_kept_in_the_config(synthetic_briefings, tmp_path):
    path = tmp_path / "conf" / "config.toml"
    app = _app(synthetic_briefings(1), tmp_path, config=Config(path=path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.theme = "nord"  # what the palette's theme picker does
        await pilot.pause()
    assert load_config(path)[0].theme == "nord"
    restricted = _app(synthetic_briefings(1), tmp_path, config=Config(path=path), restricted=True)
    async with restricted.run_test(size=(100, 30)) as pilot:
        restricted.theme = "gruvbox"
        await pilot.pause()
    assert load_config(path)[0].theme == "nord"  # restricted: nothing written


async def test_compact_list_shows_20_stories_at_80x24(synthetic_briefings, tmp_path):
    path = tmp_path / "config.toml"
    app = _app(synthetic_briefings(40), tmp_path, config=Config(path=path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert list_text(app).count("Headline") < 10
        await pilot.press("c")
        await pilot.pause()
        assert list_text(app).count("Headline") >= 20
        assert load_config(path)[0].density == "compact"
        await pilot.press("enter")  # the pane replaces the list while reading
        await pilot.pause()
        assert app.query_one(ReadingPane).display
    compact = _app(synthetic_briefings(40), tmp_path, config=load_config(path)[0])
    async with compact.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert list_text(compact).count("Headline") >= 20  # kept


async def test_help_scrolls_at_60x20(tmp_path):
    app = BriefApp([], library=Library.open(tmp_path / "c.sqlite3"))
    async with app.run_test(size=(60, 20)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_y > 0
        await pilot.press("j", "j")
        assert body.scroll_y == 2
        await pilot.press("k")
        assert body.scroll_y == 1
        await pilot.press("pagedown")
        assert body.scroll_y > 3
        await pilot.press("end", "pagedown", "pagedown", "pagedown", "pagedown")
        await pilot.pause()
        assert "Highlights" in screen_text(app)


async def test_sidebar_stays_closed_at_start_moves_with_jk_closes_with_escape(tmp_path):
    library = Library.open(tmp_path / "c.sqlite3")
    library.save_search("putin", "putin")
    library.save_search("minsk", "minsk")
    app = BriefApp([], library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        sidebar = app.main.query_one("#sidebar")
        assert not sidebar.has_class("open")
        await pilot.press("S")
        await pilot.pause()
        options = sidebar.query_one("#saved-options")
        assert sidebar.has_class("open") and app.main.focused is options
        await pilot.press("j")
        assert options.highlighted == 1
        await pilot.press("k")
        assert options.highlighted == 0
        await pilot.press("escape")
        await pilot.pause()
        assert not sidebar.has_class("open")
        assert isinstance(app.main.focused, BriefingList)


async def test_a_bad_config_is_one_line_and_the_defaults(synthetic_briefings, tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\ndensity = "tiny"\n')
    config, problem = load_config(path)
    assert problem == (
        f'{path}, line 2: density: expected "cards" or "compact"; using the defaults'
    )
    assert config.theme is None and not config.writable
    app = _app(synthetic_briefings(1), tmp_path, config=config, config_problem=problem)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert "line 2: density" in notes(app)
        app.theme = "gruvbox"
        await pilot.pause()
    assert path.read_text() == 'theme = "nord"\ndensity = "tiny"\n'  # never written over


async def test_palette_page_move_before_layout_does_not_crash(synthetic_briefings, tmp_path):
    """The upstream race, made deterministic: results arrive in the palette's list (options,
    a highlight) while the list is still laid out empty, and PageUp comes before the next
    layout. Textual's OptionList._move_page raises KeyError there; brief's palette drops the
    move."""
    app = _app(synthetic_briefings(3), tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"zqxzqx")
        await pilot.pause(0.6)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        commands = palette.query_one(CommandList)
        commands.clear_options()  # what a query with no hits leaves: an empty, hidden list
        palette._list_visible = False
        await pilot.pause()
        assert commands.option_count == 0 and not commands.scrollable_content_region
        commands.add_options([Option("one"), Option("two")])
        commands.highlighted = 0
        palette._action_command_list("page_up")  # no await: before any layout
        palette._action_command_list("page_down")
        await pilot.pause()
        assert app.is_running
