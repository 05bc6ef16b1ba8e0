"""The daily briefing: threads with activity in a
period, most important first (plain data, no Textual).

"Today" is the day of the newest article, not the wall clock. A corpus is often an
archive (the seeds end in June 2025; a feed fetched last night ends yesterday), and
against the real date "today" would be empty for all of them; anchored on the data,
the view shows the latest day of news whatever the corpus, and tests need no fixed
clock. Inferred dates count (the newest seed has one: its Minsk remarks are the latest
news), but no date later than the real today is trusted as the anchor: a bad feed date,
or a text whose latest date is a summit announced for next year.

Importance, for a thread in the period:
  articles in the period (how widely the story is covered)
  + EVENT_WEIGHT per further event in the period (the story moved more than once)
  + SALIENCE_WEIGHT x the share of the period's other threads that name one of its
    three leading names (who is in the news).
Ties: newest activity first, then title.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from brief.model import Briefing, Thread

PERIODS = ("today", "week", "all")
PERIOD_LABELS = {"today": "Today", "week": "This week", "all": "All"}
WEEK_DAYS = 7  # "this week" is the seven days ending on the anchor day, not the calendar week
EVENT_WEIGHT = 2.0
SALIENCE_WEIGHT = 3.0
LEAD_NAMES = 3


@dataclass(frozen=True, slots=True)
class ThreadActivity:
    thread: Thread
    articles: int  # the thread's articles dated in the period
    events: int  # its events with an article in the period
    latest: str | None  # the newest date in the period
    latest_inferred: bool
    story: str  # the thread's latest story in the period: what enter opens
    headline: str  # that story's headline
    salience: float  # 0..1, see the module docstring
    score: float


def anchor_day(briefings: Sequence[Briefing], real_today: date | None = None) -> date | None:
    """The day "today" means: the newest article date
    (given or inferred), not after the real today."""
    limit = (real_today or date.today()).isoformat()
    newest = max((b.date for b in briefings if b.date and b.date <= limit), default=None)
    try:
        return date.fromisoformat(newest) if newest else None
    except ValueError:
        return None


def period_start(period: str, anchor: date | None) -> str | None:
    """The first ISO day of `period`, or None when the period has no lower bound."""
    if period == "all" or anchor is None:
        return None
    if period == "today":
        return anchor.isoformat()
    if period == "week":
        return (anchor - timedelta(days=WEEK_DAYS - 1)).isoformat()
    raise ValueError(f"unknown period {period!r}; expected one of {', '.join(PERIODS)}")


def next_period(period: str) -> str:
    return PERIODS[(PERIODS.index(period) + 1) % len(PERIODS)]


def _in_period(b: Briefing, start: str, end: str | None) -> bool:
    return bool(b.date) and start <= b.date <= (end or b.date)


def daily_briefing(
    threads: Sequence[Thread],
    briefings_by_id: Mapping[str, Briefing],
    period: str = "today",
    anchor: date | None = None,
) -> list[ThreadActivity]:
    """Threads with an article dated in `period` (ending on `anchor`), most important first."""
    start = period_start(period, anchor)
    end = anchor.isoformat() if anchor and start else None
    active: list[tuple[Thread, list[Briefing]]] = []
    for thread in threads:
        members = [b for i in thread.articles if (b := briefings_by_id.get(i)) is not None]
        if start is not None:
            members = [b for b in members if _in_period(b, start, end)]
        if members:
            active.append((thread, members))
    # how many active threads name each of their leading names
    naming: Counter[str] = Counter()
    for thread, _ in active:
        naming.update({n.casefold() for n in thread.entities[:LEAD_NAMES]})
    others = max(1, len(active) - 1)
    out = []
    for thread, members in active:
        newest = max(members, key=lambda b: (b.date or "", not b.date_inferred, b.id))
        shared = max((naming[n.casefold()] - 1 for n in thread.entities[:LEAD_NAMES]), default=0)
        salience = shared / others
        events = len({b.event or b.id for b in members})
        score = len(members) + EVENT_WEIGHT * (events - 1) + SALIENCE_WEIGHT * salience
        out.append(
            ThreadActivity(
                thread=thread,
                articles=len(members),
                events=events,
                latest=newest.date,
                latest_inferred=newest.date_inferred,
                story=newest.id,
                headline=newest.headline,
                salience=salience,
                score=score,
            )
        )
    # stable sorts, the least significant key first: score, then newest activity, then title
    out.sort(key=lambda a: (a.thread.title.casefold(), a.thread.id))
    out.sort(
        key=lambda a: a.latest or "", reverse=True
    )  # ISO dates sort as text; undated ("") last
    out.sort(key=lambda a: -a.score)
    return out
