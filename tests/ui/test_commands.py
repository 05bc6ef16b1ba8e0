"""Commands as data: one definition gives the key binding, the footer, the palette and the help.

Read where a user reads them: the footer and the help on screen, the palette through its
providers, and a keymap through Textual's `App.set_keymap`.
"""

from __future__ import annotations

import re

from textual.binding import Binding

from brief.ui.app import BriefApp
from brief.ui.commands import ALL_COMMANDS, MAIN, MAIN_COMMANDS, palette_commands
from brief.ui.palette import CommandHits
from brief.ui.screens.help import HelpScreen
from brief.ui.widgets.briefing_list import BriefingList
from tests import thread_corpus
from tests.ui.terminal import screen_text


def corpus_app() -> BriefApp:
    return BriefApp(briefings=thread_corpus.briefings(), threads=thread_corpus.threads())


def key_display(app, key: str) -> str:
    return app.get_key_display(Binding(key, ""))


def times(line: str, key: str, words: str) -> int:
    """How often `key` then `words` appear as one entry (two spaces apart in the help)."""
    pattern = rf"(?<!\S){re.escape(key)} {{1,2}}{re.escape(words)}(?![\w/])"
    return len(re.findall(pattern, line))


def test_every_command_has_one_unique_id_and_a_label_and_description():
    ids = [command.id for command in ALL_COMMANDS]
    assert len(ids) == len(set(ids))
    assert all(command.label and command.description for command in ALL_COMMANDS)


async def test_each_main_screen_command_is_in_the_footer_once_with_its_key():
    app = corpus_app()
    async with app.run_test(size=(220, 30)) as pilot:  # wide enough for every footer entry
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        for command in MAIN_COMMANDS:
            key = key_display(app, command.key.split(",")[0])
            assert times(footer, key, command.label) == (1 if command.show else 0), (
                command.id,
                footer,
            )


async def test_each_command_is_in_the_help_once_with_its_key():
    app = corpus_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(screen_text(app).splitlines()[:-1])  # the main screen's footer below
        for command in ALL_COMMANDS:
            if command.section is None:
                continue
            keys = " ".join(key_display(app, key) for key in command.key.split(","))
            assert times(text, keys, command.description) == 1, (command.id, text)


async def test_each_command_is_in_the_palette_once_with_its_key():
    app = corpus_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        provider = CommandHits(app.screen)
        hits = [hit async for hit in provider.discover()]
        shown = [(str(hit.display), hit.help) for hit in hits]
        for command in palette_commands(MAIN):
            key = key_display(app, command.key.split(",")[0])
            assert shown.count((command.description, f"key: {key}")) == 1, (command.id, shown)
        assert len(shown) == len(palette_commands(MAIN))


async def test_the_palette_runs_a_command_on_the_screen_it_acts_on():
    app = corpus_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"group by thread")
        await pilot.pause(0.5)  # the palette gathers hits in its own worker
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(BriefingList).grouped


async def test_a_keymap_remaps_a_command_by_its_id_everywhere_it_shows():
    app = corpus_app()
    async with app.run_test(size=(220, 30)) as pilot:
        await pilot.pause()
        app.set_keymap({"search": "f", "help": "h"})
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert times(footer, "f", "Search") == 1 and times(footer, "/", "Search") == 0
        hits = [hit async for hit in CommandHits(app.screen).discover()]
        assert ("Search", "key: f") in [(str(hit.display), hit.help) for hit in hits]
        await pilot.press("slash")
        assert app.focused is not app.query_one("#filter")  # / no longer searches
        await pilot.press("f")
        await pilot.pause()
        assert app.focused is app.query_one("#filter")
        await pilot.press("escape", "h")  # the app-wide help moved too
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_modals_cover_the_main_screen_keys_without_switching_them_off():
    app = corpus_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("T", "s")  # main screen keys: the help is on top, so they do nothing
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert not app.query_one(BriefingList).grouped and not app.main.starred_ids


async def test_thread_titles_are_searchable_when_the_app_is_given_its_briefings():
    """`BriefApp(briefings=..., threads=...)` indexes the thread titles too, so `thread:` works."""
    app = corpus_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.app.workers.wait_for_complete()  # the index builds in a worker
        await pilot.pause()
        await pilot.press("slash", *"thread:pension")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        shown = {b.id for b in app.query_one(BriefingList).briefings}
        assert shown == {"v1", "v2", "v3"}, shown
