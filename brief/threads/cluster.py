"""Average-link agglomerative clustering over a sparse similarity graph (no I/O).

Pairs with no edge count as similarity 0, so the work grows with the number of
edges, not with the square of the number of items. Ties are broken by item
number, so the result does not depend on dictionary order.

Two clusters can merge only if some edge between them reaches the threshold (a
mean is never above every term), so a cluster never spans two components of the
graph of such edges. Each component is clustered on its own, with its own small
heap: the same merges in the same order, but at 100,000 articles each heap
operation compares a few entries instead of twenty levels of a million.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping

import numpy as np


def average_link(
    n: int,
    edges: Mapping[tuple[int, int], float] | Iterable[tuple[int, int, float]],
    threshold: float,
) -> list[int]:
    """Cluster label (the smallest member number) of each of the `n` items.

    `edges` maps pairs to similarities, or is an iterable of (a, b, similarity)
    triples, which may be a generator so that no dict of pairs need be built.
    Clusters merge while the mean similarity over all cross pairs is >= `threshold`.
    """
    size = [1] * n
    parent = list(range(n))
    links: list[dict[int, float]] = [
        {} for _ in range(n)
    ]  # cluster -> summed similarity to each neighbour
    triples = (
        ((a, b, sim) for (a, b), sim in edges.items()) if isinstance(edges, Mapping) else edges
    )
    for a, b, sim in triples:
        if a != b and sim > 0:
            links[a][b] = links[a].get(b, 0.0) + sim
            links[b][a] = links[b].get(a, 0.0) + sim
    heap = [(-s, a, b) for a in range(n) for b, s in links[a].items() if a < b and s >= threshold]
    component = components(n, [a for _, a, _ in heap], [b for _, _, b in heap]).tolist()
    heap.sort(key=lambda entry: component[entry[1]])
    start = 0
    while start < len(heap):
        label = component[heap[start][1]]
        end = start + 1
        while end < len(heap) and component[heap[end][1]] == label:
            end += 1
        part = heap[start:end]
        heapq.heapify(part)
        _merge(part, size, parent, links, threshold)
        start = end
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


def _merge(
    heap: list[tuple[float, int, int]],
    size: list[int],
    parent: list[int],
    links: list[dict[int, float]],
    threshold: float,
) -> None:
    """Merge the best pair while its mean similarity reaches the threshold."""
    pop, push = heapq.heappop, heapq.heappush
    while heap:
        neg, a, b = pop(heap)
        if parent[a] != a or parent[b] != b or b not in links[a]:
            continue
        mean = links[a][b] / (size[a] * size[b])
        if mean < -neg - 1e-12:  # stale: a neighbour grew since this entry was pushed
            if mean >= threshold:
                push(heap, (-mean, a, b))
            continue
        big, small = (a, b) if (size[a], -a) >= (size[b], -b) else (b, a)
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
                push(heap, (-mean, min(big, other), max(big, other)))
        links[small] = {}


def components(n: int, ends_a: Iterable[int], ends_b: Iterable[int]) -> np.ndarray:
    """Component label of each of `n` items joined by the
    edges (a, b): the smallest item of its component."""
    a, b = np.asarray(ends_a, np.int64), np.asarray(ends_b, np.int64)
    label = np.arange(n)
    while True:
        # hook each tree onto the lowest label an edge offers it, then flatten the trees
        low = np.minimum(label[a], label[b])
        np.minimum.at(label, label[a], low)
        np.minimum.at(label, label[b], low)
        while not np.array_equal(jumped := label[label], label):
            label = jumped
        if np.array_equal(label[a], label[b]):
            return label


def nearest(n: int, ends_a: np.ndarray, ends_b: np.ndarray, sims: np.ndarray, k: int) -> np.ndarray:
    """Each item's k most similar neighbours (ties to the
    lower number) and itself, as the rows of a matrix.

    Rows with fewer neighbours are padded with -2 - the row's own number, a value no other row has.
    """
    node = np.concatenate((ends_a, ends_b))
    other = np.concatenate((ends_b, ends_a))
    order = np.lexsort((other, -np.concatenate((sims, sims)), node))
    node, other = node[order], other[order]
    rank = np.arange(len(node)) - np.searchsorted(node, node)
    near = rank < k
    top = np.repeat(-2 - np.arange(n, dtype=np.int64)[:, None], k + 1, axis=1)
    top[:, 0] = np.arange(n)
    top[node[near], rank[near] + 1] = other[near]
    return top


def common_neighbours(top: np.ndarray, ends_a: np.ndarray, ends_b: np.ndarray) -> np.ndarray:
    """For each edge, how many entries its two ends' rows of `top` have in common."""
    out = np.empty(len(ends_a), np.int64)
    step = 1 << 16  # edges at a time: the comparison cube is (edges, k + 1, k + 1)
    for start in range(0, len(ends_a), step):
        ta, tb = top[ends_a[start : start + step]], top[ends_b[start : start + step]]
        out[start : start + step] = (ta[:, :, None] == tb[:, None, :]).sum(axis=(1, 2))
    return out
