"""Threads: linking briefings into events and developing stories (no I/O).

    briefings, threads = build_threads(briefings)

`features` says what is compared, `index` finds candidate neighbours without
comparing every pair, `cluster` groups them, `dates` weighs time, `parallel`
featurises large batches in worker processes, and `assemble` turns
labels into dated events and named threads. `Threader` is the incremental state
behind `build_threads`: `snapshot` and `restore` keep it between runs, `regional`
clusters again only what new articles touch, `naming` and `outcome` keep the ids and
titles of what did not change.
"""

from brief.threads.dates import date_factor, gap_factor, infer_date
from brief.threads.features import Kept
from brief.threads.outcome import Previous, placed_as
from brief.threads.parallel import Plan
from brief.threads.state import Snapshot
from brief.threads.threader import Threader, build_threads

__all__ = [
    "Kept",
    "Plan",
    "Previous",
    "Snapshot",
    "Threader",
    "build_threads",
    "date_factor",
    "gap_factor",
    "infer_date",
    "placed_as",
]
