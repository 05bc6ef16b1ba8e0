"""The saved-searches sidebar: each saved query with how many briefings it matches now."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class SavedSearches(Vertical):
    """Enter (or a click) on a saved search runs it in the search bar; `d` forgets it."""

    BINDINGS = [
        Binding("d,delete", "forget", "Forget search", id="saved.forget"),
        Binding("j", "move(1)", "Next", show=False, id="saved.next"),
        Binding("k", "move(-1)", "Previous", show=False, id="saved.previous"),
        Binding("escape", "close", "Close", id="saved.close"),
    ]

    class Close(Message):
        """Escape in the sidebar: close it, back to the list."""

    class Run(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Forget(Message):
        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield Static(Text("Saved searches", style="bold"), id="saved-title")
        yield OptionList(id="saved-options")

    def show(
        self, entries: Sequence[tuple[str, str]], counts: dict[str, int] | None = None
    ) -> None:
        """(name, query) pairs, with live counts by query when known."""
        self.entries = list(entries)
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        if not self.entries:
            options.add_option(
                Option(Text("None yet: / then ctrl+s", style="dim italic"), disabled=True)
            )
            return
        for name, query in self.entries:
            line = Text(name)  # a long name wraps inside the option
            count = (counts or {}).get(query)
            line.append(f"  {count:,}" if count is not None else "  …", style="dim")
            options.add_option(Option(line))
        options.highlighted = 0 if highlighted is None else min(highlighted, len(self.entries) - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.entries:
            self.post_message(self.Run(self.entries[event.option_index][1]))

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        (options.action_cursor_down if step > 0 else options.action_cursor_up)()

    def action_close(self) -> None:
        self.post_message(self.Close())

    def action_forget(self) -> None:
        index = self.query_one(OptionList).highlighted
        if self.entries and index is not None:
            self.post_message(self.Forget(self.entries[index][0]))
