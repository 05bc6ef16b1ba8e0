"""The reader's App: it installs the main screen, loads the corpus, and holds the library and theme.

Paint first, analyse after: the main screen mounts with "Loading…", then the library loads the
corpus in a thread worker, which posts it back as a `CorpusLoaded` message; the App hands it to
the main screen on the UI thread. The search index builds next, in the same worker, and arrives
as `IndexReady`. No state is set from a worker thread.

What the reader does lives in screens/ (the main screen and the ones pushed over it) and
widgets/; every key is a command in commands.py.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.message import Message
from textual.screen import Screen

from brief.model import Briefing, Thread
from brief.resources import styles_dir
from brief.ui.commands import APP, APP_COMMANDS, bindings
from brief.ui.palette import CommandHits
from brief.ui.screens.main import MainScreen

if TYPE_CHECKING:
    from brief.library import Corpus, Library
    from brief.search import SearchIndex

DEFAULT_THEME = "tokyo-night"
THEME_ENV = "BRIEF_THEME"  # e.g. BRIEF_THEME=ansi-dark for a terminal's own 16 colours


@dataclass
class CorpusLoaded(Message):
    """Posted by the loading worker; read on the UI thread, where the state is set."""

    corpus: Corpus
    library: Library
    note: str = ""  # what a refresh did, for the header: "12 new from 3 sources · 1 failed"
    read: set[str] = field(init=False)
    starred: set[str] = field(init=False)
    saved: list[tuple[str, str]] = field(init=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        # read in the worker too: the store is not touched from the UI thread at start-up
        self.read, self.starred = self.library.state()
        self.saved = self.library.saved_searches()


@dataclass
class IndexReady(Message):
    index: SearchIndex


class BriefApp(App[None]):
    CSS_PATH = str(styles_dir() / "brief.tcss")
    # Commands as hits in ctrl+p: the current screen's and the app-wide ones; briefings,
    # threads, entities and saved searches come from the main screen's own provider.
    COMMANDS = App.COMMANDS | {CommandHits}
    TITLE = "brief"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-medium"), (100, "-wide")]
    BINDINGS = bindings(APP, APP_COMMANDS)

    def __init__(
        self,
        paths: Sequence[str] = (),
        *,
        briefings: Sequence[Briefing] | None = None,
        threads: Sequence[Thread] = (),
        started: float | None = None,
        theme: str | None = None,
        library: Library | None = None,
    ) -> None:
        super().__init__()
        self._given_library = library  # else the user's, opened by the loading worker
        self.paths = list(paths)
        self.preloaded = briefings
        self.preloaded_threads = list(threads)
        self.started = time.perf_counter() if started is None else started
        self.corpus_shown = False  # set once the loaded corpus is on screen
        self.startup_ms: float | None = None
        self.library: Library | None = None  # set once loading has opened it
        self.problems: list[str] = []  # files skipped; printed to stderr after the app exits
        self.animation_level = "none"  # nothing moves on its own: kinder over SSH
        wanted = theme or os.environ.get(THEME_ENV) or DEFAULT_THEME
        self.theme = wanted if wanted in self.available_themes else DEFAULT_THEME

    def get_default_screen(self) -> Screen:
        return MainScreen()

    @property
    def main(self) -> MainScreen:
        """The main screen: the list, the search bar, the reading pane, the saved searches."""
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def on_mount(self) -> None:
        self.call_after_refresh(self._painted)

    def on_main_screen_ready(self) -> None:
        if self.preloaded is not None:
            briefings = list(self.preloaded)
            self.main.show_corpus(briefings, self.preloaded_threads)
            self.index_preloaded(briefings, self.preloaded_threads)
            self.corpus_shown = True
        else:
            # after the first paint: loading imports numpy and the analysis, which would hold
            # the GIL meanwhile
            self.call_after_refresh(self.load_corpus)

    def _painted(self) -> None:
        self.startup_ms = (time.perf_counter() - self.started) * 1000
        self.log.info(f"first paint after {self.startup_ms:.0f} ms")

    # --- loading --------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load_corpus(self) -> None:
        # Imported here, in the worker thread, so the analysis modules load after the first paint.
        from brief.library import Library

        # unchanged articles come from the cache: a second start analyses nothing
        library = self._given_library or Library.open()
        corpus = library.load(self.paths)
        self.post_message(CorpusLoaded(corpus, library))
        self._build_index(corpus.briefings, corpus.threads)

    def refresh_library(self) -> None:
        """`r`: fetch the followed sources in the background, then show what is new."""
        if self.library is None:
            return  # still loading: what it loads is fresh
        reload = self.paths or not self.library.has_sources()
        self.main.sub_title = "Reloading…" if reload else "Refreshing…"
        self._refresh_worker(self.library)

    @work(thread=True, exclusive=True, group="load")
    def _refresh_worker(self, library: Library) -> None:
        # files named on the command line (or no sources followed): read them again
        reload = self.paths or not library.has_sources()
        note = "reloaded" if reload else library.refresh().label()
        corpus = library.load(self.paths)
        self.post_message(CorpusLoaded(corpus, library, note))
        self._build_index(corpus.briefings, corpus.threads)

    @work(thread=True, exclusive=True, group="load")
    def index_preloaded(self, briefings: list[Briefing], threads: list[Thread]) -> None:
        self._build_index(briefings, threads)

    def _build_index(self, briefings: list[Briefing], threads: list[Thread]) -> None:
        """Runs in a worker thread: the list is on screen while the search index builds."""
        from brief.search import SearchIndex

        self.post_message(IndexReady(SearchIndex.build(briefings, threads)))

    def on_corpus_loaded(self, message: CorpusLoaded) -> None:
        self.library = message.library
        self.problems = message.corpus.problems
        main = self.main
        main.show_library(message.library, message.read, message.starred, message.saved)
        main.show_corpus(message.corpus.briefings, message.corpus.threads)
        if message.note:
            main.sub_title = f"{main.sub_title} · {message.note}"
        main.notify_problems(self.problems)
        self.corpus_shown = True

    def on_index_ready(self, message: IndexReady) -> None:
        self.main.index_ready(message.index)

    # --- app-wide commands ------------------------------------------------------

    def action_help(self) -> None:
        from brief.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own Quit would sit beside ours (q): the palette lists ours, from its command.
        for command in super().get_system_commands(screen):
            if command.title != "Quit":
                yield command


def run(paths: list[str], started: float) -> None:
    """Entry point used by `brief [PATH...]`."""
    app = BriefApp(paths, started=started)
    app.run()
    # Skipped files were shown as a notification; keep them visible after the screen is gone.
    for problem in app.problems:
        print(f"brief: {problem}", file=sys.stderr)
    if app.return_code:  # Textual has printed what went wrong; the shell should know too
        sys.exit(app.return_code)
