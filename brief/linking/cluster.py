"""Average-link agglomerative clustering over a sparse similarity graph (no I/O).

Pairs with no edge count as similarity 0, so the work grows with the number of
edges, not with the square of the number of items. Ties are broken by item
number, so the result does not depend on dictionary order.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping


def average_link(
    n: int,
    edges: Mapping[tuple[int, int], float] | Iterable[tuple[int, int, float]],
    threshold: float,
    can_merge: Callable[[int, int], bool] | None = None,
    merged: Callable[[int, int], None] | None = None,
) -> list[int]:
    """Cluster label (the smallest member number) of each of the `n` items.

    `edges` maps pairs to similarities, or is an iterable of (a, b, similarity)
    triples, which may be a generator so that no dict of pairs need be built.
    Clusters merge while the mean similarity over all cross pairs is >= `threshold`.
    `can_merge(a, b)` may veto a merge of the clusters whose representatives are
    `a` and `b`; `merged(big, small)` is told when `small` joins `big`.
    """
    size = [1] * n
    parent = list(range(n))
    links: list[dict[int, float]] = [{} for _ in range(n)]  # cluster -> summed similarity to each neighbour
    triples = ((a, b, sim) for (a, b), sim in edges.items()) if isinstance(edges, Mapping) else edges
    for a, b, sim in triples:
        if a != b and sim > 0:
            links[a][b] = links[a].get(b, 0.0) + sim
            links[b][a] = links[b].get(a, 0.0) + sim
    heap = [(-s / (size[a] * size[b]), a, b) for a in range(n) for b, s in links[a].items() if a < b]
    heap = [entry for entry in heap if -entry[0] >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if parent[a] != a or parent[b] != b or b not in links[a]:
            continue
        mean = links[a][b] / (size[a] * size[b])
        if mean < -neg - 1e-12:  # stale: a neighbour grew since this entry was pushed
            if mean >= threshold:
                heapq.heappush(heap, (-mean, a, b))
            continue
        if can_merge is not None and not can_merge(a, b):
            continue
        big, small = (a, b) if (size[a], -a) >= (size[b], -b) else (b, a)
        if merged is not None:
            merged(big, small)
        parent[small] = big
        size[big] += size[small]
        del links[big][small]
        for other, s in links[small].items():
            if other == big:
                continue
            del links[other][small]
            total = links[big].get(other, 0.0) + s
            links[big][other] = total
            links[other][big] = total
            mean = total / (size[big] * size[other])
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(big, other), max(big, other)))
        links[small] = {}
    labels = []
    for i in range(n):
        root = i
        while parent[root] != root:
            root = parent[root]
        labels.append(root)
    smallest: dict[int, int] = {}
    for i, root in enumerate(labels):
        smallest.setdefault(root, i)
    return [smallest[root] for root in labels]
