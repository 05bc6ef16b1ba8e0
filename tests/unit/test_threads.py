"""Events and threads, through the `brief threads --json` command and the plain-data API."""

from __future__ import annotations

import json
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from brief.analysis.briefing import analyse
from brief.model import Article
from brief.threads import Plan, build_threads
from brief.threads.features import feature_input
from brief.threads.index import Index
from brief.threads.parallel import featurised, in_workers
from brief.threads.prepared import prepare, prepare_chunk
from brief.views.timeline import timeline, whats_new
from tests.helpers import FIXTURES, run_brief

FIXTURE = FIXTURES / "ecb_rehab_deaths.jsonl"  # ECB+ excerpt, CC BY 3.0


def _threads(*paths: str) -> list[dict]:
    result = run_brief("threads", "--json", *paths)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _gold_events(path: Path) -> dict[str, str]:
    """Article id -> gold event, from a fixture with a `cluster` field."""
    return {
        row["id"]: row["cluster"]
        for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())
    }


def test_seeds_are_one_thread_of_two_events_with_the_inferred_date():
    threads = _threads()
    assert len(threads) == 1
    (thread,) = threads
    assert [e["date"] for e in thread["events"]] == ["2024-11-08", "2025-06-27"]
    assert thread["articles"][0] == thread["events"][0]["articles"][0]  # oldest first
    assert "Putin" in thread["title"] and "Trump" in thread["title"]
    listed = json.loads(run_brief("list", "--json").stdout)
    by_path = {Path(b["path"]).name: b for b in listed}
    assert by_path["000_dc8a7c53315bb8ca.txt"]["date"] == "2025-06-27"
    assert by_path["000_dc8a7c53315bb8ca.txt"]["date_inferred"] is True
    assert by_path["002_0807696d7dbffc2e.txt"]["date_inferred"] is False


def test_lookalike_stories_about_different_people_are_different_threads():
    gold = _gold_events(FIXTURE)
    threads = _threads(str(FIXTURE))
    seen = [a for t in threads for a in t["articles"]]
    assert sorted(seen) == sorted(gold)  # every article in exactly one thread
    for t in threads:
        assert len({gold[a] for a in t["articles"]}) == 1, t["title"]
        event_articles = [a for e in t["events"] for a in e["articles"]]
        assert sorted(event_articles) == sorted(t["articles"])
    # each gold event is found whole
    assert len(threads) == len(set(gold.values()))


def test_ids_are_stable_and_independent_of_input_order():
    rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    briefings = [
        analyse(Article(id=r["id"], text=r["text"], title=r["title"], date=r["date"])) for r in rows
    ]
    _, first = build_threads(briefings)
    _, again = build_threads(list(reversed(briefings)))
    assert sorted((t.id, t.articles) for t in first) == sorted((t.id, t.articles) for t in again)


def _seed_like() -> list:
    a = Article(
        id="a",
        date="2024-11-08",
        text="Vladimir Putin congratulated Donald Trump on his election victory in Sochi. "
        "Putin said he was ready to talk to Trump about Ukraine.",
    )
    b = Article(
        id="b",
        text="Vladimir Putin praised Donald Trump at a press conference in Minsk on June 27. "
        "Putin said relations with Trump and Ukraine talks were moving forward.",
    )
    return [analyse(a), analyse(b)]


def test_timeline_and_whats_new_report_what_each_event_adds():
    briefings, threads = build_threads(_seed_like())
    (thread,) = threads
    by_id = {b.id: b for b in briefings}
    entries = timeline(thread, by_id)
    assert [e.event.date for e in entries] == ["2024-11-08", "2025-06-27"]
    assert by_id["b"].date_inferred and by_id["b"].date == "2025-06-27"
    news = whats_new(thread, briefings)
    assert [n.event.id for n in news] == [e.event.id for e in entries]
    assert any("Minsk" in s[3] for s in news[1].sentences)
    assert not any("Sochi" in s[3] for s in news[1].sentences)


def test_index_compares_a_new_document_only_with_those_sharing_a_term():
    index = Index()
    index.add(
        [{"quake": 2, "chile": 1}, {"election": 3, "turkmenistan": 2}, {"rehab": 1, "lohan": 2}]
    )
    index.add([{"quake": 1, "chile": 2, "tsunami": 1}])
    assert set(index.edges) == {(0, 3)}


KLITSCHKO = FIXTURES / "ecb_klitschko_fights.jsonl"  # ECB+ topic 7, CC BY 3.0


def test_lookalike_events_of_one_actor_stay_apart_and_same_event_articles_join():
    gold = _gold_events(KLITSCHKO)
    threads = _threads(str(KLITSCHKO))
    events = [e["articles"] for t in threads for e in t["events"]]
    assert sorted(a for e in events for a in e) == sorted(gold)
    # two fights of one champion, four years apart: one event each, nothing mixed, nothing split
    assert sorted(sorted(e) for e in events) == sorted(
        sorted(a for a in gold if gold[a] == cluster) for cluster in set(gold.values())
    )


def test_worker_processes_give_the_same_features_and_threads():
    """A large corpus is featurised in spawned worker processes; forcing that path on a small one
    must change nothing, down to the thread titles and inferred dates."""
    rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    briefings = [
        analyse(Article(id=r["id"], text=r["text"], title=r["title"], date=r["date"])) for r in rows
    ]
    serial = Plan(chunk=3, workers=1)  # several chunks, featurised in this process
    serial_out, serial_threads = build_threads(briefings, serial)
    used = []

    def counted_pool(chunks, workers):
        for chunk in in_workers(chunks, workers):
            used.append(workers)
            yield chunk

    # as on a machine with two cores, whatever this one
    # has; several chunks in flight, returned in order
    parallel = Plan(chunk=3, workers=2, parallel_from=1, pool=counted_pool)
    chunks = list(featurised(briefings, parallel))
    assert used == [2] * len(chunks), "the worker pool did not featurise every chunk"
    here = [
        prepare_chunk([feature_input(b) for b in briefings[i : i + 3]])
        for i in range(0, len(briefings), 3)
    ]
    assert chunks == here
    assert sum(len(prepared) for prepared in chunks) == len(briefings)
    out, parallel_threads = build_threads(briefings, parallel)
    assert parallel_threads == serial_threads
    assert out == serial_out


def test_a_broken_worker_pool_falls_back_to_this_process():
    """Worker processes that cannot start (a sandbox, a script without a __main__ guard) lose
    nothing: the chunks they did not return are featurised here."""
    briefings = _seed_like()

    def first_then_broken(chunks, workers):
        yield prepare_chunk([feature_input(b) for b in chunks[0]])
        raise BrokenProcessPool("a child process terminated abruptly")

    plan = Plan(chunk=1, workers=2, parallel_from=1, pool=first_then_broken)
    got = [p for prepared in featurised(briefings, plan) for p in prepared]
    assert got == [prepare(feature_input(b)) for b in briefings]


def test_unrelated_stories_that_share_a_club_or_a_country_stay_apart():
    """CNN/DailyMail stories about different happenings (tests/fixtures/cnndm-unrelated.README.md):
    brief 0.1 joined 14 of them into 7 threads. One pair, two NASA stories a week apart, still
    joins: both lean on the same agency and the same words of space flight."""
    threads = _threads(str(FIXTURES / "cnndm-unrelated.jsonl"))
    assert sum(len(t["articles"]) for t in threads) == 14
    assert len(threads) >= 13, [t["title"] for t in threads if len(t["articles"]) > 1]
    assert max(len(t["articles"]) for t in threads) <= 2


def test_a_busy_beat_is_not_one_happening():
    """BBC stories of a few busy beats (tests/fixtures/bbc-beats.README.md): every story of a
    rugby season or an election campaign shares nearest neighbours with the others, and at
    8431b59 chains of such weak links made 41 pairs of them one happening. Linked only when
    they are alike themselves, stories that merely share the beat stand alone."""
    path = FIXTURES / "bbc-beats.jsonl"
    titles = {
        row["id"]: row["title"]
        for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())
    }
    threads = _threads(str(path))
    joined = [[titles[a] for a in t["articles"]] for t in threads if len(t["articles"]) > 1]
    alone = {titles[t["articles"][0]] for t in threads if len(t["articles"]) == 1}
    # an athletics meeting, an Oscars story and a Labour speech, each its own happening
    assert {
        "Record fails to lift lacklustre meet",
        "British stars denied major Oscars",
        "Brown outlines third term vision",
    } <= alone, joined
    assert sum(len(t) * (len(t) - 1) // 2 for t in joined) <= 30, joined
    # one story told twice still joins
    assert any(
        set(t) == {"Yukos unit buyer faces loan claim", "Yukos accused of lying to court"}
        for t in joined
    ), joined
