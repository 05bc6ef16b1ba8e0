"""Analysing many articles at once: in worker processes, a batch at a time, in input order.

    for batch in analysed(articles, encode=encode_briefing):   # a list per `Plan.batch` articles
        ...

Plain data in and out, no I/O but the pool's pipes. A large corpus is shared by one spawned
worker process per core; a small one (below `Plan.parallel_from`: starting the pool costs more
than it saves), or one where no worker can start, is analysed in this process. The batches are
the same either way: each is `[encode(analyse(a)) for a in batch]`, yielded in input order.

`encode` runs in the worker, so what crosses the pipe is its result: a compact string is far
cheaper to send than a pickled `Briefing` (its hundred small dataclasses).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TypeVar

from brief.analysis.briefing import analyse
from brief.model import Article, Briefing

T = TypeVar("T")

BATCH = 500  # articles a worker analyses at a time: what a caller commits and shows at once
# Below this many articles one process is as quick. A worker spends about 0.35 s of CPU starting
# (Python, the analysis's modules, the tagger's model): on this machine, quiet, two workers were
# 1.03x one process at 200 articles, 1.11x at 400, 1.36x at 600; busy, they paid only from
# about 1,000 (benchmarks/cold_analysis.py --break-even). A load of one batch stays here.
PARALLEL_FROM = BATCH + 1
AHEAD = 2  # batches in flight per worker: enough to keep it busy, few enough to bound memory
WATCH_SECONDS = 0.5  # how often a worker checks that its parent still lives


def default_workers() -> int:
    """One worker process per core this process may use, up to four."""
    if hasattr(os, "sched_getaffinity"):
        return min(len(os.sched_getaffinity(0)), 4)
    return min(os.cpu_count() or 1, 4)


@dataclass(frozen=True, slots=True)
class Plan:
    """How many articles go in a batch, and when and how many worker processes take part."""

    batch: int = BATCH
    workers: int = field(default_factory=default_workers)
    parallel_from: int = PARALLEL_FROM


def batch_size(articles: int, plan: Plan) -> int:
    """Articles per batch: `plan.batch`, or fewer when there are not enough to give every
    worker a few batches (and a short load still shows its progress as it goes)."""
    return max(1, min(plan.batch, -(-articles // (max(1, plan.workers) * AHEAD))))


def _same(briefing: Briefing) -> Briefing:
    return briefing


def analyse_batch(articles: Sequence[Article], encode: Callable[[Briefing], T]) -> list[T]:
    return [encode(analyse(a)) for a in articles]


def analysed(
    articles: Sequence[Article],
    plan: Plan | None = None,
    encode: Callable[[Briefing], T] = _same,
) -> Iterator[list[T]]:
    """`encode(analyse(a))` for every article, in batches of `batch_size`, in input order."""
    plan = plan or Plan()
    parallel = plan.workers > 1 and len(articles) >= max(2, plan.parallel_from)
    size = batch_size(len(articles), plan)
    batches = [articles[i : i + size] for i in range(0, len(articles), size)]
    done = 0
    if parallel:
        # imported here: a warm start, which analyses nothing, need not pay for them
        from concurrent.futures.process import BrokenProcessPool

        try:
            for result in _in_workers(batches, plan.workers, encode):
                yield result
                done += 1
        except (BrokenProcessPool, OSError, NotImplementedError):
            # no worker processes here (a sandbox, a script without a __main__ guard, a
            # Python without semaphores), or one died: the rest in this one, same result
            pass
    for batch in batches[done:]:
        yield analyse_batch(batch, encode)


def _in_workers(
    batches: list[Sequence[Article]], workers: int, encode: Callable[[Briefing], T]
) -> Iterator[list[T]]:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    _tracker_ready()
    # spawned, not forked: the reader loads in a worker thread, and forking a threaded process
    # is unsafe
    pool = ProcessPoolExecutor(
        max_workers=min(workers, len(batches)),
        mp_context=get_context("spawn"),
        initializer=_worker_started,
        initargs=(os.getpid(),),
    )
    try:
        waiting = iter(batches)
        pending = deque(
            pool.submit(analyse_batch, batch, encode) for batch in islice(waiting, workers * AHEAD)
        )
        while pending:
            result = pending.popleft().result()
            following = next(waiting, None)
            if following is not None:
                pending.append(pool.submit(analyse_batch, following, encode))
            yield result
    except BaseException:
        # an abandoned load (Ctrl-C, an error, the caller stopping early): what the workers
        # are analysing would be thrown away, so they stop now rather than finish it
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_started(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    """End this worker when its parent is gone (killed with -9, say): nothing would read what
    it analyses, and nobody else would end it."""
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def _tracker_ready() -> None:
    """Start multiprocessing's resource tracker (the pool's semaphores need it) where it can.

    The tracker is handed our stderr's file descriptor. In the reader, Textual has put an
    object in sys.stderr whose fileno() is -1, and starting the tracker then fails ("bad
    value(s) in fds_to_keep"): it gets /dev/null instead; nothing it says belongs on screen.
    """
    try:
        if sys.stderr is None or sys.stderr.fileno() >= 0:
            return
    except (AttributeError, OSError, ValueError):
        return  # no file descriptor at all: the tracker leaves stderr out by itself
    from multiprocessing import resource_tracker

    with open(os.devnull, "w") as sink, contextlib.redirect_stderr(sink):
        resource_tracker.ensure_running()
