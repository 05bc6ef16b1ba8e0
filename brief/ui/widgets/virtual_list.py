"""The one virtual list every cursor list here is built on: it draws only the rows on screen.

Like toolong's LogLines: a ScrollView whose `render_line` maps a screen row to (item, row within
it), with a strip cache per item. Moving the cursor refreshes only the two items that changed;
when the cursor leaves the page, the list jumps rather than repaints row by row.

A subclass says where its items are and what they look like:

- `item_count`, `content_height()`: how many items, how many lines in all;
- `item_span(index)`: the first and last-plus-one line of item `index` (None: not laid out yet);
- `locate(line)`: (item, row) for a line of the whole list; an item below 0 is a line that is not
  an item (a group header), drawn by `render_item` too but never selected;
- `render_item(item, width, selected)`: the item's lines as strips;
- `action_choose()`: what enter (or a click) on the cursor's item does.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from brief.ui.widgets.cursor_keys import CursorKeys


class VirtualList(CursorKeys, ScrollView, can_focus=True):
    # repaint=False: watch_cursor refreshes just the two changed items, not the whole widget.
    cursor: reactive[int] = reactive(0, repaint=False, init=False)
    # When an item shows the cursor only in its first columns, moving the cursor repaints
    # just those (None: the whole width of the two items).
    CURSOR_COLUMNS: int | None = None

    CACHE_SIZE = 256  # items whose strips are kept

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.empty_message = ""
        self._strips: LRUCache[tuple[int, int, bool], list[Strip]] = LRUCache(self.CACHE_SIZE)
        # What each line of the widget last showed, and at what scroll and width: so that new
        # items can repaint only the cells that differ (see `refresh_changed`).
        self._shown: dict[int, Strip] = {}
        self._shown_at: tuple[int, int] = (-1, -1)

    # --- what subclasses provide ----------------------------------------------

    @property
    def item_count(self) -> int:
        raise NotImplementedError

    def content_height(self) -> int:
        raise NotImplementedError

    def item_span(self, index: int) -> tuple[int, int] | None:
        raise NotImplementedError

    def locate(self, line: int) -> tuple[int, int]:
        raise NotImplementedError

    def render_item(self, item: int, width: int, selected: bool) -> list[Strip]:
        raise NotImplementedError

    def action_choose(self) -> None:
        raise NotImplementedError

    def empty_style(self) -> Style | str:
        """The style of the one line an empty list shows."""
        return "italic"

    def prepare(self) -> None:
        """Called before drawing: a subclass that lays out lazily does it here."""

    def scroll_span(self, index: int) -> tuple[int, int] | None:
        """What must be in view when the cursor is on `index` (an item and its header, say)."""
        return self.item_span(index)

    def scroll_target(self, top: int, bottom: int, scroll_y: int, height: int) -> int:
        """Where to scroll when the cursor's item is out of view: its top, or as much as fits."""
        return top if top < scroll_y or bottom - top >= height else bottom - height

    def index_at(self, line: int) -> int | None:
        """The item a click on `line` chooses."""
        item, _ = self.locate(line)
        return item if item >= 0 else None

    # --- the cache ------------------------------------------------------------

    def clear_cache(self) -> None:
        """Repaint every item (a star changed, the theme changed); the data stays."""
        self._strips.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # theme or CSS changed: every cached item is stale

    def _item_strips(self, item: int, width: int) -> list[Strip]:
        selected = item == self.cursor
        key = (item, width, selected)
        strips = self._strips.get(key)
        if strips is None:
            strips = self.render_item(item, width, selected)
            self._strips[key] = strips
        return strips

    # --- drawing ----------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        strip = self._line(y)
        at = (round(self.scroll_offset.y), self.scrollable_content_region.width)
        if at != self._shown_at:
            self._shown, self._shown_at = {}, at
        self._shown[y] = strip
        return strip

    def refresh_changed(self) -> None:
        """Repaint only the cells that differ from what the screen shows: a search keystroke
        that marks one more letter of each headline repaints those letters, not the list."""
        at = (round(self.scroll_offset.y), self.scrollable_content_region.width)
        if at != self._shown_at or not self._shown:
            self.refresh()
            return
        regions = []
        for y in range(self.scrollable_content_region.height):
            old, new = self._shown.get(y), self._line(y)
            if old is None:
                regions.append(Region(0, y, at[1], 1))
            elif (span := _changed_cells(old, new)) is not None:
                regions.append(Region(span[0], y, span[1] - span[0], 1))
        if regions:
            self.refresh(*regions)

    def _line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        self.prepare()
        if not self.item_count:
            if y == 1 and self.empty_message:
                message = Text("  " + self.empty_message, style=self.empty_style())
                message.truncate(width, overflow="ellipsis", pad=True)
                return Strip(message.render(self.app.console), width).apply_style(base)
            return Strip.blank(width, base)
        line = round(self.scroll_offset.y) + y
        if line >= self.content_height():
            return Strip.blank(width, base)
        item, row = self.locate(line)
        strips = self._item_strips(item, width)
        strip = strips[row] if row < len(strips) else Strip.blank(width)
        return strip.extend_cell_length(width).crop(0, width).apply_style(base)

    def strip(self, text: Text, width: int) -> Strip:
        """One line of an item, rendered `width` cells wide."""
        return Strip(text.render(self.app.console), width)

    # --- cursor ---------------------------------------------------------------

    def _region(self, index: int) -> Region:
        """Where item `index` sits in the widget right now (may be off screen)."""
        span = self.item_span(index) if 0 <= index < self.item_count else None
        if span is None:
            return Region(0, 0, 0, 0)
        top, bottom = span
        return Region(0, top - round(self.scroll_offset.y), self.size.width, bottom - top)

    def watch_cursor(self, old: int, new: int) -> None:
        # Only the two changed items repaint (their cached strips are keyed by `selected`), and
        # of them only the columns that show the cursor, when the items say which.
        regions = [self._region(old), self._region(new)]
        if self.CURSOR_COLUMNS:
            columns = self.CURSOR_COLUMNS
            regions = [r.intersection(Region(0, r.y, columns, r.height)) for r in regions]
        self.refresh(*regions)
        self.scroll_to_cursor()

    def scroll_to_cursor(self) -> None:
        span = self.scroll_span(self.cursor) if self.item_count else None
        if span is None:
            return
        top, bottom = span
        height = self.scrollable_content_region.height
        scroll_y = round(self.scroll_offset.y)
        if top >= scroll_y and bottom <= scroll_y + height:
            return
        target = self.scroll_target(top, bottom, scroll_y, height)
        self.scroll_to(y=max(0, target), animate=False, immediate=True)

    def _page(self) -> int:
        """Items in a page: the page height over the average item height."""
        if not self.item_count:
            return 1
        average = max(1, self.content_height() // self.item_count)
        return max(1, self.scrollable_content_region.height // average)

    # --- mouse ----------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.item_count:
            return
        line = offset.y + round(self.scroll_offset.y)
        if line >= self.content_height():
            return
        index = self.index_at(line)
        if index is not None and 0 <= index < self.item_count:
            self.cursor = index
            self.action_choose()


def _changed_cells(old: Strip, new: Strip) -> tuple[int, int] | None:
    """The first and one past the last cell in which two lines differ; None when they are alike."""
    if old == new:
        return None
    a = [(ch, seg.style) for seg in old for ch in seg.text]
    b = [(ch, seg.style) for seg in new for ch in seg.text]
    start = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a, end_b = end_a - 1, end_b - 1
    return start, max(end_a, end_b, start + 1)
