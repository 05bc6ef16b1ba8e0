"""The `t` screen: one thread as a timeline of its events, oldest to newest, each marked with what
it adds.

Every line is built as Rich `Text` with explicit styles; article text is never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from brief.model import Briefing, Thread
from brief.ui.commands import TIMELINE, TIMELINE_COMMANDS, bindings
from brief.ui.widgets.block_list import BlockList
from brief.ui.widgets.card import one_line
from brief.ui.widgets.entity_styles import ENTITY_COMPONENT_CLASSES, entity_styles
from brief.views.labels import count_label, dated
from brief.views.timeline import TimelineItem, timeline_items

NEW_NAMES = 6  # names shown on the "new" line; the rest are counted
NEW_QUOTES = 2
NEW_SENTENCES = 2
SENTENCE_LINES = 2  # a new sentence wraps to at most this many lines
RAIL, RAIL_SELECTED, DOT, INDENT = "│ ", "┃ ", "● ", 2


def event_date(item: TimelineItem) -> str:
    return dated(item.date, item.date_inferred)


def led(prefix: str, style: Style, rest: Text) -> Text:
    """`prefix` in `style`, then `rest`.

    (`Text(prefix, style=s) + rest` would give all of `rest` that style.)"""
    line = Text()
    line.append(prefix, style=style)
    line.append_text(rest)
    return line


def wrapped(text: Text, width: int, max_lines: int, console) -> list[Text]:
    """`text` wrapped to `width`, at most `max_lines` lines, the last cut with an ellipsis."""
    lines = list(text.wrap(console, max(1, width)))
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        last.rstrip()
        last.append(" …")
        last.truncate(width, overflow="ellipsis")
    for line in lines:
        line.rstrip()
    return lines or [Text()]


class TimelineList(BlockList):
    BINDINGS = [Binding("enter", "choose", "Open story", id="timeline.open")]

    COMPONENT_CLASSES = {
        "timeline--rail",
        "timeline--rail-selected",
        "timeline--date",
        "timeline--headline",
        "timeline--summary",
        "timeline--new",
        "timeline--quote",
        "timeline--sentence",
        "timeline--selected",
        *ENTITY_COMPONENT_CLASSES,
    }

    def __init__(self, items: list[TimelineItem], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items = items

    def on_mount(self) -> None:
        self.set_count(len(self.items), "This thread has no events.", cursor=self.cursor)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def block_lines(self, index: int, width: int, selected: bool) -> list[Text]:
        item = self.items[index]
        console = self.app.console
        rail_style = self._style("timeline--rail-selected" if selected else "timeline--rail")
        rail = RAIL_SELECTED if selected else RAIL
        last = index == len(self.items) - 1
        inner = max(1, width - INDENT)
        body: list[Text] = []

        meta = Text()
        meta.append(event_date(item), style=self._style("timeline--date"))
        meta.append(
            f" · {count_label(item.articles, 'article')}", style=self._style("timeline--summary")
        )
        if item.first and len(self.items) > 1:
            meta.append(" · where it starts", style=self._style("timeline--summary"))
        body.append(meta)
        body += wrapped(
            Text(item.headline, style=self._style("timeline--headline")), inner, 2, console
        )
        if item.summary:
            summary = Text(item.summary, style=self._style("timeline--summary"))
            summary.truncate(inner, overflow="ellipsis")
            body.append(summary)
        body += self._news_lines(item, inner)

        lines = []
        for number, line in enumerate(body):
            lines.append(led(DOT if number == 0 else rail, rail_style, line))
        # the gap below; the rail runs on to the next event
        lines.append(Text(" " if last else RAIL, style=self._style("timeline--rail")))
        if selected:
            for line in lines:
                line.stylize_before(self._style("timeline--selected"))
        return lines

    def _news_lines(self, item: TimelineItem, inner: int) -> list[Text]:
        """What this event adds: new names, new quotes, new sentences, each line led by a `+`."""
        if item.first:
            return []
        mark = self._style("timeline--new")
        lines: list[Text] = []
        if item.new_entities:
            styles = entity_styles(self)
            names = Text()  # Text(x, style=...) would give every span that style
            names.append("+ new ", style=mark)
            shown = 0
            for entity in item.new_entities[:NEW_NAMES]:
                chip = one_line(entity.name)
                if names.cell_len + len(chip) + 8 > inner and shown:
                    break  # keep room for the "+N more" count
                if shown:
                    names.append(" · ", style=self._style("timeline--summary"))
                names.append(chip, style=styles.get(entity.type, Style()))
                shown += 1
            if len(item.new_entities) > shown:
                names.append(
                    f"  +{len(item.new_entities) - shown} more",
                    style=self._style("timeline--summary"),
                )
            lines.append(names)
        for quote in item.new_quotes[:NEW_QUOTES]:
            line = Text()
            line.append("+ ", style=mark)
            line.append(
                f"“{one_line(quote.text).rstrip(',;: ')}”", style=self._style("timeline--quote")
            )
            line.append(f" — {one_line(quote.speaker)}", style=self._style("timeline--summary"))
            line.truncate(inner, overflow="ellipsis")
            lines.append(line)
        for sentence in item.new_sentences[:NEW_SENTENCES]:
            # later lines hang under the sentence, not under the mark
            parts = wrapped(
                Text(sentence, style=self._style("timeline--sentence")),
                inner - 2,
                SENTENCE_LINES,
                self.app.console,
            )
            lines += [led("+ " if n == 0 else "  ", mark, part) for n, part in enumerate(parts)]
        if not lines:
            lines.append(
                Text(
                    "nothing new: the same story told again", style=self._style("timeline--summary")
                )
            )
        return lines


class TimelineScreen(Screen[str | None]):
    """Dismisses with the briefing id to read (enter) or None (escape)."""

    COMMAND_SCREEN = TIMELINE
    BINDINGS = bindings(TIMELINE, TIMELINE_COMMANDS)

    @classmethod
    def of(
        cls, thread: Thread, by_id: Mapping[str, Briefing], story_id: str | None = None
    ) -> TimelineScreen:
        """The timeline of `thread`, with the cursor on the event that reported `story_id`."""
        items = timeline_items(thread, by_id)
        events = {e.id: e.articles for e in thread.events}
        selected = next(
            (i for i, item in enumerate(items) if story_id in events.get(item.event_id, ())), 0
        )
        return cls(thread, items, selected)

    def __init__(self, thread: Thread, items: list[TimelineItem], selected: int = 0) -> None:
        super().__init__()
        self.thread = thread
        self.items = items
        self.selected = selected

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._head(), id="timeline-head")
        timeline = TimelineList(self.items, id="timeline")
        timeline.set_reactive(BlockList.cursor, self.selected)
        yield timeline
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Thread timeline"
        self.query_one(TimelineList).focus()

    def _head(self) -> Text:
        head = Text()
        head.append(one_line(self.thread.title), style="bold")
        stories = sum(item.articles for item in self.items)
        span = ""
        if self.items:
            first, last = event_date(self.items[0]), event_date(self.items[-1])
            span = first if first == last else f"{first} → {last}"
        head.append("\n")
        head.append(
            f"{count_label(len(self.items), 'event')} · {count_label(stories, 'story')}"
            + (f" · {span}" if span else ""),
            style="dim",
        )
        return head

    @on(BlockList.Chosen)
    def _chosen(self, message: BlockList.Chosen) -> None:
        self.dismiss(self.items[message.index].story)
