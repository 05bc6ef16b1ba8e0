"""The collector pause shared by the search index and the threader, which may build side by side."""

from __future__ import annotations

import gc
import threading

from brief.gc_pause import paused_gc


def test_overlapping_pauses_turn_the_collector_back_on_only_after_the_last():
    assert gc.isenabled()
    inner_started, outer_done = threading.Event(), threading.Event()
    seen = {}

    def other_thread():
        with paused_gc():
            inner_started.set()
            outer_done.wait(5)
            seen["while other still paused"] = gc.isenabled()
        seen["after both"] = gc.isenabled()

    with paused_gc():
        worker = threading.Thread(target=other_thread)
        worker.start()
        inner_started.wait(5)
        assert not gc.isenabled()
    # this thread's pause ended first; the other thread's is still on
    assert not gc.isenabled()
    outer_done.set()
    worker.join(5)
    assert seen == {"while other still paused": False, "after both": True}
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
