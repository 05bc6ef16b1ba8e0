"""A virtual list of blocks of lines with a cursor: the timeline's events, the daily briefing's threads.

Like BriefingList, a ScrollView that draws only the rows on screen, but blocks may differ in
height (an event with more news is taller): each block's first line is kept in a sorted
array and `render_line` finds its block by bisection. Subclasses say what a block shows.
"""

from __future__ import annotations

from bisect import bisect_right

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from brief.ui.cursor_keys import CursorKeys


class BlockList(CursorKeys, ScrollView, can_focus=True):
    BINDINGS = [
        Binding("j,down", "cursor_down", "Next", show=False),
        Binding("k,up", "cursor_up", "Previous", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]

    cursor: reactive[int] = reactive(0, repaint=False, init=False)

    class Chosen(Message):
        """enter or a click on block `index`."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.count = 0
        self.empty_message = ""
        self._tops: list[int] = []  # first line of each block at `_width`
        self._width = 0
        self._strips: LRUCache[tuple[int, int, bool], list[Strip]] = LRUCache(maxsize=256)

    # --- what subclasses provide --------------------------------------------

    def block_lines(self, index: int, width: int, selected: bool) -> list[Text]:
        """The lines of block `index`; each is cut or padded to `width` here."""
        raise NotImplementedError

    def block_height(self, index: int, width: int) -> int:
        """Override when the height is known without drawing the block (one-line rows)."""
        return len(self.block_lines(index, width, False))

    # --- data and layout ------------------------------------------------------

    def set_count(self, count: int, empty_message: str = "", cursor: int = 0) -> None:
        self.count = count
        self.empty_message = empty_message
        self._strips.clear()
        self._width = 0
        self.set_reactive(BlockList.cursor, max(0, min(cursor, count - 1)))
        self._layout()
        self.scroll_to(y=0, animate=False, immediate=True)
        self._scroll_to_cursor()
        self.refresh()

    def _content_width(self) -> int:
        # A column is kept for the scrollbar whether or not it shows, so wrapping does not depend on it.
        return max(1, self.size.width - self.styles.scrollbar_size_vertical)

    def _layout(self) -> None:
        width = self._content_width()
        if width == self._width and len(self._tops) == self.count + 1:
            return
        self._width = width
        self._strips.clear()
        tops = [0]
        for index in range(self.count):
            tops.append(tops[-1] + self.block_height(index, width))
        self._tops = tops
        self.virtual_size = Size(width, tops[-1])

    def on_resize(self, event: events.Resize) -> None:
        self._layout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    # --- rendering ------------------------------------------------------------

    def _lines(self, index: int, selected: bool) -> list[Strip]:
        key = (index, self._width, selected)
        strips = self._strips.get(key)
        if strips is None:
            strips = []
            for line in self.block_lines(index, self._width, selected):
                line.truncate(self._width, overflow="ellipsis", pad=True)
                strips.append(Strip(line.render(self.app.console), self._width))
            self._strips[key] = strips
        return strips

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        self._layout()
        if not self.count:
            if y == 1 and self.empty_message:
                message = Text("  " + self.empty_message, style="italic")
                message.truncate(width, overflow="ellipsis", pad=True)
                return Strip(message.render(self.app.console), width).apply_style(base)
            return Strip.blank(width, base)
        line = round(self.scroll_offset.y) + y
        if line >= self._tops[-1]:
            return Strip.blank(width, base)
        index = bisect_right(self._tops, line) - 1
        strips = self._lines(index, index == self.cursor)
        row = line - self._tops[index]
        strip = strips[row] if row < len(strips) else Strip.blank(self._width)
        return strip.extend_cell_length(width).crop(0, width).apply_style(base)

    # --- cursor ---------------------------------------------------------------

    def _region(self, index: int) -> Region:
        if not 0 <= index < self.count or len(self._tops) <= index + 1:
            return Region(0, 0, 0, 0)
        top = self._tops[index] - round(self.scroll_offset.y)
        return Region(0, top, self.size.width, self._tops[index + 1] - self._tops[index])

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh(self._region(old), self._region(new))
        self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        if not self.count or len(self._tops) <= self.cursor + 1:
            return
        height = self.scrollable_content_region.height
        top, bottom = self._tops[self.cursor], self._tops[self.cursor + 1]
        scroll_y = round(self.scroll_offset.y)
        if top >= scroll_y and bottom <= scroll_y + height:
            return
        # the block's top in view; a tall block shows as much of itself as fits
        target = top if top < scroll_y or bottom - top >= height else bottom - height
        self.scroll_to(y=max(0, target), animate=False, immediate=True)

    @property
    def item_count(self) -> int:
        return self.count

    def _page(self) -> int:
        if not self.count:
            return 1
        average = max(1, self._tops[-1] // self.count)
        return max(1, self.scrollable_content_region.height // average)

    def action_choose(self) -> None:
        if self.count:
            self.post_message(self.Chosen(self.cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.count:
            return
        line = offset.y + round(self.scroll_offset.y)
        if line < self._tops[-1]:
            self.cursor = bisect_right(self._tops, line) - 1
            self.action_choose()
