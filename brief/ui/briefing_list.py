"""A virtual list of briefing cards: it draws only the rows on screen, so 100,000 cost no more than 10.

Like toolong's LogLines: a ScrollView whose `render_line` maps a screen row to (card, line),
with a per-card strip cache. Moving the cursor refreshes only the two cards that changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections.abc import Mapping, Sequence

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
from brief.ui.card import CARD_HEIGHT, CardStyles, card_lines
from brief.ui.entity_styles import ENTITY_COMPONENT_CLASSES, entity_styles

if TYPE_CHECKING:  # the search engine loads after first paint
    from brief.search import SearchResult


class BriefingList(ScrollView, can_focus=True):
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
        self.briefings: Sequence[Briefing] = ()
        self.matches: Mapping[str, SearchResult] = {}
        self.starred: set[str] = set()  # ids; the app owns this set and tells us when it changes
        self.empty_message = "Loading…"
        self._strips: LRUCache[tuple[int, int, bool], list[Strip]] = LRUCache(maxsize=512)

    # --- data -----------------------------------------------------------------

    def set_briefings(
        self,
        briefings: Sequence[Briefing],
        empty_message: str = "Nothing matches.",
        matches: Mapping[str, SearchResult] | None = None,
        cursor: int = 0,
    ) -> None:
        """Replace what the list shows (with search `matches` to mark, by briefing id) and put the cursor at `cursor`."""
        self.briefings = briefings
        self.matches = matches or {}
        self.empty_message = empty_message
        self._strips.clear()
        self.set_reactive(BriefingList.cursor, max(0, min(cursor, len(briefings) - 1)))
        self.virtual_size = Size(self.size.width, len(briefings) * CARD_HEIGHT)
        self.scroll_to(y=0, animate=False, immediate=True)
        if self.cursor:
            self._scroll_to_cursor()
        self.refresh()

    def refresh_cards(self) -> None:
        """Repaint every card (e.g. a star changed); the data stays."""
        self._strips.clear()
        self.refresh()

    @property
    def highlighted(self) -> Briefing | None:
        return self.briefings[self.cursor] if self.briefings else None

    # --- rendering ------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # theme or CSS changed: every cached card is stale

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.briefings) * CARD_HEIGHT)
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
                briefing, width, self._card_styles(), selected, self.matches.get(briefing.id), briefing.id in self.starred
            )
            strips = [Strip(line.render(console), width) for line in lines]
            self._strips[key] = strips
        return strips

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not self.briefings:
            if y == 1:
                message = Text("  " + self.empty_message, style=self.get_component_rich_style("card--empty", partial=True))
                message.truncate(width, overflow="ellipsis", pad=True)
                return Strip(message.render(self.app.console), width).apply_style(base)
            return Strip.blank(width, base)
        line = round(self.scroll_offset.y) + y
        index, row = divmod(line, CARD_HEIGHT)
        if index >= len(self.briefings):
            return Strip.blank(width, base)
        return self._card_strips(index, width)[row].apply_style(base)

    # --- cursor ---------------------------------------------------------------

    def _card_region(self, index: int) -> Region:
        """Where card `index` sits in the widget right now (may be off screen)."""
        top = index * CARD_HEIGHT - round(self.scroll_offset.y)
        return Region(0, top, self.size.width, CARD_HEIGHT)

    def watch_cursor(self, old: int, new: int) -> None:
        # Only the two changed cards repaint; their cached strips are keyed by `selected`.
        self.refresh(self._card_region(old), self._card_region(new))
        self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height
        top = self.cursor * CARD_HEIGHT
        scroll_y = round(self.scroll_offset.y)
        if top >= scroll_y and top + CARD_HEIGHT <= scroll_y + height:
            return
        # Off the page: jump by about half a page so the next few moves repaint nothing.
        if top < scroll_y:
            target = top + CARD_HEIGHT - height // 2 - CARD_HEIGHT // 2
        else:
            target = top - height // 2 + CARD_HEIGHT // 2
        target = max(0, min(target, top))
        self.scroll_to(y=target, animate=False, immediate=True)

    def move_to(self, index: int) -> None:
        if self.briefings:
            self.cursor = max(0, min(index, len(self.briefings) - 1))

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // CARD_HEIGHT)

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.briefings) - 1)

    def action_page_down(self) -> None:
        self.move_to(self.cursor + self._page())

    def action_page_up(self) -> None:
        self.move_to(self.cursor - self._page())

    def action_open(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Opened(self.highlighted))

    # --- mouse ----------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.briefings:
            return
        index = (offset.y + round(self.scroll_offset.y)) // CARD_HEIGHT
        if 0 <= index < len(self.briefings):
            self.cursor = index
            self.action_open()

