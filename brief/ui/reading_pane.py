"""The scrolling pane that shows one whole briefing."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from brief.model import Briefing
from brief.ui.article import ArticleStyles, article_text
from brief.ui.entity_styles import ENTITY_COMPONENT_CLASSES, entity_styles


class ReadingPane(VerticalScroll, can_focus=True):
    BINDINGS = [
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="pane.down"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="pane.up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="pane.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="pane.bottom"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="pane.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="pane.page_up"),
    ]

    COMPONENT_CLASSES = {
        "pane--headline",
        "pane--meta",
        "pane--section",
        "pane--subhead",
        "pane--furniture",
        "pane--speaker",
        "pane--quote",
        *ENTITY_COMPONENT_CLASSES,
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.briefing: Briefing | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Select a briefing and press enter to read it."), id="article")

    def _styles(self) -> ArticleStyles:
        def style(name: str):
            return self.get_component_rich_style(name, partial=True)

        return ArticleStyles(
            headline=style("pane--headline"),
            meta=style("pane--meta"),
            section=style("pane--section"),
            subhead=style("pane--subhead"),
            furniture=style("pane--furniture"),
            speaker=style("pane--speaker"),
            quote=style("pane--quote"),
            entities=entity_styles(self),
        )

    def show(self, briefing: Briefing | None, empty: str = "") -> None:
        self.briefing = briefing
        content = article_text(briefing, self._styles()) if briefing else Text(empty)
        self.query_one("#article", Static).update(content)
        self.scroll_home(animate=False, immediate=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.briefing is not None and self.is_mounted:
            self.show(self.briefing)  # re-render with the new theme's entity colours
