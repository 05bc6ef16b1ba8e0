"""The `?` screen: every key, generated from the bindings themselves, and the entity colour legend."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from brief.model import ENTITY_TYPES
from brief.ui.entity_styles import ENTITY_COMPONENT_CLASSES, ENTITY_MEANINGS, entity_styles

Row = tuple[Text, Text | None]  # (left, right); right None means a heading line


def two_columns(rows: list[Row]) -> Text:
    """Right-aligned left column, a two-space gap, then the right column.

    Plain Text rather than a Rich Table: Textual measured a Table at zero width inside an auto-width box.
    """
    width = max((left.cell_len for left, right in rows if right is not None), default=0)
    lines = [left if right is None else Text(" " * (width - left.cell_len)) + left + Text("  ") + right for left, right in rows]
    return Text("\n").join(lines)


def binding_rows(app, sections: Iterable[tuple[str, Iterable[Binding | tuple]]]) -> list[Row]:
    """Key -> what it does, one block per section."""
    rows: list[Row] = []
    for title, bindings in sections:
        if rows:
            rows.append((Text(""), None))
        rows.append((Text(title, style="bold underline"), None))
        for binding in bindings:
            if not isinstance(binding, Binding):
                continue
            keys = " ".join(app.get_key_display(Binding(key, binding.action)) for key in binding.key.split(","))
            # a footer word ("Daily") may have a fuller tooltip ("Daily briefing") for here
            rows.append((Text(keys, style="bold"), Text(binding.tooltip or binding.description or binding.action)))
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


HELP_CHROME = 6  # border, padding and the screen margin around the help box


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close help", id="help.close"),
    ]

    COMPONENT_CLASSES = set(ENTITY_COMPONENT_CLASSES)

    def __init__(self, sections: list[tuple[str, list]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        # This screen's own keys are in the border ("esc closes"), not a block of their own: it must fit 80x24.
        blocks = [binding_rows(self.app, [section]) for section in self.sections]
        blocks.append(self._legend_rows())
        # Two columns read best; a third when two would not fit the terminal's height (80x24).
        columns = balanced_columns(blocks, 2)
        if max(len(c) for c in columns) > self.app.size.height - HELP_CHROME:
            columns = balanced_columns(blocks, 3)
        with Vertical(id="help-body") as body:
            body.border_title = "brief keys"
            body.border_subtitle = "esc ? q close help"
            with Horizontal(id="help-columns"):
                for number, column in enumerate(columns):
                    yield Static(two_columns(column), classes="help-column" + (" later" if number else ""))

    def _legend_rows(self) -> list[Row]:
        styles = entity_styles(self)
        rows: list[Row] = [(Text("Highlights", style="bold underline"), None)]
        rows += [(Text(t, style=styles[t]), Text(ENTITY_MEANINGS[t])) for t in ENTITY_TYPES]
        return rows
