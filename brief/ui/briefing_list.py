"""A virtual list of briefing cards: it draws only the rows on screen, so 100,000 cost no more than 10.

Like toolong's LogLines: a ScrollView whose `render_line` maps a screen row to (card, line),
with a per-card strip cache. Moving the cursor refreshes only the two cards that changed.

Grouped by thread (T), a one-line header precedes each thread's cards. Rows then have two
heights, so a `GroupLayout` keeps each item's first line in a sorted array and `render_line`
finds its item by bisection: still only the visible rows are drawn.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from brief.model import Briefing
from brief.ui.card import CARD_HEIGHT, CardStyles, card_lines, one_line
from brief.ui.cursor_keys import CursorKeys
from brief.ui.entity_styles import ENTITY_COMPONENT_CLASSES, entity_styles
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
    headers: list[tuple[str, Briefing]]  # (thread key, the thread's newest shown briefing)
    height: int

    @classmethod
    def build(cls, groups: list[tuple[str, list[Briefing]]]) -> GroupLayout:
        starts: list[int] = []
        items: list[int] = []
        card_tops: list[int] = []
        headers: list[tuple[str, Briefing]] = []
        line = 0
        for key, members in groups:
            starts.append(line)
            items.append(~len(headers))
            headers.append((key, members[0]))
            line += HEADER_HEIGHT
            for _ in members:
                starts.append(line)
                items.append(len(card_tops))
                card_tops.append(line)
                line += CARD_HEIGHT
        return cls(starts, items, card_tops, headers, line)

    def item_at(self, line: int) -> tuple[int, int]:
        """(item, row within it) for a line of the whole list."""
        index = bisect_right(self.starts, line) - 1
        return self.items[index], line - self.starts[index]


class BriefingList(CursorKeys, ScrollView, can_focus=True):
    BINDINGS = [
        Binding("j,down", "cursor_down", "Next", show=False, id="list.next"),
        Binding("k,up", "cursor_up", "Previous", show=False, id="list.previous"),
        Binding("g,home", "first", "First", show=False, id="list.first"),
        Binding("G,end", "last", "Last", show=False, id="list.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("enter", "open", "Open", id="list.open"),
    ]

    COMPONENT_CLASSES = {
        "card--headline",
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

    # repaint=False: watch_cursor refreshes just the two changed cards, not the whole widget.
    cursor: reactive[int] = reactive(0, repaint=False, init=False)

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
        self.starred: set[str] = set()  # ids; the app owns this set and tells us when it changes
        self.empty_message = "Loading…"
        self._strips: LRUCache[tuple[int, int, bool], list[Strip]] = LRUCache(maxsize=512)
        self.thread_sizes: Mapping[str, int] = {}  # thread id -> stories; the app tells us
        self.thread_titles: Mapping[str, str] = {}
        self.grouped = (
            False  # the user's choice (T); search results keep their rank order regardless
        )
        self._layout: GroupLayout | None = None

    # --- data -----------------------------------------------------------------

    def set_briefings(
        self,
        briefings: Sequence[Briefing],
        empty_message: str = "Nothing matches.",
        matches: Mapping[str, SearchResult] | None = None,
        cursor: int = 0,
    ) -> None:
        """Replace what the list shows (with search `matches` to mark, by briefing id) and put the cursor at `cursor`.

        Grouped, the cards are reordered thread by thread and `cursor` counts in that order.
        """
        self.matches = matches or {}
        self.source = briefings  # in the order given, for going back to flat
        self._layout = None
        if self.grouped and not self.matches:  # a ranked result list stays in rank order
            groups = group_by_thread(briefings)
            self._layout = GroupLayout.build(groups)
            briefings = [b for _, members in groups for b in members]
        self.briefings = briefings
        self.empty_message = empty_message
        self._strips.clear()
        self.set_reactive(BriefingList.cursor, max(0, min(cursor, len(briefings) - 1)))
        self.virtual_size = Size(self.size.width, self._height())
        self.scroll_to(y=0, animate=False, immediate=True)
        if self.cursor:
            self._scroll_to_cursor()
        self.refresh()

    def refresh_cards(self) -> None:
        """Repaint every card (e.g. a star changed); the data stays."""
        self._strips.clear()
        self.refresh()

    def set_grouped(self, grouped: bool) -> None:
        """Group by thread or not, with the cursor kept on the same story."""
        current = self.highlighted
        self.grouped = grouped
        self.set_briefings(self.source, self.empty_message, self.matches or None)
        if current is not None:
            index = next((i for i, b in enumerate(self.briefings) if b.id == current.id), 0)
            self.set_reactive(BriefingList.cursor, index)
            self._scroll_to_cursor()

    @property
    def highlighted(self) -> Briefing | None:
        return self.briefings[self.cursor] if self.briefings else None

    def _height(self) -> int:
        return self._layout.height if self._layout else len(self.briefings) * CARD_HEIGHT

    def _card_top(self, index: int) -> int:
        return self._layout.card_tops[index] if self._layout else index * CARD_HEIGHT

    # --- rendering ------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # theme or CSS changed: every cached card is stale

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self._height())
        self._strips.clear()

    def _card_styles(self) -> CardStyles:
        style = self.get_component_rich_style
        return CardStyles(
            headline=style("card--headline", partial=True),
            meta=style("card--meta", partial=True),
            summary=style("card--summary", partial=True),
            bar=style("card--bar", partial=True),
            selected=style("card--selected", partial=True),
            match=style("card--match", partial=True),
            snippet=style("card--snippet", partial=True),
            thread=style("card--thread", partial=True),
            entities=entity_styles(self),
        )

    def _card_strips(self, index: int, width: int) -> list[Strip]:
        selected = index == self.cursor
        key = (index, width, selected)
        strips = self._strips.get(key)
        if strips is None:
            console = self.app.console
            briefing = self.briefings[index]
            lines = card_lines(
                briefing,
                width,
                self._card_styles(),
                selected,
                self.matches.get(briefing.id),
                briefing.id in self.starred,
                self.thread_sizes.get(briefing.thread, 0),
            )
            strips = [Strip(line.render(console), width) for line in lines]
            self._strips[key] = strips
        return strips

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not self.briefings:
            if y == 1:
                message = Text(
                    "  " + self.empty_message,
                    style=self.get_component_rich_style("card--empty", partial=True),
                )
                message.truncate(width, overflow="ellipsis", pad=True)
                return Strip(message.render(self.app.console), width).apply_style(base)
            return Strip.blank(width, base)
        line = round(self.scroll_offset.y) + y
        if line >= self._height():
            return Strip.blank(width, base)
        if self._layout is None:
            index, row = divmod(line, CARD_HEIGHT)
        else:
            index, row = self._layout.item_at(line)
            if index < 0:
                return self._header_strip(~index, width).apply_style(base)
        return self._card_strips(index, width)[row].apply_style(base)

    def _header_strip(self, number: int, width: int) -> Strip:
        key = (~number, width, False)  # headers share the card cache under negative keys
        strips = self._strips.get(key)
        if strips is None:
            thread, newest = self._layout.headers[number]
            title = one_line(self.thread_titles.get(thread) or newest.headline)
            size = self.thread_sizes.get(thread, 1) if not thread.startswith("=") else 1
            style = self.get_component_rich_style
            rule = style("card--group", partial=True)
            size_label = f" · {count_label(size, 'story')} "
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
            strips = [Strip(line.render(self.app.console), width)]
            self._strips[key] = strips
        return strips[0]

    # --- cursor ---------------------------------------------------------------

    def _card_region(self, index: int) -> Region:
        """Where card `index` sits in the widget right now (may be off screen)."""
        top = self._card_top(index) - round(self.scroll_offset.y)
        return Region(0, top, self.size.width, CARD_HEIGHT)

    def watch_cursor(self, old: int, new: int) -> None:
        # Only the two changed cards repaint; their cached strips are keyed by `selected`.
        self.refresh(self._card_region(old), self._card_region(new))
        self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height
        top = self._card_top(self.cursor)
        bottom = top + CARD_HEIGHT
        if self._layout is not None and top > 0 and self._layout.item_at(top - 1)[0] < 0:
            top -= HEADER_HEIGHT  # the first card of a thread comes into view with its header
        scroll_y = round(self.scroll_offset.y)
        if top >= scroll_y and bottom <= scroll_y + height:
            return
        # Off the page: jump by about half a page so the next few moves repaint nothing.
        if top < scroll_y:
            target = bottom - height // 2 - CARD_HEIGHT // 2
        else:
            target = top - height // 2 + CARD_HEIGHT // 2
        target = max(0, min(target, top))
        self.scroll_to(y=target, animate=False, immediate=True)

    @property
    def item_count(self) -> int:
        return len(self.briefings)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // CARD_HEIGHT)

    def action_open(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Opened(self.highlighted))

    # --- mouse ----------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.briefings:
            return
        line = offset.y + round(self.scroll_offset.y)
        if line >= self._height():
            return
        if self._layout is None:
            index = line // CARD_HEIGHT
        else:
            item, _ = self._layout.item_at(line)
            # a header opens its thread's newest story, the card just below it
            index = (
                item if item >= 0 else self._layout.items[bisect_right(self._layout.starts, line)]
            )
        if 0 <= index < len(self.briefings):
            self.cursor = index
            self.action_open()
