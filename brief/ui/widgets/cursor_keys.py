"""The moves every cursor list here shares (j/k, g/G, page up/down), as one mixin."""

from __future__ import annotations


class CursorKeys:
    """For a widget with a `cursor` reactive, an `item_count` and a `_page()` size in items."""

    cursor: int
    item_count: int

    def _page(self) -> int:
        raise NotImplementedError

    def move_to(self, index: int) -> None:
        if self.item_count:
            self.cursor = max(0, min(index, self.item_count - 1))

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(self.item_count - 1)

    def action_page_down(self) -> None:
        self.move_to(self.cursor + self._page())

    def action_page_up(self) -> None:
        self.move_to(self.cursor - self._page())
