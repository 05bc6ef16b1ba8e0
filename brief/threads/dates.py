"""How dates weigh on threading, and how an undated article is given one (no I/O).

Two articles far apart in time are rarely one happening: `date_factor` scales
their similarity by the gap between their dates (given, or written in the text).
`DateTable` computes the same factor for many edges at once with numpy.
`infer_date` dates an undated article from its own text, a missing year taken
from the dated articles of its thread.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import numpy as np

from brief.analysis.datelines import find_dateline
from brief.analysis.textdates import reported_days, resolve_partial
from brief.model import Briefing
from brief.threads.features import Kept

GAP_STEPS = (
    (3, 1.15),
    (14, 1.0),
    (60, 0.6),
)  # (at most this many days apart, factor), nearest first
FAR_APART = 0.3  # the factor beyond the last step
# every factor there is, ascending: an edge's factor is kept as its place in this table
FACTORS = np.array(sorted({factor for _, factor in GAP_STEPS} | {FAR_APART, 1.0}))


def date_factor(fa: Kept, fb: Kept) -> float:
    """How much the dates of two articles support their being one happening."""
    a, b = fa.dates, fb.dates
    if a and b:
        gap = abs(a[0] - b[0]) if len(a) == 1 == len(b) else min(abs(x - y) for x in a for y in b)
    elif (a or fa.year_days) and (b or fb.year_days) and (fa.year_days or fb.year_days):
        # a year is missing: compare days of the year, across new year
        ya = fa.year_days + tuple(year_day(d) for d in a)
        yb = fb.year_days + tuple(year_day(d) for d in b)
        gap = min(min(abs(x - y), 365 - abs(x - y)) for x in ya for y in yb)
    else:
        return 1.0
    return gap_factor(gap)


class DateTable:
    """The articles' dates as padded matrices, so that
    `date_factor` can be computed for many edges at once.

    An article with more than WIDTH dates (or year-days) is marked `wide` and left to `date_factor`.
    """

    WIDTH = 4
    FAR = 1 << 40  # pads: far from any day, and of opposite signs on the two sides of an edge

    def __init__(self, feats: list[Kept]) -> None:
        n, width = len(feats), self.WIDTH
        self.wide = np.zeros(n, bool)
        self.dates = np.full((n, width), self.FAR, np.int64)
        self.year_days = np.full(
            (n, 2 * width), self.FAR, np.int64
        )  # its own, then those of its dates
        rows, cols, values, y_rows, y_cols, y_values = [], [], [], [], [], []
        for i, f in enumerate(feats):
            if not f.dates and not f.year_days:
                continue
            if len(f.dates) > width or len(f.year_days) > width:
                self.wide[i] = True
                continue
            rows += [i] * len(f.dates)
            cols += range(len(f.dates))
            values += f.dates
            days = f.year_days + tuple(map(year_day, f.dates))
            y_rows += [i] * len(days)
            y_cols += range(len(days))
            y_values += days
        self.dates[rows, cols] = values
        self.year_days[y_rows, y_cols] = y_values
        self.has_dates = self.dates[:, 0] != self.FAR
        self.has_year_days = np.zeros(n, bool)
        self.has_year_days[[i for i, f in enumerate(feats) if f.year_days]] = True

    def factors(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        far = self.FAR
        da, db = self.dates[a], self.dates[b]
        db = np.where(db == far, -far, db)
        gap = np.abs(da[:, :, None] - db[:, None, :]).min(axis=(1, 2))
        both = self.has_dates[a] & self.has_dates[b]
        # a year is missing: compare days of the year, across new year
        yearly = (
            ~both
            & (self.has_dates[a] | self.has_year_days[a])
            & (self.has_dates[b] | self.has_year_days[b])
            & (self.has_year_days[a] | self.has_year_days[b])
        )
        ya, yb = self.year_days[a[yearly]], self.year_days[b[yearly]]
        apart = np.abs(ya[:, :, None] - yb[:, None, :])
        apart = np.where(
            (ya[:, :, None] == far) | (yb[:, None, :] == far), far, np.minimum(apart, 365 - apart)
        )
        gap[yearly] = apart.min(axis=(1, 2))
        out = np.select(
            [gap <= days for days, _ in GAP_STEPS], [factor for _, factor in GAP_STEPS], FAR_APART
        )
        out[~both & ~yearly] = 1.0
        return out


def gap_factor(gap: int) -> float:
    """How much `gap` days between two articles' dates support their being one happening."""
    return next((factor for days, factor in GAP_STEPS if gap <= days), FAR_APART)


@lru_cache(maxsize=1 << 16)
def year_day(ordinal: int) -> int:
    return date.fromordinal(ordinal).timetuple().tm_yday


def infer_date(b: Briefing, anchors: list[str], event_anchors: list[str] = ()) -> str | None:
    """When an undated article was written, from evidence only; None when there is none.

    The analysis has already dated an article by a full date in its dateline or a
    publication stamp. Here, with the thread's dated articles (`anchors`) to give a year:
    the day of its dateline ("LONDON, Jan 5 (Reuters) -"), else the latest day it says it
    reports ("told reporters on June 27"); else the date of its own event's dated articles
    (`event_anchors`), which report the same happening. A date the story merely mentions
    (a birth, a war, next year's summit) is never taken.
    """
    text = b.article.text
    dateline = find_dateline(text)
    if dateline and dateline.date and (day := resolve_partial(dateline.date, anchors)):
        return day
    sentences = b.sentence_spans()
    days = [
        d for p in reported_days(text, b.dates, sentences) if (d := resolve_partial(p, anchors))
    ]
    if days:
        return max(days)
    return min(event_anchors) if event_anchors else None
