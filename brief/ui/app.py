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
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from brief.model import Briefing, Thread
from brief.resources import styles_dir
from brief.search.substring import filter_briefings
from brief.ui.briefing_list import BriefingList
from brief.ui.help_screen import HelpScreen
from brief.ui.palette import BriefCommands
from brief.ui.reading_pane import ReadingPane
from brief.ui.saved_searches import SavedSearches
from brief.ui.search_bar import SearchInput, status_text
from brief.views.labels import count_label

if TYPE_CHECKING:
    from brief.library import Corpus, Library
    from brief.search import SearchIndex, SearchResults

SEARCH_LIMIT = 200  # results a keystroke shows; the status line says how many matched in all

DEFAULT_THEME = "tokyo-night"
THEME_ENV = "BRIEF_THEME"  # e.g. BRIEF_THEME=ansi-dark for a terminal's own 16 colours


MAIN_SCREEN_ACTIONS = {
    "search",
    "pick_entity",
    "star",
    "toggle_saved",
    "back",
    "switch_pane",
    "thread_timeline",
    "daily",
    "toggle_grouped",
    "step_thread",
}


class CorpusLoaded(Message):
    """Posted by the loading worker: the app's state is set on the UI thread, from this."""

    def __init__(self, corpus: Corpus, library: Library) -> None:
        super().__init__()
        self.corpus = corpus
        self.library = library
        self.read, self.starred = library.state()
        self.saved = library.saved_searches()


class IndexReady(Message):
    def __init__(self, index: SearchIndex) -> None:
        super().__init__()
        self.index = index


class SearchDone(Message):
    def __init__(self, generation: int, text: str, results: SearchResults) -> None:
        super().__init__()
        self.generation = generation
        self.text = text
        self.results = results


class SavedCounts(Message):
    def __init__(self, counts: dict[str, int]) -> None:
        super().__init__()
        self.counts = counts


class BriefApp(App[None]):
    CSS_PATH = str(styles_dir() / "brief.tcss")
    COMMANDS = App.COMMANDS | {BriefCommands}
    TITLE = "brief"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-medium"), (100, "-wide")]

    BINDINGS = [
        Binding("/", "search", "Search", id="search"),
        # Short words for the footer; the help shows the tooltips.
        Binding("t", "thread_timeline", "Thread", tooltip="Thread timeline", id="thread"),
        Binding("b", "daily", "Daily", tooltip="Daily briefing", id="daily"),
        # T, not g: g is "first" in the list and the pane. Upper case like S: it changes the view.
        Binding("T", "toggle_grouped", "Group", tooltip="Group by thread", id="group"),
        # before the rest: at 80 columns the footer has room for about eight keys, and ? leads to all
        Binding("question_mark", "help", "Help", id="help"),
        Binding("n", "step_thread(1)", "Newer in thread", show=False, id="thread.next"),
        Binding("p", "step_thread(-1)", "Older in thread", show=False, id="thread.previous"),
        Binding("e", "pick_entity", "Entity", id="entity"),
        Binding("s", "star", "Star", id="star"),
        Binding("S", "toggle_saved", "Saved searches", id="saved"),
        Binding("escape", "back", "Back", id="back"),
        # priority: the Screen binds tab to focus_next, which would otherwise win.
        Binding("tab", "switch_pane", "Switch pane", show=False, priority=True, id="switch"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

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
        self.all_briefings: list[Briefing] = []
        self.entity_scope: str | None = None  # the entity whose briefings the list shows, if any
        self.index: SearchIndex | None = None
        self.library: Library | None = None  # set once loading has opened it
        self.read_ids: set[str] = set()
        self.starred_ids: set[str] = set()
        self._by_id: dict[str, Briefing] = {}
        self.threads: list[Thread] = []
        self._thread_by_id: dict[str, Thread] = {}
        self._saved: list[tuple[str, str]] = []  # (name, query), as the store keeps them
        self._saved_counts: dict[str, int] = {}
        self._generation = 0  # bumps on every keystroke; a result for an older one is dropped
        self._before_search: tuple[list[Briefing], int, str] | None = (
            None  # list, cursor, sub-title
        )
        self._entity_picker = None
        self.problems: list[str] = []
        self.animation_level = "none"  # nothing moves on its own: kinder over SSH
        wanted = theme or os.environ.get(THEME_ENV) or DEFAULT_THEME
        self.theme = wanted if wanted in self.available_themes else DEFAULT_THEME

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield SavedSearches(id="sidebar")
            with Vertical(id="list-column"):
                yield SearchInput(
                    placeholder="Search: putn minsk, @trump, from:reuters …", id="filter"
                )
                yield Static(id="search-status")
                yield BriefingList(id="briefings")
            yield ReadingPane(id="pane")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Loading…"
        self.query_one("#filter", Input).cursor_blink = False
        self.query_one(BriefingList).focus()
        self.query_one(ReadingPane).thread_note = self._thread_note
        self.call_after_refresh(self._painted)
        if self.preloaded is not None:
            self._set_threads(self.preloaded_threads)
            self._show_corpus(list(self.preloaded), [])
            self.index_preloaded(list(self.preloaded))
            self.corpus_shown = True
        else:
            # after the first paint: loading imports numpy and the analysis, which would hold the GIL meanwhile
            self.call_after_refresh(self.load_corpus)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # These act on the list and the pane: not while a timeline, the daily briefing or help covers them.
        if action in MAIN_SCREEN_ACTIONS and self.screen is not self.screen_stack[0]:
            return False
        return True

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

    def _build_index(self, briefings: list[Briefing], threads: list) -> None:
        """Runs in a worker thread: the list is on screen while the search index builds."""
        from brief.search import SearchIndex

        self.post_message(IndexReady(SearchIndex.build(briefings, threads)))

    @work(thread=True, exclusive=True, group="load")
    def index_preloaded(self, briefings: list[Briefing]) -> None:
        self._build_index(briefings, [])

    def on_corpus_loaded(self, message: CorpusLoaded) -> None:
        self.library = message.library
        self.read_ids, self.starred_ids, self._saved = message.read, message.starred, message.saved
        self._set_threads(message.corpus.threads)
        self._show_corpus(message.corpus.briefings, message.corpus.problems)
        self.query_one(SavedSearches).show(self._saved)
        if self._saved and self.screen.has_class("-wide"):
            self.query_one("#sidebar").add_class("open")
        self.corpus_shown = True

    def on_index_ready(self, message: IndexReady) -> None:
        self.index = message.index
        self.count_saved()
        query = self.query_one("#filter", Input).value
        if self._searching and query.strip():
            self._start_search(query)  # what was typed while indexing

    def _set_threads(self, threads: list[Thread]) -> None:
        self.threads = threads
        self._thread_by_id = {t.id: t for t in threads}
        cards = self.query_one(BriefingList)
        cards.thread_sizes = {t.id: len(t.articles) for t in threads}
        cards.thread_titles = {t.id: t.title for t in threads}

    def _show_corpus(self, briefings: list[Briefing], problems: list[str]) -> None:
        self.all_briefings = briefings
        self._by_id = {b.id: b for b in briefings}
        self._entity_picker = None
        self.problems = problems
        self.sub_title = count_label(len(briefings))
        cards = self.query_one(BriefingList)
        cards.starred = self.starred_ids
        cards.set_briefings(briefings, empty_message="No briefings found.")
        self.query_one(ReadingPane).show(
            briefings[0] if briefings else None, "No briefings to read."
        )
        if problems:
            shown = "\n".join(problems[:5]) + (
                f"\n… and {len(problems) - 5} more" if len(problems) > 5 else ""
            )
            title = f"Skipped {count_label(len(problems), 'file')}"
            self.notify(shown, title=title, severity="warning", timeout=15, markup=False)

    # --- search ---------------------------------------------------------------

    @property
    def _searching(self) -> bool:
        return self.query_one("#list-column").has_class("filtering")

    def action_search(self) -> None:
        if not self._searching:
            cards = self.query_one(BriefingList)
            self._before_search = (list(cards.source), cards.cursor, self.sub_title)
            self.query_one("#list-column").add_class("filtering")
            self._set_status("", 0, 0, ())
        self.screen.remove_class("reading")
        self.query_one("#filter", Input).focus()

    def start_search(self, query: str) -> None:
        """Open the bar with `query` typed in (the palette and saved searches use this)."""
        self.action_search()
        self.query_one("#filter", Input).value = query  # Changed runs the search

    @on(Input.Changed, "#filter")
    def _query_changed(self, event: Input.Changed) -> None:
        if not self._searching:
            return
        self._generation += 1
        if not event.value.strip():
            self._restore_list(keep_bar=True)
            self._set_status("", 0, 0, ())
        elif self.index is None:
            # Still indexing: a plain substring filter keeps the bar useful meanwhile.
            shown = filter_briefings(self.all_briefings, event.value)
            self._show_matches(event.value, shown, {}, len(shown))
        else:
            self._start_search(event.value)

    def _start_search(self, text: str) -> None:
        self._set_status(text, 0, 0, (), pending=True)
        self.run_search(self._generation, text)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, generation: int, text: str) -> None:
        # exclusive: a newer keystroke cancels this worker; its result is then never shown.
        index = self.index
        if index is None:
            return
        results = index.search(
            text, limit=SEARCH_LIMIT, state={"read": self.read_ids, "starred": self.starred_ids}
        )
        if not get_current_worker().is_cancelled:
            self.post_message(SearchDone(generation, text, results))

    def on_search_done(self, message: SearchDone) -> None:
        if message.generation != self._generation or not self._searching:
            return  # typing went on: a newer query is on its way
        results = message.results
        shown = [self._by_id[r.id] for r in results.results if r.id in self._by_id]
        matches = {r.id: r for r in results.results}
        self._show_matches(message.text, shown, matches, results.total, results.errors)

    def _show_matches(
        self, text: str, shown: list[Briefing], matches: dict, total: int, errors=()
    ) -> None:
        self.sub_title = f"{total:,} of {count_label(len(self.all_briefings))}"
        self.query_one(BriefingList).set_briefings(
            shown, empty_message=f"Nothing matches “{text}”.", matches=matches
        )
        self._set_status(text, len(shown), total, errors)

    def _set_status(self, text: str, shown: int, total: int, errors, pending: bool = False) -> None:
        self.query_one("#search-status", Static).update(
            status_text(text, shown, total, errors, pending)
        )

    @on(SearchInput.OpenResult)
    def _open_result(self) -> None:
        cards = self.query_one(BriefingList)
        if cards.highlighted is not None:
            cards.action_open()
        else:
            cards.focus()

    @on(SearchInput.SaveQuery)
    def _save_query(self, message: SearchInput.SaveQuery) -> None:
        if self.library is None:
            return
        if not self.library.persistent:
            self.notify(
                "No writable data directory: saved for this session only.",
                severity="warning",
                markup=False,
            )
        self.library.save_search(message.query, message.query)
        self.notify(f"Saved search “{message.query}” (S shows saved searches).", markup=False)
        self._saved_changed()

    def _restore_list(self, keep_bar: bool = False) -> None:
        if self._before_search is None:
            return
        briefings, cursor, sub_title = self._before_search
        self.query_one(BriefingList).set_briefings(
            briefings, empty_message="No briefings found.", cursor=cursor
        )
        self.sub_title = sub_title
        if not keep_bar:
            self._before_search = None

    def _close_filter(self) -> None:
        self._generation += 1  # drop any search still running
        self._restore_list()
        self.query_one("#list-column").remove_class("filtering")
        filter_input = self.query_one("#filter", Input)
        with filter_input.prevent(Input.Changed):
            filter_input.value = ""

    # --- moving between list and pane -----------------------------------------

    @on(BriefingList.Opened)
    def _open(self, event: BriefingList.Opened) -> None:
        self._mark_read(event.briefing)
        self.query_one(ReadingPane).show(event.briefing)
        self.screen.add_class("reading")  # in one-column layouts the pane replaces the list
        self.query_one(ReadingPane).focus()

    def read_story(self, briefing: Briefing) -> None:
        """Show `briefing` in the pane, with the list's cursor on it when the list has it."""
        cards = self.query_one(BriefingList)
        if cards.highlighted is not briefing:
            index = next((i for i, b in enumerate(cards.briefings) if b.id == briefing.id), None)
            if index is not None:
                cards.move_to(index)
        self._open(BriefingList.Opened(briefing))

    # --- threads: timeline (t), stepping (n/p), grouping (T), daily briefing (b) ----

    def _current_story(self) -> Briefing | None:
        pane = self.query_one(ReadingPane)
        if self.focused is pane and pane.briefing is not None:
            return pane.briefing
        return self.query_one(BriefingList).highlighted

    def _thread_of(self, briefing: Briefing | None) -> Thread | None:
        if briefing is None:
            return None
        thread = self._thread_by_id.get(briefing.thread)
        if thread is None:
            self.notify(
                "Threads are not linked yet." if not self.threads else "This story has no thread.",
                severity="warning",
                timeout=3,
                markup=False,
            )
        return thread

    def action_thread_timeline(self) -> None:
        story = self._current_story()
        thread = self._thread_of(story)
        if thread is not None:
            self.push_screen(self.timeline_screen(thread, story.id), self._story_chosen)

    def timeline_screen(self, thread: Thread, story_id: str | None = None):
        from brief.ui.timeline import TimelineScreen
        from brief.views.timeline import timeline_items

        items = timeline_items(thread, self._by_id)
        selected = next(
            (
                i
                for i, item in enumerate(items)
                if story_id in self._events_articles(thread, item.event_id)
            ),
            0,
        )
        return TimelineScreen(thread, items, selected)

    @staticmethod
    def _events_articles(thread: Thread, event_id: str) -> tuple[str, ...]:
        return next((e.articles for e in thread.events if e.id == event_id), ())

    def _story_chosen(self, story_id: str | None) -> None:
        if story_id is not None and story_id in self._by_id:
            self.read_story(self._by_id[story_id])

    def _thread_note(self, briefing: Briefing) -> str:
        """`story 2 of 3 in its thread`, oldest first, for the pane (n and p move along it)."""
        thread = self._thread_by_id.get(briefing.thread)
        if thread is None or len(thread.articles) < 2:
            return ""
        from brief.views.timeline import thread_stories

        ids = [b.id for b in thread_stories(thread, self._by_id)]
        if briefing.id not in ids:
            return ""
        return f"story {ids.index(briefing.id) + 1} of {len(ids)} in its thread"

    def action_step_thread(self, step: int) -> None:
        """n / p: the next newer (older) story of the current story's thread, in the reading pane."""
        from brief.views.timeline import thread_stories

        story = self._current_story()
        thread = self._thread_of(story)
        if thread is None:
            return
        stories = thread_stories(thread, self._by_id)
        index = next((i for i, b in enumerate(stories) if b.id == story.id), 0) + step
        if not 0 <= index < len(stories):
            where = "newest" if step > 0 else "oldest"
            said = (
                "This story is alone in its thread."
                if len(stories) == 1
                else f"This is the {where} story of its thread ({count_label(len(stories), 'story')})."
            )
            self.notify(said, timeout=3, markup=False)
            return
        self.read_story(stories[index])

    def action_toggle_grouped(self) -> None:
        cards = self.query_one(BriefingList)
        cards.set_grouped(not cards.grouped)

    def action_daily(self) -> None:
        from brief.ui.daily_view import DailyScreen
        from brief.views.daily import anchor_day, daily_briefing

        if not self.all_briefings:
            return
        anchor = anchor_day(self.all_briefings)

        def rank(period: str):
            return daily_briefing(self.threads, self._by_id, period, anchor)

        def open_timeline(activity, done) -> None:
            self.push_screen(self.timeline_screen(activity.thread, activity.story), done)

        self.push_screen(DailyScreen(rank, anchor, open_timeline), self._story_chosen)

    # --- saved searches -----------------------------------------------------------

    def saved_search_list(self) -> list[tuple[str, str]]:
        return list(self._saved)

    @work(thread=True, exclusive=True, group="counts")
    def count_saved(self) -> None:
        """Live counts for the sidebar: each saved query run again (limit 0: count only)."""
        index = self.index
        if index is None or not self._saved:
            return
        state = {"read": set(self.read_ids), "starred": set(self.starred_ids)}
        counts = {
            query: index.search(query, limit=0, state=state).total for _, query in self._saved
        }
        if not get_current_worker().is_cancelled:
            self.post_message(SavedCounts(counts))

    def on_saved_counts(self, message: SavedCounts) -> None:
        self._saved_counts = message.counts
        self.query_one(SavedSearches).show(self._saved, self._saved_counts)

    def _saved_changed(self) -> None:
        if self.library is not None:
            self._saved = self.library.saved_searches()
        self.query_one(SavedSearches).show(self._saved, self._saved_counts)
        self.count_saved()

    def action_toggle_saved(self) -> None:
        """Open and focus the saved searches; when they have focus already, close them."""
        sidebar = self.query_one("#sidebar")
        options = sidebar.query_one("#saved-options")
        if sidebar.has_class("open") and self.focused is options:
            sidebar.remove_class("open")
            self.query_one(BriefingList).focus()
        else:
            sidebar.add_class("open")
            options.focus()

    @on(SavedSearches.Run)
    def _run_saved(self, message: SavedSearches.Run) -> None:
        self.start_search(message.query)

    @on(SavedSearches.Forget)
    def _forget_saved(self, message: SavedSearches.Forget) -> None:
        if self.library is not None:
            self.library.delete_search(message.name)
            self.notify(f"Forgot saved search “{message.name}”.", markup=False, timeout=3)
        self._saved_changed()

    # --- read and starred -------------------------------------------------------

    def _mark_read(self, briefing: Briefing) -> None:
        if briefing.id not in self.read_ids:
            self.read_ids.add(briefing.id)
            if self.library is not None:
                self.library.set_read(briefing.id)

    def action_star(self) -> None:
        """Star or unstar the briefing under the cursor (or in the pane, when reading)."""
        pane = self.query_one(ReadingPane)
        briefing = (
            pane.briefing if self.focused is pane else self.query_one(BriefingList).highlighted
        )
        if briefing is None:
            return
        starred = briefing.id not in self.starred_ids
        (self.starred_ids.add if starred else self.starred_ids.discard)(briefing.id)
        if self.library is not None:
            self.library.set_starred(briefing.id, starred)
        self.query_one(BriefingList).refresh_cards()
        self.count_saved()
        self.notify(
            ("Starred" if starred else "Unstarred") + f": {briefing.headline[:60]}",
            markup=False,
            timeout=3,
        )

    # --- entity picker ----------------------------------------------------------

    def action_pick_entity(self) -> None:
        if not self.all_briefings:
            return
        from brief.ui.entity_picker import EntityPickerScreen

        self.push_screen(EntityPickerScreen(self.entity_picker()), self._entity_picked)

    def entity_picker(self):
        from brief.views.entity_directory import EntityPicker, entity_directory

        if self._entity_picker is None:
            self._entity_picker = EntityPicker(entity_directory(self.all_briefings))
        return self._entity_picker

    def _entity_picked(self, entry) -> None:
        if entry is not None:
            self.show_entity(entry)

    def show_entity(self, entry) -> None:
        """The list shows every briefing that mentions `entry`."""
        self._show_scope(entry.name, [self.all_briefings[i] for i in entry.briefings])

    def show_thread(self, thread) -> None:
        """The list shows one thread's stories, oldest first, as the story developed."""
        self._show_scope(
            f"Thread: {thread.title}", [self._by_id[i] for i in thread.articles if i in self._by_id]
        )

    def _show_scope(self, label: str, shown: list[Briefing]) -> None:
        if self.query_one("#list-column").has_class("filtering"):
            self._close_filter()
        self.entity_scope = label
        self.sub_title = (
            f"{label} · {len(shown):,} of {count_label(len(self.all_briefings))} · esc shows all"
        )
        self.screen.remove_class("reading")
        briefing_list = self.query_one(BriefingList)
        briefing_list.set_briefings(shown)
        briefing_list.focus()
        self.query_one(ReadingPane).show(shown[0] if shown else None, "")

    def _clear_entity_scope(self) -> None:
        self.entity_scope = None
        self.sub_title = count_label(len(self.all_briefings))
        self.query_one(BriefingList).set_briefings(
            self.all_briefings, empty_message="No briefings found."
        )

    def action_back(self) -> None:
        briefing_list = self.query_one(BriefingList)
        if (
            self.entity_scope
            and self.focused is briefing_list
            and not self.screen.has_class("reading")
        ):
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

        list_keys = {b.key for b in BriefingList.BINDINGS} | {
            "j,down",
            "k,up",
            "g,home",
            "G,end",
            "pageup",
        }
        from brief.ui.daily_view import DailyScreen

        threads = {"thread", "daily", "group", "thread.next", "thread.previous"}
        sections = [
            ("Everywhere", [b for b in self.BINDINGS if b.id not in threads]),
            (
                "Threads",
                [
                    *(b for b in self.BINDINGS if b.id in threads),
                    *(b for b in DailyScreen.BINDINGS if b.id == "daily.period"),
                ],
            ),
            ("Briefing list", BriefingList.BINDINGS),
            # The pane scrolls with the list's keys; say so once and list only what it adds.
            (
                "Reading pane",
                [
                    Binding("j,k,g,G", "scroll", "Scroll"),
                    *(b for b in ReadingPane.BINDINGS if b.key not in list_keys),
                ],
            ),
            ("Search bar", SearchInput.BINDINGS),
            (
                "Entity picker",
                [b for b in EntityPickerScreen.BINDINGS if b.show],
            ),  # ↑/↓ go without saying
            ("Saved searches", SavedSearches.BINDINGS),
        ]
        self.push_screen(HelpScreen(sections))


def run(paths: list[str], started: float) -> None:
    """Entry point used by `brief [PATH...]`."""
    app = BriefApp(paths, started=started)
    app.run()
    # Skipped files were shown as a notification; keep them visible after the screen is gone.
    for problem in app.problems:
        print(f"brief: {problem}", file=sys.stderr)
    if app.return_code:  # Textual has printed what went wrong; the shell should know too
        sys.exit(app.return_code)
