"""The main screen's search half: the `/` bar, its worker, and the saved searches beside the list.

`SearchPart` is mixed into `MainScreen` (screens/main.py) and uses what that screen holds:
`all_briefings`, `by_id`, `index`, `read_ids`, `starred_ids`, `saved` and the library.
Results come back from the worker thread as `SearchDone` and counts as `SavedCounts` messages;
nothing here sets state from a thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from brief.model import Briefing
from brief.ui.widgets.briefing_list import BriefingList
from brief.ui.widgets.saved_searches import SavedSearches
from brief.ui.widgets.search_bar import SearchInput, status_text
from brief.views.labels import count_label

if TYPE_CHECKING:
    from brief.library import Library
    from brief.search import SearchIndex, SearchResults

SEARCH_LIMIT = 200  # results a keystroke shows; the status line says how many matched in all


@dataclass
class SearchDone(Message):
    generation: int
    text: str
    results: SearchResults


@dataclass
class SavedCounts(Message):
    counts: dict[str, int]


class SearchPart:
    """Search as you type, and saved searches with live counts (see the module docstring)."""

    all_briefings: list[Briefing]
    by_id: dict[str, Briefing]
    index: SearchIndex | None
    read_ids: set[str]
    starred_ids: set[str]
    saved: list[tuple[str, str]]
    library: Library | None
    list_label: str

    def set_list_label(self, label: str) -> None:
        raise NotImplementedError  # the main screen's

    def init_search(self) -> None:
        self._saved_counts: dict[str, int] = {}
        self._generation = 0  # bumps on every keystroke; a result for an older one is dropped
        self._before_search: tuple[list[Briefing], int, str | None] | None = None

    # --- the bar ----------------------------------------------------------------

    @property
    def searching(self) -> bool:
        return self.query_one("#list-column").has_class("filtering")

    def action_search(self) -> None:
        bar = self.query_one("#filter", Input)
        if not self.searching:
            cards = self.query_one(BriefingList)
            self._before_search = (list(cards.source), cards.cursor, self.list_label)
            self.query_one("#list-column").add_class("filtering")
            self._set_status("", 0, 0, ())
        self.remove_class("reading")
        # at once, not after the queued events (`focus()` waits for them): the keys typed
        # right after "/" go into the bar
        self.set_focus(bar)

    def start_search(self, query: str) -> None:
        """Open the bar with `query` typed in (the palette and saved searches use this)."""
        self.action_search()
        self.query_one("#filter", Input).value = query  # Changed runs the search

    def index_ready(self, index: SearchIndex) -> None:
        self.index = index
        self.count_saved()
        query = self.query_one("#filter", Input).value
        if self.searching and query.strip():
            self._start_search(query)  # what was typed while indexing

    # Handlers by name, not @on: Textual collects @on handlers only from its own classes.
    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "filter" or not self.searching:
            return
        self._generation += 1
        if not event.value.strip():
            self._restore_list(keep_bar=True)
            self._set_status("", 0, 0, ())
        elif self.index is None:
            # Still indexing: a plain substring filter keeps the bar useful meanwhile. Imported
            # here: the search package would otherwise load before the first paint.
            from brief.search.substring import filter_briefings

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
        if message.generation != self._generation or not self.searching:
            return  # typing went on: a newer query is on its way
        results = message.results
        shown = [self.by_id[r.id] for r in results.results if r.id in self.by_id]
        matches = {r.id: r for r in results.results}
        self._show_matches(message.text, shown, matches, results.total, results.errors)

    def _show_matches(
        self, text: str, shown: list[Briefing], matches: dict, total: int, errors=()
    ) -> None:
        self.set_list_label(f"{total:,} of {count_label(len(self.all_briefings))}")
        self.query_one(BriefingList).set_briefings(
            shown, empty_message=f"Nothing matches “{text}”.", matches=matches
        )
        self._set_status(text, len(shown), total, errors)

    def _set_status(self, text: str, shown: int, total: int, errors, pending: bool = False) -> None:
        self.query_one("#search-status", Static).update(
            status_text(text, shown, total, errors, pending)
        )

    def on_search_input_open_result(self) -> None:
        cards = self.query_one(BriefingList)
        if cards.highlighted is not None:
            cards.action_choose()
        else:
            cards.focus()

    def _restore_list(self, keep_bar: bool = False) -> None:
        if self._before_search is None:
            return
        briefings, cursor, sub_title = self._before_search
        self.query_one(BriefingList).set_briefings(
            briefings, empty_message="No briefings found.", cursor=cursor
        )
        self.set_list_label(sub_title)
        if not keep_bar:
            self._before_search = None

    def close_search(self) -> None:
        self._generation += 1  # drop any search still running
        self._restore_list()
        self.query_one("#list-column").remove_class("filtering")
        filter_input = self.query_one("#filter", Input)
        with filter_input.prevent(Input.Changed):
            filter_input.value = ""

    # --- saved searches -----------------------------------------------------------

    def on_search_input_save_query(self, message: SearchInput.SaveQuery) -> None:
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

    def show_saved(self) -> None:
        self.query_one(SavedSearches).show(self.saved, self._saved_counts)

    @work(thread=True, exclusive=True, group="counts")
    def count_saved(self) -> None:
        """Live counts for the sidebar: each saved query run again (limit 0: count only)."""
        index = self.index
        if index is None or not self.saved:
            return
        state = {"read": set(self.read_ids), "starred": set(self.starred_ids)}
        counts = {query: index.search(query, limit=0, state=state).total for _, query in self.saved}
        if not get_current_worker().is_cancelled:
            self.post_message(SavedCounts(counts))

    def on_saved_counts(self, message: SavedCounts) -> None:
        self._saved_counts = message.counts
        self.show_saved()

    def _saved_changed(self) -> None:
        if self.library is not None:
            self.saved = self.library.saved_searches()
        self.show_saved()
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

    def on_saved_searches_close(self) -> None:
        self.query_one("#sidebar").remove_class("open")
        self.query_one(BriefingList).focus()

    def on_saved_searches_run(self, message: SavedSearches.Run) -> None:
        self.start_search(message.query)

    def on_saved_searches_forget(self, message: SavedSearches.Forget) -> None:
        if self.library is not None:
            self.library.delete_search(message.name)
            self.notify(f"Forgot saved search “{message.name}”.", markup=False, timeout=3)
        self._saved_changed()
