"""The `?` screen: every key, generated from the commands and the widgets' bindings, and the
entity colour legend."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from brief.model import ENTITY_TYPES
from brief.ui.commands import (
    ENTITY_PICKER,
    EVERYWHERE,
    HELP,
    HELP_COMMANDS,
    READING,
    THREADS,
    bindings,
    section,
)
from brief.ui.widgets.briefing_list import BriefingList
from brief.ui.widgets.entity_styles import ENTITY_COMPONENT_CLASSES, ENTITY_MEANINGS, entity_styles
from brief.ui.widgets.reading_pane import ReadingPane
from brief.ui.widgets.saved_searches import SavedSearches
from brief.ui.widgets.search_bar import SearchInput

Row = tuple[Text, Text | None]  # (left, right); right None means a heading line


def two_columns(rows: list[Row]) -> Text:
    """Right-aligned left column, a two-space gap, then the right column.

    Plain Text rather than a Rich Table: Textual measured a Table at zero width inside an
    auto-width box.
    """
    width = max((left.cell_len for left, right in rows if right is not None), default=0)
    lines = [
        left if right is None else Text(" " * (width - left.cell_len)) + left + Text("  ") + right
        for left, right in rows
    ]
    return Text("\n").join(lines)


def binding_rows(app, sections: Iterable[tuple[str, Iterable[Binding | tuple]]]) -> list[Row]:
    """Key -> what it does, one block per section."""
    rows: list[Row] = []
    for title, keys in sections:
        if rows:
            rows.append((Text(""), None))
        rows.append((Text(title, style="bold underline"), None))
        for binding in keys:
            if not isinstance(binding, Binding):
                continue
            keys = " ".join(
                app.get_key_display(Binding(key, binding.action)) for key in binding.key.split(",")
            )
            # a footer word ("Daily") may have a fuller tooltip ("Daily briefing") for here
            rows.append(
                (
                    Text(keys, style="bold"),
                    Text(binding.tooltip or binding.description or binding.action),
                )
            )
    return rows


def balanced_columns(blocks: list[list[Row]], count: int = 2) -> list[list[Row]]:
    """Split blocks into `count` columns of about equal height (tallest block first into the
    shortest column), keeping the original order within each column."""
    columns: list[list[int]] = [[] for _ in range(count)]
    heights = [0] * count
    for index in sorted(range(len(blocks)), key=lambda i: -len(blocks[i])):
        shortest = heights.index(min(heights))
        columns[shortest].append(index)
        heights[shortest] += len(blocks[index]) + 1
    gap: Row = (Text(""), None)
    return [[row for i in sorted(col) for row in [*blocks[i], gap]][:-1] for col in columns if col]


def fitting_columns(blocks: list[list[Row]], width: int, height: int) -> list[list[Row]]:
    """Two columns read best; three when two would be too tall (80x24); as many as the width
    allows when nothing fits (60x20), and the box scrolls."""

    def size(columns: list[list[Row]]) -> tuple[int, int]:
        widths = [max(line.cell_len for line in two_columns(column).split()) for column in columns]
        return sum(widths) + 2 * (len(columns) - 1), max(len(column) for column in columns)

    layouts = [
        (columns, *size(columns)) for columns in (balanced_columns(blocks, n) for n in (2, 3))
    ]
    fits = [columns for columns, w, h in layouts if w <= width and h <= height]
    wide_enough = [columns for columns, w, _ in layouts if w <= width]
    return (fits or wide_enough[-1:] or [balanced_columns(blocks, 1)])[0]


Section = tuple[str, list[Binding]]


def help_sections() -> list[Section]:
    """What the help lists: the commands by section, then each widget's own keys."""
    list_keys = {b.key for b in BriefingList.BINDINGS} | {"j,down", "k,up", "g,home", "G,end"}
    return [
        (EVERYWHERE, [command.binding() for command in section(EVERYWHERE)]),
        (THREADS, [command.binding() for command in section(THREADS)]),
        (READING, [command.binding() for command in section(READING)]),
        ("Briefing list", BriefingList.BINDINGS),
        # The pane scrolls with the list's keys; say so once and list only what it adds.
        (
            "Reading pane",
            [
                Binding("j,k,g,G", "scroll", "Scroll"),
                *(b for b in ReadingPane.BINDINGS if b.key not in list_keys),
            ],
        ),
        ("Search bar", SearchInput.BINDINGS),
        (
            ENTITY_PICKER,
            [command.binding() for command in section(ENTITY_PICKER)],
        ),  # ↑/↓ go without saying
        ("Saved searches", SavedSearches.BINDINGS),
    ]


HELP_CHROME = 6  # rows: border, and the 90% height limit, around the help box
HELP_SIDES = 4  # columns: border and padding


class HelpScreen(ModalScreen[None]):
    COMMAND_SCREEN = HELP
    BINDINGS = bindings(HELP, HELP_COMMANDS)

    COMPONENT_CLASSES = set(ENTITY_COMPONENT_CLASSES)

    def __init__(self, sections: list[Section] | None = None, restricted: bool = False) -> None:
        super().__init__()
        self.sections = help_sections() if sections is None else sections
        self.restricted = restricted

    def compose(self) -> ComposeResult:
        # This screen's own keys are in the border ("esc closes"), not a block of their own: it
        # must fit 80x24.
        blocks = [binding_rows(self.app, [section]) for section in self.sections]
        blocks.append(self._legend_rows())
        columns = fitting_columns(
            blocks, self.app.size.width - HELP_SIDES, self.app.size.height - HELP_CHROME
        )
        with Vertical(id="help-body") as body:
            body.border_title = "brief keys" + (
                " · restricted session: o copies links, nothing is opened or written"
                if self.restricted
                else ""
            )
            body.border_subtitle = "j/k/PgDn scroll · esc ? q close help"
            with Horizontal(id="help-columns"):
                for number, column in enumerate(columns):
                    yield Static(
                        two_columns(column), classes="help-column" + (" later" if number else "")
                    )

    def action_scroll(self, lines: int) -> None:
        body = self.query_one("#help-body")
        body.scroll_relative(y=lines, animate=False)

    def action_page(self, pages: int) -> None:
        body = self.query_one("#help-body")
        body.scroll_relative(y=pages * max(1, body.scrollable_content_region.height), animate=False)

    def _legend_rows(self) -> list[Row]:
        styles = entity_styles(self)
        rows: list[Row] = [(Text("Highlights", style="bold underline"), None)]
        rows += [(Text(t, style=styles[t]), Text(ENTITY_MEANINGS[t])) for t in ENTITY_TYPES]
        return rows
