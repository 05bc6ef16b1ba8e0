"""The `e` screen: type a few letters of a person, place or organisation; enter lists its
briefings."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from brief.ui.commands import ENTITY, ENTITY_COMMANDS, bindings
from brief.ui.widgets.entity_styles import ENTITY_COMPONENT_CLASSES, entity_styles
from brief.views.entity_directory import EntityEntry, EntityPicker
from brief.views.labels import count_label

KIND = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "country, city, state",
    "LOC": "place",
    "NORP": "nationality, group",
    "EVENT": "event",
}


class EntityPickerScreen(ModalScreen[EntityEntry | None]):
    COMMAND_SCREEN = ENTITY
    BINDINGS = bindings(ENTITY, ENTITY_COMMANDS)

    COMPONENT_CLASSES = set(ENTITY_COMPONENT_CLASSES)

    def __init__(self, picker: EntityPicker) -> None:
        super().__init__()
        self.picker = picker
        self.shown: list[EntityEntry] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="entity-body") as body:
            body.border_title = "Go to entity"
            body.border_subtitle = "enter lists its briefings · esc cancels"
            yield Input(placeholder="Who or where? e.g. putn, minsk", id="entity-query")
            yield OptionList(id="entity-options")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False
        self._fill("")

    @on(Input.Changed, "#entity-query")
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, query: str) -> None:
        self.shown = self.picker.pick(query)
        styles = entity_styles(self)
        options = self.query_one(OptionList)
        options.clear_options()
        if not self.shown:
            options.add_option(
                Option(Text(f"No entity matches “{query}”.", style="italic"), disabled=True)
            )
            return
        for entry in self.shown:
            line = Text()
            line.append(
                entry.name, style=styles.get(entry.type, "")
            )  # append(): never parsed as markup
            line.append(
                f"  {KIND.get(entry.type, entry.type)} · {count_label(len(entry.briefings))}",
                style="dim",
            )
            options.add_option(Option(line))
        options.highlighted = 0

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if self.shown:
            options.highlighted = max(
                0, min(len(self.shown) - 1, (options.highlighted or 0) + step)
            )

    def action_choose(self) -> None:
        index = self.query_one(OptionList).highlighted
        if self.shown and index is not None:
            self.dismiss(self.shown[index])

    @on(OptionList.OptionSelected, "#entity-options")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        if self.shown:
            self.dismiss(self.shown[event.option_index])
