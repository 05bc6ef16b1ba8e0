"""The `/` bar: a query input and one status line under it (matches, or what is wrong with the
query)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from brief.ui.widgets.briefing_list import BriefingList

QUERY_HELP = (
    "words  @who  where:  from:  after:/before:YYYY-MM-DD  thread:  is:unread/starred"
    '  "phrase"  -not'
)


class SearchInput(Input):
    BINDINGS = [
        Binding("enter", "open_result", "Open result", id="search.open"),
        Binding("down", "to_results", "Results", id="search.results"),
        Binding("escape", "screen.back", "Close search", id="search.close"),
        Binding("ctrl+s", "save", "Save search", id="search.save"),
    ]

    class OpenResult(Message):
        """Enter in the bar: open the selected result."""

    class SaveQuery(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    def action_open_result(self) -> None:
        self.post_message(self.OpenResult())

    def action_to_results(self) -> None:
        self.screen.query_one(BriefingList).focus()

    def action_save(self) -> None:
        if self.value.strip():
            self.post_message(self.SaveQuery(self.value.strip()))


def status_text(
    query: str, shown: int, total: int, errors: Sequence, pending: bool = False
) -> Text:
    """The line under the bar: how many match, or each malformed qualifier and why."""
    if errors:
        # The message names the qualifier and says what is wrong; the rest of the query still
        # searches.
        line = Text("✗ ", style="bold red")
        line.append("; ".join(error.message for error in errors))
        return line
    if not query.strip():
        return Text(QUERY_HELP, style="dim")
    if pending:
        return Text("searching…", style="dim")
    more = f" (best {shown:,} shown)" if total > shown else ""
    matches = f"{total:,} {'match' if total == 1 else 'matches'}"
    return Text(f"{matches}{more} · ↵ open · ↓ results · ctrl+s save", style="dim")
