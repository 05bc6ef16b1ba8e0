"""The `b` screen: the daily briefing, one line per thread with activity in the period, most
important first.

What counts as today and as important is `brief.views.daily` (plain data); this is only its look.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from brief.ui.commands import DAILY, DAILY_COMMANDS, bindings
from brief.ui.widgets.block_list import BlockList
from brief.ui.widgets.card import one_line
from brief.views.daily import PERIOD_LABELS, ThreadActivity, next_period, period_start
from brief.views.labels import count_label, dated, human_date

COUNT_WIDTH = 7  # "stories", over right-aligned article counts
DATE_WIDTH = 13  # "≈ 27 Jun 2025"
DATE_FROM = 70  # narrower than this, the date column goes: the headline needs the room


def activity_date(activity: ThreadActivity) -> str:
    return dated(activity.latest, activity.latest_inferred)


class DailyList(BlockList):
    BINDINGS = [Binding("enter", "choose", "Latest story", id="daily.open")]

    COMPONENT_CLASSES = {
        "daily--count",
        "daily--date",
        "daily--title",
        "daily--headline",
        "daily--bar",
        "daily--selected",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[ThreadActivity] = []
        self.dated = True  # today every row has the same date: the column would say nothing

    def show(self, rows: list[ThreadActivity], empty_message: str, dated: bool = True) -> None:
        self.rows = rows
        self.dated = dated
        self.set_count(len(rows), empty_message)

    def date_column(self, width: int) -> bool:
        return self.dated and width >= DATE_FROM

    def block_height(self, index: int, width: int) -> int:
        return 1

    def block_lines(self, index: int, width: int, selected: bool) -> list[Text]:
        row = self.rows[index]

        def style(name: str) -> Style:
            return self.get_component_rich_style(name, partial=True)

        line = Text()
        line.append("▌" if selected else " ", style=style("daily--bar"))
        line.append(f"{row.articles:>{COUNT_WIDTH}}  ", style=style("daily--count"))
        if self.date_column(width):
            line.append(f"{activity_date(row):<{DATE_WIDTH}}  ", style=style("daily--date"))
        # the latest headline says what happened; the thread's title which story it belongs to
        line.append(one_line(row.headline), style=style("daily--title"))
        if row.events > 1:
            line.append(f" · {count_label(row.events, 'event')}", style=style("daily--date"))
        if row.thread.title != row.headline:  # a story alone is its own thread: say it once
            line.append(" · " + one_line(row.thread.title), style=style("daily--headline"))
        if selected:
            line.stylize_before(style("daily--selected"))
        return [line]


class DailyScreen(Screen[str | None]):
    """Dismisses with the briefing id to read (enter) or None (escape)."""

    COMMAND_SCREEN = DAILY
    BINDINGS = bindings(DAILY, DAILY_COMMANDS)

    def __init__(
        self,
        rank: Callable[[str], list[ThreadActivity]],
        anchor: date | None,
        open_timeline: Callable[[ThreadActivity, Callable[[str | None], None]], None],
        period: str = "today",
    ) -> None:
        super().__init__()
        self.rank = (
            rank  # period -> ranked threads (brief.views.daily.daily_briefing, bound to the corpus)
        )
        self.anchor = anchor
        self.open_timeline = open_timeline
        self.period = period
        self.rows: list[ThreadActivity] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="daily-head")
        yield DailyList(id="daily")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Daily briefing"
        self._fill()
        self.query_one(DailyList).focus()

    def _fill(self) -> None:
        self.rows = self.rank(self.period)
        self.query_one(DailyList).show(
            self.rows,
            "No thread moved in this period. d shows a longer period.",
            dated=self.period != "today",
        )
        self._show_head()

    def _show_head(self) -> None:
        rows = self.rows
        head = Text()
        if self.anchor is None:
            # no story has a date (or only future ones): every thread, and no "Today" to claim
            head.append(f"All · {count_label(len(rows), 'thread')}", style="bold")
            head.append("  no story has a date", style="dim")
        else:
            label = PERIOD_LABELS[self.period]
            start = period_start(self.period, self.anchor)
            if start:
                first, last = human_date(start), human_date(self.anchor.isoformat())
                label += f", {last}" if first == last else f", {first} → {last}"
            head.append(f"{label} · {count_label(len(rows), 'thread')}", style="bold")
            head.append(f"  d: {PERIOD_LABELS[next_period(self.period)].lower()}", style="dim")
        daily = self.query_one(DailyList)
        wide = daily.date_column(daily.size.width)
        columns = (
            " stories  "
            + (f"{'latest':<{DATE_WIDTH}}  " if wide else "")
            + "latest headline · thread"
        )
        head.append("\n" + columns, style="dim")
        self.query_one("#daily-head", Static).update(head)

    def on_resize(self) -> None:
        self._show_head()  # the date column comes and goes with the width

    def action_cycle_period(self) -> None:
        self.period = next_period(self.period)
        self._fill()

    def action_timeline(self) -> None:
        daily = self.query_one(DailyList)
        if daily.rows:
            self.open_timeline(daily.rows[daily.cursor], self._from_timeline)

    def _from_timeline(self, story: str | None) -> None:
        if story is not None:
            self.dismiss(story)

    @on(BlockList.Chosen)
    def _chosen(self, message: BlockList.Chosen) -> None:
        self.dismiss(self.query_one(DailyList).rows[message.index].story)
