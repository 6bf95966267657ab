"""Go's sort.Sort (pdqsort) as kubectl events uses it: sorted, and ties left
where Go's algorithm leaves them."""

from __future__ import annotations

import random

import pytest

from cluster.kubectl.gosort import go_sort


@pytest.mark.parametrize("size", [0, 1, 5, 12, 13, 49, 50, 51, 200, 1000])
@pytest.mark.parametrize("shape", ["random", "sorted", "reversed", "few-values"])
def test_sorts(size: int, shape: str) -> None:
    rng = random.Random(size)
    values = {
        "random": [rng.randrange(10**6) for _ in range(size)],
        "sorted": list(range(size)),
        "reversed": list(range(size, 0, -1)),
        "few-values": [rng.randrange(3) for _ in range(size)],
    }[shape]
    assert go_sort(values, lambda a, b: a < b) == sorted(values)


def test_short_lists_keep_ties_in_order() -> None:
    items = [(1, "b"), (0, "x"), (1, "a"), (0, "y")]
    assert go_sort(items, lambda a, b: a[0] < b[0]) == [
        (0, "x"),
        (0, "y"),
        (1, "b"),
        (1, "a"),
    ]


def test_long_lists_are_not_stable() -> None:
    items = [(i % 2, i) for i in range(13)][::-1]
    ordered = go_sort(items, lambda a, b: a[0] < b[0])
    assert [key for key, _ in ordered] == sorted(key for key, _ in items)
    assert ordered != sorted(items, key=lambda item: item[0])
