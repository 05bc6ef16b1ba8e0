"""The main screen: the saved searches, the search bar over the card list, the reading pane.

It holds what the reader is looking at (the briefings, their threads, read and starred, the
search index once built) and binds its own keys from `brief.ui.commands`: a screen or a modal
pushed over it takes them away by being on top, with nothing to switch off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from brief.model import Briefing, Thread
from brief.ui.commands import MAIN, MAIN_COMMANDS, bindings
from brief.ui.palette import BriefingHits
from brief.ui.screens.search import SearchPart
from brief.ui.widgets.briefing_list import BriefingList
from brief.ui.widgets.reading_pane import ReadingPane
from brief.ui.widgets.saved_searches import SavedSearches
from brief.ui.widgets.search_bar import SearchInput
from brief.views.labels import count_label

if TYPE_CHECKING:
    from brief.library import Library
    from brief.search import SearchIndex
    from brief.views.entity_directory import EntityEntry, EntityPicker


class MainScreen(SearchPart, Screen[None]):
    COMMAND_SCREEN: ClassVar[str] = MAIN
    BINDINGS = bindings(MAIN, MAIN_COMMANDS)
    COMMANDS = {BriefingHits}  # with the App's command hits: search, saved, threads, entities

    def __init__(self) -> None:
        super().__init__()
        self.library: Library | None = None  # the App's, once loading has opened it
        self.all_briefings: list[Briefing] = []
        self.by_id: dict[str, Briefing] = {}
        self.threads: list[Thread] = []
        self.thread_by_id: dict[str, Thread] = {}
        self.index: SearchIndex | None = None
        self.read_ids: set[str] = set()
        self.starred_ids: set[str] = set()
        self.saved: list[tuple[str, str]] = []  # (name, query), as the store keeps them
        self.entity_scope: str | None = None  # what the list is narrowed to, if anything
        self._entity_picker: EntityPicker | None = None
        self.init_search()

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

    class Ready(Message):
        """Mounted, with its widgets: the App may show a corpus now."""

    def on_mount(self) -> None:
        self.sub_title = "Loading…"
        self.query_one("#filter", Input).cursor_blink = False
        self.query_one(BriefingList).focus()
        self.query_one(ReadingPane).thread_note = self._thread_note
        self.post_message(self.Ready())

    # --- what to show -----------------------------------------------------------

    def show_library(
        self,
        library: Library,
        read: set[str],
        starred: set[str],
        saved: list[tuple[str, str]],
    ) -> None:
        """The reader's library and state: read, starred, saved searches (before `show_corpus`)."""
        self.library = library
        self.read_ids, self.starred_ids, self.saved = read, starred, saved
        self.show_saved()
        if self.saved and self.has_class("-wide"):
            self.query_one("#sidebar").add_class("open")

    def show_corpus(self, briefings: list[Briefing], threads: list[Thread]) -> None:
        """Show a loaded corpus (the App calls this on the UI thread)."""
        self.threads = threads
        self.thread_by_id = {t.id: t for t in threads}
        self.all_briefings = briefings
        self.by_id = {b.id: b for b in briefings}
        self._entity_picker = None
        self.sub_title = count_label(len(briefings))
        cards = self.query_one(BriefingList)
        cards.thread_sizes = {t.id: len(t.articles) for t in threads}
        cards.thread_titles = {t.id: t.title for t in threads}
        cards.starred = self.starred_ids
        cards.set_briefings(briefings, empty_message="No briefings found.")
        self.query_one(ReadingPane).show(
            briefings[0] if briefings else None, "No briefings to read."
        )

    def action_refresh(self) -> None:
        self.app.refresh_library()

    def notify_problems(self, problems: list[str]) -> None:
        if not problems:
            return
        shown = "\n".join(problems[:5]) + (
            f"\n… and {len(problems) - 5} more" if len(problems) > 5 else ""
        )
        title = f"Skipped {count_label(len(problems), 'file')}"
        self.notify(shown, title=title, severity="warning", timeout=15, markup=False)

    # --- moving between list and pane -----------------------------------------

    def on_briefing_list_opened(self, event: BriefingList.Opened) -> None:
        self._mark_read(event.briefing)
        self.query_one(ReadingPane).show(event.briefing)
        self.add_class("reading")  # in one-column layouts the pane replaces the list
        self.query_one(ReadingPane).focus()

    def read_story(self, briefing: Briefing) -> None:
        """Show `briefing` in the pane, with the list's cursor on it when the list has it."""
        cards = self.query_one(BriefingList)
        if cards.highlighted is not briefing:
            index = next((i for i, b in enumerate(cards.briefings) if b.id == briefing.id), None)
            if index is not None:
                cards.move_to(index)
        self.on_briefing_list_opened(BriefingList.Opened(briefing))

    def action_back(self) -> None:
        briefing_list = self.query_one(BriefingList)
        if self.entity_scope and self.focused is briefing_list and not self.has_class("reading"):
            self._clear_scope()
        if self.searching and (
            self.focused is self.query_one("#filter") or self.focused is briefing_list
        ):
            self.close_search()
        self.remove_class("reading")
        briefing_list.focus()

    def action_switch_pane(self) -> None:
        if self.focused is self.query_one(ReadingPane):
            self.action_back()
        else:
            self.add_class("reading")
            self.query_one(ReadingPane).focus()

    # --- threads: timeline (t), stepping (n/p), grouping (T), daily briefing (b) ----

    def _current_story(self) -> Briefing | None:
        pane = self.query_one(ReadingPane)
        if self.focused is pane and pane.briefing is not None:
            return pane.briefing
        return self.query_one(BriefingList).highlighted

    def _thread_of(self, briefing: Briefing | None) -> Thread | None:
        if briefing is None:
            return None
        thread = self.thread_by_id.get(briefing.thread)
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
            self.app.push_screen(self.timeline_screen(thread, story.id), self._story_chosen)

    def timeline_screen(self, thread: Thread, story_id: str | None = None):
        from brief.ui.screens.timeline import TimelineScreen

        return TimelineScreen.of(thread, self.by_id, story_id)

    def _story_chosen(self, story_id: str | None) -> None:
        if story_id is not None and story_id in self.by_id:
            self.read_story(self.by_id[story_id])

    def _thread_note(self, briefing: Briefing) -> str:
        """`story 2 of 3 in its thread`, oldest first, for the pane (n and p move along it)."""
        thread = self.thread_by_id.get(briefing.thread)
        if thread is None or len(thread.articles) < 2:
            return ""
        from brief.views.timeline import thread_stories

        ids = [b.id for b in thread_stories(thread, self.by_id)]
        if briefing.id not in ids:
            return ""
        return f"story {ids.index(briefing.id) + 1} of {len(ids)} in its thread"

    def action_step_thread(self, step: int) -> None:
        """n / p: the next newer (older) story of the current story's thread, in the pane."""
        from brief.views.timeline import thread_stories

        story = self._current_story()
        thread = self._thread_of(story)
        if thread is None:
            return
        stories = thread_stories(thread, self.by_id)
        index = next((i for i, b in enumerate(stories) if b.id == story.id), 0) + step
        if not 0 <= index < len(stories):
            where = "newest" if step > 0 else "oldest"
            said = (
                "This story is alone in its thread."
                if len(stories) == 1
                else f"This is the {where} story of its thread "
                f"({count_label(len(stories), 'story')})."
            )
            self.notify(said, timeout=3, markup=False)
            return
        self.read_story(stories[index])

    def action_toggle_grouped(self) -> None:
        cards = self.query_one(BriefingList)
        cards.set_grouped(not cards.grouped)

    def action_daily(self) -> None:
        from brief.ui.screens.daily import DailyScreen
        from brief.views.daily import anchor_day, daily_briefing

        if not self.all_briefings:
            return
        anchor = anchor_day(self.all_briefings)

        def rank(period: str):
            return daily_briefing(self.threads, self.by_id, period, anchor)

        def open_timeline(activity, done) -> None:
            self.app.push_screen(self.timeline_screen(activity.thread, activity.story), done)

        self.app.push_screen(DailyScreen(rank, anchor, open_timeline), self._story_chosen)

    # --- read and starred -------------------------------------------------------

    def _mark_read(self, briefing: Briefing) -> None:
        if briefing.id not in self.read_ids:
            self.read_ids.add(briefing.id)
            if self.library is not None:
                self.library.set_read(briefing.id)

    def action_star(self) -> None:
        """Star or unstar the briefing under the cursor (or in the pane, when reading)."""
        pane = self.query_one(ReadingPane)
        cards = self.query_one(BriefingList)
        briefing = pane.briefing if self.focused is pane else cards.highlighted
        if briefing is None:
            return
        starred = briefing.id not in self.starred_ids
        (self.starred_ids.add if starred else self.starred_ids.discard)(briefing.id)
        if self.library is not None:
            self.library.set_starred(briefing.id, starred)
        cards.clear_cache()
        self.count_saved()
        self.notify(
            ("Starred" if starred else "Unstarred") + f": {briefing.headline[:60]}",
            markup=False,
            timeout=3,
        )

    # --- narrowing the list to an entity or a thread ----------------------------

    def action_pick_entity(self) -> None:
        if not self.all_briefings:
            return
        from brief.ui.screens.entity_picker import EntityPickerScreen

        self.app.push_screen(EntityPickerScreen(self.entity_picker()), self._entity_picked)

    def entity_picker(self) -> EntityPicker:
        from brief.views.entity_directory import EntityPicker, entity_directory

        if self._entity_picker is None:
            self._entity_picker = EntityPicker(entity_directory(self.all_briefings))
        return self._entity_picker

    def _entity_picked(self, entry: EntityEntry | None) -> None:
        if entry is not None:
            self.show_entity(entry)

    def show_entity(self, entry: EntityEntry) -> None:
        """The list shows every briefing that mentions `entry`."""
        self._show_scope(entry.name, [self.all_briefings[i] for i in entry.briefings])

    def show_thread(self, thread: Thread) -> None:
        """The list shows one thread's stories, oldest first, as the story developed."""
        self._show_scope(
            f"Thread: {thread.title}", [self.by_id[i] for i in thread.articles if i in self.by_id]
        )

    def _show_scope(self, label: str, shown: list[Briefing]) -> None:
        if self.searching:
            self.close_search()
        self.entity_scope = label
        self.sub_title = (
            f"{label} · {len(shown):,} of {count_label(len(self.all_briefings))} · esc shows all"
        )
        self.remove_class("reading")
        briefing_list = self.query_one(BriefingList)
        briefing_list.set_briefings(shown)
        briefing_list.focus()
        self.query_one(ReadingPane).show(shown[0] if shown else None, "")

    def _clear_scope(self) -> None:
        self.entity_scope = None
        self.sub_title = count_label(len(self.all_briefings))
        self.query_one(BriefingList).set_briefings(
            self.all_briefings, empty_message="No briefings found."
        )
