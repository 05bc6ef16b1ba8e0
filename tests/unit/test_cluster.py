"""The clustering and the bulk date comparison against plain, slow versions of themselves."""

import random

import numpy as np
import pytest

from brief.threads import Kept, Threader, date_factor
from brief.threads.cluster import average_link, components


def _naive_average_link(n, edges, threshold):
    clusters = [{i} for i in range(n)]

    def mean(x, y):
        return sum(edges.get((min(a, b), max(a, b)), 0.0) for a in x for b in y) / (len(x) * len(y))

    while True:
        best = max(
            (
                (mean(x, y), i, j)
                for i, x in enumerate(clusters)
                for j, y in enumerate(clusters)
                if i < j
            ),
            default=None,
        )
        if best is None or best[0] < threshold:
            break
        _, i, j = best
        clusters[i] |= clusters.pop(j)
    label = {}
    for c in clusters:
        for item in c:
            label[item] = min(c)
    return [label[i] for i in range(n)]


@pytest.mark.parametrize("seed", range(8))
def test_average_link_matches_the_textbook_algorithm(seed):
    rng = random.Random(seed)
    n = 30
    edges = {}
    for _ in range(70):
        a, b = rng.sample(range(n), 2)
        edges[(min(a, b), max(a, b))] = rng.random()  # distinct similarities: no ties to break
    got = average_link(n, edges, 0.35)
    assert got == _naive_average_link(n, edges, 0.35)
    assert len(set(got)) < n  # something merged, so the comparison says something


def test_components_are_the_connected_parts():
    rng = random.Random(3)
    n = 200
    a = [rng.randrange(n) for _ in range(150)]
    b = [rng.randrange(n) for _ in range(150)]
    neighbours = {i: set() for i in range(n)}
    for x, y in zip(a, b):
        neighbours[x].add(y)
        neighbours[y].add(x)
    expected = [0] * n
    seen = set()
    for start in range(n):
        if start in seen:
            continue
        part, todo = {start}, [start]
        while todo:
            for m in neighbours[todo.pop()] - part:
                part.add(m)
                todo.append(m)
        seen |= part
        for m in part:
            expected[m] = min(part)
    assert components(n, a, b).tolist() == expected


def test_date_factors_in_bulk_match_date_factor_edge_by_edge():
    rng = random.Random(5)
    feats = []
    for i in range(300):
        dates = tuple(sorted(rng.sample(range(735000, 735400), rng.choice((0, 0, 1, 1, 2, 3, 6)))))
        year_days = tuple(sorted(rng.sample(range(1, 366), rng.choice((0, 0, 0, 1, 2, 5)))))
        feats.append(Kept(id=str(i), dates=dates, year_days=year_days, actors=(), words=()))
    threader = Threader()
    threader.features = feats
    a = np.array([rng.randrange(300) for _ in range(4000)])
    b = np.array([rng.randrange(300) for _ in range(4000)])
    got = threader._date_factors(a, b)
    assert got.tolist() == [date_factor(feats[x], feats[y]) for x, y in zip(a.tolist(), b.tolist())]
    assert set(got.tolist()) == {0.3, 0.6, 1.0, 1.15}  # every kind of answer came up
