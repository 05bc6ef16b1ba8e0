"""The plain data behind the thread timeline (what each
event adds), the grouped list and the daily briefing.

Threads are built by hand here, so these tests do not depend on how articles get linked.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from brief.analysis.briefing import analyse
from brief.model import Article, Briefing, Event, Thread
from brief.views.daily import anchor_day, daily_briefing, next_period, period_start
from brief.views.grouping import group_by_thread
from brief.views.timeline import thread_stories, timeline_items


def _briefing(
    id_: str, text: str, day: str | None, *, thread: str = "", event: str = "", inferred=False
) -> Briefing:
    b = analyse(Article(id=id_, text=text, date=None if inferred else day))
    return replace(b, date=day, date_inferred=inferred, thread=thread, event=event or "e-" + id_)


def _putin_thread():
    first = _briefing(
        "a",
        "Vladimir Putin congratulated Donald Trump on his election victory in Sochi. "
        "Putin said he was ready to talk to Trump about Ukraine. "
        '"I take this opportunity to congratulate him," Putin said.',
        "2024-11-08",
        thread="t",
    )
    again = _briefing(
        "b",
        "Vladimir Putin congratulated Donald Trump on his election victory in Sochi on Thursday. "
        "Putin said he was ready to talk to Trump about Ukraine.",
        "2024-11-08",
        thread="t",
        event="e-a",
    )
    later = _briefing(
        "c",
        "Vladimir Putin praised Donald Trump at a press conference in Minsk. "
        "Putin said he was ready to talk to Trump about Ukraine. "
        "Alexander Lukashenko hosted the Eurasian Economic Union summit in Minsk. "
        '"The first steps have been taken," Putin said.',
        "2025-06-27",
        thread="t",
        inferred=True,
    )
    thread = Thread(
        id="t",
        title="Vladimir Putin, Donald Trump: talks",
        articles=("a", "b", "c"),
        entities=("Vladimir Putin", "Donald Trump"),
        events=(
            Event("e-c", "2025-06-27", later.headline, ("c",)),
            Event("e-a", "2024-11-08", first.headline, ("a", "b")),
        ),
    )
    return thread, {b.id: b for b in (first, again, later)}


def test_timeline_is_oldest_first_with_dates_counts_and_the_story_enter_opens():
    thread, by_id = _putin_thread()
    items = timeline_items(thread, by_id)
    assert [i.date for i in items] == ["2024-11-08", "2025-06-27"]
    assert [i.articles for i in items] == [2, 1]
    assert [i.date_inferred for i in items] == [False, True]
    assert items[0].first and not items[1].first
    assert items[0].story in ("a", "b") and items[1].story == "c"
    assert items[1].headline == by_id["c"].headline and items[1].summary


def test_whats_new_marks_only_what_earlier_events_did_not_have():
    thread, by_id = _putin_thread()
    first, later = timeline_items(thread, by_id)
    assert (
        not first.new_entities and not first.new_sentences and not first.new_quotes
    )  # the start: nothing marked
    names = [e.name for e in later.new_entities]
    assert "Minsk" in names and "Vladimir Putin" not in names and "Sochi" not in names
    assert any("Lukashenko" in s for s in later.new_sentences)
    assert not any(
        "ready to talk to Trump" in s for s in later.new_sentences
    )  # said in the first event
    assert [q.text for q in later.new_quotes] == ["The first steps have been taken"]
    assert not any(
        "first steps" in s for s in later.new_sentences
    )  # a quote is listed once, as a quote
    # most telling first: the sentence naming new names leads
    assert "Lukashenko" in later.new_sentences[0] or "Minsk" in later.new_sentences[0]


def test_thread_stories_step_oldest_to_newest():
    thread, by_id = _putin_thread()
    assert [b.id for b in thread_stories(thread, by_id)] == ["a", "b", "c"]


def _story(id_, day, thread, event=None, inferred=False):
    return Briefing(
        article=Article(id=id_, text="x"),
        headline=f"Headline {id_}",
        summary="",
        date=day,
        date_inferred=inferred,
        thread=thread,
        event=event or "e-" + id_,
    )


def _corpus():
    briefings = [
        _story("q1", "2025-03-10", "quake", "e-q"),
        _story("q2", "2025-03-10", "quake", "e-q"),
        _story("q3", "2025-03-10", "quake", "e-q"),
        _story("v1", "2025-03-10", "vote"),
        _story("v2", "2025-03-08", "vote"),
        _story("m1", "2025-03-10", "match"),
        _story("old", "2025-01-02", "archive"),
        _story("undated", None, "loose"),
        _story("future", "2026-04-30", "plans", inferred=True),  # a summit announced for next year
    ]
    threads = [
        Thread("quake", "Chile: earthquake", ("q1", "q2", "q3"), ("Chile",)),
        Thread("vote", "Ana Lopez, Chile: vote", ("v2", "v1"), ("Ana Lopez", "Chile")),
        Thread("match", "FC Example: match", ("m1",), ("FC Example",)),
        Thread("archive", "Archive", ("old",)),
        Thread("loose", "Loose", ("undated",)),
        Thread("plans", "Plans", ("future",)),
    ]
    return threads, {b.id: b for b in briefings}


def test_today_is_the_newest_article_date_never_a_future_one():
    threads, by_id = _corpus()
    assert anchor_day(list(by_id.values()), real_today=date(2026, 1, 1)) == date(2025, 3, 10)
    inferred = [*by_id.values(), _story("minsk", "2025-03-12", "x", inferred=True)]
    assert anchor_day(inferred, real_today=date(2026, 1, 1)) == date(
        2025, 3, 12
    )  # read from the text, still news
    # a bad feed dated after the real today does not become "today"
    late = [*by_id.values(), _story("bad", "2030-01-01", "x")]
    assert anchor_day(late, real_today=date(2026, 1, 1)) == date(2025, 3, 10)
    assert anchor_day([_story("u", None, "x")]) is None
    assert period_start("today", date(2025, 3, 10)) == "2025-03-10"
    assert period_start("week", date(2025, 3, 10)) == "2025-03-04"
    assert period_start("all", date(2025, 3, 10)) is None
    assert [next_period(p) for p in ("today", "week", "all")] == ["week", "all", "today"]
    with pytest.raises(ValueError):
        period_start("fortnight", date(2025, 3, 10))


def test_daily_briefing_ranks_by_coverage_events_and_names_in_the_news():
    threads, by_id = _corpus()
    anchor = date(2025, 3, 10)
    today = daily_briefing(threads, by_id, "today", anchor)
    # three articles on the quake beat one on the vote, though both name Chile
    assert [a.thread.id for a in today] == ["quake", "vote", "match"]
    assert today[0].articles == 3 and today[0].events == 1
    assert today[1].salience == pytest.approx(0.5) and today[2].salience == 0
    assert today[0].story in ("q1", "q2", "q3") and today[1].story == "v1"  # the latest story opens
    week = daily_briefing(threads, by_id, "week", anchor)
    vote = next(a for a in week if a.thread.id == "vote")
    assert vote.articles == 2 and vote.events == 2
    assert [a.thread.id for a in week][:2] == [
        "vote",
        "quake",
    ]  # two events outweigh one more article
    assert "archive" not in {a.thread.id for a in week}
    everything = daily_briefing(threads, by_id, "all", anchor)
    assert {a.thread.id for a in everything} == {t.id for t in threads}  # undated and inferred too


def test_group_by_thread_keeps_newest_activity_first_and_stories_together():
    stories = [
        _story("n1", "2025-03-10", "x"),
        _story("m1", "2025-03-09", "y"),
        _story("n2", "2025-03-01", "x"),
        _story("solo", "2025-02-01", ""),
        _story("m2", "2025-01-01", "y"),
    ]
    groups = group_by_thread(stories)
    assert [[b.id for b in members] for _, members in groups] == [
        ["n1", "n2"],
        ["m1", "m2"],
        ["solo"],
    ]
