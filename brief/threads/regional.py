"""Re-clustering only the part of a graph that changed, with the result of clustering it all
(no I/O).

Average link never merges across two components of the graph of edges at or above its
threshold (`brief.threads.cluster`), and within a component its merges depend on that
component's edges alone. So when new articles arrive, a component none of whose items
changed, and that was a whole component before too, keeps its clusters; only the
components that hold a changed item, now or before, are clustered again. Item numbers
keep their order, so ties break as they would in one clustering of everything.
"""

from __future__ import annotations

import numpy as np

from brief.threads.cluster import average_link, components


def parts_of(n: int, a: np.ndarray, b: np.ndarray, sims: np.ndarray, threshold: float):
    """Component (its smallest item) of each of `n` items, over the edges at the threshold."""
    strong = sims >= threshold
    return components(n, a[strong], b[strong])


def touched(parts: np.ndarray, changed: np.ndarray, parts_before: np.ndarray) -> np.ndarray:
    """Items to cluster again: those in a component that holds a `changed` item now, or did
    before (`parts_before` covers the items there were then, which kept their numbers)."""
    redo = np.isin(parts, parts[changed])
    old = changed[changed < len(parts_before)]
    redo[: len(parts_before)] |= np.isin(parts_before, parts_before[old])
    return redo


def recluster(
    labels: np.ndarray,
    redo: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    sims: np.ndarray,
    threshold: float,
) -> np.ndarray:
    """`labels` (an item's cluster: its smallest member) with the items in `redo`, whole
    components, clustered afresh over the edges (a, b, sims) between them."""
    nodes = np.flatnonzero(redo)
    inside = redo[a] & redo[b]
    local = np.full(len(redo), -1, np.int64)
    local[nodes] = np.arange(len(nodes))
    found = average_link(
        len(nodes),
        zip(local[a[inside]].tolist(), local[b[inside]].tolist(), sims[inside].tolist()),
        threshold,
    )
    out = labels.copy()
    out[nodes] = nodes[np.asarray(found, np.int64)]
    return out
