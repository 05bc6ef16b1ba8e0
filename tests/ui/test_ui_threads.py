"""Threads in the reader, through Pilot: grouping (T), the timeline (t), stepping (n/p), the daily
briefing (b).

Most tests use the hand-made corpus in tests/thread_corpus.py, so they do not depend on how the
linker groups articles; the seeds test checks the real pipeline's one thread of two events.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from brief.model import Article, Briefing, Thread
from brief.ui.app import BriefApp
from brief.ui.screens.daily import DailyList, DailyScreen
from brief.ui.screens.timeline import TimelineList, TimelineScreen
from brief.ui.widgets.briefing_list import BriefingList
from brief.ui.widgets.card import CARD_HEIGHT
from brief.ui.widgets.reading_pane import ReadingPane
from tests import thread_corpus
from tests.ui.terminal import screen_text
from tests.ui.test_ui_pilot import list_text, loaded


def corpus_app() -> BriefApp:
    return BriefApp(briefings=thread_corpus.briefings(), threads=thread_corpus.threads())


async def test_cards_show_their_thread_size_and_T_groups_by_thread_newest_activity_first():
    app = corpus_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        cards = app.query_one(BriefingList)
        assert "thread of 3" in list_text(app)
        assert [b.id for b in cards.briefings][:3] == ["q3", "q2", "v3"]  # flat: newest first
        await pilot.press("j", "j")  # on v3, the vote
        await pilot.press("T")
        await pilot.pause()
        assert [b.id for b in cards.briefings] == ["q3", "q2", "q1", "v3", "v2", "v1", "m1", "a1"]
        assert cards.highlighted.id == "v3"  # the cursor stays on the same story
        text = list_text(app)
        assert "━ Chile, Valparaiso: earthquake, rescue · 3 stories" in text
        assert text.index("earthquake, rescue · 3") < text.index(
            "Ana Lopez, Senate: pension law · 3"
        )
        await pilot.press("j")
        assert cards.highlighted.id == "v2"  # the cursor moves over cards, never onto a header
        await pilot.press("T")
        await pilot.pause()
        assert [b.id for b in cards.briefings][:3] == [
            "q3",
            "q2",
            "v3",
        ] and cards.highlighted.id == "v2"
        assert "━" not in list_text(app)
        assert "T Group" in screen_text(app)  # the footer names the key


async def test_grouping_a_hundred_thousand_briefings_still_renders_only_what_shows():
    briefings = [
        Briefing(
            article=Article(id=f"s{i:06d}", text="x"),
            headline=f"Headline {i:06d}",
            summary="",
            date=f"2025-01-{28 - i // 4000 % 28:02d}",
            thread=f"t{i // 3}",
        )
        for i in range(100_000)
    ]
    threads = [
        Thread(
            f"t{n}",
            f"Thread {n}",
            tuple(f"s{i:06d}" for i in range(3 * n, min(3 * n + 3, 100_000))),
        )
        for n in range(33_334)
    ]
    app = BriefApp(briefings=briefings, threads=threads)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        cards = app.query_one(BriefingList)
        await pilot.press("T")
        await pilot.pause()
        assert (
            cards.virtual_size.height == 100_000 * CARD_HEIGHT + 33_334
        )  # a header line per thread
        await pilot.press("G")
        assert cards.cursor == 99_999 and "Headline 099999" in list_text(app)
        assert "Thread 33333 · 1 story" in list_text(app)
        await pilot.press("g", "j", "j", "j")
        assert cards.highlighted.id == "s000003"
        assert "━ Thread 1 · 3 stories" in list_text(app)
        assert len(cards._strips) < 3 * (cards.size.height // CARD_HEIGHT + 2)


async def test_t_opens_the_timeline_enter_reads_an_event_and_escape_backs_out():
    app = corpus_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        text = screen_text(app)
        # oldest to newest, with dates, headlines, coverage and what the later event adds
        assert text.index("8 Mar 2025 · 1 article") < text.index("10 Mar 2025 · 2 articles")
        assert "Strong earthquake shakes central Chile" in text
        assert "+ new Marta Rojas · Red Cross" in text
        assert "“We have found everyone we were looking for” — Marta Rojas" in text
        timeline = app.screen.query_one(TimelineList)
        assert timeline.cursor == 1  # the event of the story the cursor was on
        await pilot.press("escape")
        await pilot.pause()
        assert (
            not isinstance(app.screen, TimelineScreen)
            and app.query_one(BriefingList).highlighted.id == "q3"
        )
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("k", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, TimelineScreen)
        assert app.query_one(ReadingPane).briefing.id == "q1" and app.focused is app.query_one(
            ReadingPane
        )
        assert app.query_one(BriefingList).highlighted.id == "q1"  # the list follows


async def test_an_inferred_event_date_is_marked():
    app = corpus_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "t")  # v3: its date was read from the text
        await pilot.pause()
        text = screen_text(app)
        assert (
            "≈ 10 Mar 2025 · 1 article" in text
            and "2 Mar 2025 · 1 article · where it starts" in text
        )


async def test_n_and_p_step_through_the_thread_oldest_to_newest_in_the_pane():
    app = corpus_app()
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await pilot.pause()
        pane = app.query_one(ReadingPane)
        await pilot.press("j", "j", "j", "j", "j", "j", "enter")  # v1, the vote's first story
        await pilot.pause()
        assert pane.briefing.id == "v1"
        await pilot.press("n")
        assert pane.briefing.id == "v2"
        await pilot.pause()
        assert "9 Mar 2025 · Capital News · story 2 of 3 in its thread" in screen_text(app)
        await pilot.press("n")
        assert pane.briefing.id == "v3"
        await pilot.press("n")  # the newest: it stays, and says so
        await pilot.pause()
        assert pane.briefing.id == "v3"
        await pilot.pause(0.2)  # toasts mount a moment after notify()
        assert "This is the newest story of its thread (3 stories)." in screen_text(app)
        await pilot.press("p", "p")
        assert pane.briefing.id == "v1" and app.focused is pane
        assert "Ana Lopez proposes a new pension law" in screen_text(app)


async def test_seeds_timeline_is_one_thread_of_two_events_with_the_inferred_date():
    app = BriefApp([])
    async with app.run_test(size=(160, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("t")
        await pilot.pause()
        text = screen_text(app)
        assert "2 events · 2 stories · 8 Nov 2024 → ≈ 27 Jun 2025" in text
        assert text.index("8 Nov 2024 · 1 article") < text.index("≈ 27 Jun 2025 · 1 article")
        assert "+ new" in text


async def test_b_ranks_todays_threads_d_cycles_the_period_and_enter_reads_the_latest_story():
    app = corpus_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, DailyScreen)
        daily = app.screen.query_one(DailyList)
        assert [r.thread.id for r in daily.rows] == [
            "t-quake",
            "t-vote",
            "t-cup",
        ]  # 10 Mar 2025, most covered first
        assert [(r.articles, r.events) for r in daily.rows] == [(2, 1), (1, 1), (1, 1)]
        text = screen_text(app)
        assert "Today, 10 Mar 2025 · 3 threads" in text and "d: this week" in text
        assert "Rescuers reach villages cut off by the Chile earthquake" in text
        await pilot.press("d")
        await pilot.pause()
        assert [r.thread.id for r in daily.rows] == ["t-quake", "t-vote", "t-cup"]
        assert [(r.articles, r.events) for r in daily.rows][:2] == [
            (3, 2),
            (2, 2),
        ]  # the week counts more
        assert "Ana Lopez wins the Senate vote on the pension law · 2 events" in screen_text(app)
        assert "This week, 4 Mar 2025 → 10 Mar 2025 · 3 threads" in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        assert len(daily.rows) == 4 and "All · 4 threads" in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        assert len(daily.rows) == 3
        await pilot.press("j", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, DailyScreen)
        assert app.query_one(ReadingPane).briefing.id == "v3"  # the vote's latest story
        await pilot.press("escape", "b")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert (
            not isinstance(app.screen, DailyScreen)
            and app.query_one(ReadingPane).briefing.id == "v3"
        )


async def test_t_in_the_daily_briefing_opens_that_threads_timeline():
    app = corpus_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("b", "j", "t")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen) and app.screen.thread.id == "t-vote"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DailyScreen)  # back where we were
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("g", "enter")  # the vote's first event
        await pilot.pause()
        assert app.screen is app.screen_stack[0] and app.query_one(ReadingPane).briefing.id == "v1"


async def test_list_keys_do_nothing_under_the_thread_screens():
    app = corpus_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("t", "T", "s", "b")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen) and len(app.screen_stack) == 2
        assert not app.query_one(BriefingList).grouped and not app.main.starred_ids


async def test_untrusted_thread_titles_and_headlines_stay_text():
    evil = "[@click=app.quit]x[/] [bold]"
    briefings = [
        Briefing(
            article=Article(id="e1", text="Body."),
            headline=evil,
            summary=evil,
            date="2025-01-02",
            thread="t",
        ),
        Briefing(
            article=Article(id="e2", text="Body."),
            headline="Later " + evil,
            summary="",
            date="2025-01-03",
            thread="t",
        ),
    ]
    from brief.model import Event

    thread = Thread(
        "t",
        evil,
        ("e1", "e2"),
        (),
        (
            Event("e-1", "2025-01-02", evil, ("e1",)),
            Event("e-2", "2025-01-03", "Later " + evil, ("e2",)),
        ),
    )
    app = BriefApp(briefings=briefings, threads=[thread])
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        await pilot.press("T")
        await pilot.pause()
        assert f"━ {evil} · 2 stories · 2 unread" in list_text(app)
        await pilot.press("t")
        await pilot.pause()
        assert evil in screen_text(app)
        await pilot.press("escape", "b")
        await pilot.pause()
        assert f"Later {evil}" in screen_text(app) and app.is_running


async def test_search_results_stay_ranked_and_escape_brings_the_grouped_list_back():
    app = corpus_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        cards = app.query_one(BriefingList)
        await pilot.press("T", "j", "j", "j")  # v3, the vote's newest, under its header
        assert cards.highlighted.id == "v3"
        await pilot.press("slash", *"pension")
        await loaded(pilot)
        assert "━" not in list_text(app)  # ranked results, not groups
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert cards.grouped and cards.highlighted.id == "v3"
        assert "━ Ana Lopez, Senate: pension law · 3 stories" in list_text(app)


async def test_clicking_a_thread_header_opens_its_newest_story():
    app = corpus_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("T")
        await pilot.pause()
        header_line = (
            list_text(app)
            .splitlines()
            .index(
                next(line for line in list_text(app).splitlines() if line.startswith("━ Ana Lopez"))
            )
        )
        await pilot.click(BriefingList, offset=(5, header_line))
        await pilot.pause()
        assert app.query_one(ReadingPane).briefing.id == "v3"


WORKER_SCRIPT = textwrap.dedent("""
    import asyncio
    from brief.library import Library
    from brief.threads import Plan
    from brief.threads.parallel import in_workers
    from brief.ui.app import BriefApp

    used = []

    def counted_pool(chunks, workers):
        for chunk in in_workers(chunks, workers):
            used.append(workers)
            yield chunk

    # the seeds take the path of a corpus of 20,000 articles, as on a machine with two cores
    plan = Plan(workers=2, parallel_from=1, pool=counted_pool)

    async def main():
        app = BriefApp([], library=Library.open(plan=plan))
        async with app.run_test(size=(120, 40)) as pilot:
            while not app.corpus_shown:
                await pilot.pause(0.05)
            events = sorted(len(t.events) for t in app.main.threads)
        print("pool", used, "threads", events, "return", app.return_code or 0)

    asyncio.run(main())
""")


def test_the_reader_threads_a_large_corpus_in_worker_processes():
    """A large corpus is featurised in worker processes, started from the reader's loading thread.
    There Textual has replaced sys.stderr with an object whose fileno() is -1, and starting the
    pool once crashed the reader. A fresh interpreter, so that no earlier test has started
    multiprocessing's helpers."""
    done = subprocess.run(
        [sys.executable, "-c", WORKER_SCRIPT], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "pool [2] threads [2] return 0" in done.stdout, done.stdout[-2000:] + done.stderr[-2000:]


async def test_the_daily_briefing_of_undated_news_claims_no_today_and_says_a_lone_story_once(
    tmp_path,
):
    """BBC stories carry no dates: the daily briefing headed them "Today" and showed each
    lone story's headline twice ("Be careful how you code · Be careful how you code")."""
    rows = [
        {"id": f"u{i}", "title": title, "text": text}
        for i, (title, text) in enumerate(
            [
                ("Be careful how you code", "Programmers were warned about sloppy code."),
                ("Kraft cuts snack ads for children", "Kraft will stop advertising snacks."),
            ]
        )
    ]
    path = tmp_path / "undated.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    app = BriefApp(paths=[str(path)])
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, DailyScreen)
        head = str(app.screen.query_one("#daily-head").render())
        assert head.startswith("All · 2 threads") and "no story has a date" in head
        assert "Today" not in head
        lines = [
            line.plain
            for i in range(len(app.screen.rows))
            for line in app.screen.query_one(DailyList).block_lines(i, 100, False)
        ]
        assert any(line.rstrip().endswith("Be careful how you code") for line in lines), lines
        assert not any(line.count("Be careful how you code") > 1 for line in lines), lines
