"""The ring buffer a reconnecting browser resumes from."""

from __future__ import annotations

import pytest

from visual.simhost.backlog import Backlog


def filled(size: int, count: int) -> Backlog:
    backlog = Backlog(size)
    for n in range(count):
        backlog.add(float(n), [{"type": "x", "n": n}])
    return backlog


def test_deltas_are_numbered_from_one():
    backlog = filled(10, 3)
    assert [d["seq"] for d in backlog.since(0) or []] == [1, 2, 3]


@pytest.mark.parametrize(
    ("seq", "expected"),
    [(5, []), (3, [4, 5]), (2, [3, 4, 5]), (1, None), (0, None), (6, None), (-1, None)],
    ids=["current", "recent", "oldest-kept", "dropped", "start", "future", "none"],
)
def test_since(seq, expected):
    backlog = filled(3, 5)
    deltas = backlog.since(seq)
    assert (None if deltas is None else [d["seq"] for d in deltas]) == expected
