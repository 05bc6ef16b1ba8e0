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

# what works while only the saved rows are on screen: moving through them, and leaving
ROWS_ONLY_ACTIONS = frozenset({"back", "switch_pane", "toggle_compact", "next_unread"})

if TYPE_CHECKING:
    from brief.library import Library
    from brief.search import SearchIndex
    from brief.snapshot import FirstScreen
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
        self.list_label = "Loading…"  # what the list shows: "20 briefings", "5 of 20 …"
        self.title_note = ""  # what the last refresh did
        self._entity_picker: EntityPicker | None = None
        # Before the corpus loads, the list may show the rows saved by the last start: moving
        # works then, and a story asked for opens as soon as the corpus is here.
        self.rows_only = False
        self._pending_open: str | None = None
        self.partial: list[Briefing] = []  # briefings a cold load has analysed so far
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
        config = getattr(self.app, "config", None)
        if config is not None:
            self.query_one(BriefingList).compact = config.compact
            self.set_class(config.compact, "compact")
            self.query_one(ReadingPane).summary_words = config.summary_length
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
        self.query_one(ReadingPane).whole = library.whole
        self.read_ids, self.starred_ids, self.saved = read, starred, saved
        self.show_saved()  # the sidebar opens on S only, never by itself

    def show_rows(self, first: FirstScreen) -> None:
        """The list as the last start left it, painted from SQLite while the corpus loads."""
        self.rows_only = True
        self.read_ids, self.starred_ids = first.read, first.starred
        self.set_list_label(count_label(len(first.rows)))
        self.title_note = "loading…"
        self.refresh_title()
        cards = self.query_one(BriefingList)
        cards.thread_sizes = first.rows.thread_sizes
        cards.starred = self.starred_ids
        cards.read = self.read_ids
        cards.set_briefings(first.rows, empty_message="No briefings found.")
        self.query_one(ReadingPane).show(None, "Loading the stories…")

    def show_progress(self, stage: str, done: int, total: int, batch: list[Briefing]) -> None:
        """A cold load under way: the header says how far it is, and with no saved rows on
        screen the briefings analysed so far are the corpus (newest first, no threads yet):
        to move through, open, mark and search while the rest is analysed."""
        if stage == "analysing":
            self.title_note = f"analysing {done:,} of {total:,}…"
        else:
            self.title_note = "linking threads…"
        if batch and not self.rows_only:
            self.partial.extend(batch)
            self.partial.sort(key=lambda b: (b.date or "", b.id), reverse=True)
            self.all_briefings = list(self.partial)
            self.by_id = {b.id: b for b in self.partial}
            self._entity_picker = None
            self.list_label = f"{len(self.partial):,} briefings so far"
            if not self.searching:  # a search's results stay until the corpus is in
                cards = self.query_one(BriefingList)
                was = cards.highlighted.id if cards.highlighted else None
                at = next((i for i, b in enumerate(self.partial) if b.id == was), 0)
                cards.read, cards.starred = self.read_ids, self.starred_ids
                cards.set_briefings(self.all_briefings, empty_message="Loading…", cursor=at)
                pane = self.query_one(ReadingPane)
                if pane.briefing is None:  # as after loading: the pane shows the cursor's story
                    pane.show(cards.highlighted)
        self.refresh_title()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search" and self.focused is self.query_one("#filter", Input):
            return False  # the key is a priority one: typed in the bar, it is text ("AC/DC")
        # with only the saved rows on screen, the list moves; the rest waits for the corpus
        return not self.rows_only or action in ROWS_ONLY_ACTIONS

    def show_corpus(self, briefings: list[Briefing], threads: list[Thread]) -> None:
        """Show a loaded corpus (the App calls this on the UI thread)."""
        cards = self.query_one(BriefingList)
        early = self.rows_only or self.partial  # the list showed something before the corpus
        was = cards.highlighted.id if early and cards.highlighted else None
        if self.rows_only:
            self.rows_only = False
            self.refresh_bindings()
        self.title_note = ""  # the loading's progress; the App sets what a refresh did after
        self.partial = []
        self.threads = threads
        self.thread_by_id = {t.id: t for t in threads}
        self.all_briefings = briefings
        self.by_id = {b.id: b for b in briefings}
        self._entity_picker = None
        self.set_list_label(count_label(len(briefings)))
        cards.thread_sizes = {t.id: len(t.articles) for t in threads}
        cards.thread_titles = {t.id: t.title for t in threads}
        cards.starred = self.starred_ids
        cards.read = self.read_ids
        # the cursor stays on the story it was on while the saved rows were shown
        at = next((i for i, b in enumerate(briefings) if b.id == was), 0) if was else 0
        cards.set_briefings(briefings, empty_message="No briefings found.", cursor=at)
        self.query_one(ReadingPane).show(
            briefings[at] if briefings else None, "No briefings to read."
        )
        self.on_briefing_list_highlighted()
        pending, self._pending_open = self._pending_open, None
        if pending in self.by_id:
            self.read_story(self.by_id[pending])

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
        if self.rows_only:
            self._pending_open = event.briefing.id
            self.query_one(ReadingPane).show(None, "Opening as soon as the stories load…")
            return
        self._mark_read(event.briefing)
        self.query_one(ReadingPane).show(event.briefing)
        self.on_briefing_list_highlighted()
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

        # its stories whole: the timeline quotes their sentences
        stories = [self.by_id[i] for i in thread.articles if i in self.by_id]
        if self.library is not None:
            stories = self.library.whole_many(stories)
        return TimelineScreen.of(thread, {b.id: b for b in stories}, story_id)

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

    def set_list_label(self, label: str) -> None:
        """The header: what the list shows, how many are unread, what the last refresh did."""
        self.list_label = label
        self.refresh_title()

    def refresh_title(self) -> None:
        parts = [self.list_label]
        if self.all_briefings:
            unread = sum(1 for b in self.all_briefings if b.id not in self.read_ids)
            parts.append(f"{unread:,} unread")
        if self.title_note:
            parts.append(self.title_note)
        self.sub_title = " · ".join(parts)

    def _mark_read(self, briefing: Briefing) -> None:
        if briefing.id not in self.read_ids:
            self._set_read([briefing], True)

    def _set_read(self, briefings: list[Briefing], read: bool) -> None:
        ids = [b.id for b in briefings if (b.id in self.read_ids) != read]
        if not ids:
            return
        (self.read_ids.update if read else self.read_ids.difference_update)(ids)
        if self.library is not None:
            if len(ids) == 1:
                self.library.set_read(ids[0], read)
            else:
                self.library.set_read_many(ids, read)
        self.query_one(BriefingList).clear_cache()
        self.refresh_title()
        self.count_saved()  # is:unread searches change

    def _target(self) -> Briefing | None:
        """What m, s, o and y act on: the pane's story while reading, else the cursor's."""
        pane = self.query_one(ReadingPane)
        if self.focused is pane and pane.briefing is not None:
            return pane.briefing
        return self.query_one(BriefingList).highlighted

    def action_toggle_read(self) -> None:
        """m: mark the story read, or unread again."""
        briefing = self._target()
        if briefing is not None:
            self._set_read([briefing], briefing.id not in self.read_ids)

    def action_mark_all_read(self) -> None:
        """M: every story the list shows now (a search's results, an entity's stories) is read."""
        shown = list(self.query_one(BriefingList).briefings)
        unread = [b for b in shown if b.id not in self.read_ids]
        self._set_read(unread, True)
        self.notify(f"Marked {count_label(len(unread))} read.", markup=False, timeout=3)

    def action_next_unread(self) -> None:
        """N: the cursor goes to the next unread story below it, wrapping round to the top."""
        cards = self.query_one(BriefingList)
        shown = cards.briefings
        count = len(shown)
        for step in range(1, count + 1):
            index = (cards.cursor + step) % count
            if shown[index].id not in self.read_ids:
                cards.move_to(index)
                cards.focus()
                self.remove_class("reading")
                return
        self.notify("No unread stories here.", markup=False, timeout=3)

    def on_briefing_list_highlighted(self) -> None:
        pane = self.query_one(ReadingPane)
        current = self.query_one(BriefingList).highlighted
        shown = pane.briefing
        if shown is None or current is None or shown.id == current.id:
            pane.set_note("")
        else:
            pane.set_note("◂ not the highlighted story · enter opens it")

    # --- links --------------------------------------------------------------------

    def _link(self) -> str | None:
        from brief.views.links import safe_url

        briefing = self._target()
        url = safe_url(briefing.article.url) if briefing is not None else None
        if briefing is not None and url is None:
            self.notify("This story has no http(s) link.", markup=False, timeout=3)
        return url

    def action_copy_link(self) -> None:
        """y: copy the link (OSC 52: it reaches the clipboard of the terminal, over SSH too)."""
        url = self._link()
        if url is not None:
            self.app.copy_to_clipboard(url)
            self.notify(f"Copied the link: {url}", markup=False, timeout=4)

    def action_open_link(self) -> None:
        """o: open the link in a browser; over SSH or restricted, copy it instead and say so."""
        url = self._link()
        if url is None:
            return
        why = self.app.why_not_browser()
        if why:
            self.app.copy_to_clipboard(url)
            self.notify(f"Copied the link ({why}): {url}", markup=False, timeout=5)
        else:
            self.app.open_url(url)
            self.notify(f"Opened {url}", markup=False, timeout=3)

    def action_toggle_compact(self) -> None:
        """c: one line a story, or cards; kept in the config."""
        cards = self.query_one(BriefingList)
        cards.set_compact(not cards.compact)
        self.set_class(cards.compact, "compact")
        self.app.remember("density", "compact" if cards.compact else "cards")

    def action_star(self) -> None:
        """Star or unstar the briefing under the cursor (or in the pane, when reading)."""
        cards = self.query_one(BriefingList)
        briefing = self._target()
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
        self.set_list_label(
            f"{label} · {len(shown):,} of {count_label(len(self.all_briefings))} · esc shows all"
        )
        self.remove_class("reading")
        briefing_list = self.query_one(BriefingList)
        briefing_list.set_briefings(shown)
        briefing_list.focus()
        self.query_one(ReadingPane).show(shown[0] if shown else None, "")

    def _clear_scope(self) -> None:
        self.entity_scope = None
        self.set_list_label(count_label(len(self.all_briefings)))
        self.query_one(BriefingList).set_briefings(
            self.all_briefings, empty_message="No briefings found."
        )
