"""Pausing Python's cyclic garbage collector around bulk work (no I/O).

Building an index or threading a corpus makes millions of short-lived objects,
and every such allocation burst triggers full collections that rescan the whole
corpus held in memory (at 100,000 briefings, a third of the threading time).
Nothing built there forms reference cycles worth collecting early, so the
collector waits until the work is done. Pauses nest and may overlap across
threads (the search index and the threader build side by side in the reader):
the collector comes back on only when the last pause ends, and only if it was
on when the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def paused_gc() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
