"""The reader's App: it installs the main screen, loads the corpus, and holds the library and theme.

Paint first, analyse after: the main screen mounts with "Loading…", then the library loads the
corpus in a thread worker, which posts it back as a `CorpusLoaded` message; the App hands it to
the main screen on the UI thread. The search index builds next, in the same worker, and arrives
as `IndexReady`. No state is set from a worker thread.

What the reader does lives in screens/ (the main screen and the ones pushed over it) and
widgets/; every key is a command in commands.py.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.filter import LineFilter, Monochrome
from textual.message import Message
from textual.screen import Screen
from textual.strip import Segment

from brief.model import Briefing, Thread
from brief.resources import styles_dir
from brief.ui.commands import APP, APP_COMMANDS, bindings
from brief.ui.config import Config, save_setting
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
class LibraryOpened(Message):
    """Posted by the loading worker before it reads anything: the reader's state, so that a
    story opened while the rest is analysed is marked read in the store."""

    library: Library
    read: set[str] = field(init=False)
    starred: set[str] = field(init=False)
    saved: list[tuple[str, str]] = field(init=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        self.read, self.starred = self.library.state()
        self.saved = self.library.saved_searches()


@dataclass
class LoadProgress(Message):
    """A cold load's progress: what stage, how far, and the briefings just analysed."""

    stage: str  # "analysing" | "threading"
    done: int
    total: int
    batch: list[Briefing]


@dataclass
class IndexReady(Message):
    index: SearchIndex


class NoColour(LineFilter):
    """NO_COLOR: no colour at all, only bold, dim, italic, underline and reverse.

    Textual's own filter for NO_COLOR (`Monochrome`) turns colours into greys, which still sends
    256-colour sequences; this one drops foreground and background colours altogether.
    """

    def apply(self, segments: list[Segment], background) -> list[Segment]:
        return [
            Segment(text, None if style is None else style.without_color, control)
            for text, style, control in segments
        ]


class SafeCommandPalette(CommandPalette):
    """Textual's palette, guarded against a crash under fast keys.

    Upstream (Textual 8.2.8): `OptionList._move_page` reads `self._index_to_line[highlighted]`,
    a cache that `_update_lines` fills only once the list has a size. Page up/down that arrives
    after the palette's results were replaced but before the list is laid out again (keys 20 ms
    apart: PageUp k t b ctrl+p b PageUp) finds the cache empty and raises KeyError, which ends
    the app. A page move with nothing laid out yet has nowhere to go, so it is dropped.
    """

    def _action_command_list(self, action: str) -> None:
        try:
            super()._action_command_list(action)
        except KeyError:
            commands = self.query_one(CommandList)
            self.log.warning(f"palette: {action} before the list was laid out, ignored")
            commands.refresh()


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
        config: Config | None = None,
        restricted: bool = False,
        config_problem: str | None = None,
    ) -> None:
        super().__init__()
        self.config = config or Config()
        self.config_problem = config_problem  # shown as a notification once the screen is up
        self.restricted = restricted  # no browser, no external program, no files but the store
        if restricted:
            self.title = "brief · restricted"
        # NO_COLOR: Textual's filter sends greys; ours sends no colour at all
        self._filters = [NoColour() if isinstance(f, Monochrome) else f for f in self._filters]
        self._given_library = library  # else the user's, opened by the loading worker
        self.paths = list(paths)
        self.preloaded = briefings
        self.preloaded_threads = list(threads)
        self.started = time.perf_counter() if started is None else started
        self.corpus_shown = False  # set once the loaded corpus is on screen
        self.startup_ms: float | None = None
        self.library: Library | None = None  # set once loading has opened it
        self.problems: list[str] = []  # files skipped; printed to stderr after the app exits
        self._warned = 0  # the library's warnings already shown
        self.loading_threads: set[int] = set()  # workers still reading or writing the library
        self.animation_level = "none"  # nothing moves on its own: kinder over SSH
        wanted = theme or os.environ.get(THEME_ENV) or self.config.theme or DEFAULT_THEME
        self.theme = wanted if wanted in self.available_themes else DEFAULT_THEME
        self._saved_theme = self.theme

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
        if self.config.keys:
            self.set_keymap(self.config.keys)
        self.theme_changed_signal.subscribe(self, self._theme_chosen)
        if self.config.refresh_interval:
            self.set_interval(self.config.refresh_interval * 60, self.refresh_library)
        if self.config_problem:
            self.notify(
                self.config_problem, title="Config", severity="warning", timeout=15, markup=False
            )

    # --- settings, links, restricted mode -------------------------------------

    def _theme_chosen(self, theme) -> None:
        """A theme chosen in the palette is kept in the config file."""
        if self.theme != self._saved_theme:
            self._saved_theme = self.theme
            self.remember("theme", self.theme)

    def remember(self, key: str, value: object) -> None:
        """Keep a setting in the config file (never in restricted mode: it writes no files)."""
        if self.restricted or self.config.path is None:
            return
        problem = save_setting(self.config, key, value)
        if problem:
            self.notify(f"Not saved: {problem}", severity="warning", markup=False, timeout=5)

    def why_not_browser(self) -> str:
        """Why `o` copies instead of opening a browser ("" when it may open one)."""
        if self.restricted:
            return "restricted session"
        if os.environ.get("SSH_CONNECTION"):
            return "over SSH a browser would open on the server"
        return ""

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(SafeCommandPalette(id="--command-palette"))

    def on_main_screen_ready(self) -> None:
        if self.preloaded is not None:
            briefings = list(self.preloaded)
            self.main.show_corpus(briefings, self.preloaded_threads)
            self.index_preloaded(briefings, self.preloaded_threads)
            self.corpus_shown = True
        else:
            self._show_saved_rows()
            # after the first paint: loading imports numpy and the analysis, which would hold
            # the GIL meanwhile
            self.call_after_refresh(self.load_corpus)

    def _show_saved_rows(self) -> None:
        """Paint the list the last start built from this same input, straight from SQLite
        (no article read, nothing analysed); the corpus loads behind it."""
        import sqlite3

        from brief.snapshot import first_screen

        try:
            if self._given_library is not None:
                first = self._given_library.first_screen(self.paths)
            else:
                first = first_screen(self.paths)
        except (OSError, sqlite3.Error):
            return  # the slow way still works: "Loading…", then the corpus
        if first is not None:
            self.main.show_rows(first)

    def _painted(self) -> None:
        self.startup_ms = (time.perf_counter() - self.started) * 1000
        self.log.info(f"first paint after {self.startup_ms:.0f} ms")

    # --- loading --------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load_corpus(self) -> None:
        with self._loading():
            self._load_corpus()

    @contextmanager
    def _loading(self) -> Iterator[None]:
        """Marks a worker thread that reads and writes the library, for `run` to know."""
        me = threading.get_ident()
        self.loading_threads.add(me)
        try:
            yield
        finally:
            self.loading_threads.discard(me)

    def _load_corpus(self) -> None:
        # Imported here, in the worker thread, so the analysis modules load after the first paint.
        from brief.library import Library, NewerSchema

        # unchanged articles come from the cache: a second start analyses nothing
        try:
            library = self._given_library or Library.open()
        except NewerSchema as exc:  # a newer brief's file: refused, never overwritten
            self.call_from_thread(self.exit, None, 2, f"brief: {exc}")
            return
        self.post_message(LibraryOpened(library))
        # lean: the reader holds no story's sentences, mentions or quotes until it is opened
        corpus = library.load(self.paths, progress=self._report_progress, lean=True)
        self.post_message(CorpusLoaded(corpus, library))
        self._build_index(corpus.briefings, corpus.threads)

    def _report_progress(self, progress) -> None:
        """Called in the loading worker after each batch is analysed and committed."""
        batch = list(getattr(progress, "batch", ()) or ())
        self.post_message(LoadProgress(progress.stage, progress.done, progress.total, batch))

    def on_library_opened(self, message: LibraryOpened) -> None:
        if not self.corpus_shown:
            self.main.show_library(message.library, message.read, message.starred, message.saved)
        self._show_warnings(message.library)

    def _show_warnings(self, library: Library) -> None:
        """What went wrong with the library's files (moved aside, kept in memory), once each."""
        for line in library.warnings[self._warned :]:
            self.notify(line, title="Library", severity="warning", timeout=20, markup=False)
        self._warned = len(library.warnings)

    def on_load_progress(self, message: LoadProgress) -> None:
        if not self.corpus_shown:
            self.main.show_progress(message.stage, message.done, message.total, message.batch)

    def refresh_library(self) -> None:
        """`r`: fetch the followed sources in the background, then show what is new."""
        if self.library is None:
            return  # still loading: what it loads is fresh
        self.main.sub_title = "Refreshing…"  # whether from feeds or files: the worker knows
        self._refresh_worker(self.library)

    @work(thread=True, exclusive=True, group="load")
    def _refresh_worker(self, library: Library) -> None:
        with self._loading():
            self._refresh(library)

    def _refresh(self, library: Library) -> None:
        # files named on the command line (or no sources followed): read them again
        reload = self.paths or not library.has_sources()
        note = "reloaded" if reload else library.refresh().label()
        corpus = library.load(self.paths, lean=True)
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
        self._show_warnings(message.library)
        main.title_note = message.note
        main.refresh_title()
        main.notify_problems(self.problems)
        self.corpus_shown = True

    def on_index_ready(self, message: IndexReady) -> None:
        self.main.index_ready(message.index)

    # --- app-wide commands ------------------------------------------------------

    def action_help(self) -> None:
        from brief.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen(restricted=self.restricted))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own Quit would sit beside ours (q): the palette lists ours, from its command.
        # Restricted, nothing may write a file (screenshots) or run a program (suspend).
        for command in super().get_system_commands(screen):
            if command.title == "Quit":
                continue
            if self.restricted and command.title not in ("Theme", "Keys", "Maximize", "Minimize"):
                continue
            yield command


def binding_ids() -> set[str]:
    """Every id a `[keys]` table may remap: the commands' and the widgets' own keys."""
    from brief.ui.commands import ALL_COMMANDS
    from brief.ui.widgets.briefing_list import BriefingList
    from brief.ui.widgets.reading_pane import ReadingPane
    from brief.ui.widgets.saved_searches import SavedSearches
    from brief.ui.widgets.search_bar import SearchInput

    ids = {command.id for command in ALL_COMMANDS}
    for widget in (BriefingList, ReadingPane, SavedSearches, SearchInput):
        ids |= {b.id for b in widget.BINDINGS if isinstance(b, Binding) and b.id}
    return ids


def _report(app: BriefApp, config_problem: str | None) -> None:
    if config_problem:
        print(f"brief: config: {config_problem}", file=sys.stderr)
    # Skipped files were shown as a notification; keep them visible after the screen is gone.
    for problem in app.problems:
        print(f"brief: {problem}", file=sys.stderr)


async def _run_then_leave(app: BriefApp, config_problem: str | None) -> None:
    await app.run_async()
    if app.loading_threads:
        # Quit while a load is under way: leave now, not when the analysis ends (asyncio would
        # wait for the worker thread). Each batch is committed whole, so this loses at most the
        # batch in flight, as kill -9 would; the analysis workers end with their parent.
        _report(app, config_problem)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(app.return_code or 0)


def run(
    paths: list[str],
    started: float,
    config: Config | None = None,
    restricted: bool = False,
    config_problem: str | None = None,
) -> None:
    """Entry point used by `brief [PATH...]`."""
    app = BriefApp(
        paths, started=started, config=config, restricted=restricted, config_problem=config_problem
    )
    asyncio.run(_run_then_leave(app, config_problem))
    _report(app, config_problem)
    if app.return_code:  # Textual has printed what went wrong; the shell should know too
        sys.exit(app.return_code)
