"""Publication stamps in front of a story: left out of summaries and headlines, used to date it.

The stamped examples are ECB+ article openings (Cybulska & Vossen 2014, CC BY 3.0),
whose text was rebuilt from tokens, hence "8: 13am".
"""

import pytest

from brief.analysis.datelines import is_stamp, strip_stamp
from brief.library import analyse_all
from brief.model import Article


@pytest.mark.parametrize(
    "opening, story",
    [
        (
            "Friday August 2, 2013 @ 8: 13am PDT Ellen DeGeneres just tweeted",
            "Ellen DeGeneres just tweeted",
        ),
        (
            "Published on Friday, 27 September 2013 Parliamentary elections",
            "Parliamentary elections",
        ),
        ("4 October 2013, 18: 07 (GMT+05: 00) In accordance with", "In accordance with"),
        ("Posted: 08 / 02 / 2013 11: 10 am EDT The Academy", "The Academy"),
        ("27 / 09 / 2013 - Turkmenistan to hold first", "Turkmenistan to hold first"),
    ],
)
def test_a_leading_stamp_is_cut_off(opening, story):
    assert strip_stamp(opening) == story


@pytest.mark.parametrize(
    "sentence",
    [
        "June 27 was hot.",
        "2013 ended well for Obama",
        "At 5 pm Putin spoke",
        "March 2 Oscars ceremony",
        "On Tuesday, Putin said",
        "2,000 People died",
    ],
)
def test_a_sentence_that_merely_starts_with_a_date_is_left_alone(sentence):
    assert strip_stamp(sentence) == sentence


def test_stamped_article_summary_headline_and_inferred_date():
    text = (
        "Friday August 2, 2013 @ 8: 13am PDT Ellen DeGeneres just tweeted she will be hosting the "
        "Oscars this year. The ceremony will take place on March 2, 2014, in Los Angeles.\n\n"
        "It will be her second stint in the job."
    )
    [b], _ = analyse_all([Article(id="x", text=text)])
    assert b.summary.startswith("Ellen DeGeneres just tweeted")
    assert not b.headline.startswith("Friday")
    from brief.threads import build_threads

    [dated], _ = build_threads([b])
    assert dated.date == "2013-08-02" and dated.date_inferred  # the stamp, not the later ceremony


def test_a_title_that_is_only_a_timestamp_gives_way_to_a_headline_and_dates_the_story():
    from brief.threads import build_threads

    text = (
        "The Indian Navy thwarted a pirate attack in the Gulf of Aden on Thursday, officials said."
    )
    [b], _ = analyse_all([Article(id="t", title="Friday, November 11, 2011", text=text)])
    assert b.headline.startswith("The Indian Navy thwarted")
    [dated], _ = build_threads([b])
    assert (dated.date, dated.date_inferred) == ("2011-11-11", True)


@pytest.mark.parametrize(
    "line, stamp",
    [
        ("26 September 2013, 10: 00 (GMT+05: 00)", True),
        ("PUBLISHED: THURSDAY, MAY 2, 2013, 1: 32 PM", True),
        ("May 2, 2013 | 5: 03pm", True),
        ("Mumbai, Nov 11 -", True),
        ("Friday, November 11, 2011", True),
        ("Sports.", False),  # no date in it: a short title, not a stamp
        ("Putin wins 2012 vote", False),
    ],
)
def test_a_line_that_is_only_a_timestamp(line, stamp):
    assert is_stamp(line) is stamp


def test_a_stamp_line_never_becomes_the_headline():
    text = (
        "May 2, 2013 | 5: 03pm\n\nParliamentary elections in Turkmenistan will be held on December "
        "15, officials said on Thursday."
    )
    [b], _ = analyse_all([Article(id="s", text=text)])
    assert b.headline.startswith("Parliamentary elections in Turkmenistan")
