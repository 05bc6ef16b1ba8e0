"""The scrolling pane that shows one whole briefing."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from brief.model import Briefing
from brief.ui.widgets.article import ArticleParts, ArticleStyles, article_parts
from brief.ui.widgets.entity_styles import ENTITY_COMPONENT_CLASSES, entity_styles


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
        "pane--link",
        *ENTITY_COMPONENT_CLASSES,
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.briefing: Briefing | None = None
        self.thread_note: Callable[[Briefing], str] = lambda briefing: (
            ""
        )  # the app knows the threads
        self.summary_words = 0  # the config's summary_length; 0: the whole summary
        # the whole briefing for one the list holds lean (the library reads the rest back)
        self.whole: Callable[[Briefing], Briefing] = lambda briefing: briefing
        self._whole: tuple[Briefing, Briefing] | None = None  # the last one read, and its whole
        self._note = ""

    def compose(self) -> ComposeResult:
        # One line kept at the top: empty while the pane shows the story under the list's
        # cursor, else it says so. Always there, so showing it moves nothing else.
        yield Static(Text(""), id="pane-note")
        yield Static(Text("Loading…"), id="article-head")
        with Vertical(id="article-quotes") as quotes:
            quotes.display = False  # until a story with quotes is shown
            yield Static(Text("Key quotes"), id="quotes-title")
            yield Static(id="quotes")
        yield Static(id="article-body")

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
            link=style("pane--link"),
            entities=entity_styles(self),
        )

    def show(self, briefing: Briefing | None, empty: str = "") -> None:
        self.briefing = briefing
        self._fill(briefing, empty)
        self.scroll_home(animate=False, immediate=True)

    def _fill(self, briefing: Briefing | None, empty: str = "") -> None:
        if briefing is None:
            parts = ArticleParts(head=Text(empty), quotes=None, body=Text())
        else:
            if self._whole is None or self._whole[0] is not briefing:
                # read once per story shown: a theme change repaints it without reading again
                self._whole = (briefing, self.whole(briefing))
            parts = article_parts(
                self._whole[1], self._styles(), self.thread_note(briefing), self.summary_words
            )
        self.query_one("#article-head", Static).update(parts.head)
        self.query_one("#article-quotes").display = parts.quotes is not None
        self.query_one("#quotes", Static).update(parts.quotes or Text())
        self.query_one("#article-body", Static).update(parts.body)

    def set_note(self, note: str) -> None:
        """Say that the pane shows another story than the highlighted one ("" when it does not)."""
        if note != self._note:
            self._note = note
            self.query_one("#pane-note", Static).update(Text(note))
            self.query_one("#pane-note").set_class(bool(note), "-shown")

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.briefing is not None and self.is_mounted:
            # Re-render with the new theme's colours, after the style pass: updating children in
            # the middle of it left them laid out one line high (seen with ansi-dark in a terminal).
            self.call_later(self._fill, self.briefing)
