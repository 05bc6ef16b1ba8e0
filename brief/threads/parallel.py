"""Featurising a batch for threading, in worker processes
when it is large (no I/O but the pool's pipes).

A large batch is featurised by worker processes while the main process indexes
the chunks already done: on two cores that takes the features (a fifth of the
work at 100,000 articles) off the critical path. The results are the same either
way; `prepare_chunk` is a pure function of plain data.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import get_context, resource_tracker

from brief.model import Briefing
from brief.threads.features import feature_input
from brief.threads.prepared import Prepared, prepare_chunk

CHUNK = 5000  # articles featurised and indexed together (a larger corpus is indexed incrementally)
PARALLEL_FROM = (
    4 * CHUNK
)  # below this many articles, starting worker processes costs more than it saves
AHEAD = 2  # chunks in flight per worker: enough to keep it busy, few enough to bound memory

Chunk = list[Prepared]  # a chunk's prepared articles
Pool = Callable[
    [list[list[Briefing]], int], Iterator[Chunk]
]  # (chunks, workers) -> their Chunks, in order


def default_workers() -> int:
    """One worker process per core this process may use, up to four."""
    cores = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )
    return min(cores, 4)


def in_workers(chunks: list[list[Briefing]], workers: int) -> Iterator[Chunk]:
    """Each chunk featurised by a pool of `workers` spawned processes, yielded in order."""
    _start_resource_tracker()
    # spawned, not forked: the reader threads in a worker
    # thread, and forking a threaded process is unsafe
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        pending: deque[Future] = deque()
        inputs = (list(map(feature_input, chunk)) for chunk in chunks)
        for item in islice(inputs, workers * AHEAD):
            pending.append(pool.submit(prepare_chunk, item))
        while pending:
            done = pending.popleft().result()
            for item in islice(inputs, 1):
                pending.append(pool.submit(prepare_chunk, item))
            yield done


@dataclass(frozen=True, slots=True)
class Plan:
    """How a batch is featurised: its chunk size, and when and how worker processes take part."""

    chunk: int = CHUNK
    workers: int = field(default_factory=default_workers)
    parallel_from: int = PARALLEL_FROM  # the smallest batch given to workers
    pool: Pool = in_workers


def featurised(batch: list[Briefing], plan: Plan | None = None) -> Iterator[Chunk]:
    """`batch` prepared for threading, `plan.chunk` articles at a time, in order.

    A large batch is featurised by worker processes while this one indexes the
    chunks already done: on two cores that takes the features (a fifth of the
    work at 100,000 articles) off the critical path. The results are the same
    either way; `prepare_chunk` is a pure function of plain data.
    """
    plan = plan or Plan()
    chunks = [batch[start : start + plan.chunk] for start in range(0, len(batch), plan.chunk)]
    done = 0
    if plan.workers > 1 and len(batch) >= plan.parallel_from:
        try:
            for feats in plan.pool(chunks, plan.workers):
                yield feats
                done += 1
        except (BrokenProcessPool, OSError, NotImplementedError):
            # no worker processes here (a sandbox, a script without a __main__ guard,
            # a Python without semaphores): the rest in this one, with the same result
            pass
    for chunk in chunks[done:]:
        yield prepare_chunk(list(map(feature_input, chunk)))


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker, which
    the pool's semaphores need, with a usable stderr.

    The tracker is a process started on first use and handed our stderr's file
    descriptor. In the reader, Textual has replaced sys.stderr with an object
    whose fileno() is -1, and starting the tracker then fails ("bad value(s) in
    fds_to_keep"). Hand it /dev/null instead: nothing it says belongs on the
    reader's screen.
    """
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        return  # no file descriptor at all: the tracker copes by leaving stderr out
    if usable:
        return
    with open(os.devnull, "w") as sink:
        saved, sys.stderr = sys.stderr, sink
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = saved
