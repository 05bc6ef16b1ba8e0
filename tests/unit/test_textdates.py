"""Dates written in text become DATE mentions with ISO (or partial "--MM-DD") values."""

from __future__ import annotations

import pytest

from brief.analysis.textdates import find_dates, resolve_partial


@pytest.mark.parametrize(
    ("text", "article_date", "expected"),
    [
        ("Putin spoke on June 27 in Minsk.", None, [("June 27", "--06-27")]),
        ("Putin spoke on June 27 in Minsk.", "2025-06-28", [("June 27", "2025-06-27")]),
        ("Released 27 June 2025.", None, [("27 June 2025", "2025-06-27")]),
        ("Seen Nov. 8 in Sochi.", "2024-11-10", [("Nov. 8", "2024-11-08")]),
        ("December 15th, 2008, 7: 35 am", None, [("December 15th, 2008", "2008-12-15")]),
        ("Voting began on Dec.14.", None, [("Dec.14", "--12-14")]),
        ("He said on Tuesday that", "2025-06-27", [("Tuesday", "2025-06-24")]),
        ("He said on Friday that", "2025-06-27", [("Friday", "2025-06-27")]),
        ("He said on Tuesday that", None, [("Tuesday", "")]),
        (
            "Filed 2013 - 09 - 26 and 11 / 30 / 09",
            None,
            [("2013 - 09 - 26", "2013-09-26"), ("11 / 30 / 09", "2009-11-30")],
        ),
        ("It opened in June 2025.", None, [("June 2025", "2025-06")]),
        ("A New Year's Eve party, Jan. 2 in a leap", "2025-12-30", [("Jan. 2", "2026-01-02")]),
    ],
)
def test_find_dates(text, article_date, expected):
    found = find_dates(text, article_date)
    assert [(m.text, m.entity) for m in found] == expected
    for m in found:
        assert text[m.start : m.end] == m.text and m.type == "DATE"


@pytest.mark.parametrize(
    "text", ["they may 5 times", "score 3/4/5 and 24/7", "February 30, 2020", "May be"]
)
def test_non_dates_are_ignored(text):
    assert find_dates(text) == ()


def test_partial_date_takes_the_nearest_year_not_before_the_thread():
    assert resolve_partial("--06-27", ["2024-11-08"]) == "2025-06-27"
    assert resolve_partial("--11-09", ["2024-11-08"]) == "2024-11-09"
    assert resolve_partial("--06-27", []) is None


def test_the_first_character_lookahead_finds_what_the_bare_patterns_find():
    """`_REGEX` looks ahead for a date's first character to skip other positions fast: it must
    find exactly what the alternation of the patterns finds, with every kind of date opening."""
    import re

    from brief.analysis import textdates
    from tests.helpers import FIXTURES

    bare = re.compile(textdates._REGEX.pattern.removeprefix(textdates._FIRST))
    kinds = (
        "2013-09-26, 7th of July 2012, 27 June 2025, Sept. 5, Jan 3, Feb. 4, Mar 5, Apr 6, May 7,"
        " Aug 8, Oct 9, Nov 10, Dec 11, June 2025, 11/30/09, on Monday, last Tuesday, this"
        " Wednesday, late Thursday, early Friday, Saturday, Sunday, yesterday, Yesterday, today,"
        " Today."
    )
    texts = [kinds, *(FIXTURES / "ecb_rehab_deaths.jsonl").read_text().splitlines()]
    for text in texts:
        assert [(m.span(), m.lastgroup) for m in textdates._REGEX.finditer(text)] == [
            (m.span(), m.lastgroup) for m in bare.finditer(text)
        ]
    found = [m.lastgroup for m in textdates._REGEX.finditer(kinds)]
    assert len(found) == 26 and set(found) == {f"_{name}" for name, _ in textdates._PATTERNS}
