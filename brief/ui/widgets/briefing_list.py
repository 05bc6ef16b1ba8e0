"""The card list: briefings as fixed-height cards on the shared `VirtualList`, so 100,000 cost
no more than 10.

Grouped by thread (T), a one-line header precedes each thread's cards. Rows then have two
heights, so a `GroupLayout` keeps each item's first line in a sorted array and `render_line`
finds its item by bisection: still only the visible rows are drawn.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from brief.model import Briefing
from brief.ui.widgets.card import (
    CARD_HEIGHT,
    COMPACT_HEIGHT,
    CURSOR_CELLS,
    CardStyles,
    card_lines,
    compact_line,
    one_line,
)
from brief.ui.widgets.entity_styles import ENTITY_COMPONENT_CLASSES, entity_styles
from brief.ui.widgets.virtual_list import VirtualList
from brief.views.grouping import group_by_thread
from brief.views.labels import count_label

if TYPE_CHECKING:  # the search engine loads after first paint
    from brief.search import SearchResult


HEADER_HEIGHT = 1  # a thread's header line; the card above it ends with a blank line already


@dataclass
class GroupLayout:
    """Where every header and card starts when the list is grouped by thread."""

    starts: list[int]  # first line of each item, ascending
    items: list[int]  # card index (>= 0) or ~header index (< 0) for each item
    card_tops: list[int]  # first line of each card
    headers: list[tuple[str, list[Briefing]]]  # (thread key, its shown briefings, newest first)
    height: int

    @classmethod
    def build(cls, groups: list[tuple[str, list[Briefing]]], card_height: int) -> GroupLayout:
        starts: list[int] = []
        items: list[int] = []
        card_tops: list[int] = []
        headers: list[tuple[str, list[Briefing]]] = []
        line = 0
        for key, members in groups:
            starts.append(line)
            items.append(~len(headers))
            headers.append((key, members))
            line += HEADER_HEIGHT
            for _ in members:
                starts.append(line)
                items.append(len(card_tops))
                card_tops.append(line)
                line += card_height
        return cls(starts, items, card_tops, headers, line)

    def item_at(self, line: int) -> tuple[int, int]:
        """(item, row within it) for a line of the whole list."""
        index = bisect_right(self.starts, line) - 1
        return self.items[index], line - self.starts[index]


class BriefingList(VirtualList):
    CURSOR_COLUMNS = CURSOR_CELLS
    BINDINGS = [
        Binding("j,down", "cursor_down", "Next", show=False, id="list.next"),
        Binding("k,up", "cursor_up", "Previous", show=False, id="list.previous"),
        Binding("g,home", "first", "First", show=False, id="list.first"),
        Binding("G,end", "last", "Last", show=False, id="list.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("enter", "choose", "Open", id="list.open"),
    ]

    COMPONENT_CLASSES = {
        "card--headline",
        "card--read",
        "card--unread",
        "card--meta",
        "card--summary",
        "card--bar",
        "card--selected",
        "card--empty",
        "card--match",
        "card--snippet",
        "card--thread",
        "card--group",
        "card--group-title",
        *ENTITY_COMPONENT_CLASSES,
    }

    CACHE_SIZE = 512

    class Highlighted(Message):
        """The cursor moved, or the list changed under it."""

    class Opened(Message):
        """The user asked to read a briefing (enter or click)."""

        def __init__(self, briefing: Briefing) -> None:
            super().__init__()
            self.briefing = briefing

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.briefings: Sequence[Briefing] = ()  # in display order (grouped: thread by thread)
        self.source: Sequence[Briefing] = ()
        self.matches: Mapping[str, SearchResult] = {}
        self.starred: set[str] = set()  # ids; the screen owns this set and tells us when it changes
        self.read: set[str] = set()  # ids; the screen's too
        self.compact = False  # one line a story (c) instead of a four-line card
        self.empty_message = "Loading…"
        self.thread_sizes: Mapping[str, int] = {}  # thread id -> stories; the screen tells us
        self.thread_titles: Mapping[str, str] = {}
        # the user's choice (T); search results keep their rank order regardless
        self.grouped = False
        self._layout: GroupLayout | None = None

    # --- data -----------------------------------------------------------------

    def set_briefings(
        self,
        briefings: Sequence[Briefing],
        empty_message: str = "Nothing matches.",
        matches: Mapping[str, SearchResult] | None = None,
        cursor: int = 0,
    ) -> None:
        """Replace what the list shows (with search `matches` to mark, by briefing id) and put
        the cursor at `cursor`.

        Grouped, the cards are reordered thread by thread and `cursor` counts in that order.
        """
        self.matches = matches or {}
        self.source = briefings  # in the order given, for going back to flat
        self._layout = None
        if self.grouped and not self.matches:  # a ranked result list stays in rank order
            groups = group_by_thread(briefings)
            self._layout = GroupLayout.build(groups, self.card_height)
            briefings = [b for _, members in groups for b in members]
        self.briefings = briefings
        self.empty_message = empty_message
        self._strips.clear()
        self.set_reactive(BriefingList.cursor, max(0, min(cursor, len(briefings) - 1)))
        self.virtual_size = Size(self.size.width, self.content_height())
        self.scroll_to(y=0, animate=False, immediate=True)
        if self.cursor:
            self.scroll_to_cursor()
        self.refresh_changed()
        self.post_message(self.Highlighted())

    @property
    def card_height(self) -> int:
        return COMPACT_HEIGHT if self.compact else CARD_HEIGHT

    def set_compact(self, compact: bool) -> None:
        """One line a story, or cards; the cursor stays on the same story."""
        self.compact = compact
        self.set_grouped(self.grouped)

    def watch_cursor(self, old: int, new: int) -> None:
        super().watch_cursor(old, new)
        self.post_message(self.Highlighted())

    def set_grouped(self, grouped: bool) -> None:
        """Group by thread or not, with the cursor kept on the same story."""
        current = self.highlighted
        self.grouped = grouped
        self.set_briefings(self.source, self.empty_message, self.matches or None)
        if current is not None:
            index = next((i for i, b in enumerate(self.briefings) if b.id == current.id), 0)
            self.set_reactive(BriefingList.cursor, index)
            self.scroll_to_cursor()

    @property
    def highlighted(self) -> Briefing | None:
        return self.briefings[self.cursor] if self.briefings else None

    def action_choose(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Opened(self.highlighted))

    # --- where things are -----------------------------------------------------

    @property
    def item_count(self) -> int:
        return len(self.briefings)

    def content_height(self) -> int:
        return self._layout.height if self._layout else len(self.briefings) * self.card_height

    def _card_top(self, index: int) -> int:
        return self._layout.card_tops[index] if self._layout else index * self.card_height

    def item_span(self, index: int) -> tuple[int, int]:
        top = self._card_top(index)
        return top, top + self.card_height

    def scroll_span(self, index: int) -> tuple[int, int]:
        top, bottom = self.item_span(index)
        if self._layout is not None and top > 0 and self._layout.item_at(top - 1)[0] < 0:
            top -= HEADER_HEIGHT  # the first card of a thread comes into view with its header
        return top, bottom

    def scroll_target(self, top: int, bottom: int, scroll_y: int, height: int) -> int:
        # Off the page: turn the page (as mutt's index does), the cursor's card at the top going
        # down and at the bottom going up, so that the next page of moves repaints nothing but
        # the cursor; scrolling a card at a time would repaint the whole list at every move.
        if top < scroll_y:
            return max(0, bottom - height)
        return top

    def locate(self, line: int) -> tuple[int, int]:
        if self._layout is None:
            return divmod(line, self.card_height)
        return self._layout.item_at(line)

    def index_at(self, line: int) -> int:
        item, _ = self.locate(line)
        if item >= 0 or self._layout is None:
            return item
        # a header opens its thread's newest story, the card just below it
        return self._layout.items[bisect_right(self._layout.starts, line)]

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // self.card_height)

    # --- drawing --------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self.content_height())
        self._strips.clear()

    def empty_style(self) -> Style:
        return self.get_component_rich_style("card--empty", partial=True)

    def _card_styles(self) -> CardStyles:
        style = self.get_component_rich_style
        return CardStyles(
            headline=style("card--headline", partial=True),
            read=style("card--read", partial=True),
            unread=style("card--unread", partial=True),
            meta=style("card--meta", partial=True),
            summary=style("card--summary", partial=True),
            bar=style("card--bar", partial=True),
            selected=style("card--selected", partial=True),
            match=style("card--match", partial=True),
            snippet=style("card--snippet", partial=True),
            thread=style("card--thread", partial=True),
            entities=entity_styles(self),
        )

    def render_item(self, item: int, width: int, selected: bool) -> list[Strip]:
        if item < 0:
            return [self._header_strip(~item, width)]
        briefing = self.briefings[item]
        draw = compact_line if self.compact else card_lines
        lines = draw(
            briefing,
            width,
            self._card_styles(),
            selected,
            self.matches.get(briefing.id),
            briefing.id in self.starred,
            self.thread_sizes.get(briefing.thread, 0),
            briefing.id in self.read,
        )
        return [self.strip(line, width) for line in ([lines] if self.compact else lines)]

    def _header_strip(self, number: int, width: int) -> Strip:
        thread, members = self._layout.headers[number]
        title = one_line(self.thread_titles.get(thread) or members[0].headline)
        unread = sum(1 for b in members if b.id not in self.read)
        size = self.thread_sizes.get(thread, 1) if not thread.startswith("=") else 1
        style = self.get_component_rich_style
        rule = style("card--group", partial=True)
        size_label = f" · {count_label(size, 'story')}"
        size_label += f" · {unread:,} unread " if unread else " "
        # the title gives way first: the size is the header's news
        name = Text(title, style=style("card--group-title", partial=True))
        name.truncate(max(1, width - 2 - len(size_label)), overflow="ellipsis")
        line = Text()
        line.append("━ ", style=rule)
        line.append_text(name)
        line.append(size_label, style=rule)
        line.truncate(width, overflow="ellipsis")
        if line.cell_len < width:
            line.append("━" * (width - line.cell_len), style=rule)
        return self.strip(line, width)
