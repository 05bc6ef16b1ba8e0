"""The reader: a header with the count, the virtual card list, the reading pane, a footer.

Paint first, analyse after: the app mounts with "Loading…", then `build_corpus` runs in a
thread worker and posts the result back as a `CorpusLoaded` message.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Footer, Header, Input

from brief.model import Briefing
from brief.resources import styles_dir
from brief.ui.briefing_list import BriefingList
from brief.ui.filtering import filter_briefings
from brief.ui.help_screen import HelpScreen
from brief.ui.labels import count_label
from brief.ui.reading_pane import ReadingPane

if TYPE_CHECKING:
    from brief.pipeline import Corpus

DEFAULT_THEME = "tokyo-night"
THEME_ENV = "BRIEF_THEME"  # e.g. BRIEF_THEME=ansi-dark for a terminal's own 16 colours


class CorpusLoaded(Message):
    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus


class FilterInput(Input):
    BINDINGS = [
        Binding("enter", "done", "Keep filter", id="filter.keep"),
        Binding("escape", "app.back", "Clear filter", id="filter.clear"),
    ]

    def action_done(self) -> None:
        self.app.query_one(BriefingList).focus()


class BriefApp(App[None]):
    CSS_PATH = str(styles_dir() / "brief.tcss")
    TITLE = "brief"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-medium"), (100, "-wide")]

    BINDINGS = [
        Binding("/", "search", "Filter", id="search"),
        Binding("e", "pick_entity", "Entity", id="entity"),
        Binding("escape", "back", "Back", id="back"),
        # priority: the Screen binds tab to focus_next, which would otherwise win.
        Binding("tab", "switch_pane", "Switch pane", show=False, priority=True, id="switch"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(
        self,
        paths: Sequence[str] = (),
        *,
        briefings: Sequence[Briefing] | None = None,
        started: float | None = None,
        theme: str | None = None,
    ) -> None:
        super().__init__()
        self.paths = list(paths)
        self.preloaded = briefings
        self.started = time.perf_counter() if started is None else started
        self.startup_ms: float | None = None
        self.all_briefings: list[Briefing] = []
        self.entity_scope: str | None = None  # the entity whose briefings the list shows, if any
        self._entity_picker = None
        self.problems: list[str] = []
        self.animation_level = "none"  # nothing moves on its own: kinder over SSH
        wanted = theme or os.environ.get(THEME_ENV) or DEFAULT_THEME
        self.theme = wanted if wanted in self.available_themes else DEFAULT_THEME

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="list-column"):
                yield FilterInput(placeholder="Filter headlines, sources, people…", id="filter")
                yield BriefingList(id="briefings")
            yield ReadingPane(id="pane")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Loading…"
        self.query_one("#filter", Input).cursor_blink = False
        self.query_one(BriefingList).focus()
        self.call_after_refresh(self._painted)
        if self.preloaded is not None:
            self._show_corpus(list(self.preloaded), [])
        else:
            self.load_corpus()

    def _painted(self) -> None:
        self.startup_ms = (time.perf_counter() - self.started) * 1000
        self.log.info(f"first paint after {self.startup_ms:.0f} ms")

    # --- loading --------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load_corpus(self) -> None:
        # Imported here, in the worker thread, so the analysis modules load after the first paint.
        import sqlite3

        from brief.pipeline import build_corpus
        from brief.store import Store

        try:
            store = Store()  # unchanged articles come from the cache: a second start analyses nothing
        except (OSError, sqlite3.Error):
            store = None  # no writable cache dir: analyse everything, still show it
        self.post_message(CorpusLoaded(build_corpus(self.paths, store=store)))

    def on_corpus_loaded(self, message: CorpusLoaded) -> None:
        self._show_corpus(message.corpus.briefings, message.corpus.problems)

    def _show_corpus(self, briefings: list[Briefing], problems: list[str]) -> None:
        self.all_briefings = briefings
        self._entity_picker = None
        self.problems = problems
        self.sub_title = count_label(len(briefings))
        self.query_one(BriefingList).set_briefings(briefings, empty_message="No briefings found.")
        self.query_one(ReadingPane).show(briefings[0] if briefings else None, "No briefings to read.")
        if problems:
            shown = "\n".join(problems[:5]) + (f"\n… and {len(problems) - 5} more" if len(problems) > 5 else "")
            title = f"Skipped {count_label(len(problems), 'file')}"
            self.notify(shown, title=title, severity="warning", timeout=15, markup=False)

    # --- filter ---------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#list-column").add_class("filtering")
        self.query_one("#filter", Input).focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        shown = filter_briefings(self.all_briefings, event.value) if event.value else self.all_briefings
        total = count_label(len(self.all_briefings))
        self.sub_title = f"{len(shown):,} of {total}" if event.value else total
        self.query_one(BriefingList).set_briefings(shown, empty_message=f"Nothing matches “{event.value}”.")

    def _close_filter(self) -> None:
        filter_input = self.query_one("#filter", Input)
        filter_input.value = ""  # the Changed handler restores the full list
        self.query_one("#list-column").remove_class("filtering")

    # --- moving between list and pane -----------------------------------------

    @on(BriefingList.Opened)
    def _open(self, event: BriefingList.Opened) -> None:
        self.query_one(ReadingPane).show(event.briefing)
        self.screen.add_class("reading")  # in one-column layouts the pane replaces the list
        self.query_one(ReadingPane).focus()

    # --- entity picker ----------------------------------------------------------

    def action_pick_entity(self) -> None:
        if not self.all_briefings:
            return
        from brief.entity_directory import EntityPicker, entity_directory
        from brief.ui.entity_picker import EntityPickerScreen

        if self._entity_picker is None:
            self._entity_picker = EntityPicker(entity_directory(self.all_briefings))
        self.push_screen(EntityPickerScreen(self._entity_picker), self._entity_picked)

    def _entity_picked(self, entry) -> None:
        if entry is None:
            return
        if self.query_one("#list-column").has_class("filtering"):
            self._close_filter()
        shown = [self.all_briefings[i] for i in entry.briefings]
        self.entity_scope = entry.name
        self.sub_title = f"{entry.name} · {len(shown):,} of {count_label(len(self.all_briefings))} · esc shows all"
        self.screen.remove_class("reading")
        briefing_list = self.query_one(BriefingList)
        briefing_list.set_briefings(shown)
        briefing_list.focus()
        self.query_one(ReadingPane).show(shown[0] if shown else None, "")

    def _clear_entity_scope(self) -> None:
        self.entity_scope = None
        self.sub_title = count_label(len(self.all_briefings))
        self.query_one(BriefingList).set_briefings(self.all_briefings, empty_message="No briefings found.")

    def action_back(self) -> None:
        briefing_list = self.query_one(BriefingList)
        if self.entity_scope and self.focused is briefing_list and not self.screen.has_class("reading"):
            self._clear_entity_scope()
        if self.query_one("#list-column").has_class("filtering") and (
            self.focused is self.query_one("#filter") or self.focused is briefing_list
        ):
            self._close_filter()
        self.screen.remove_class("reading")
        briefing_list.focus()

    def action_switch_pane(self) -> None:
        if self.focused is self.query_one(ReadingPane):
            self.action_back()
        else:
            self.screen.add_class("reading")
            self.query_one(ReadingPane).focus()

    def action_help(self) -> None:
        from brief.ui.entity_picker import EntityPickerScreen

        sections = [
            ("Everywhere", self.BINDINGS),
            ("Briefing list", BriefingList.BINDINGS),
            ("Reading pane", ReadingPane.BINDINGS),
            ("Filter", FilterInput.BINDINGS),
            ("Entity picker", EntityPickerScreen.BINDINGS),
        ]
        self.push_screen(HelpScreen(sections))


def run(paths: list[str], started: float) -> None:
    """Entry point used by `brief [PATH...]`."""
    app = BriefApp(paths, started=started)
    app.run()
    # Skipped files were shown as a notification; keep them visible after the screen is gone.
    for problem in app.problems:
        print(f"brief: {problem}", file=sys.stderr)
