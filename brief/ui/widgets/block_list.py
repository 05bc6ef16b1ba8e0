"""Blocks of lines with a cursor, on the shared `VirtualList`: the timeline's events, the daily
briefing's threads.

Blocks may differ in height (an event with more news is taller): each block's first line is kept
in a sorted array at the current width and `locate` finds a line's block by bisection.
Subclasses say what a block shows.
"""

from __future__ import annotations

from bisect import bisect_right

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from brief.ui.widgets.virtual_list import VirtualList


class BlockList(VirtualList):
    BINDINGS = [
        Binding("j,down", "cursor_down", "Next", show=False),
        Binding("k,up", "cursor_up", "Previous", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]

    class Chosen(Message):
        """enter or a click on block `index`."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.count = 0
        self._tops: list[int] = []  # first line of each block at `_width`
        self._width = 0

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
        self.prepare()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.scroll_to_cursor()
        self.refresh()

    def _content_width(self) -> int:
        # A column is kept for the scrollbar whether or not it shows, so wrapping does not
        # depend on it.
        return max(1, self.size.width - self.styles.scrollbar_size_vertical)

    def prepare(self) -> None:
        """Lay the blocks out at the current width (once per width and count)."""
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
        self.prepare()

    # --- where things are -----------------------------------------------------

    @property
    def item_count(self) -> int:
        return self.count

    def content_height(self) -> int:
        return self._tops[-1] if self._tops else 0

    def item_span(self, index: int) -> tuple[int, int] | None:
        if len(self._tops) <= index + 1:
            return None  # not laid out yet
        return self._tops[index], self._tops[index + 1]

    def locate(self, line: int) -> tuple[int, int]:
        index = bisect_right(self._tops, line) - 1
        return index, line - self._tops[index]

    def render_item(self, item: int, width: int, selected: bool) -> list[Strip]:
        strips = []
        for line in self.block_lines(item, self._width, selected):
            line.truncate(self._width, overflow="ellipsis", pad=True)
            strips.append(self.strip(line, self._width))
        return strips

    def action_choose(self) -> None:
        if self.count:
            self.post_message(self.Chosen(self.cursor))
