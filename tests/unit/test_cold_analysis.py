"""A cold analysis in worker processes: the same briefings as in one process, in input order,
committed a batch at a time, with progress told as it goes."""

from __future__ import annotations

import os

from brief.analysis.briefing import analyse
from brief.analysis.pool import Plan, analysed
from brief.library import LoadProgress, analyse_all
from brief.resources import seeds_dir
from brief.sources import load
from brief.store import Store
from brief.store.codec import encode_briefing
from tests.helpers import FIXTURES

PARENT = "BRIEF_TEST_POOL_PARENT"


def _articles():
    return load(
        [seeds_dir(), FIXTURES / "cnndm-five.jsonl", FIXTURES / "trust-dates.jsonl"]
    ).articles


def test_workers_give_what_one_process_gives_in_batches_in_input_order():
    articles = _articles()
    alone = list(analysed(articles, Plan(batch=4, workers=1), encode_briefing))
    shared = list(analysed(articles, Plan(batch=4, workers=2, parallel_from=0), encode_briefing))
    assert shared == alone
    assert [len(b) for b in shared] == [4] * (len(articles) // 4) + [len(articles) % 4] * bool(
        len(articles) % 4
    )
    assert [x for batch in shared for x in batch] == [encode_briefing(analyse(a)) for a in articles]


def _dies_in_a_worker(briefing):
    if os.environ.get(PARENT) != str(os.getpid()):
        os._exit(3)  # what the kernel's OOM killer would do to a worker
    return briefing.headline


def test_when_a_worker_dies_the_rest_is_analysed_here(monkeypatch):
    monkeypatch.setenv(PARENT, str(os.getpid()))
    articles = _articles()
    got = list(analysed(articles, Plan(batch=3, workers=2, parallel_from=0), _dies_in_a_worker))
    assert [h for batch in got for h in batch] == [analyse(a).headline for a in articles]


def test_each_batch_is_committed_and_told_and_the_next_load_takes_them_all(tmp_path):
    articles = _articles()
    store = Store(tmp_path / "cache.sqlite3")
    told: list[LoadProgress] = []
    plan = Plan(batch=5, workers=2, parallel_from=0)
    briefings, fresh = analyse_all(articles, store, told.append, plan)
    assert fresh == len(articles) and [b.id for b in briefings] == [a.id for a in articles]
    assert told[0] == LoadProgress("analysing", 0, len(articles), 0, ())
    assert [p.done for p in told[1:]] == [
        min(n, len(articles)) for n in range(5, len(articles) + 5, 5)
    ]
    assert [b for p in told for b in p.batch] == briefings
    # committed: the cache has every one, and what it gives back is what the load gave
    told.clear()
    again, fresh = analyse_all(articles, store, told.append, plan)
    assert fresh == 0 and again == briefings
    assert told == [
        LoadProgress("analysing", len(articles), len(articles), len(articles), tuple(briefings))
    ]


def test_a_load_resumes_where_the_cache_stops(tmp_path):
    articles = _articles()
    store = Store(tmp_path / "cache.sqlite3")
    analyse_all(articles[:4], store)
    told: list[LoadProgress] = []
    briefings, fresh = analyse_all(articles, store, told.append, Plan(batch=100, workers=1))
    assert fresh == len(articles) - 4
    assert (told[0].done, told[0].cached, len(told[0].batch)) == (4, 4, 4)
    assert all(p.cached == 4 and p.total == len(articles) for p in told)
    assert told[-1].done == len(articles) and sum(len(p.batch) for p in told[1:]) == fresh
    assert briefings == [analyse(a) for a in articles]
