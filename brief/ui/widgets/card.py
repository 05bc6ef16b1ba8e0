"""How one briefing looks in the list: a fixed-height card of Rich `Text` lines.

Article text is only ever put into `Text(...)` with explicit styles, never parsed as markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

from brief.model import Briefing, Entity
from brief.views.labels import date_label

if TYPE_CHECKING:  # the search engine loads after first paint
    from brief.search import SearchResult

CARD_HEIGHT = 4  # headline, date · source · chips, summary, gap
COMPACT_HEIGHT = 1  # date, source, headline, thread size: one line a story
_SPACES = re.compile(r"\s+")
_BAR = "▌ "
_UNREAD = "• "  # in the bar's place: the story has not been opened yet
CURSOR_CELLS = len(_BAR)  # the cells of a row that show the cursor


@dataclass(frozen=True)
class CardStyles:
    headline: Style = Style(bold=True)  # an unread story's headline
    read: Style = Style(dim=True)  # a read story's headline: dimmed, not bold
    unread: Style = Style(bold=True)  # the unread marker
    meta: Style = Style(dim=True)
    summary: Style = Style()
    bar: Style = Style()
    selected: Style = Style(reverse=True)  # background of the selected card
    match: Style = Style(underline=True)  # characters a search matched
    snippet: Style = Style(
        italic=True
    )  # the body sentence a search matched, shown instead of the summary
    thread: Style = Style(dim=True)  # "thread of 3": how many stories the card's thread has
    entities: dict[str, Style] = field(default_factory=dict)


def one_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def top_entities(briefing: Briefing, limit: int = 4) -> list[Entity]:
    """The most mentioned entities first; ties by name so the order is stable."""
    return sorted(briefing.entities, key=lambda e: (-e.count, e.name))[:limit]


def thread_size_label(size: int) -> str:
    """What a card says about its thread; a lone story says nothing (most stories are alone)."""
    return f"thread of {size:,}" if size > 1 else ""


def _meta_line(
    briefing: Briefing, width: int, styles: CardStyles, starred: bool = False, thread_size: int = 0
) -> Text:
    meta = Text()  # spans, not a base style, so chips keep only their own colour
    if starred:
        meta.append("★ ", style=styles.match)
    meta.append(date_label(briefing), style=styles.meta)
    if briefing.source:
        meta.append(" · " + one_line(briefing.source), style=styles.meta)
    if label := thread_size_label(thread_size):
        meta.append(" · ", style=styles.meta)
        meta.append(label, style=styles.thread)
    for entity in top_entities(briefing):
        chip = one_line(entity.name)
        if meta.cell_len + 2 + len(chip) > width:
            continue  # a shorter, less mentioned name may still fit
        meta.append("  ")
        meta.append(chip, style=styles.entities.get(entity.type, Style()))
    return meta


def _marked(text: str, spans, base: Style, mark: Style) -> Text:
    """`text` with the [start, end) `spans` styled; newlines become spaces so offsets hold."""
    out = Text(text.replace("\n", " "), style=base)
    for start, end in spans:
        out.stylize(mark, start, end)
    return out


def _snippet_line(match: SearchResult, inner: int, styles: CardStyles) -> Text:
    """The matching body sentence, starting a little before the first match so it shows."""
    snippet = match.snippet
    line = _marked(snippet.text, snippet.spans, styles.snippet, styles.match)
    first = min((a for a, _ in snippet.spans), default=0)
    lead = max(0, first - inner // 3)
    if lead:
        space = snippet.text.find(" ", lead, first)
        lead = space + 1 if space != -1 else lead  # start on a whole word
        line = Text("…", style=styles.snippet) + line[lead:]
    return line


_WORDS = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?][\"”’]?\s+(?=[\"“‘A-Z])")


def card_summary(briefing: Briefing) -> str:
    """The summary line, minus a first sentence the headline already says (an untitled article's
    headline is its compressed lead), so the card's third line tells the reader something new."""
    summary = one_line(briefing.summary)
    head = _WORDS.findall(briefing.headline.lower())
    if not head or _WORDS.findall(summary.lower())[: len(head)] != head:
        return summary
    end = _SENTENCE_END.search(summary)
    return summary[end.end() :] if end and end.end() < len(summary) else summary


def _title(briefing: Briefing, styles: CardStyles, match: SearchResult | None, read: bool) -> Text:
    """The headline: bold while unread, dimmed once read; a search's matches marked."""
    headline = one_line(briefing.headline) or "(no headline)"
    style = styles.read if read else styles.headline
    if match is not None and match.headline_spans and headline == briefing.headline:
        return _marked(headline, match.headline_spans, style, styles.match)
    return Text(headline, style=style)


def _bar(styles: CardStyles, selected: bool, read: bool) -> Text:
    """The first two cells of every row: the cursor's bar, the unread marker, or blank. Only
    these cells mark the cursor, so a cursor move repaints four cells a row, not whole rows."""
    if selected:
        return Text(_BAR, style=styles.selected + styles.bar)
    return Text(" " * len(_BAR)) if read else Text(_UNREAD, style=styles.unread)


def compact_line(
    briefing: Briefing,
    width: int,
    styles: CardStyles,
    selected: bool,
    match: SearchResult | None = None,
    starred: bool = False,
    thread_size: int = 0,
    read: bool = False,
) -> Text:
    """One line a story: date, source, headline, thread size; exactly `width` cells."""
    inner = max(1, width - len(_BAR))
    line = Text()
    if starred:
        line.append("★ ", style=styles.match)
    line.append(f"{date_label(briefing):<13}", style=styles.meta)
    source = one_line(briefing.source or "")
    if len(source) > 12:
        source = source[:11] + "…"
    line.append(f"{source:<12}  ", style=styles.meta)
    size = f"  [{thread_size:,}]" if thread_size > 1 else ""
    title = _title(briefing, styles, match, read)
    title.truncate(max(1, inner - line.cell_len - len(size)), overflow="ellipsis")
    line.append_text(title)
    if size:
        line.append(size, style=styles.thread)
    line.truncate(inner, overflow="ellipsis", pad=True)
    return _bar(styles, selected, read) + line


def card_lines(
    briefing: Briefing,
    width: int,
    styles: CardStyles,
    selected: bool,
    match: SearchResult | None = None,
    starred: bool = False,
    thread_size: int = 0,
    read: bool = False,
) -> list[Text]:
    """CARD_HEIGHT lines, each exactly `width` cells, ending with a blank gap line.

    With a search `match`, the matched characters of the headline are marked, and a match in
    the body shows that sentence instead of the summary.
    """
    inner = max(1, width - len(_BAR))
    title = _title(briefing, styles, match, read)
    if match is not None and match.snippet is not None:
        third = _snippet_line(match, inner, styles)
    else:
        third = Text(card_summary(briefing), style=styles.summary)
    lines = [title, _meta_line(briefing, inner, styles, starred, thread_size), third]
    out = []
    for number, line in enumerate(lines):
        line.truncate(inner, overflow="ellipsis", pad=True)
        out.append(_bar(styles, selected, read or number > 0) + line)  # marker on the headline
    out.append(Text(" " * width))
    return out
